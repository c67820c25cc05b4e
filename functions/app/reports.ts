/**
 * GET /v1/reports/weekly and GET /v1/dashboard over the store.
 *
 * A project's state at a week's cut-off: STATE itself when the project has not changed since (its
 * `updatedAt` is at or before the cut-off — this also covers the open week and weeks nobody synced), else the
 * newest WEEK# snapshot at or before that week (sync keeps a state as its week's snapshot when a later week
 * replaces it, see app/sync.ts). Projects first seen after the cut-off are not in that week.
 * The week's GSI2 partition answers most of the "else" cases in one paged query; the rest are one small
 * Query per project.
 */
import type { CountyConfig, Dashboard, WeeklyReport } from '../../contract';
import { weekOf, weekRange } from '../domain/calendar';
import { dashboard, defaultReportWeek, invalidWeekMessage, reportPeriod, snapshotOf, weeklyReport, type WeekSnapshot } from '../domain/report';
import { contributionSections } from '../domain/report/sections';
import type { ProjectState } from '../domain/types';
import { now } from './clock';
import { cachedConfig } from './config';
import type { Deps } from './deps';
import { currentDuplicates } from './duplicates';
import { AppFailure } from './failure';
import type { CutoffStore, ProjectStore } from './ports';

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

/** A weekly report's answer: a closed week's report as the JSON text stored at its cut-off (sent as is), or one computed now. */
export type WeeklyReportAnswer = { week: string; fixed: true; json: string } | { week: string; fixed: false; report: WeeklyReport };

/** Closed weeks' reports kept per cut-off store (a county's is ~3 MB of JSON at 100,000 projects). */
const FIXED_KEPT = 4;
/**
 * Closed weeks' reports as stored, per cut-off store (one per Lambda container or local stack), least recently used
 * first. A closed week's report never changes, so it is read and unzipped once; concurrent calls share that load.
 * A week that is not closed (null) or a failed read is not kept.
 */
const fixedReports = new WeakMap<CutoffStore, Map<string, Promise<string | null>>>();

function fixedReportJson(cut: CutoffStore, week: string): Promise<string | null> {
  let weeks = fixedReports.get(cut);
  if (!weeks) fixedReports.set(cut, (weeks = new Map()));
  const held = weeks.get(week);
  if (held) {
    weeks.delete(week);
    weeks.set(week, held);
    return held;
  }
  const load = cut.fixedReportJson(week);
  const forget = () => void (weeks.get(week) === load && weeks.delete(week));
  weeks.set(week, load);
  load.then((text) => text === null && forget(), forget);
  while (weeks.size > FIXED_KEPT) weeks.delete(weeks.keys().next().value!);
  return load;
}

/** The weekly report of `week` (default: the report week by the clock); a closed week answers its report as fixed at the cut-off (app/cutoff.ts), as stored. */
export async function weeklyReportAnswer(deps: Pick<Deps, 'store' | 'mode' | 'clock' | 'cutoff'>, week: string | undefined): Promise<WeeklyReportAnswer> {
  const { store } = deps;
  const config = await cachedConfig(store);
  // No asOf here: the week chosen is the report's date.
  const at = now(deps, config.cutoff);
  const label = week ?? defaultReportWeek(at, config.cutoff);
  const period = reportPeriod(label, config.cutoff);
  if (period === null) throw new AppFailure('bad_request', invalidWeekMessage(label), { field: 'week' });
  const fixed = deps.cutoff ? await fixedReportJson(deps.cutoff, period.week) : null;
  if (fixed !== null) return { week: period.week, fixed: true, json: fixed };
  const states = await store.allStates();
  const [current, previous] = await Promise.all([
    snapshotsAtCutoff(store, states, period.week, config, at),
    snapshotsAtCutoff(store, states, period.previousWeek, config, at),
  ]);
  return { week: period.week, fixed: false, report: weeklyReport(current, previous, period, { units: config.units }) };
}

/** The weekly report of `week` as an object (a closed week's stored report parsed). */
export async function weeklyReportFor(deps: Pick<Deps, 'store' | 'mode' | 'clock' | 'cutoff'>, week: string | undefined): Promise<WeeklyReport> {
  const answer = await weeklyReportAnswer(deps, week);
  return answer.fixed ? (JSON.parse(answer.json) as WeeklyReport) : answer.report;
}

/** The dashboard as of the clock (or, in local/test mode only, the request's `asOf` date): every project's current state. */
export async function dashboardFor(deps: Pick<Deps, 'store' | 'mode' | 'clock' | 'aggregates'>, asOfDate: string | undefined): Promise<Dashboard> {
  const { store } = deps;
  const config = await cachedConfig(store);
  const asOf = now(deps, config.cutoff, asOfDate);
  const week = weekOf(asOf, config.cutoff);
  const interval = { week, ...weekRange(week, config.cutoff) };
  const snaps = (await store.allStates()).map((s) => snapshotOf(s, interval, asOf));
  const contribution = contributionSections(snaps, { units: config.units, methods: config.investmentMethods, industries: config.industries });
  const { pairs, total } = await currentDuplicates(deps, { store: deps.mode !== 'cloud' });
  return { ...dashboard(snaps, { asOf, week, units: config.units }), contribution, duplicates: pairs, duplicatesTotal: total };
}
