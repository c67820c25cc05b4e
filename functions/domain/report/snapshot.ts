/**
 * The weekly snapshot (SK=WEEK#<yyyy-Www>): what the store keeps of each project at each weekly cut-off and
 * what the leaders' reports aggregate. `snapshotOf` is the one way to make it from a project's current state.
 */
import { LIST_ORDER, type Flag, type ListKey, type Stage } from '../../../contract/vocabulary';
import { STAGE_DATE_FIELD } from '../stage';
import type { LedgerDate, ProjectState } from '../types';

export interface WeekSnapshot {
  id: string;
  /** ISO week label of the cut-off the snapshot belongs to, "2026-W48". */
  week: string;
  name: string;
  /** '' when the ledger names no unit. */
  unit: string;
  leader: string | null;
  stage: Stage;
  /** 总投资, 预计产值, 预计税收 in 亿元; 预计就业 in people. */
  amount: number | null;
  outputValue: number | null;
  tax: number | null;
  jobs: number | null;
  /** Canonical investorType value (centralSoe, nationalBrand, fortune500, …). */
  investorType: string | null;
  flag: Flag;
  /** When the flag reached its current level; null without a flag. */
  flagSince: string | null;
  /** True when the progress text (本周进展) is set and changed during this week. */
  progressUpdated: boolean;
  /** True when the project was first synced during this week (new to the system). Absent in snapshots stored before. */
  newThisWeek?: boolean;
  /** 需协调事项: a problem that needs county-level coordination. */
  coordination: string | null;
  /** The ledger date of the current stage (签约时间 for signed, …); null when absent or dropped. */
  enteredStageOn: LedgerDate | null;
  /** The ledger date of each stage, for cycle times. */
  dates: Record<ListKey, LedgerDate | null>;
  /** STATE version the snapshot was taken from, and when it was taken (ISO instant). */
  version: number;
  at: string;
  /** What the contribution sections group by (issue 21); absent in snapshots stored before them. */
  contribution?: SnapshotContribution;
}

export interface SnapshotContribution {
  investmentMethod: string | null;
  team: string | null;
  industry: string | null;
  chainRole: string | null;
  /** 亩 and 亿元. */
  landArea: number | null;
  fixedInvestment: number | null;
}

/** A week as (start, end] instants. */
export interface WeekInterval {
  week: string;
  start: string;
  end: string;
}

const blankToNull = (s: string | null): string | null => (s && s.trim() ? s.trim() : null);

function within(instant: string, range: WeekInterval): boolean {
  const ms = Date.parse(instant);
  return ms > Date.parse(range.start) && ms <= Date.parse(range.end);
}

/** The snapshot of a project's state for `week`, taken at instant `at`. */
export function snapshotOf(state: ProjectState, week: WeekInterval, at: string): WeekSnapshot {
  const f = state.fields;
  const dates = Object.fromEntries(LIST_ORDER.map((l) => [l, f[STAGE_DATE_FIELD[l]]])) as Record<ListKey, LedgerDate | null>;
  return {
    id: state.id,
    week: week.week,
    name: f.name ?? '',
    unit: blankToNull(f.unit) ?? '',
    leader: blankToNull(f.leader),
    stage: state.stage,
    amount: f.amount,
    outputValue: f.outputValue,
    tax: f.tax,
    jobs: f.jobs,
    investorType: f.investorType,
    flag: state.flag,
    flagSince: state.flagSince,
    progressUpdated: blankToNull(f.progress) !== null && within(state.history.progressChangedAt, week),
    newThisWeek: within(state.history.firstSeenAt, week),
    coordination: blankToNull(f.coordination),
    enteredStageOn: state.stage === 'dropped' ? null : dates[state.stage],
    dates,
    version: state.version,
    at,
    contribution: {
      investmentMethod: f.investmentMethod ?? null,
      team: blankToNull(f.team ?? null),
      industry: blankToNull(f.industry ?? null),
      chainRole: f.chainRole ?? null,
      landArea: f.landArea ?? null,
      fixedInvestment: f.fixedInvestment ?? null,
    },
  };
}

/**
 * Each project's snapshot as of `week`: its snapshot of that week, else its latest earlier one carried
 * forward (nothing was recorded that week, so progress did not change). Later weeks are ignored; among
 * duplicates the later `at` wins.
 */
export function resolveWeek(snapshots: readonly WeekSnapshot[], week: string): WeekSnapshot[] {
  const best = new Map<string, WeekSnapshot>();
  for (const s of snapshots) {
    if (s.week > week) continue;
    const held = best.get(s.id);
    if (!held || s.week > held.week || (s.week === held.week && s.at > held.at)) best.set(s.id, s);
  }
  return [...best.values()].map((s) => (s.week === week ? s : { ...s, week, progressUpdated: false, newThisWeek: false }));
}
