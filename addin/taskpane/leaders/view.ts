/**
 * The "领导视图 / Leaders' view" card of the main view: a week picker (empty = this week), the 全县项目
 * option, the refresh button, progress and the last result. Built once; `update` only changes what differs.
 */
import { h, show } from '../dom';
import { t } from '../i18n';
import { langTexts } from '../lang-texts';
import type { PaneState } from '../state';
import { canRefreshLeaders } from '../state';

export interface LeadersHandlers {
  refreshLeaders(): void;
  changeLeaders(patch: { week?: string; countyProjects?: boolean }): void;
  /** File mode: download the refreshed workbook. */
  download?: () => void;
}

export function createLeadersCard(on: LeadersHandlers): { element: HTMLElement; update(s: PaneState): void } {
  const { tx, apply } = langTexts();
  const title = tx(h('h2', { class: 'section-title', id: 'leaders-title' }), 'leadersTitle');
  const hint = tx(h('p', { class: 'hint' }), 'leadersHint');
  const weekLabel = tx(h('label', { for: 'leaders-week' }), 'leadersWeek');
  // A text box for "2026-W48" (checked on refresh), not <input type="week">: the browser draws that one in its own
  // locale ("Week --, ----" in an English Chromium), where the pane's language decides this placeholder.
  const week = tx(
    h('input', { type: 'text', id: 'leaders-week', class: 'input', autocomplete: 'off', spellcheck: 'false', inputmode: 'text', pattern: '\\d{4}-W\\d{2}', oninput: () => on.changeLeaders({ week: week.value.trim() }) }),
    'leadersWeekPlaceholder',
    'placeholder',
  );
  const weekError = tx(h('p', { class: 'field-error', id: 'leaders-week-error', role: 'alert' }), 'errBadWeek');
  const county = h('input', { type: 'checkbox', id: 'leaders-county', onchange: () => on.changeLeaders({ countyProjects: county.checked }) });
  const countyLabel = tx(h('label', { for: 'leaders-county' }), 'leadersCounty');
  const button = tx(h('button', { type: 'button', class: 'button', id: 'refresh-leaders', onclick: () => on.refreshLeaders() }), 'refreshLeaders');
  const status = h('p', { class: 'progress-label', id: 'leaders-status', role: 'status', 'aria-live': 'polite' });
  const download = tx(h('button', { type: 'button', class: 'button primary', id: 'leaders-download', onclick: () => on.download?.() }), 'download');
  const element = h(
    'section',
    { class: 'card', id: 'leaders', 'aria-labelledby': 'leaders-title' },
    title,
    hint,
    h('div', { class: 'field' }, weekLabel, week, weekError),
    h('div', { class: 'check' }, county, countyLabel),
    h('div', { class: 'row' }, button),
    status,
    download,
  );

  function update(s: PaneState): void {
    apply(s.lang);
    const l = s.leaders;
    if (document.activeElement !== week) week.value = l.week;
    show(weekError, l.weekRefused);
    week.setAttribute('aria-invalid', String(l.weekRefused));
    if (l.weekRefused) week.setAttribute('aria-describedby', 'leaders-week-error');
    else week.removeAttribute('aria-describedby');
    county.checked = l.countyProjects;
    week.disabled = county.disabled = l.busy;
    button.disabled = !canRefreshLeaders(s);
    button.setAttribute('aria-busy', String(l.busy));
    status.textContent = l.busy
      ? t(s.lang, l.step === 'projects' ? 'leadersProjects' : l.step === 'write' ? 'leadersWriting' : 'leadersFetching', { n: l.received })
      : l.result
        ? t(s.lang, 'leadersDone', { sheets: l.result.sheets.join(s.lang === 'zh' ? '、' : ', '), week: l.result.week, count: l.result.count, red: l.result.red, yellow: l.result.yellow })
        : '';
    // File mode without a sync result: the refreshed workbook is downloaded from here.
    show(download, s.mode === 'file' && !!on.download && l.result !== null && !l.busy && s.outcome === null);
  }
  return { element, update };
}
