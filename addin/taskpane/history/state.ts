/**
 * The "history of the selected row" action's slice of the pane state (a pure reducer, like leaders/state.ts): which
 * row's project is shown, its events, and a problem in plain words shown in the card itself (no id in that row,
 * not synced yet…), next to the button the clerk just pressed.
 */
import type { HistoryEvent, ProjectFigures } from '../../../contract';
import type { HistoryTarget } from './target';
import type { Problem } from '../model';

export interface HistoryState {
  busy: boolean;
  target: HistoryTarget | null;
  /** Oldest first, as the API gives them; null before a history was loaded. */
  events: HistoryEvent[] | null;
  /** The project's per-mu figures as the server computed them; null before a load or from an older server. */
  figures: ProjectFigures | null;
  problem: Problem | null;
}

export type HistoryAction =
  | { type: 'historyStarted' }
  | { type: 'historyTarget'; target: HistoryTarget }
  | { type: 'historyLoaded'; events: HistoryEvent[]; figures?: ProjectFigures | null }
  | { type: 'historyFailed'; problem: Problem | null };

export const INITIAL_HISTORY: HistoryState = { busy: false, target: null, events: null, figures: null, problem: null };

export function reduceHistory(s: HistoryState, a: HistoryAction): HistoryState {
  switch (a.type) {
    case 'historyStarted':
      return { busy: true, target: null, events: null, figures: null, problem: null };
    case 'historyTarget':
      return s.busy ? { ...s, target: a.target } : s;
    case 'historyLoaded':
      return s.busy ? { ...s, busy: false, events: a.events, figures: a.figures ?? null } : s;
    case 'historyFailed':
      return { ...s, busy: false, events: null, figures: null, problem: a.problem };
  }
}
