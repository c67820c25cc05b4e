/**
 * The weekly cut-off job (DESIGN §2, §7): closes every week whose cut-off has passed and that is not closed yet
 * (oldest first, at most MAX_CATCH_UP_WEEKS — a stack that was off catches up when it next runs), then pushes the
 * newest closed week to the leaders and units, and sends the reminder before the next cut-off when it is due.
 *
 * Closing a week, in this order:
 *  1. every project's snapshot at the cut-off (STATE when unchanged since, else its WEEK# snapshot — as the reports
 *     read them, app/reports.ts), with the flags of unchanged projects evaluated *as of the cut-off* (the
 *     time-based rules and escalation: a project nobody touched for weeks turns red at the cut-off, not at its
 *     next sync), written as the week's WEEK# snapshots;
 *  2. the week's report, fixed (GET /v1/reports/weekly answers it from then on), and the per-unit / per-list /
 *     per-leader aggregates;
 *  3. the CLOSED#<week> marker, last, with attribute_not_exists. A run that finds the marker skips the week, so a
 *     second run writes and sends nothing; a run that died before the marker redoes steps 1–2, which put the
 *     same items again.
 * STATE is not touched: its flag and cutoffLevels catch up on the project's next sync (domain/history.ts), which
 * evaluates the same rules at the same cut-off.
 *
 * Pushing never blocks closing: the week is closed first; a failed delivery is retried, then reported (app/push.ts).
 * Every run that writes also does the upkeep (app/upkeep.ts): the cloud's only writer that runs without a sync.
 */
import type { CountyConfig, WeeklyReport } from '../../contract';
import { EMPTY_CHANNEL_SETTINGS, type ChannelSettings, type CutoffRequest, type CutoffResult, type PushRun, type WeekCloseResult } from '../../contract/channels';
import { lastCutoffAtOrBefore, parseInstant, weekOf, weekRange } from '../domain/calendar';
import { cutoffDue, dueWeeks, fixSnapshot, rose, weekAggregates } from '../domain/cutoff';
import { leaderMessages, reminderMessage, render, unitMessages, type PushMessage } from '../domain/push';
import { reportPeriod, resolveWeek, snapshotOf, weeklyReport, type WeekSnapshot } from '../domain/report';
import type { ProjectState } from '../domain/types';
import { cutoffStore } from './channels';
import { loadConfig } from './config';
import type { Deps } from './deps';
import { AppFailure } from './failure';
import { deliver } from './push';
import { logLine } from './log';
import { snapshotsAtCutoff } from './reports';
import { upkeep } from './upkeep';

type CutoffDeps = Pick<Deps, 'store' | 'clock' | 'log' | 'cutoff' | 'notifier' | 'sleep' | 'aggregates'>;

interface BuiltWeek {
  week: string;
  report: WeeklyReport;
  current: WeekSnapshot[];
  previous: WeekSnapshot[];
  escalated: number;
}

const CUTOFF_MSG = {
  badWeek: (w: string) => ({ zh: `周次“${w}”不存在`, en: `Week "${w}" does not exist` }),
  notOver: (w: string) => ({ zh: `${w} 的调度截止时间还没到，不能关闭`, en: `${w} has not reached its cut-off yet` }),
};

/** A week's snapshots, fixed at its cut-off, and its report. */
async function buildWeek(deps: CutoffDeps, states: readonly ProjectState[], week: string, config: CountyConfig, at: string): Promise<BuiltWeek> {
  const period = reportPeriod(week, config.cutoff)!;
  const interval = { week, start: period.start, end: period.end };
  const byId = new Map(states.map((s) => [s.id, s]));
  const end = parseInstant(period.end);
  let escalated = 0;
  const raw = (await snapshotsAtCutoff(deps.store, states, week, config, at)).map((snap) => {
    const state = byId.get(snap.id);
    // Only a snapshot taken from STATE (unchanged since the cut-off) has the history to evaluate at the cut-off.
    if (!state || snap.version !== state.version || parseInstant(state.updatedAt) > end) return snap;
    const fixed = fixSnapshot(snap, state, interval, config);
    if (rose(state.flag.level, fixed.flag.level)) escalated++;
    return fixed;
  });
  const current = resolveWeek(raw, week);
  // The previous week as it was fixed when it was closed (its WEEK# snapshots), else as the reports read it.
  const prevRaw = await snapshotsAtCutoff(deps.store, states, period.previousWeek, config, at);
  const prevFixed = new Map((await deps.store.weekSnapshots(period.previousWeek)).map((s) => [s.id, s]));
  const previous = resolveWeek(prevRaw.map((s) => prevFixed.get(s.id) ?? s), period.previousWeek);
  const report = weeklyReport(current, previous, period, { units: config.units });
  return { week, report, current, previous, escalated };
}

const summaryOf = (b: BuiltWeek, status: WeekCloseResult['status']): WeekCloseResult => ({
  week: b.week,
  status,
  projects: b.current.length,
  escalated: b.escalated,
  notReported: b.report.notReported.map((n) => n.unit),
});

function afterCutoffMessages(b: BuiltWeek, settings: ChannelSettings, config: CountyConfig): PushMessage[] {
  const ctx = { report: b.report, current: b.current, previous: b.previous, timeZone: config.cutoff.timeZone, ...(settings.schedule.projectLinkBase ? { linkBase: settings.schedule.projectLinkBase } : {}) };
  const routed = (r: Record<string, string[]>) => Object.keys(r).filter((k) => r[k]!.length > 0);
  return [...leaderMessages(ctx, routed(settings.leaders)), ...unitMessages(ctx, routed(settings.units))];
}

const preview = (messages: readonly PushMessage[]) => messages.map((m) => ({ audience: `${m.audience.kind}:${m.audience.name}`, text: render(m, 'markdown', 4096) }));

/**
 * Runs the job at the clock's instant. Without a week (the cloud's tick, the local timer) it first decides from
 * the stored config and the markers whether a cut-off or a reminder is due (domain cutoffDue) and, when neither
 * is, answers at once without reading a project.
 */
export async function runCutoff(deps: CutoffDeps, req: CutoffRequest = {}): Promise<CutoffResult> {
  const cut = cutoffStore(deps);
  const config = await loadConfig(deps.store);
  const at = deps.clock();
  const dryRun = req.dryRun === true;
  const [closed, reminded, stored] = await Promise.all([cut.closedWeeks(), cut.remindedWeeks(), cut.getChannels()]);
  const settings = stored ?? EMPTY_CHANNEL_SETTINGS;
  // The scheduled run (no week named) first asks whether anything is due — the decision the local timer makes too.
  const due = cutoffDue(at, config.cutoff, settings.schedule.reminderHoursBefore, { closed, reminded });
  const remind = req.remind ?? !req.week;
  if (!req.week && !due.close && !(remind && due.remind)) {
    // Nothing due: only what lags behind the projects (cheap checks when nothing does).
    if (!dryRun) await upkeepLogged(deps);
    return { at, dryRun, weeks: [], push: null, reminder: null, ...(dryRun ? { preview: [] } : {}) };
  }
  const states = await deps.store.allStates();

  let weeks: string[];
  if (req.week) {
    const period = reportPeriod(req.week, config.cutoff);
    if (!period) throw new AppFailure('bad_request', CUTOFF_MSG.badWeek(req.week), { field: 'week' });
    if (parseInstant(period.end) > parseInstant(at)) throw new AppFailure('bad_request', CUTOFF_MSG.notOver(req.week), { field: 'week', cutoff: period.end });
    weeks = [req.week];
  } else {
    const first = states.reduce<string | null>((min, s) => (min === null || s.history.firstSeenAt < min ? s.history.firstSeenAt : min), null);
    weeks = dueWeeks(at, closed, first, config.cutoff);
  }

  const results: WeekCloseResult[] = [];
  let newest: BuiltWeek | null = null;
  for (const week of weeks) {
    if (closed.has(week)) {
      results.push({ week, status: 'alreadyClosed', projects: 0, escalated: 0, notReported: [] });
      continue;
    }
    const built = await buildWeek(deps, states, week, config, at);
    if (dryRun) {
      results.push(summaryOf(built, 'wouldClose'));
      newest = built;
      continue;
    }
    await deps.store.putWeekSnapshots(built.current);
    await cut.putWeek(week, built.report, weekAggregates(week, built.current));
    const won = await cut.markClosed(week, { closedAt: at, projects: built.current.length, escalated: built.escalated });
    results.push(summaryOf(built, won ? 'closed' : 'alreadyClosed'));
    if (won) newest = built;
    deps.log(JSON.stringify({ level: 'info', job: 'cutoff', week, status: won ? 'closed' : 'alreadyClosed', projects: built.current.length, escalated: built.escalated, notReported: built.report.notReported.length }));
  }

  const out: CutoffResult = { at, dryRun, weeks: results, push: null, reminder: null };
  const previews: PushMessage[] = [];
  // Push the newest week closed now, when it is the latest cut-off (a week caught up long after is not news).
  const latest = weekOf(lastCutoffAtOrBefore(at, config.cutoff), config.cutoff);
  if (newest && settings.schedule.afterCutoff && newest.week === latest) {
    const messages = afterCutoffMessages(newest, settings, config);
    if (dryRun) previews.push(...messages);
    else out.push = await deliver(deps, settings, messages, { kind: 'afterCutoff', week: newest.week, at });
  }

  if (remind) {
    const open = due.remind;
    if (open) {
      const messages = reminderMessages(states, open, settings, config, at);
      if (dryRun) previews.push(...messages);
      else if (await cut.claimReminder(open, at)) out.reminder = await deliver(deps, settings, messages, { kind: 'reminder', week: open, at });
    }
  }
  if (dryRun) out.preview = preview(previews);
  // A week closed: a rebuild of the aggregates is owed (paid at the first quiet upkeep, app/upkeep.ts).
  else await upkeepLogged(deps, { states, rebuildOwed: results.some((r) => r.status === 'closed') });
  return out;
}

/** Upkeep after the job's own work, never failing it: what it did not finish, the next tick does again. */
async function upkeepLogged(deps: CutoffDeps, opts: Parameters<typeof upkeep>[1] = {}): Promise<void> {
  try {
    await upkeep(deps, opts);
  } catch (e) {
    logLine(deps, 'error', { job: 'upkeep' }, e);
  }
}

/** The reminder to each routed unit that still has projects without this week's progress. */
function reminderMessages(states: readonly ProjectState[], week: string, settings: ChannelSettings, config: CountyConfig, at: string): PushMessage[] {
  const interval = { week, ...weekRange(week, config.cutoff) };
  const open = states.map((s) => snapshotOf(s, interval, at));
  return Object.keys(settings.units)
    .filter((u) => settings.units[u]!.length > 0)
    .flatMap((u) => reminderMessage(u, open, week, config.cutoff, at, settings.schedule.projectLinkBase) ?? []);
}

export type { PushRun };
