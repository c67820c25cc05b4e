/**
 * The dashboard's live aggregates (DESIGN §6): moved by every committed sync event, read by GET /v1/dashboard
 * instead of every project.
 *
 * Exactly once: a sync event is committed by a conditional put of EVT#<version> (attribute_not_exists), and only
 * the request that wins that put applies the event's delta (its state minus the state it replaced, prev → state,
 * version v-1 → v), once, after the chunk's STATEs (`recordAggregates`, called from one place in app/sync.ts). A
 * retried chunk finds its rows unchanged and applies nothing again; a row that lost its version to another writer
 * applies nothing (the winner does); a unit's counters put again after an answer was lost know the chunk already
 * applied (store/live-aggregates.ts). What is not covered: a process that dies between its events and their deltas:
 * `rebuildAggregates` recomputes everything from STATE — when
 * they were never built, when a sync chunk died owing its deltas, and once after each week's cut-off, each time only
 * while no sync runs (app/upkeep.ts).
 */
import type { CountyConfig, Dashboard, DashboardQuery } from '../../contract';
import { weekOf } from '../domain/calendar';
import { reportPeriod, snapshotOf } from '../domain/report';
import { addCounters, contributionDelta, contributionOf, liveDashboard, liveWeekCounts, mergeDeltas, redKey, trendOf, type Contribution, type RedEntry, type UnitCounters, type WeekCounts } from '../domain/report/live';
import { sectionsFromCounters } from '../domain/report/sections';
import type { ProjectState } from '../domain/types';
import { now } from './clock';
import { cachedConfig } from './config';
import type { Deps } from './deps';
import { AppFailure } from './failure';
import { logLine } from './log';
import { MSG } from './messages';
import { BadPageTokenError } from './ports';
import { dashboardFor } from './reports';
import { currentDuplicates } from './duplicates';

/** Weeks in the trend, the current one included. */
export const TREND_WEEKS = 12;
const RED_PAGE = 100;

const blank = (s: string | null | undefined) => !s || s.trim() === '';

/** What a project's current state contributes to its unit's counters and the red list. */
export function contributionOfState(s: ProjectState, cutoff: CountyConfig['cutoff']): Contribution {
  const snap = snapshotOf(s, { week: '', start: '', end: '' }, s.updatedAt);
  return contributionOf(snap, blank(s.fields.progress) ? null : weekOf(s.history.progressChangedAt, cutoff));
}

/**
 * Applies the deltas of the events this chunk committed; true when they are applied (or there were none). Never fails
 * the sync: a failure is logged, and the chunk stays open (beginChunk), so upkeep rebuilds (app/upkeep.ts).
 */
export async function recordAggregates(
  deps: Pick<Deps, 'aggregates' | 'log' | 'clock'>,
  chunk: string,
  committed: ReadonlyArray<{ state: ProjectState; prev: ProjectState | null }>,
  cutoff: CountyConfig['cutoff'],
): Promise<boolean> {
  const agg = deps.aggregates;
  if (!agg || committed.length === 0) return true;
  try {
    const put = new Map<string, RedEntry>();
    const remove = new Set<string>();
    const deltas = committed.map(({ state, prev }) => {
      const before = prev && prev.version > 0 ? contributionOfState(prev, cutoff) : null;
      const after = contributionOfState(state, cutoff);
      if (before?.red) remove.add(redKey(before.red));
      if (after.red) put.set(redKey(after.red), after.red);
      return contributionDelta(before, after);
    });
    for (const k of put.keys()) remove.delete(k);
    await agg.applyDeltas(chunk, mergeDeltas(deltas), { put: [...put.values()], remove: [...remove] });
    return true;
  } catch (e) {
    logLine(deps, 'error', { route: 'sync', aggregates: 'not applied', projects: committed.map((c) => c.state.id) }, e);
    return false;
  }
}

/** Every unit's counters and the red list, from every project's STATE. */
export function aggregatesOf(states: readonly ProjectState[], cutoff: CountyConfig['cutoff']): { units: UnitCounters[]; red: RedEntry[] } {
  const units = new Map<string, UnitCounters>();
  const red: RedEntry[] = [];
  for (const s of states) {
    const c = contributionOfState(s, cutoff);
    const u = units.get(c.unit) ?? units.set(c.unit, { unit: c.unit, counters: {} }).get(c.unit)!;
    addCounters(u.counters, c.counters);
    if (c.red) red.push(c.red);
  }
  return { units: [...units.values()], red };
}

/** Recomputes the live aggregates from every project's STATE (one scan, unless the caller has read them): the first build, and the repair. */
export async function rebuildAggregates(deps: Pick<Deps, 'store' | 'aggregates' | 'clock'>, states?: readonly ProjectState[]): Promise<UnitCounters[]> {
  const agg = deps.aggregates;
  if (!agg) return [];
  const config = await cachedConfig(deps.store);
  const built = aggregatesOf(states ?? (await deps.store.allStates()), config.cutoff);
  await agg.rebuild(built.units, built.red, deps.clock());
  return built.units;
}

/** The `count` weeks ending with `week`, oldest first. */
export function weeksEndingWith(week: string, count: number, cutoff: CountyConfig['cutoff']): string[] {
  const out = [week];
  while (out.length < count) out.unshift(reportPeriod(out[0]!, cutoff)!.previousWeek);
  return out;
}

/**
 * GET /v1/dashboard: from the live aggregates (one Query of the units' counters, one page of the red list, the
 * closed weeks' counts for the trend); without them (a store that has none) the scan of every project.
 */
export async function dashboardAnswer(deps: Pick<Deps, 'store' | 'mode' | 'clock' | 'aggregates'>, q: DashboardQuery, caller = ''): Promise<Dashboard> {
  const agg = deps.aggregates;
  if (!agg) return dashboardFor(deps, q.asOf);
  const config = await cachedConfig(deps.store);
  const asOf = now(deps, config.cutoff, q.asOf);
  const week = weekOf(asOf, config.cutoff);
  let { built, units } = await agg.unitCounters();
  if (!built) {
    // Never built (data from before the aggregates): the embedded stack builds them now; the cloud answers from
    // the scan (its dashboard function may only read) until they are built.
    if (deps.mode === 'cloud') return dashboardFor(deps, q.asOf);
    units = await rebuildAggregates(deps);
  }
  const weeks = weeksEndingWith(week, TREND_WEEKS, config.cutoff);
  const [page, closed, duplicates] = await Promise.all([
    agg.redPage(q.redLimit ?? RED_PAGE, q.nextToken, caller).catch((e: unknown) => {
      throw e instanceof BadPageTokenError ? new AppFailure('bad_request', MSG.badPageToken, { field: 'nextToken' }) : e;
    }),
    agg.closedWeekCounts(weeks.slice(0, -1)),
    currentDuplicates(deps, { store: deps.mode !== 'cloud' }),
  ]);
  const counts = new Map<string, WeekCounts>(closed);
  counts.set(week, liveWeekCounts(week, units));
  const board = liveDashboard(units, page.items, { asOf, week, units: config.units, ...(page.nextToken ? { redFlagsNext: page.nextToken } : {}) });
  const contribution = sectionsFromCounters(units, { units: config.units, methods: config.investmentMethods, industries: config.industries });
  const { pairs, total } = duplicates;
  return { ...board, trend: trendOf(weeks, counts, board.units.map((u) => u.unit)), contribution, duplicates: pairs, duplicatesTotal: total };
}
