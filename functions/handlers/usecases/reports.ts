/**
 * GET /v1/reports/weekly and GET /v1/dashboard over the store.
 *
 * A project's state at a week's cut-off: STATE itself when the project has not changed since (its
 * `updatedAt` is at or before the cut-off — this also covers the open week and weeks nobody synced), else the
 * newest WEEK# snapshot at or before that week (sync keeps a state as its week's snapshot when a later week
 * replaces it, see usecases/sync.ts). Projects first seen after the cut-off are not in that week.
 * The week's GSI2 partition answers most of the "else" cases in one paged query; the rest are one small
 * Query per project.
 */
import type { CountyConfig, Dashboard, WeeklyReport } from '../../../contract';
import { asOfInstant, weekOf, weekRange } from '../../domain/calendar';
import { dashboard, defaultReportWeek, invalidWeekMessage, reportPeriod, snapshotOf, weeklyReport, type WeekSnapshot } from '../../domain/report';
import type { ProjectState } from '../../domain/types';
import type { ProjectStore } from '../../store';
import { ApiFailure } from '../http';

/** Every project's snapshot as of the cut-off ending `week`. */
export async function snapshotsAtCutoff(store: ProjectStore, states: readonly ProjectState[], week: string, config: CountyConfig, now: string): Promise<WeekSnapshot[]> {
  const interval = { week, ...weekRange(week, config.cutoff) };
  const end = Date.parse(interval.end);
  const out: WeekSnapshot[] = [];
  const changedSince: string[] = [];
  for (const s of states) {
    if (Date.parse(s.history.firstSeenAt) > end) continue;
    if (Date.parse(s.updatedAt) <= end) out.push(snapshotOf(s, interval, now));
    else changedSince.push(s.id);
  }
  if (changedSince.length === 0) return out;
  const wanted = new Set(changedSince);
  const inWeek = (await store.weekSnapshots(week)).filter((s) => wanted.has(s.id));
  const found = new Set(inWeek.map((s) => s.id));
  const earlier = await store.latestSnapshots(changedSince.filter((id) => !found.has(id)), week);
  return [...out, ...inWeek, ...earlier];
}

export async function weeklyReportFor(store: ProjectStore, config: CountyConfig, week: string | undefined, now: string): Promise<WeeklyReport> {
  const label = week ?? defaultReportWeek(now, config.cutoff);
  const period = reportPeriod(label, config.cutoff);
  if (period === null) throw new ApiFailure('bad_request', invalidWeekMessage(label), { field: 'week' });
  const states = await store.allStates();
  const [current, previous] = await Promise.all([
    snapshotsAtCutoff(store, states, period.week, config, now),
    snapshotsAtCutoff(store, states, period.previousWeek, config, now),
  ]);
  return weeklyReport(current, previous, period, { units: config.units });
}

/** The dashboard as of `asOf` (the clock, or a local date in local/test mode): every project's current state. */
export async function dashboardFor(store: ProjectStore, config: CountyConfig, asOfDate: string | undefined, now: string): Promise<Dashboard> {
  const asOf = asOfDate ? asOfInstant(asOfDate, config.cutoff) : now;
  const week = weekOf(asOf, config.cutoff);
  const interval = { week, ...weekRange(week, config.cutoff) };
  const snaps = (await store.allStates()).map((s) => snapshotOf(s, interval, asOf));
  return dashboard(snaps, { asOf, week, units: config.units });
}
