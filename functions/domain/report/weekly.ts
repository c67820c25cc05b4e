/**
 * The weekly scheduling report (周调度): the four lists per unit at a week's cut-off and how they moved since
 * the previous cut-off. Pure: the handler loads the two weeks' snapshots and the county's units.
 *
 * "Entered a list this week" (本周新进入): the project's stage at this cut-off differs from its stage at the
 * previous one, or the project is new since then — first synced this week, or absent from the previous week's
 * snapshots. A clue that got 开工时间 in the same week enters 落地项目 and the movement records that it passed
 * 签约项目. When the previous week has no data at all (the first week the county used the system), a project
 * counts as entered when it was first synced this week or its ledger date for the stage falls in the week.
 */
import {
  LIST_ORDER,
  type FlagChange,
  type ListChange,
  type ListKey,
  type Movement,
  type PerList,
  type ReportPeriod,
  type ReportProject,
  type WeeklyChange,
  type WeeklyFigures,
  type WeeklyReport,
  type WeeklyUnitRow,
} from '../../../contract/vocabulary';
import { fromWan, isActive, orderUnits, passedLists, perList, projectOf, projectOrder, toWan } from './common';
import { notReported } from './not-reported';
import { resolveWeek, type WeekSnapshot } from './snapshot';

export interface WeeklyOptions {
  /** The county's configured units (config.units): listed even when they have no projects. */
  units?: readonly string[];
}

/** WeeklyFigures with money in 万元 while summing. */
type Tally = Omit<WeeklyFigures, 'amount'> & { wan: number };

const emptyTally = (): Tally => ({ count: 0, wan: 0, red: 0, yellow: 0, entered: 0, noUpdate: 0 });

/** Counts an active project's list figures (shared by this week and the previous one). */
function count(t: Tally, s: WeekSnapshot): void {
  t.count++;
  t.wan += toWan(s.amount);
  if (s.flag.level === 'red') t.red++;
  else if (s.flag.level === 'yellow') t.yellow++;
}

function addTally(into: Tally, t: Tally): void {
  into.count += t.count;
  into.wan += t.wan;
  into.red += t.red;
  into.yellow += t.yellow;
  into.entered += t.entered;
  into.noUpdate += t.noUpdate;
}

function sumTallies(tallies: Iterable<Tally>): Tally {
  const total = emptyTally();
  for (const t of tallies) addTally(total, t);
  return total;
}

function figures(t: Tally): WeeklyFigures {
  return { count: t.count, amount: fromWan(t.wan), red: t.red, yellow: t.yellow, entered: t.entered, noUpdate: t.noUpdate };
}

const listFigures = (lists: PerList<Tally>): PerList<WeeklyFigures> => perList((l) => figures(lists[l]));

function inDays(date: string | null, period: ReportPeriod): boolean {
  // Month-precision dates ("2026-11") cannot be placed in a week.
  return date !== null && date.length === 10 && date >= period.firstDay && date <= period.lastDay;
}

export function weeklyReport(
  currentSnapshots: readonly WeekSnapshot[],
  previousSnapshots: readonly WeekSnapshot[],
  period: ReportPeriod,
  options: WeeklyOptions = {},
): WeeklyReport {
  const current = resolveWeek(currentSnapshots, period.week);
  const previous = resolveWeek(previousSnapshots, period.previousWeek);
  const before = new Map(previous.map((s) => [s.id, s]));
  const comparable = previous.length > 0;

  const units = orderUnits(
    current.map((s) => s.unit),
    options.units,
  );
  const order = projectOrder(units);
  const byUnit = new Map(units.map((u) => [u, { lists: perList(emptyTally), dropped: 0 }]));
  const entered = perList<ReportProject[]>(() => []);
  const movements: Movement[] = [];
  const noUpdate: ReportProject[] = [];
  const coordination: WeeklyReport['coordination'] = [];
  const dropped: ReportProject[] = [];

  for (const s of current) {
    const prev = before.get(s.id);
    const unit = byUnit.get(s.unit)!;
    const project = projectOf(s);
    if (!isActive(s)) {
      const droppedNow = prev ? prev.stage !== 'dropped' : comparable;
      if (droppedNow) {
        unit.dropped++;
        dropped.push(project);
        movements.push({ project, from: prev?.stage ?? null, to: 'dropped', passed: [], on: null });
      }
      continue;
    }
    const t = unit.lists[s.stage];
    count(t, s);
    const arrived = prev ? prev.stage !== s.stage : comparable || s.newThisWeek === true || inDays(s.enteredStageOn, period);
    if (arrived) {
      t.entered++;
      entered[s.stage].push(project);
      const from = prev?.stage ?? null;
      movements.push({ project, from, to: s.stage, passed: passedLists(from, s.stage), on: s.enteredStageOn });
    }
    if (!s.progressUpdated) {
      t.noUpdate++;
      noUpdate.push(project);
    }
    if (s.coordination) coordination.push({ project, text: s.coordination });
  }

  const rows: WeeklyUnitRow[] = units.map((u) => {
    const { lists, dropped: droppedThisWeek } = byUnit.get(u)!;
    return { unit: u, lists: listFigures(lists), total: figures(sumTallies(Object.values(lists))), droppedThisWeek };
  });
  const countyLists = perList((l) => sumTallies([...byUnit.values()].map((x) => x.lists[l])));

  for (const l of LIST_ORDER) entered[l].sort(order);
  const byProject = <T extends { project: ReportProject }>(a: T, b: T) => order(a.project, b.project);
  movements.sort(byProject);
  noUpdate.sort(order);
  coordination.sort(byProject);
  dropped.sort(order);

  return {
    period,
    empty: current.length === 0,
    units: rows,
    county: {
      lists: listFigures(countyLists),
      total: figures(sumTallies(Object.values(countyLists))),
      droppedThisWeek: dropped.length,
      droppedTotal: current.filter((s) => !isActive(s)).length,
    },
    entered,
    movements,
    noUpdate,
    notReported: notReported(current, units),
    coordination,
    droppedThisWeek: dropped,
    change: comparable && current.length > 0 ? weeklyChange(current, previous, countyLists, byProject) : null,
  };
}

function weeklyChange(
  current: readonly WeekSnapshot[],
  previous: readonly WeekSnapshot[],
  now: PerList<Tally>,
  order: (a: FlagChange, b: FlagChange) => number,
): WeeklyChange {
  const then = perList(emptyTally);
  for (const s of previous) if (isActive(s)) count(then[s.stage], s);
  const change = (a: Tally, b: Tally): ListChange => {
    const fig = (p: number, c: number) => ({ previous: p, current: c, delta: c - p });
    return {
      count: fig(a.count, b.count),
      amount: { previous: fromWan(a.wan), current: fromWan(b.wan), delta: fromWan(b.wan - a.wan) },
      red: fig(a.red, b.red),
      yellow: fig(a.yellow, b.yellow),
    };
  };

  const before = new Map(previous.map((s) => [s.id, s]));
  const newRed: FlagChange[] = [];
  const newYellow: FlagChange[] = [];
  const cleared: FlagChange[] = [];
  for (const s of current) {
    if (!isActive(s)) continue;
    const prev = before.get(s.id);
    const from = prev?.flag.level ?? 'none';
    const to = s.flag.level;
    if (from === to) continue;
    const project = projectOf(s);
    if (to === 'red') newRed.push({ project, from, to, reasons: s.flag.reasons });
    else if (to === 'yellow' && from === 'none') newYellow.push({ project, from, to, reasons: s.flag.reasons });
    else if (to === 'none') cleared.push({ project, from, to, reasons: prev!.flag.reasons });
  }
  return {
    lists: perList((l: ListKey) => change(then[l], now[l])),
    total: change(sumTallies(Object.values(then)), sumTallies(Object.values(now))),
    newRed: newRed.sort(order),
    newYellow: newYellow.sort(order),
    cleared: cleared.sort(order),
  };
}
