/**
 * Leaders' reports: GET /v1/reports/weekly?week=2026-W48 (WeeklyReport) and GET /v1/dashboard (Dashboard).
 * The queries of both are in api.ts (`weeklyQuerySchema`, `dashboardQuerySchema`). Money is in 亿元, exact to 万元 (4 decimals);
 * jobs are people. "Active" means on one of the four lists (not dropped); only active projects are counted in
 * lists, flags and sums. A unit of '' means the ledger named no unit (shown as 未填单位).
 */
import type { ListKey, Stage } from './fields';
import type { FlagLevel, FlagReason } from './flags';

export type PerList<T> = Record<ListKey, T>;

// Made on first use: ICU's pinyin collation costs ≈ 8 ms to load, and a command that only syncs loads the modules
// that sort by it.
let pinyin: Intl.Collator | undefined;
/** Units and names by pinyin (numbers by value), the order the reports and the leaders' sheets share. */
export const byPinyin = (a: string, b: string): number => (pinyin ??= new Intl.Collator('zh-Hans-CN-u-co-pinyin', { numeric: true })).compare(a, b);

/** A project as the reports name it. */
export interface ReportProject {
  id: string;
  name: string;
  unit: string;
  leader: string | null;
  stage: Stage;
  amount: number | null;
  flag: FlagLevel;
}

/** The week a report covers: (start, end] between two cut-offs, and the local days that interval touches. */
export interface ReportPeriod {
  week: string;
  previousWeek: string;
  /** ISO instants of the previous cut-off (exclusive) and of this week's cut-off (inclusive). */
  start: string;
  end: string;
  /** Local dates "YYYY-MM-DD": the day after the previous cut-off's day, and the cut-off's day. */
  firstDay: string;
  lastDay: string;
}

// ---------------------------------------------------------------- weekly report (周调度)

export interface WeeklyFigures {
  /** Active projects on the list at the cut-off. */
  count: number;
  /** Their total investment, 亿元. */
  amount: number;
  red: number;
  yellow: number;
  /** Projects that arrived on the list this week (moved in, or newly recorded). */
  entered: number;
  /** Active projects whose progress (本周进展) did not change this week. */
  noUpdate: number;
}

export interface WeeklyUnitRow {
  unit: string;
  lists: PerList<WeeklyFigures>;
  /** Sum of the four lists. */
  total: WeeklyFigures;
  /** Projects of the unit dropped (终止) this week; they are no longer in any list. */
  droppedThisWeek: number;
}

export interface WeeklyCounty {
  lists: PerList<WeeklyFigures>;
  total: WeeklyFigures;
  droppedThisWeek: number;
  /** Every dropped project known at the cut-off. */
  droppedTotal: number;
}

/** A project that changed list this week. `from` is null for a project first recorded this week. */
export interface Movement {
  project: ReportProject;
  from: Stage | null;
  to: Stage;
  /** The lists it skipped (clue → landed skips signed). */
  passed: ListKey[];
  /** The ledger date of the new stage, when the ledger has it. */
  on: string | null;
}

export interface CoordinationItem {
  project: ReportProject;
  /** 需协调事项 as the clerk wrote it. */
  text: string;
}

export interface FlagChange {
  project: ReportProject;
  from: FlagLevel;
  to: FlagLevel;
  /** The reasons of the new flag (of the old flag when it cleared). */
  reasons: FlagReason[];
}

export interface ChangeFigure {
  previous: number;
  current: number;
  delta: number;
}

export interface ListChange {
  count: ChangeFigure;
  amount: ChangeFigure;
  red: ChangeFigure;
  yellow: ChangeFigure;
}

export interface WeeklyChange {
  lists: PerList<ListChange>;
  total: ListChange;
  /** Active projects red now and not red at the previous cut-off. */
  newRed: FlagChange[];
  /** Active projects yellow now and unflagged (or unknown) at the previous cut-off. */
  newYellow: FlagChange[];
  /** Active projects flagged at the previous cut-off and unflagged now. */
  cleared: FlagChange[];
}

/** A unit that has not reported (未按时调度): it has active projects and none had its progress (本周进展) changed in the week. */
export interface NotReportedUnit {
  unit: string;
  /** Its active projects, every one without this week's progress. */
  active: number;
}

export interface WeeklyReport {
  period: ReportPeriod;
  /** True when no project has a snapshot for the week: every figure is zero, no error. */
  empty: boolean;
  /** Configured units first (in their order, even without projects), then others by pinyin, '' last. */
  units: WeeklyUnitRow[];
  county: WeeklyCounty;
  /** Projects that arrived on each list this week. */
  entered: PerList<ReportProject[]>;
  movements: Movement[];
  noUpdate: ReportProject[];
  /** Units with no sync or no progress change in the week (未按时调度), in unit order. */
  notReported: NotReportedUnit[];
  /** Problems that need county-level coordination (需协调事项), of active projects. */
  coordination: CoordinationItem[];
  droppedThisWeek: ReportProject[];
  /** Null when either week has no data (nothing honest to compare). */
  change: WeeklyChange | null;
}

// ---------------------------------------------------------------- dashboard (领导看板)

export interface DashboardFigures {
  count: number;
  amount: number;
  red: number;
  yellow: number;
  /** Contribution: expected output value and tax (亿元), expected jobs (people). */
  outputValue: number;
  tax: number;
  jobs: number;
}

export interface DashboardUnitRow {
  unit: string;
  /** Active projects per list. */
  lists: PerList<number>;
  total: number;
  amount: number;
  red: number;
  yellow: number;
}

export type CycleKey = 'clueToSigned' | 'signedToLanded' | 'landedToProducing';
export const CYCLE_KEYS: readonly CycleKey[] = ['clueToSigned', 'signedToLanded', 'landedToProducing'];

export interface CycleTime {
  /** Median days between the two ledger dates; null when no project has both. */
  median: number | null;
  /** Projects with both dates (in order) that the median is taken over. */
  count: number;
}

/** Priority investors (重点目标企业): 央企, 国字号, 世界500强 — investorType values of the field catalogue. */
export type PriorityKey = 'centralSoe' | 'nationalBrand' | 'fortune500';
export const PRIORITY_KEYS: readonly PriorityKey[] = ['centralSoe', 'nationalBrand', 'fortune500'];

export interface CountAmount {
  count: number;
  amount: number;
}

export interface PriorityRow {
  lists: PerList<CountAmount>;
  total: CountAmount;
}

export interface RedFlagItem {
  project: ReportProject;
  /** Every reason of the flag, red ones first. */
  reasons: FlagReason[];
  flagSince: string | null;
  /** Whole days from flagSince to asOf; null when flagSince is unknown. */
  daysFlagged: number | null;
}

export interface Dashboard {
  asOf: string;
  /** The week asOf falls in. */
  week: string;
  empty: boolean;
  lists: PerList<DashboardFigures>;
  total: DashboardFigures;
  dropped: number;
  units: DashboardUnitRow[];
  cycleTimes: Record<CycleKey, CycleTime>;
  priority: Record<PriorityKey, PriorityRow>;
  /** Longest flagged first. */
  redFlags: RedFlagItem[];
  /** Units that have not reported in the week so far (未按时调度: no progress change since the last cut-off). */
  notReported: NotReportedUnit[];
  /** Every red project, when `redFlags` is one page of them (served from the live aggregates). */
  redFlagsTotal?: number;
  /** The red list's next page: GET /v1/dashboard?nextToken= (bound to the caller, like the projects cursor). */
  redFlagsNext?: string;
  /** Red and yellow counts over the last 12 weeks (closed weeks as fixed at their cut-off, then the current week). */
  trend?: Trend;
  /** By 招商方式, by 责任专班, by industry and chain role, and per unit the per-mu figures (issue 21). */
  contribution?: ContributionSections;
  /** Pairs of projects that may be one project, from the name index (issue 15; functions/app/duplicates.ts), at most 200. */
  duplicates?: DuplicatePair[];
  /** Every such pair, when `duplicates` lists the first 200. */
  duplicatesTotal?: number;
}

/** Two stored projects that may be one: one unit and name ('same'), one name in two units ('otherUnit'), or near names in one unit ('near'). */
export interface DuplicatePair {
  kind: 'same' | 'otherUnit' | 'near';
  a: { id: string; name: string; unit: string };
  b: { id: string; name: string; unit: string };
}

// ---------------------------------------------------------------- dashboard: contribution sections

/** One 招商方式 ('' = not filled in): which methods turn clues into signings. */
export interface MethodRow {
  method: string;
  /** Active projects per list, their sum and total investment (亿元). */
  lists: PerList<number>;
  total: number;
  amount: number;
  /** Every project of the method (dropped too), and those that reached signing (签约 list or later, or dropped after a 签约时间). */
  all: number;
  signed: number;
  /** signed / all (0..1); null when all is 0. */
  conversion: number | null;
  /** Median days 线索时间 → 签约时间 over the method's projects with both. */
  clueToSigned: CycleTime;
}

/** One 责任专班 ('' = not filled in): its active projects. */
export interface TeamRow {
  team: string;
  lists: PerList<number>;
  total: number;
  amount: number;
  red: number;
  yellow: number;
}

/** 链条环节 values of the field catalogue: 建链, 补链, 强链, 延链. */
export type ChainRoleKey = 'build' | 'fill' | 'strengthen' | 'extend';
export const CHAIN_ROLE_KEYS: readonly ChainRoleKey[] = ['build', 'fill', 'strengthen', 'extend'];

/** One industry ('' = not filled in) of the "6+3" chains: active projects per chain role and list. */
export interface ChainRow {
  industry: string;
  roles: Record<ChainRoleKey, PerList<number>>;
  /** Active projects of the industry with no chain role. */
  unmarked: number;
  /** Active projects of the industry, per list and in all. */
  lists: PerList<number>;
  total: number;
}

/** Totals and per-mu figures of a set of projects (a unit's landed or producing projects). */
export interface LandFigures {
  count: number;
  /** 亿元: 总投资, 预计产值, 预计税收 of all of them. */
  amount: number;
  outputValue: number;
  tax: number;
  /** Projects with land (用地面积 > 0) and their land, 亩; only they enter the per-mu figures. */
  withLand: number;
  landArea: number;
  /** 万元/亩: Σ investment (固定资产投资, else 总投资) / Σ land; 万元/亩·年: Σ tax / Σ land of the projects stating a tax; likewise output. Null without land. */
  investmentIntensity: number | null;
  taxPerMu: number | null;
  outputPerMu: number | null;
}

export interface UnitLandRow {
  unit: string;
  landed: LandFigures;
  producing: LandFigures;
  total: LandFigures;
}

export interface ContributionSections {
  /** Configured methods first (in their order, even without projects), then others, '' last. */
  methods: MethodRow[];
  /** Teams by pinyin, '' last; only teams with active projects. */
  teams: TeamRow[];
  /** Configured industries first (even without projects), then others with active projects, '' last. */
  chains: ChainRow[];
  /** Units with landed or producing projects, in unit order; and the county. */
  land: UnitLandRow[];
  landTotal: Omit<UnitLandRow, 'unit'>;
}

/** One series per week of `Trend.weeks`; null where the week has no figures (not closed, or before the county started). */
export interface TrendSeries {
  red: Array<number | null>;
  yellow: Array<number | null>;
}

/** Red and yellow counts (active projects) per week, oldest first, the current (open) week last. */
export interface Trend {
  weeks: string[];
  units: Array<{ unit: string } & TrendSeries>;
  lists: PerList<TrendSeries>;
  total: TrendSeries;
}
