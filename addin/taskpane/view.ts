/**
 * Renders PaneState into the DOM. The skeleton (buttons, inputs, regions) is built once so focus survives
 * updates; lists are rebuilt only when their data or the language changes. Views never call services:
 * they call the handlers the controller passes in.
 */
import { FIELDS, type FieldKey, type ListKey } from '../../contract';
import { fill, h, show } from './dom';
import { formatTime, pick, t, type Lang, type MessageKey } from './i18n';
import type { Role } from '../../contract';
import type { LayoutSheet, PaneSettings } from './model';
import type { MeState, PaneState, ViewName } from './state';
import { canSync } from './state';
import { createLeadersCard } from './leaders/view';
import { createHistoryCard } from './history/view';
import { createResultCard } from './sync/result-view';
import { langTexts } from './lang-texts';
import { LISTS } from '../core/sheet-names';

export interface ViewHandlers {
  sync(): void;
  cancel(): void;
  applyMoves(): void;
  /** Absent in file mode: there is no Excel selection to move. */
  goToCell?: (sheet: string, cell: string) => void;
  openFile(file: File): void;
  download(): void;
  showView(view: ViewName): void;
  setLang(lang: Lang): void;
  dismiss(): void;
  changeSettings(patch: Partial<PaneSettings>): void;
  /** The clerk's correction of which list a sheet is (null: not a list). */
  mapSheet(sheet: string, list: ListKey | null): void;
  /** The clerk's correction of a column's field (null: ignore the column). */
  mapColumn(sheet: string, col: string, field: FieldKey | null): void;
  saveSettings(): void;
  signIn(): void;
  signOut(): void;
  /** The leaders' view card (leaders/view.ts); absent: no card. */
  refreshLeaders?: () => void;
  changeLeaders?: (patch: { week?: string; countyProjects?: boolean }) => void;
  /** The project history card (history/view.ts), Office mode; absent: no card. */
  showHistory?: () => void;
}

const ROLE_TEXT: Record<Role, MessageKey> = { clerk: 'roleClerk', leader: 'roleLeader', admin: 'roleAdmin' };

export interface View {
  update(state: PaneState): void;
}

export function createView(root: HTMLElement, on: ViewHandlers): View {
  let lang: Lang = 'zh';
  const { tx, apply } = langTexts();

  // ── header ──
  const title = tx(h('h1', { class: 'title' }), 'appTitle');
  const subtitle = h('p', { class: 'subtitle' });
  const langLabel = tx(h('label', { for: 'lang', class: 'visually-hidden' }), 'language');
  const langSelect = h(
    'select',
    { id: 'lang', class: 'lang', onchange: () => on.setLang(langSelect.value as Lang) },
    h('option', { value: 'zh', lang: 'zh-CN' }, '中文'),
    h('option', { value: 'en', lang: 'en' }, 'English'),
  );
  const settingsButton = h('button', { type: 'button', class: 'icon-button', id: 'open-settings', onclick: () => on.showView('settings') }, h('span', { 'aria-hidden': 'true' }, '⚙'));
  tx(settingsButton, 'settings', 'aria-label');
  const header = h('header', { class: 'bar' }, h('div', {}, title, subtitle), h('div', { class: 'bar-actions' }, langLabel, langSelect, settingsButton));

  // ── messages ──
  const problemText = h('p', { class: 'message-text' });
  const problemBox = h('div', { class: 'message message-error', role: 'alert', id: 'problem' }, problemText, tx(h('button', { type: 'button', class: 'link', onclick: () => on.dismiss() }), 'dismiss'));
  const noticeText = h('p', { class: 'message-text' });
  const noticeBox = h('div', { class: 'message message-info', role: 'status', id: 'notice' }, noticeText);

  // ── file mode card ──
  const fileInput = h('input', {
    type: 'file',
    id: 'file-input',
    accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    class: 'visually-hidden',
    onchange: () => {
      const f = fileInput.files?.[0];
      if (f) on.openFile(f);
      fileInput.value = '';
    },
  });
  const openButton = tx(h('button', { type: 'button', class: 'button', id: 'open-file', onclick: () => fileInput.click() }), 'openFile');
  const fileName = h('p', { class: 'file-name', id: 'file-name' });
  // What the downloaded copy will not keep (charts, pivot tables…): stays in view until another file is opened.
  const unkeptText = h('p', { class: 'message-text' });
  const unkeptBox = h('div', { class: 'message message-warn', role: 'status', id: 'unkept' }, unkeptText);
  const fileCard = h('section', { class: 'card file-card' }, tx(h('p', { class: 'hint' }), 'fileHint'), h('div', { class: 'row' }, openButton, fileInput), fileName, unkeptBox);

  // ── sync ──
  const syncButton = tx(h('button', { type: 'button', class: 'button primary sync', id: 'sync', onclick: () => on.sync() }), 'sync');
  const syncHint = tx(h('p', { class: 'hint' }), 'syncHint');
  const bar = h('div', { class: 'progress-fill' });
  const progressBar = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, id: 'progress-bar' }, bar);
  const progressLabel = h('p', { class: 'progress-label', id: 'progress-label', 'aria-live': 'polite' });
  const cancelButton = tx(h('button', { type: 'button', class: 'button', id: 'cancel', onclick: () => on.cancel() }), 'cancel');
  const progress = h('section', { class: 'progress-block', id: 'progress' }, progressLabel, progressBar, cancelButton);

  // ── result (sync/result-view.ts) ──
  const result = createResultCard({ applyMoves: () => on.applyMoves(), download: () => on.download(), goToCell: on.goToCell });
  const lastSync = h('p', { class: 'last-sync', id: 'last-sync' });

  // ── account (cloud mode): who is signed in, sign in / sign out ──
  const accountText = h('p', { class: 'account-text', id: 'account-text', role: 'status' });
  const signInButton = tx(h('button', { type: 'button', class: 'button primary', id: 'sign-in', onclick: () => on.signIn() }), 'signIn');
  const signOutButton = tx(h('button', { type: 'button', class: 'link', id: 'sign-out', onclick: () => on.signOut() }), 'signOut');
  const accountBar = h('section', { class: 'card account', id: 'account', 'aria-label': '' }, accountText, h('div', { class: 'row' }, signInButton, signOutButton));
  tx(accountBar, 'accountTitle', 'aria-label');

  const leaders = on.refreshLeaders && on.changeLeaders ? createLeadersCard({ refreshLeaders: on.refreshLeaders, changeLeaders: on.changeLeaders, download: () => on.download() }) : null;
  const history = on.showHistory ? createHistoryCard({ showHistory: on.showHistory }) : null;
  const mainView = h('main', { id: 'main-view', class: 'view' }, accountBar, fileCard, h('div', { class: 'sync-block' }, syncButton, syncHint), progress, problemBox, noticeBox, result.element, lastSync, history?.element, leaders?.element);

  // ── settings ──
  const settingsTitle = tx(h('h2', { class: 'section-title' }), 'settings');
  const backButton = tx(h('button', { type: 'button', class: 'button', id: 'back', onclick: () => on.showView('main') }), 'back');
  const apiUrl = h('input', { type: 'url', id: 'api-url', class: 'input', autocomplete: 'url', spellcheck: 'false', 'aria-describedby': 'api-url-hint', oninput: () => on.changeSettings({ apiUrl: apiUrl.value.trim() }) });
  const token = h('input', { type: 'password', id: 'token', class: 'input', autocomplete: 'off', 'aria-describedby': 'token-hint', oninput: () => on.changeSettings({ token: token.value.trim() }) });
  const tint = h('input', { type: 'checkbox', id: 'tint-name', onchange: () => on.changeSettings({ tintName: tint.checked }) });
  const autoMove = h('input', { type: 'checkbox', id: 'auto-move', onchange: () => on.changeSettings({ autoMoveRows: autoMove.checked }) });
  const meBox = h('div', { id: 'me', 'aria-live': 'polite' });
  const apiUrlField = h('div', { class: 'field' }, tx(h('label', { for: 'api-url' }), 'apiUrl'), apiUrl, tx(h('p', { class: 'hint', id: 'api-url-hint' }), 'apiUrlHint'));
  const tokenField = h('div', { class: 'field' }, tx(h('label', { for: 'token' }), 'token'), token, tx(h('p', { class: 'hint', id: 'token-hint' }), 'tokenHint'));
  const fixedBackend = tx(h('p', { class: 'hint', id: 'api-url-fixed' }), 'apiUrlFixed');
  const sheetsBox = h('div', { id: 'sheets' });
  const headersBox = h('div', { id: 'headers' });
  const saveButton = tx(h('button', { type: 'button', class: 'button primary', id: 'save-settings', onclick: () => on.saveSettings() }), 'save');
  const settingsNotice = h('p', { class: 'message-text', role: 'status', id: 'settings-notice' });
  const settingsView = h(
    'section',
    { id: 'settings-view', class: 'view', 'aria-labelledby': 'settings-title' },
    h('div', { class: 'row spread' }, settingsTitle, backButton),
    h('section', { class: 'field', 'aria-labelledby': 'account-title' }, tx(h('h3', { class: 'section-title', id: 'account-title' }), 'accountTitle'), meBox),
    apiUrlField,
    tokenField,
    fixedBackend,
    h('fieldset', { class: 'field' }, tx(h('legend', {}), 'optionsTitle'),
      h('div', { class: 'check' }, tint, tx(h('label', { for: 'tint-name' }), 'tintName')),
      h('div', { class: 'check' }, autoMove, tx(h('label', { for: 'auto-move' }), 'autoMove'))),
    h('section', { class: 'field' }, tx(h('h3', { class: 'section-title' }), 'sheetsTitle'), tx(h('p', { class: 'hint' }), 'sheetsHint'), sheetsBox),
    headersBox,
    h('div', { class: 'row' }, saveButton),
    settingsNotice,
  );
  settingsTitle.id = 'settings-title';

  fill(root, header, mainView, settingsView);

  let shownLayout: LayoutSheet[] | null | undefined;
  let shownView: ViewName = 'main';
  let shownMe: { me: MeState; user: string } | undefined;

  function update(s: PaneState): void {
    lang = s.lang;
    const langChanged = apply(lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    if (langChanged) document.title = t(lang, 'appTitle');
    langSelect.value = lang;
    subtitle.textContent = t(lang, s.mode === 'office' ? 'modeOffice' : 'modeFile');
    subtitle.title = t(lang, 'appSubtitle');

    // Views: move focus to the new view's first control so keyboard users land somewhere sensible.
    show(mainView, s.view === 'main');
    show(settingsView, s.view === 'settings');
    if (s.view !== shownView) {
      shownView = s.view;
      (s.view === 'settings' ? backButton : settingsButton).focus();
    }

    // Messages.
    show(problemBox, s.problem !== null);
    if (s.problem) problemText.textContent = t(lang, s.problem.key, s.problem.params);
    show(noticeBox, s.notice !== null && s.view === 'main');
    if (s.notice) noticeText.textContent = t(lang, s.notice.key, s.notice.params);
    settingsNotice.textContent = s.view === 'settings' && s.notice ? t(lang, s.notice.key, s.notice.params) : '';

    // Account: only in the cloud, where sign-in is a step of its own.
    const cloud = s.auth.flow !== 'local';
    show(accountBar, cloud && s.auth.flow !== 'unsupported');
    const { status, user } = s.auth;
    accountText.textContent =
      status === 'signedIn' ? t(lang, 'signedInAs', { name: user?.name || user?.username || '?' }) : t(lang, status === 'signingIn' ? 'signingIn' : 'notSignedIn');
    accountText.title = user?.username ?? '';
    show(signInButton, status !== 'signedIn');
    signInButton.disabled = status === 'signingIn';
    show(signOutButton, status === 'signedIn');
    signOutButton.disabled = s.phase === 'syncing' || s.phase === 'applying';
    show(apiUrlField, !cloud);
    show(tokenField, !cloud);
    show(fixedBackend, cloud);
    const meKey = { me: s.me, user: `${s.auth.flow}|${user?.username ?? ''}` };
    if (!shownMe || shownMe.me !== meKey.me || shownMe.user !== meKey.user || langChanged) renderMe(s);
    shownMe = meKey;

    // File card.
    show(fileCard, s.mode === 'file');
    fileName.textContent = s.fileName ? t(lang, 'fileChosen', { name: s.fileName }) : t(lang, 'noFile');
    show(unkeptBox, s.unkept !== null);
    unkeptText.textContent = s.unkept ? pick(lang, s.unkept) : '';
    openButton.disabled = s.phase === 'syncing' || s.phase === 'applying';

    // Sync and progress.
    syncButton.disabled = !canSync(s);
    syncButton.setAttribute('aria-busy', String(s.phase === 'syncing'));
    show(progress, s.phase === 'syncing');
    if (s.phase === 'syncing') {
      const p = s.progress;
      progressLabel.textContent = p
        ? `${t(lang, 'syncing')} ${t(lang, 'chunkProgress', { done: p.done, total: p.total })}`
        : t(lang, s.step === 'writing' ? 'writing' : 'preparing');
      progressBar.setAttribute('aria-valuemax', String(p?.total ?? 1));
      progressBar.setAttribute('aria-valuenow', String(p?.done ?? 0));
      progressBar.setAttribute('aria-label', progressLabel.textContent);
      // A sliver stays visible at 0 so the bar reads as a bar.
      bar.style.width = `${Math.max(4, p && p.total > 0 ? Math.round((100 * p.done) / p.total) : 0)}%`;
      progressBar.classList.toggle('writing', s.step === 'writing');
    }
    lastSync.textContent = s.lastSync ? t(lang, 'lastSync', { time: formatTime(lang, s.lastSync) }) : t(lang, 'neverSynced');
    leaders?.update(s);
    history?.update(s);
    result.update(s);

    // Settings.
    if (document.activeElement !== apiUrl) apiUrl.value = s.settings.apiUrl;
    if (document.activeElement !== token) token.value = s.settings.token;
    tint.checked = s.settings.tintName;
    autoMove.checked = s.settings.autoMoveRows;
    if (s.layout !== shownLayout || langChanged) renderLayout(s.layout);
    shownLayout = s.layout;
  }

  function renderMe(s: PaneState): void {
    const line = (label: MessageKey, value: string, id: string) => h('div', { class: 'row me-line' }, h('span', { class: 'me-label' }, t(lang, label)), h('span', { id }, value));
    const parts: Array<HTMLElement | null> = [];
    if (s.auth.flow === 'local') parts.push(h('p', { class: 'hint' }, t(lang, 'localAuth')));
    if (s.auth.user) parts.push(line('accountUser', s.auth.user.username ? `${s.auth.user.name} <${s.auth.user.username}>` : s.auth.user.name, 'me-user'));
    const me = s.me;
    if (me === 'loading') parts.push(h('p', { class: 'hint' }, t(lang, 'meLoading')));
    else if (me?.kind === 'ok') {
      if (!s.auth.user && (me.me.name || me.me.email)) parts.push(line('accountUser', [me.me.name, me.me.email && `<${me.me.email}>`].filter(Boolean).join(' '), 'me-user'));
      parts.push(line('roleLabel', t(lang, me.me.role ? ROLE_TEXT[me.me.role] : 'roleNone'), 'me-role'));
      parts.push(line('unitsLabel', me.me.units.length ? me.me.units.join('、') : t(lang, 'unitsNone'), 'me-units'));
    } else if (me?.kind === 'unknown') {
      const who = s.auth.user?.username || s.auth.user?.name || '?';
      parts.push(h('p', { class: 'message message-error', id: 'me-unknown' }, t(lang, 'meUnknown', { user: who })));
      if (me.message) parts.push(h('p', { class: 'hint', id: 'me-server' }, t(lang, 'meServerSays', { detail: me.message[lang] })));
    } else if (me?.kind === 'error') parts.push(h('p', { class: 'hint', id: 'me-error' }, me.message ? me.message[lang] : t(lang, 'meError')));
    fill(meBox, ...parts);
  }

  function renderLayout(layout: LayoutSheet[] | null): void {
    if (!layout) {
      fill(sheetsBox, h('p', { class: 'hint' }, t(lang, 'noLayout')));
      fill(headersBox);
      return;
    }
    const listOptions = (selected: ListKey | null) => [
      h('option', { value: '', selected: selected === null }, t(lang, 'notAList')),
      ...LISTS.map((l) => h('option', { value: l.key, selected: selected === l.key }, lang === 'zh' ? l.zh : l.en)),
    ];
    fill(
      sheetsBox,
      ...layout.map((sheet, i) => {
        const id = `sheet-list-${i}`;
        const select = h('select', {
          id,
          class: 'input',
          onchange: () => on.mapSheet(sheet.name, (select.value || null) as ListKey | null),
        }, ...listOptions(sheet.list));
        return h('div', { class: 'row mapping' }, h('label', { for: id, class: 'sheet-name' }, sheet.name), select);
      }),
    );
    const fieldOptions = (selected: FieldKey | null) => [
      h('option', { value: '', selected: selected === null }, t(lang, 'ignoreColumn')),
      ...FIELDS.map((f) => h('option', { value: f.key, selected: selected === f.key }, lang === 'zh' ? f.zh : f.en)),
    ];
    fill(
      headersBox,
      ...layout.filter((s) => s.list !== null && s.columns.length > 0).map((sheet, si) =>
        h('details', { class: 'field headers' },
          h('summary', {}, t(lang, 'headersTitle', { sheet: sheet.name }), sheet.headerRow ? ` · ${t(lang, 'headerRowAt', { row: sheet.headerRow })}` : ''),
          h('div', { class: 'header-grid' }, ...sheet.columns.map((c, ci) => {
            const id = `hdr-${si}-${ci}`;
            const select = h('select', {
              id,
              class: 'input',
              onchange: () => on.mapColumn(sheet.name, c.col, (select.value || null) as FieldKey | null),
            }, ...fieldOptions(c.field));
            return h('div', { class: 'row mapping' }, h('label', { for: id, class: 'column-name' }, t(lang, 'columnHeader', { col: c.col, header: c.header })), select);
          }))),
      ),
    );
  }

  return { update };
}
