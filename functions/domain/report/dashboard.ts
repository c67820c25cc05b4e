/**
 * The leaders' dashboard (领导看板): the county's four lists now, per unit, with contribution, cycle times,
 * priority investors and the red-flag list. Pure: the handler passes every project's snapshot as of `asOf`
 * (made from STATE with snapshotOf).
 */
import {
  PRIORITY_KEYS,
  type CountAmount,
  type Dashboard,
  type DashboardFigures,
  type FlagReason,
  type PriorityKey,
  type PriorityRow,
  type RedFlagItem,
} from '../../../contract/vocabulary';
import { MS_PER_DAY } from '../days';
import { cycleTimes } from './cycle';
import { fromWan, isActive, orderUnits, perList, projectOf, projectOrder, toWan } from './common';
import { notReported } from './not-reported';
import { resolveWeek, type WeekSnapshot } from './snapshot';

export interface DashboardOptions {
  /** ISO instant the figures are as of (days flagged count to it). */
  asOf: string;
  /** The week asOf falls in (calendar.weekOf). */
  week: string;
  /** The county's configured units: listed even when they have no projects. */
  units?: readonly string[];
}

type Tally = Omit<DashboardFigures, 'amount' | 'outputValue' | 'tax'> & { wan: number; outputWan: number; taxWan: number };
const emptyTally = (): Tally => ({ count: 0, wan: 0, red: 0, yellow: 0, outputWan: 0, taxWan: 0, jobs: 0 });

function add(t: Tally, s: WeekSnapshot): void {
  t.count++;
  t.wan += toWan(s.amount);
  t.outputWan += toWan(s.outputValue);
  t.taxWan += toWan(s.tax);
  t.jobs += s.jobs ?? 0;
  if (s.flag.level === 'red') t.red++;
  else if (s.flag.level === 'yellow') t.yellow++;
}

function figures(tallies: readonly Tally[]): DashboardFigures {
  const sum = (k: keyof Tally) => tallies.reduce((n, t) => n + t[k], 0);
  return {
    count: sum('count'),
    amount: fromWan(sum('wan')),
    red: sum('red'),
    yellow: sum('yellow'),
    outputValue: fromWan(sum('outputWan')),
    tax: fromWan(sum('taxWan')),
    jobs: sum('jobs'),
  };
}

const LEVEL_RANK = { red: 0, yellow: 1 } as const;
const redFirst = (reasons: readonly FlagReason[]) => [...reasons].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);

function daysBetween(from: string | null, to: string): number | null {
  if (from === null) return null;
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / MS_PER_DAY));
}

export function dashboard(snapshots: readonly WeekSnapshot[], options: DashboardOptions): Dashboard {
  const all = resolveWeek(snapshots, options.week);
  const active = all.filter(isActive);
  const units = orderUnits(
    all.map((s) => s.unit),
    options.units,
  );
  const order = projectOrder(units);

  const lists = perList(emptyTally);
  const byUnit = new Map(units.map((u) => [u, perList(emptyTally)]));
  const priority = Object.fromEntries(PRIORITY_KEYS.map((k) => [k, perList(emptyTally)])) as Record<PriorityKey, ReturnType<typeof perList<Tally>>>;
  for (const s of active) {
    add(lists[s.stage], s);
    add(byUnit.get(s.unit)![s.stage], s);
    if (s.investorType && s.investorType in priority) add(priority[s.investorType as PriorityKey][s.stage], s);
  }

  const countAmount = (t: readonly Tally[]): CountAmount => {
    const f = figures(t);
    return { count: f.count, amount: f.amount };
  };
  const priorityRows = Object.fromEntries(
    PRIORITY_KEYS.map((k): [PriorityKey, PriorityRow] => [
      k,
      { lists: perList((l) => countAmount([priority[k][l]])), total: countAmount(Object.values(priority[k])) },
    ]),
  ) as Record<PriorityKey, PriorityRow>;

  const redFlags: RedFlagItem[] = active
    .filter((s) => s.flag.level === 'red')
    .map((s) => ({
      project: projectOf(s),
      reasons: redFirst(s.flag.reasons),
      flagSince: s.flagSince,
      daysFlagged: daysBetween(s.flagSince, options.asOf),
    }))
    .sort((a, b) => (b.daysFlagged ?? -1) - (a.daysFlagged ?? -1) || order(a.project, b.project));

  return {
    asOf: options.asOf,
    week: options.week,
    empty: all.length === 0,
    lists: perList((l) => figures([lists[l]])),
    total: figures(Object.values(lists)),
    dropped: all.length - active.length,
    units: units.map((unit) => {
      const f = byUnit.get(unit)!;
      const total = figures(Object.values(f));
      return { unit, lists: perList((l) => f[l].count), total: total.count, amount: total.amount, red: total.red, yellow: total.yellow };
    }),
    cycleTimes: cycleTimes(all),
    priority: priorityRows,
    redFlags,
    notReported: notReported(all, units),
  };
}
