/**
 * The "项目历史 / Project history" card (Office mode): the button that reads the selected row, the project it
 * found, and a compact timeline — when, who, from which workbook, what changed (old → new), stage transitions,
 * flag changes as colour chips. Rebuilt only when the history or the language changes.
 */
import { type FlagLevel, type ProjectFigures } from '../../../contract';
import { fill, h, show } from '../dom';
import { timelineOf, type TimelineEntry } from './timeline';
import { figureLines } from './figures';
import { t, type Lang } from '../i18n';
import { langTexts } from '../lang-texts';
import type { PaneState } from '../state';
import { canShowHistory } from '../state';
import type { HistoryState } from './state';
import { FLAG_STYLE } from '../../core/flag-style';

export function createHistoryCard(on: { showHistory(): void }): { element: HTMLElement; update(s: PaneState): void } {
  const { tx, apply } = langTexts();
  const title = tx(h('h2', { class: 'section-title', id: 'history-title' }), 'historyTitle');
  const hint = tx(h('p', { class: 'hint' }), 'historyHint');
  const button = tx(h('button', { type: 'button', class: 'button', id: 'show-history', onclick: () => on.showHistory() }), 'showHistory');
  const status = h('p', { class: 'progress-label', id: 'history-status', role: 'status', 'aria-live': 'polite' });
  const problem = h('p', { class: 'message message-error', id: 'history-problem', role: 'alert' });
  const heading = h('p', { class: 'history-target', id: 'history-target' });
  // The project's per-mu figures, computed by the server (never written into the clerk's cells).
  const figures = h('section', { class: 'history-figures', id: 'history-figures' });
  const timeline = h('ol', { class: 'timeline', id: 'history-list' });
  const element = h('section', { class: 'card', id: 'history', 'aria-labelledby': 'history-title' }, title, hint, h('div', { class: 'row' }, button), status, heading, figures, problem, timeline);

  let shown: HistoryState | undefined;
  function update(s: PaneState): void {
    const lang = s.lang;
    const langChanged = apply(lang);
    const hs = s.history;
    button.disabled = !canShowHistory(s);
    button.setAttribute('aria-busy', String(hs.busy));
    if (hs === shown && !langChanged) return;
    shown = hs;
    status.textContent = hs.busy ? t(lang, 'historyLoading') : hs.events ? t(lang, hs.events.length ? 'historyCount' : 'historyNone', { n: hs.events.length }) : '';
    show(problem, hs.problem !== null);
    problem.textContent = hs.problem ? t(lang, hs.problem.key, hs.problem.params) : '';
    show(heading, hs.target !== null);
    heading.textContent = hs.target ? t(lang, 'historyOf', { name: hs.target.name || '—', id: hs.target.id, sheet: hs.target.sheet, row: hs.target.row }) : '';
    show(figures, hs.figures !== null);
    fill(figures, ...(hs.figures ? figuresOf(lang, hs.figures) : []));
    fill(timeline, ...(hs.events ? timelineOf(lang, hs.events).map((e) => entry(lang, e)) : []));
  }
  return { element, update };
}

/** 用地面积, 投资强度, 亩均税收, 亩均产值 as a small definition list (wording: figures.ts); one line when there is no land. */
function figuresOf(lang: Lang, f: ProjectFigures): HTMLElement[] {
  const title = h('p', { class: 'figures-title' }, t(lang, 'historyFiguresTitle'));
  const w = figureLines(lang, f);
  if (w.kind === 'noLand') return [title, h('p', { class: 'hint figures-none' }, w.text)];
  return [title, h('dl', { class: 'figures' }, ...w.lines.flatMap((l) => [h('dt', { 'data-figure': l.key }, l.label), h('dd', { 'data-figure': l.key }, l.value)]))];
}

function chip(lang: Lang, level: FlagLevel): HTMLElement {
  const style = level === 'none' ? null : FLAG_STYLE[level];
  const el = h('span', { class: `flag-chip flag-${level}` }, style ? style[lang] : t(lang, 'flagNone'));
  if (style) el.style.cssText = `background:${style.fill};color:${style.font}`;
  return el;
}

function entry(lang: Lang, e: TimelineEntry): HTMLElement {
  const head = h(
    'div',
    { class: 'timeline-head' },
    h('span', { class: `timeline-kind kind-${e.kind}` }, e.kindLabel),
    h('time', { datetime: e.at, class: 'timeline-when' }, e.when),
  );
  const who = h('p', { class: 'timeline-who' }, h('span', { class: 'timeline-user', title: e.whoDetail }, e.who), ` · ${t(lang, 'historyFrom', { workbook: e.workbook })}`);
  const changeItems = e.changes.map((c) =>
    h('li', { class: 'change', 'data-field': c.field }, h('span', { class: 'change-field' }, c.label), lang === 'zh' ? '：' : ': ', h('span', { class: 'change-from' }, c.from), ' → ', h('span', { class: 'change-to' }, c.to)),
  );
  // A created project lists every field it was entered with: folded, so the timeline stays compact.
  const changes =
    e.changes.length === 0
      ? null
      : e.kind === 'created'
        ? h('details', { class: 'changes-folded' }, h('summary', {}, t(lang, 'historyFieldsEntered', { n: e.changes.length })), h('ul', { class: 'changes' }, ...changeItems))
        : h('ul', { class: 'changes' }, ...changeItems);
  const transition = e.transition ? h('p', { class: 'timeline-transition' }, e.transition) : null;
  const flag = e.flag
    ? h(
        'p',
        { class: 'timeline-flag' },
        `${t(lang, 'historyFlagLabel')}${lang === 'zh' ? '：' : ': '}`,
        chip(lang, e.flag.from),
        ' → ',
        chip(lang, e.flag.to),
        e.flag.rules.length ? h('span', { class: 'timeline-rules' }, ` ${t(lang, 'historyRules', { rules: e.flag.rules.join(lang === 'zh' ? '、' : ', ') })}`) : null,
      )
    : null;
  return h('li', { class: 'timeline-item', 'data-version': e.version }, head, who, transition, flag, changes);
}
