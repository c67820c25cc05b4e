/**
 * Wires the view to the services through the reducer: every user action becomes a state transition, every
 * failure becomes plain words (errors.ts). Cancelling aborts the sync's AbortController.
 */
import type { FieldKey, ListKey } from '../../contract';
import type { AuthFlow, AuthSession } from './auth';
import { isAbort, toProblem } from './errors';
import { pickLang, type Lang } from './i18n';
import type { PaneSettings } from './model';
import type { PaneServices } from './services';
import { canRefreshLeaders, canShowHistory, canSync, initialState, reduce, type Action, type PaneState } from './state';
import type { RowProject } from './history/target';
import type { Problem } from './model';
import { isWeekOrEmpty } from './leaders/state';
import { createView, type ViewHandlers } from './view';

export interface PanePrefs {
  lang?: Lang | null;
  token?: string | null;
  saveLang?(lang: Lang): void;
  saveToken?(token: string): void;
  /** Cloud sign-in (absent or flow 'local': the dev token, no sign-in step). */
  auth?: { flow: AuthFlow; session: AuthSession | null } | null;
  /** Why sign-in could not be set up (e.g. a malformed deployment.json), shown at start. */
  authError?: unknown;
}

export interface Pane {
  getState(): PaneState;
  dispatch(action: Action): void;
}

/** Why the selected row has no history to show, in plain words. */
function rowProblem(found: Exclude<RowProject, { kind: 'project' }>): Problem {
  if (found.kind === 'noId') return { key: 'errHistoryNoId' };
  if (found.kind === 'notList') return { key: 'errHistoryNotList', params: { sheet: found.sheet } };
  return { key: 'errHistoryNotRow', params: { sheet: found.sheet, row: found.row } };
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: unknown; status?: unknown; code?: unknown } | null;
  return e?.name === 'ApiCallError' && (e.status === 404 || e.code === 'not_found');
}

export async function startPane(root: HTMLElement, services: PaneServices, prefs: PanePrefs = {}): Promise<Pane> {
  let state = initialState(services.mode, prefs.lang ?? pickLang(services.displayLanguage));
  let abort: AbortController | null = null;
  const dispatch = (action: Action): void => {
    state = reduce(state, action);
    view.update(state);
  };
  const session = prefs.auth?.session ?? null;
  const fail = (err: unknown): void => {
    const problem = toProblem(err, state.lang);
    // The API refused the token for good: show the pane as signed out, so "Sign in" is the next step.
    if (problem.key === 'errSignInRequired') dispatch({ type: 'signedOut', problem });
    dispatch({ type: 'failed', problem });
  };

  async function loadMe(): Promise<void> {
    if (!services.whoAmI || state.auth.flow === 'unsupported' || (state.auth.flow !== 'local' && state.auth.status !== 'signedIn')) return;
    dispatch({ type: 'meLoading' });
    try {
      dispatch({ type: 'meLoaded', me: await services.whoAmI(state.settings) });
    } catch (err) {
      dispatch({ type: 'meLoaded', me: { kind: 'error', status: null, message: null } });
      fail(err);
    }
  }

  async function refreshLayout(): Promise<void> {
    try {
      dispatch({ type: 'layoutLoaded', layout: await services.describe(state.settings) });
    } catch (err) {
      fail(err);
    }
  }

  async function loadSettings(): Promise<void> {
    const { settings, lastSync } = await services.loadSettings();
    dispatch({ type: 'settingsLoaded', settings: { ...settings, token: state.settings.token || settings.token }, lastSync });
  }

  const handlers: ViewHandlers = {
    async sync() {
      if (!canSync(state)) return;
      dispatch({ type: 'syncStarted' });
      const controller = new AbortController();
      abort = controller;
      try {
        const outcome = await services.sync(state.settings, {
          signal: controller.signal,
          onStep: (step) => dispatch({ type: 'syncStep', step }),
          onProgress: (done, total) => dispatch({ type: 'syncProgress', done, total }),
        });
        if (controller.signal.aborted) dispatch({ type: 'syncCancelled' });
        else dispatch({ type: 'syncSucceeded', outcome });
      } catch (err) {
        if (controller.signal.aborted || isAbort(err)) dispatch({ type: 'syncCancelled' });
        else fail(err);
      } finally {
        abort = null;
      }
    },
    cancel() {
      abort?.abort();
    },
    refreshLeaders: services.refreshLeaders
      ? async () => {
          if (!canRefreshLeaders(state)) return;
          const { week, countyProjects } = state.leaders;
          // Said at the week box (leaders/view.ts), where the clerk typed it, not in the message bar at the top.
          if (!isWeekOrEmpty(week)) return dispatch({ type: 'leadersWeekRefused' });
          dispatch({ type: 'leadersStarted' });
          const controller = new AbortController();
          abort = controller;
          try {
            const result = await services.refreshLeaders!(state.settings, { week, countyProjects }, {
              signal: controller.signal,
              onStep: (step, received) => dispatch({ type: 'leadersStep', step, received }),
            });
            dispatch({ type: 'leadersDone', result });
          } catch (err) {
            dispatch({ type: 'leadersStopped' });
            if (!controller.signal.aborted && !isAbort(err)) fail(err);
          } finally {
            abort = null;
          }
        }
      : undefined,
    showHistory:
      services.selectedProject && services.history
        ? async () => {
            if (!canShowHistory(state)) return;
            dispatch({ type: 'historyStarted' });
            let id = '';
            try {
              const found = await services.selectedProject!(state.settings);
              if (found.kind !== 'project') return dispatch({ type: 'historyFailed', problem: rowProblem(found) });
              id = found.id;
              dispatch({ type: 'historyTarget', target: { sheet: found.sheet, row: found.row, id: found.id, name: found.name } });
              const history = await services.history!(state.settings, id);
              dispatch({ type: 'historyLoaded', events: history.events, figures: history.figures ?? null });
            } catch (err) {
              // The backend has no such project: the row got its id but was never synced (or the sync failed).
              if (id && isNotFound(err)) return dispatch({ type: 'historyFailed', problem: { key: 'errHistoryNotSynced', params: { id } } });
              const problem = toProblem(err, state.lang);
              dispatch({ type: 'historyFailed', problem });
              if (problem.key === 'errSignInRequired') dispatch({ type: 'signedOut', problem });
            }
          }
        : undefined,
    changeLeaders(patch) {
      dispatch({ type: 'leadersChanged', patch });
    },
    async applyMoves() {
      dispatch({ type: 'movesStarted' });
      if (state.phase !== 'applying') return;
      try {
        dispatch({ type: 'movesApplied', moved: await services.applyMoves(state.settings) });
      } catch (err) {
        fail(err);
      }
    },
    goToCell: services.goToCell
      ? async (sheet, cell) => {
          try {
            await services.goToCell!(sheet, cell);
          } catch (err) {
            const p = toProblem(err, state.lang);
            dispatch({ type: 'failed', problem: { key: 'errGoTo', params: { cell: `${sheet}!${cell}`, detail: p.key === 'errUnknown' ? String(p.params?.detail ?? '') : '' } } });
          }
        }
      : undefined,
    async openFile(file) {
      if (!services.openFile) return;
      try {
        const { unkept } = await services.openFile(file.name, await file.arrayBuffer());
        dispatch({ type: 'fileOpened', name: file.name, unkept });
        await loadSettings();
        await refreshLayout();
      } catch (err) {
        fail(err);
      }
    },
    async download() {
      if (!services.download) return;
      try {
        const { name, data } = await services.download();
        const url = URL.createObjectURL(new Blob([data], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = name;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      } catch (err) {
        fail(err);
      }
    },
    showView(v) {
      dispatch({ type: 'showView', view: v });
      if (v === 'settings' && (state.mode === 'office' || state.fileName)) void refreshLayout();
      if (v === 'settings') void loadMe();
    },
    async signIn() {
      if (!session || state.auth.status === 'signingIn') return;
      dispatch({ type: 'signingIn' });
      try {
        dispatch({ type: 'signedIn', user: await session.signIn() });
      } catch (err) {
        dispatch({ type: 'signedOut', problem: toProblem(err, state.lang) });
      }
    },
    async signOut() {
      if (!session) return;
      try {
        await session.signOut();
        dispatch({ type: 'signedOut' });
      } catch (err) {
        dispatch({ type: 'signedOut', problem: toProblem(err, state.lang) });
      }
    },
    setLang(lang) {
      prefs.saveLang?.(lang);
      dispatch({ type: 'setLang', lang });
    },
    dismiss() {
      dispatch({ type: 'dismiss' });
    },
    changeSettings(patch) {
      dispatch({ type: 'settingsChanged', patch });
    },
    mapSheet(sheet: string, list: ListKey | null) {
      // Start from what is shown (detected + corrected), so one correction keeps the other sheets' lists.
      const shown = Object.fromEntries((state.layout ?? []).map((s) => [s.name, s.list]));
      dispatch({ type: 'settingsChanged', patch: { mapping: { ...shown, ...state.settings.mapping, [sheet]: list } } });
    },
    mapColumn(sheet: string, col: string, field: FieldKey | null) {
      const overrides = state.settings.headerOverrides;
      const patch: Partial<PaneSettings> = { headerOverrides: { ...overrides, [sheet]: { ...overrides[sheet], [col]: field ?? 'ignore' } } };
      dispatch({ type: 'settingsChanged', patch });
    },
    async saveSettings() {
      try {
        prefs.saveToken?.(state.settings.token);
        await services.saveSettings(state.settings);
        dispatch({ type: 'settingsSaved', notice: { key: state.mode === 'office' ? 'saved' : 'savedLocal' } });
        await refreshLayout();
      } catch (err) {
        fail(err);
      }
    },
  };

  const view = createView(root, handlers);
  view.update(state);
  if (prefs.auth && prefs.auth.flow !== 'local') dispatch({ type: 'authFlow', flow: prefs.auth.flow });
  if (prefs.authError) dispatch({ type: 'failed', problem: toProblem(prefs.authError, state.lang) });
  else if (state.auth.flow === 'unsupported') dispatch({ type: 'failed', problem: { key: 'errAuthUnsupported' } });
  if (session) {
    // Completes a redirect that just came back, or finds an existing sign-in, without asking the clerk.
    dispatch({ type: 'signingIn' });
    try {
      const user = await session.start();
      dispatch(user ? { type: 'signedIn', user } : { type: 'signedOut' });
    } catch (err) {
      dispatch({ type: 'signedOut', problem: toProblem(err, state.lang) });
    }
  }
  if (prefs.token && state.auth.flow === 'local') dispatch({ type: 'settingsChanged', patch: { token: prefs.token } });
  if (services.mode === 'office') {
    try {
      await loadSettings();
    } catch (err) {
      fail(err);
    }
  }
  return { getState: () => state, dispatch };
}
