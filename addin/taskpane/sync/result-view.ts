/**
 * The last sync's result in the main view: the figures, the rows to move to a later list (with "apply moves"),
 * the cell problems (each a "go to cell" link in Office mode), the projects missing from the workbook, and the
 * download button of file mode. Built once; `update` rebuilds the lists only when the outcome or the language changes.
 */
import { STAGE_NAMES } from '../../../contract';
import { fill, h, show } from '../dom';
import { t, type Lang, type MessageKey } from '../i18n';
import { langTexts } from '../lang-texts';
import type { PendingMove, SyncOutcome } from '../model';
import type { PaneState } from '../state';
import { canDownload } from '../state';

export interface ResultHandlers {
  applyMoves(): void;
  download(): void;
  /** Absent in file mode: there is no Excel selection to move. */
  goToCell?: (sheet: string, cell: string) => void;
}

/** A pending move's line: "名称：重点线索 → 签约项目，用时 54 天" — the step's days (the figure the county wants shortened) when the row's dates tell. */
export function moveLine(lang: Lang, m: PendingMove): string {
  const vars = { name: m.name || m.id, from: STAGE_NAMES[m.from][lang], to: STAGE_NAMES[m.to][lang] };
  return m.cycleDays === null ? t(lang, 'moveLine', vars) : t(lang, 'moveLineDays', { ...vars, days: m.cycleDays });
}

export function createResultCard(on: ResultHandlers): { element: HTMLElement; update(s: PaneState): void } {
  const { tx, apply } = langTexts();
  let lang: Lang = 'zh';
  let shownOutcome: SyncOutcome | null | undefined;

  const stats = h('dl', { class: 'stats', id: 'stats' });
  const stored = h('p', { class: 'hint', id: 'stored-line' });
  const movesList = h('ul', { class: 'list', id: 'moves-list' });
  const movesTitle = h('h3', { class: 'section-title' });
  const applyButton = tx(h('button', { type: 'button', class: 'button primary', id: 'apply-moves', onclick: () => on.applyMoves() }), 'applyMoves');
  const movesSection = h('section', { class: 'card', id: 'moves', 'aria-labelledby': 'moves-title' }, movesTitle, tx(h('p', { class: 'hint' }), 'movesHint'), movesList, applyButton);
  movesTitle.id = 'moves-title';
  const flaggedTitle = h('h3', { class: 'section-title', id: 'flagged-title' });
  const flaggedList = h('ul', { class: 'list', id: 'flagged-list' });
  const flaggedSection = h('section', { class: 'card', id: 'flagged', 'aria-labelledby': 'flagged-title' }, flaggedTitle, flaggedList);
  const errorsTitle = h('h3', { class: 'section-title', id: 'errors-title' });
  const errorsList = h('ul', { class: 'list', id: 'errors-list' });
  const errorsSection = h('section', { class: 'card', id: 'errors', 'aria-labelledby': 'errors-title' }, errorsTitle, errorsList);
  const missingTitle = h('h3', { class: 'section-title', id: 'missing-title' });
  const missingList = h('ul', { class: 'list', id: 'missing-list' });
  const missingSection = h('section', { class: 'card', id: 'missing', 'aria-labelledby': 'missing-title' }, missingTitle, tx(h('p', { class: 'hint' }), 'missingHint'), missingList);
  const downloadButton = tx(h('button', { type: 'button', class: 'button primary', id: 'download', onclick: () => on.download() }), 'download');
  const resultTitle = tx(h('h2', { class: 'section-title' }), 'resultTitle');
  const element = h('section', { id: 'result', class: 'result' }, resultTitle, stats, stored, downloadButton, flaggedSection, movesSection, errorsSection, missingSection);

  function update(s: PaneState): void {
    lang = s.lang;
    const langChanged = apply(lang);
    show(downloadButton, canDownload(s));
    downloadButton.disabled = s.phase !== 'done';
    show(element, s.outcome !== null);
    if (s.outcome && (s.outcome !== shownOutcome || langChanged)) renderOutcome(s.outcome);
    shownOutcome = s.outcome;
    applyButton.disabled = s.phase !== 'done';
    applyButton.textContent = t(lang, s.phase === 'applying' ? 'applying' : 'applyMoves');
  }

  function renderOutcome(o: SyncOutcome): void {
    const stat = (key: MessageKey, value: number, cls: string) =>
      h('div', { class: `stat ${cls}` }, h('dt', {}, t(lang, key)), h('dd', { id: `stat-${cls}` }, String(value)));
    fill(stats, stat('rows', o.rows, 'rows'), stat('red', o.red, 'red'), stat('yellow', o.yellow, 'yellow'), stat('transitions', o.transitions, 'transitions'));
    stats.setAttribute('aria-label', t(lang, 'resultTitle'));
    stored.textContent = t(lang, 'storedLine', { created: o.created, updated: o.updated, unchanged: o.unchanged }) + (o.matched ? t(lang, 'storedMatched', { matched: o.matched }) : '');

    // The red and yellow projects with their reasons; in Excel a click selects the project's row (its name cell).
    flaggedTitle.textContent = o.flagged.length ? t(lang, 'flaggedTitle', { n: o.flagged.length }) : t(lang, 'flaggedNone');
    const sep = lang === 'zh' ? '；' : '; ';
    fill(
      flaggedList,
      ...o.flagged.map((f) => {
        const label = f.name || f.id;
        const goTo = on.goToCell;
        const name = goTo
          ? h('button', { type: 'button', class: 'link flagged-name', 'aria-label': t(lang, 'goToRow', { name: label, cell: `${f.sheet}!${f.cell}` }), onclick: () => goTo(f.sheet, f.cell) }, label)
          : h('span', { class: 'flagged-name' }, label);
        const badge = h('span', { class: `badge ${f.level}` }, t(lang, f.level));
        return h('li', { class: `item flagged-item ${f.level}` }, badge, name, h('span', { class: 'flagged-reasons' }, f.reasons.map((r) => r[lang]).join(sep)));
      }),
    );

    show(movesSection, o.moves.length > 0);
    movesTitle.textContent = t(lang, 'movesTitle', { n: o.moves.length });
    fill(movesList, ...o.moves.map((m) => h('li', { class: 'item' }, moveLine(lang, m))));

    errorsTitle.textContent = o.errors.length ? t(lang, 'errorsTitle', { n: o.errors.length }) : t(lang, 'errorsNone');
    fill(
      errorsList,
      ...o.errors.map((e) => {
        const address = `${e.sheet}!${e.cell}`;
        const goTo = on.goToCell;
        const where = goTo
          ? h('button', { type: 'button', class: 'link address', 'aria-label': t(lang, 'goToCell', { cell: address }), onclick: () => goTo(e.sheet, e.cell) }, address)
          : h('span', { class: 'address' }, address);
        return h('li', { class: 'item error-item' }, where, h('span', { class: 'error-text' }, e.message[lang]));
      }),
    );

    show(missingSection, o.missing.length > 0);
    missingTitle.textContent = t(lang, 'missingTitle', { n: o.missing.length });
    fill(missingList, ...o.missing.map((m) => h('li', { class: 'item' }, `${m.name || m.id} · ${STAGE_NAMES[m.stage][lang]}${m.unit ? ` · ${m.unit}` : ''}`)));
  }

  return { element, update };
}
