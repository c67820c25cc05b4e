/**
 * The "refresh leaders' sheets" action's slice of the pane state (a pure reducer, like state.ts): the chosen
 * week (empty = this week), whether to pull 全县项目, progress, and the last result.
 */
export interface LeadersResult {
  week: string;
  sheets: string[];
  count: number;
  red: number;
  yellow: number;
  /** Projects written to 全县项目; null when not asked for. */
  countyProjects: number | null;
}

export interface LeadersState {
  /** ISO week "2026-W48"; '' for the current week. */
  week: string;
  countyProjects: boolean;
  busy: boolean;
  step: 'fetch' | 'projects' | 'write' | null;
  /** While fetching 全县项目: projects received so far. */
  received: number;
  result: LeadersResult | null;
  /** A refresh was asked with a week that is no ISO week: said at the field, until the week is changed. */
  weekRefused: boolean;
}

export type LeadersAction =
  | { type: 'leadersChanged'; patch: Partial<Pick<LeadersState, 'week' | 'countyProjects'>> }
  | { type: 'leadersStarted' }
  | { type: 'leadersStep'; step: 'fetch' | 'projects' | 'write'; received?: number }
  | { type: 'leadersDone'; result: LeadersResult }
  | { type: 'leadersStopped' }
  | { type: 'leadersWeekRefused' };

export const INITIAL_LEADERS: LeadersState = { week: '', countyProjects: false, busy: false, step: null, received: 0, result: null, weekRefused: false };

/** An ISO week as <input type="week"> gives it; '' means this week. */
export const isWeekOrEmpty = (week: string): boolean => week === '' || /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(week);

export function reduceLeaders(s: LeadersState, a: LeadersAction): LeadersState {
  switch (a.type) {
    case 'leadersChanged':
      return s.busy ? s : { ...s, ...a.patch, weekRefused: s.weekRefused && a.patch.week === undefined };
    case 'leadersStarted':
      return { ...s, busy: true, step: 'fetch', received: 0, weekRefused: false };
    case 'leadersStep':
      return s.busy ? { ...s, step: a.step, received: a.received ?? s.received } : s;
    case 'leadersDone':
      return { ...s, busy: false, step: null, result: a.result };
    case 'leadersStopped':
      return { ...s, busy: false, step: null };
    case 'leadersWeekRefused':
      return s.busy ? s : { ...s, weekRefused: true };
  }
}
