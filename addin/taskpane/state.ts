/**
 * The pane's state and its transitions: a pure reducer, so every transition is unit-tested without a DOM.
 * Phases: idle → syncing → (done | failed | idle on cancel); done → applying → done.
 */
import type { Message } from '../../contract';
import type { AuthFlow, SignedInUser, WhoAmI } from './auth';
import type { Lang } from './i18n';
import { INITIAL_HISTORY, reduceHistory, type HistoryAction, type HistoryState } from './history/state';
import { INITIAL_LEADERS, reduceLeaders, type LeadersAction, type LeadersState } from './leaders/state';
import { DEFAULT_SETTINGS, type CellProblem, type HostMode, type PendingMove, type LayoutSheet, type PaneSettings, type Problem, type SyncOutcome } from './model';

export type Phase = 'idle' | 'syncing' | 'done' | 'applying';
export type ViewName = 'main' | 'settings';

/** Sign-in: 'local' (dev token, no sign-in step) until the entry says the deployment is in the cloud. */
export interface AuthState {
  flow: AuthFlow;
  status: 'signedOut' | 'signingIn' | 'signedIn';
  user: SignedInUser | null;
}

/** The caller as the backend sees them (GET /v1/me), for the settings view; 'loading' while asked. */
export type MeState = WhoAmI | 'loading' | null;

export interface PaneState {
  lang: Lang;
  mode: HostMode;
  view: ViewName;
  phase: Phase;
  /** Chunks sent so far / total, while syncing; null before the first chunk is known. */
  progress: { done: number; total: number } | null;
  /** The stage of a sync before/after the chunks are sent, for the progress label. */
  step: 'reading' | 'sending' | 'writing' | null;
  outcome: SyncOutcome | null;
  /** A notice after an action ("3 rows moved", "cancelled", "saved"). */
  notice: Problem | null;
  problem: Problem | null;
  lastSync: string | null;
  settings: PaneSettings;
  layout: LayoutSheet[] | null;
  /** File mode: the opened file's name; null before one is opened. Office mode: always null. */
  fileName: string | null;
  /** File mode: what the opened file has that the downloaded copy will not keep (charts…); null when nothing. */
  unkept: Message | null;
  auth: AuthState;
  me: MeState;
  /** The "refresh leaders' sheets" action (leaders/state.ts). */
  leaders: LeadersState;
  /** The "history of the selected row" action (history/state.ts), Office mode only. */
  history: HistoryState;
}

export type Action =
  | { type: 'setLang'; lang: Lang }
  | { type: 'showView'; view: ViewName }
  | { type: 'settingsLoaded'; settings: PaneSettings; lastSync: string | null }
  | { type: 'settingsChanged'; patch: Partial<PaneSettings> }
  | { type: 'settingsSaved'; notice: Problem }
  | { type: 'layoutLoaded'; layout: LayoutSheet[] | null }
  | { type: 'fileOpened'; name: string; unkept?: Message | null }
  | { type: 'syncStarted' }
  | { type: 'syncStep'; step: 'reading' | 'sending' | 'writing' }
  | { type: 'syncProgress'; done: number; total: number }
  | { type: 'syncSucceeded'; outcome: SyncOutcome }
  | { type: 'syncCancelled' }
  | { type: 'failed'; problem: Problem }
  | { type: 'movesStarted' }
  | { type: 'movesApplied'; moved: number }
  | { type: 'dismiss' }
  | { type: 'authFlow'; flow: AuthFlow }
  | { type: 'signingIn' }
  | { type: 'signedIn'; user: SignedInUser | null }
  | { type: 'signedOut'; problem?: Problem }
  | { type: 'meLoading' }
  | { type: 'meLoaded'; me: WhoAmI }
  | LeadersAction
  | HistoryAction;

export function initialState(mode: HostMode, lang: Lang): PaneState {
  return {
    lang,
    mode,
    view: 'main',
    phase: 'idle',
    progress: null,
    step: null,
    outcome: null,
    notice: null,
    problem: null,
    lastSync: null,
    settings: DEFAULT_SETTINGS,
    layout: null,
    fileName: null,
    unkept: null,
    auth: { flow: 'local', status: 'signedOut', user: null },
    me: null,
    leaders: INITIAL_LEADERS,
    history: INITIAL_HISTORY,
  };
}

/** Whether API calls may be made: always locally, after sign-in in the cloud. */
export function canCallApi(s: PaneState): boolean {
  return s.auth.flow === 'local' || s.auth.status === 'signedIn';
}

/** File mode: the workbook has flags or leader sheets written (a result on screen) and can be downloaded. */
export function canDownload(s: PaneState): boolean {
  return s.mode === 'file' && (s.outcome !== null || s.leaders.result !== null);
}

/** Whether the 同步 button may start a sync now. */
export function canSync(s: PaneState): boolean {
  return (s.phase === 'idle' || s.phase === 'done') && (s.mode === 'office' || s.fileName !== null) && canCallApi(s) && !s.leaders.busy;
}

/** Whether "refresh leaders' sheets" may start now: the same conditions as a sync (one workbook action at a time). */
export const canRefreshLeaders = canSync;

/** Whether "history of the selected row" may start: in Excel, with API access, while no workbook action runs. */
export function canShowHistory(s: PaneState): boolean {
  return s.mode === 'office' && canCallApi(s) && s.phase !== 'syncing' && s.phase !== 'applying' && !s.leaders.busy && !s.history.busy;
}

/**
 * Moving a row deletes it from its sheet, so the error addresses below it move up one row; errors on the moved
 * rows themselves are dropped (the next sync reports them at their new place).
 */
export function shiftAfterMoves(errors: CellProblem[], moves: PendingMove[]): CellProblem[] {
  return errors.flatMap((e) => {
    const m = /^([A-Z]+)(\d+)$/.exec(e.cell);
    if (!m) return [e];
    const row = Number(m[2]);
    const gone = moves.filter((mv) => mv.sheet === e.sheet);
    if (gone.some((mv) => mv.row === row)) return [];
    const above = gone.filter((mv) => mv.row < row).length;
    return [above ? { ...e, cell: `${m[1]}${row - above}` } : e];
  });
}

export function reduce(s: PaneState, a: Action): PaneState {
  switch (a.type) {
    case 'setLang':
      return { ...s, lang: a.lang };
    case 'showView':
      return { ...s, view: a.view };
    case 'settingsLoaded':
      return { ...s, settings: a.settings, lastSync: a.lastSync };
    case 'settingsChanged':
      return { ...s, settings: { ...s.settings, ...a.patch } };
    case 'settingsSaved':
      return { ...s, notice: a.notice, problem: null };
    case 'layoutLoaded':
      return { ...s, layout: a.layout };
    case 'fileOpened':
      // A new file invalidates the previous result and download.
      return { ...s, fileName: a.name, unkept: a.unkept ?? null, phase: 'idle', outcome: null, problem: null, notice: null, layout: null, leaders: { ...s.leaders, result: null } };
    case 'syncStarted':
      if (!canSync(s)) return s;
      return { ...s, phase: 'syncing', step: 'reading', progress: null, problem: null, notice: null };
    case 'syncStep':
      return s.phase === 'syncing' ? { ...s, step: a.step } : s;
    case 'syncProgress':
      return s.phase === 'syncing' ? { ...s, step: 'sending', progress: { done: a.done, total: a.total } } : s;
    case 'syncSucceeded':
      if (s.phase !== 'syncing') return s;
      return {
        ...s,
        phase: 'done',
        step: null,
        progress: null,
        outcome: a.outcome,
        lastSync: a.outcome.at,
        notice: a.outcome.movedAutomatically > 0 ? { key: 'autoMoved', params: { n: a.outcome.movedAutomatically } } : null,
      };
    case 'syncCancelled':
      if (s.phase !== 'syncing') return s;
      return { ...s, phase: s.outcome ? 'done' : 'idle', step: null, progress: null, notice: { key: 'cancelled' } };
    case 'failed':
      // A failed sync keeps the previous result on screen; a failed move keeps the moves to retry.
      return { ...s, phase: s.outcome ? 'done' : 'idle', step: null, progress: null, problem: a.problem, notice: null };
    case 'movesStarted':
      if (s.phase !== 'done' || !s.outcome || s.outcome.moves.length === 0) return s;
      return { ...s, phase: 'applying', problem: null, notice: null };
    case 'movesApplied':
      if (s.phase !== 'applying' || !s.outcome) return s;
      return {
        ...s,
        phase: 'done',
        outcome: { ...s.outcome, moves: [], errors: shiftAfterMoves(s.outcome.errors, s.outcome.moves) },
        notice: { key: 'movesApplied', params: { n: a.moved } },
      };
    case 'dismiss':
      return { ...s, problem: null, notice: null };
    case 'leadersStarted':
      if (!canRefreshLeaders(s)) return s;
      return { ...s, problem: null, notice: null, leaders: reduceLeaders(s.leaders, a) };
    case 'leadersDone':
    case 'leadersChanged':
    case 'leadersStep':
    case 'leadersStopped':
    case 'leadersWeekRefused':
      return { ...s, leaders: reduceLeaders(s.leaders, a) };
    case 'historyStarted':
      return canShowHistory(s) ? { ...s, history: reduceHistory(s.history, a) } : s;
    case 'historyTarget':
    case 'historyLoaded':
    case 'historyFailed':
      return { ...s, history: reduceHistory(s.history, a) };
    case 'authFlow':
      return { ...s, auth: { flow: a.flow, status: 'signedOut', user: null }, me: null };
    case 'signingIn':
      return s.auth.flow === 'local' ? s : { ...s, auth: { ...s.auth, status: 'signingIn' }, problem: null };
    case 'signedIn':
      // A session with no user (a redirect under way) stays "signing in" until the page comes back.
      if (s.auth.flow === 'local') return s;
      return { ...s, auth: { ...s.auth, status: a.user ? 'signedIn' : 'signingIn', user: a.user }, me: null };
    case 'signedOut':
      if (s.auth.flow === 'local') return s;
      return { ...s, auth: { ...s.auth, status: 'signedOut', user: null }, me: null, problem: a.problem ?? s.problem };
    case 'meLoading':
      return { ...s, me: 'loading' };
    case 'meLoaded':
      return { ...s, me: a.me };
  }
}
