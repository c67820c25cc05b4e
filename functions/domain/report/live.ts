/**
 * The live aggregates behind the dashboard (DESIGN §6: "aggregates maintained as syncs write"): what one project
 * contributes to its unit's counters, the delta a committed event makes, and the dashboard and the 12-week trend
 * rebuilt from the units' counters — the same figures `dashboard()` computes from every project's snapshot, without
 * reading every project. Pure.
 *
 * A unit's counters are one flat record of numbers (name → count or sum), so a delta is a sum per name. Names: `n` (projects, dropped too), `drop`; per list `<list>.n|wan|red|yel|out|tax|jobs`
 * (active projects, money in 万元); `pri.<investorType>.<list>.n|wan`; `cy.<cycle>.<days>` (a histogram of cycle
 * days, for the medians); `pw.<week>` (active projects whose progress text last changed in that week, for 未按时调度).
 */
import {
  CYCLE_KEYS,
  LIST_ORDER,
  PRIORITY_KEYS,
  type CountAmount,
  type CycleKey,
  type CycleTime,
  type Dashboard,
  type DashboardFigures,
  type FlagReason,
  type ListKey,
  type PerList,
  type PriorityKey,
  type PriorityRow,
  type RedFlagItem,
  type Trend,
  type TrendSeries,
} from '../../../contract/vocabulary';
import { MS_PER_DAY } from '../days';
import { fromWan, isActive, orderUnits, perList, projectOf, projectOrder, toWan } from './common';
import { cycleDays } from './cycle';
import { sectionCounters } from './sections';
import type { WeekSnapshot } from './snapshot';

export type Counters = Record<string, number>;

/** A red project as the live red list keeps it (daysFlagged is counted when read, to the dashboard's asOf). */
export type RedEntry = Omit<RedFlagItem, 'daysFlagged'>;

export interface Contribution {
  unit: string;
  counters: Counters;
  /** The project's entry in the red list, when it is red and active. */
  red: RedEntry | null;
}

const CYCLE_PAIRS: Readonly<Record<CycleKey, readonly [ListKey, ListKey]>> = {
  clueToSigned: ['clue', 'signed'],
  signedToLanded: ['signed', 'landed'],
  landedToProducing: ['landed', 'producing'],
};

const LEVEL_RANK = { red: 0, yellow: 1 } as const;
const redFirst = (reasons: readonly FlagReason[]) => [...reasons].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);

/** The red list's sort key: longest flagged first (flagSince ascending; unknown last), then by id. */
export const redKey = (e: { flagSince: string | null; project: { id: string } }): string => `${e.flagSince ?? '~'}#${e.project.id}`;

/**
 * What a project contributes: `snap` its snapshot (snapshotOf its state), `progressWeek` the week its progress text
 * last changed in (null when the text is blank).
 */
export function contributionOf(snap: WeekSnapshot, progressWeek: string | null): Contribution {
  // The contribution sections' counters (sections.ts, issue 21) ride along in the same unit item.
  const c: Counters = { n: 1, ...sectionCounters(snap) };
  for (const key of CYCLE_KEYS) {
    const days = cycleDays(snap, CYCLE_PAIRS[key]);
    if (days !== null) c[`cy.${key}.${days}`] = 1;
  }
  if (!isActive(snap)) {
    c.drop = 1;
    return { unit: snap.unit, counters: c, red: null };
  }
  const l = snap.stage;
  c[`${l}.n`] = 1;
  c[`${l}.wan`] = toWan(snap.amount);
  c[`${l}.out`] = toWan(snap.outputValue);
  c[`${l}.tax`] = toWan(snap.tax);
  c[`${l}.jobs`] = snap.jobs ?? 0;
  if (snap.flag.level === 'red') c[`${l}.red`] = 1;
  else if (snap.flag.level === 'yellow') c[`${l}.yel`] = 1;
  if (snap.investorType && (PRIORITY_KEYS as readonly string[]).includes(snap.investorType)) {
    c[`pri.${snap.investorType}.${l}.n`] = 1;
    c[`pri.${snap.investorType}.${l}.wan`] = toWan(snap.amount);
  }
  if (progressWeek !== null) c[`pw.${progressWeek}`] = 1;
  const red = snap.flag.level === 'red' ? { project: projectOf(snap), reasons: redFirst(snap.flag.reasons), flagSince: snap.flagSince } : null;
  return { unit: snap.unit, counters: c, red };
}

/** Adds `from` (times `sign`) into `into`. */
export function addCounters(into: Counters, from: Counters, sign = 1): Counters {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + sign * v;
  return into;
}

/** The change one event makes, per unit (a project that changed unit takes its old contribution off the old one); zeros left out. */
export function contributionDelta(before: Contribution | null, after: Contribution): Map<string, Counters> {
  const out = new Map<string, Counters>();
  const at = (unit: string) => out.get(unit) ?? out.set(unit, {}).get(unit)!;
  if (before) addCounters(at(before.unit), before.counters, -1);
  addCounters(at(after.unit), after.counters);
  return pruned(out);
}

/** Sums of many deltas, per unit. */
export function mergeDeltas(deltas: Iterable<Map<string, Counters>>): Map<string, Counters> {
  const out = new Map<string, Counters>();
  for (const d of deltas) for (const [unit, c] of d) addCounters(out.get(unit) ?? out.set(unit, {}).get(unit)!, c);
  return pruned(out);
}

/** `c` without its zero counters: a counter at 0 is the same as none. */
export function dropZeros(c: Counters): Counters {
  for (const k of Object.keys(c)) if (c[k] === 0) delete c[k];
  return c;
}

/** Per-unit counters without zeros, and without the units left empty. */
function pruned(byUnit: Map<string, Counters>): Map<string, Counters> {
  for (const [unit, c] of byUnit) if (Object.keys(dropZeros(c)).length === 0) byUnit.delete(unit);
  return byUnit;
}

export interface UnitCounters {
  unit: string;
  counters: Counters;
}

const get = (c: Counters, k: string): number => c[k] ?? 0;

function figuresOf(units: readonly Counters[], lists: readonly ListKey[]): DashboardFigures {
  const sum = (suffix: string) => units.reduce((n, c) => n + lists.reduce((m, l) => m + get(c, `${l}.${suffix}`), 0), 0);
  return { count: sum('n'), amount: fromWan(sum('wan')), red: sum('red'), yellow: sum('yel'), outputValue: fromWan(sum('out')), tax: fromWan(sum('tax')), jobs: sum('jobs') };
}

/** The k-th smallest (0-based) value of a histogram given as sorted [value, count] pairs. */
function kth(hist: ReadonlyArray<readonly [number, number]>, k: number): number {
  let seen = 0;
  for (const [v, n] of hist) {
    seen += n;
    if (k < seen) return v;
  }
  return hist[hist.length - 1]![0];
}

function cycleTimeOf(units: readonly Counters[], key: CycleKey): CycleTime {
  const bins = new Map<number, number>();
  const prefix = `cy.${key}.`;
  for (const c of units) for (const [k, n] of Object.entries(c)) if (k.startsWith(prefix) && n > 0) bins.set(Number(k.slice(prefix.length)), (bins.get(Number(k.slice(prefix.length))) ?? 0) + n);
  const hist = [...bins].sort((a, b) => a[0] - b[0]);
  const count = hist.reduce((n, [, c]) => n + c, 0);
  if (count === 0) return { median: null, count: 0 };
  const mid = count >> 1;
  return { median: count % 2 ? kth(hist, mid) : (kth(hist, mid - 1) + kth(hist, mid)) / 2, count };
}

function daysBetween(from: string | null, to: string): number | null {
  if (from === null) return null;
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / MS_PER_DAY));
}

export interface LiveDashboardOptions {
  asOf: string;
  week: string;
  units?: readonly string[];
  /** The red list's next page, when there is one. */
  redFlagsNext?: string;
  trend?: Trend;
}

/** The dashboard from the units' counters and one page of the red list (in key order). */
export function liveDashboard(units: readonly UnitCounters[], red: readonly RedEntry[], options: LiveDashboardOptions): Dashboard {
  const byUnit = new Map(units.map((u) => [u.unit, u.counters]));
  const order = orderUnits(
    units.filter((u) => get(u.counters, 'n') > 0).map((u) => u.unit),
    options.units,
  );
  const all = [...byUnit.values()];
  const total = all.reduce((n, c) => n + get(c, 'n'), 0);
  const countAmount = (k: PriorityKey, lists: readonly ListKey[]): CountAmount => ({
    count: all.reduce((n, c) => n + lists.reduce((m, l) => m + get(c, `pri.${k}.${l}.n`), 0), 0),
    amount: fromWan(all.reduce((n, c) => n + lists.reduce((m, l) => m + get(c, `pri.${k}.${l}.wan`), 0), 0)),
  });
  const priority = Object.fromEntries(
    PRIORITY_KEYS.map((k): [PriorityKey, PriorityRow] => [k, { lists: perList((l) => countAmount(k, [l])), total: countAmount(k, LIST_ORDER) }]),
  ) as Record<PriorityKey, PriorityRow>;
  const projectSort = projectOrder(order);
  const redFlags: RedFlagItem[] = red
    .map((e) => ({ ...e, daysFlagged: daysBetween(e.flagSince, options.asOf) }))
    .sort((a, b) => (b.daysFlagged ?? -1) - (a.daysFlagged ?? -1) || projectSort(a.project, b.project));
  const redTotal = figuresOf(all, LIST_ORDER).red;
  return {
    asOf: options.asOf,
    week: options.week,
    empty: total === 0,
    lists: perList((l) => figuresOf(all, [l])),
    total: figuresOf(all, LIST_ORDER),
    dropped: all.reduce((n, c) => n + get(c, 'drop'), 0),
    units: order.map((unit) => {
      const c = byUnit.get(unit) ?? {};
      const f = figuresOf([c], LIST_ORDER);
      return { unit, lists: perList((l) => get(c, `${l}.n`)), total: f.count, amount: f.amount, red: f.red, yellow: f.yellow };
    }),
    cycleTimes: Object.fromEntries(CYCLE_KEYS.map((k) => [k, cycleTimeOf(all, k)])) as Record<CycleKey, CycleTime>,
    priority,
    redFlags,
    notReported: order.flatMap((unit) => {
      const c = byUnit.get(unit);
      const active = c ? figuresOf([c], LIST_ORDER).count : 0;
      return c && active > 0 && get(c, `pw.${options.week}`) === 0 ? [{ unit, active }] : [];
    }),
    redFlagsTotal: redTotal,
    ...(options.redFlagsNext ? { redFlagsNext: options.redFlagsNext } : {}),
    ...(options.trend ? { trend: options.trend } : {}),
  };
}

/** One week's red and yellow counts per unit and per list (a closed week's aggregates, or the live counters). */
export interface WeekCounts {
  week: string;
  units: ReadonlyMap<string, { red: number; yellow: number }>;
  lists: PerList<{ red: number; yellow: number }>;
}

/** The live counters' red and yellow per unit and list (active projects), as `week`. */
export function liveWeekCounts(week: string, units: readonly UnitCounters[]): WeekCounts {
  const sum = (c: Counters, suffix: string) => LIST_ORDER.reduce((n, l) => n + get(c, `${l}.${suffix}`), 0);
  return {
    week,
    units: new Map(units.filter((u) => sum(u.counters, 'n') > 0).map((u) => [u.unit, { red: sum(u.counters, 'red'), yellow: sum(u.counters, 'yel') }])),
    lists: perList((l) => ({ red: units.reduce((n, u) => n + get(u.counters, `${l}.red`), 0), yellow: units.reduce((n, u) => n + get(u.counters, `${l}.yel`), 0) })),
  };
}

/**
 * The trend over `weeks` (oldest first): red and yellow counts per unit (in `unitOrder`, then any unit seen only in
 * the past) and per list, null for a week with no figures (not closed, or before the county started).
 */
export function trendOf(weeks: readonly string[], counts: ReadonlyMap<string, WeekCounts>, unitOrder: readonly string[]): Trend {
  const seen = new Set<string>();
  for (const c of counts.values()) for (const u of c.units.keys()) seen.add(u);
  const units = orderUnits([...unitOrder, ...seen], unitOrder).filter((u) => seen.has(u) || unitOrder.includes(u));
  const series = (pick: (c: WeekCounts) => { red: number; yellow: number } | undefined, known: (c: WeekCounts) => boolean): TrendSeries => {
    const at = weeks.map((w) => {
      const c = counts.get(w);
      return c && known(c) ? (pick(c) ?? { red: 0, yellow: 0 }) : null;
    });
    return { red: at.map((x) => (x ? x.red : null)), yellow: at.map((x) => (x ? x.yellow : null)) };
  };
  const always = () => true;
  return {
    weeks: [...weeks],
    units: units.map((unit) => ({ unit, ...series((c) => c.units.get(unit), always) })),
    lists: perList((l) => series((c) => c.lists[l], always)),
    total: series((c) => LIST_ORDER.reduce((t, l) => ({ red: t.red + c.lists[l].red, yellow: t.yellow + c.lists[l].yellow }), { red: 0, yellow: 0 }), always),
  };
}
