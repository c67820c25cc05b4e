/**
 * The weekly cut-off job's pure parts (DESIGN §2, §7): which weeks are due to be closed, a project's snapshot
 * fixed as of the cut-off (flags — escalation included — evaluated at that instant, not at the last sync), the
 * per-unit / per-list / per-leader aggregates of a closed week, and when the reminder before a cut-off is due.
 */
import { LIST_ORDER, type CountyConfig, type CutoffConfig, type FlagLevel, type ListKey, type PerList } from '../../contract/vocabulary';
import { cutoffMsOnDay, lastCutoffAtOrBefore, lastCutoffDay, msToInstant, parseInstant, weekOf } from './calendar';
import { evaluate } from './flags';
import type { WeekInterval, WeekSnapshot } from './report';
import { isActive } from './stage';
import type { ProjectState } from './types';

/** At most this many weeks are closed in one run (a stack that was off for months catches up the last ones). */
export const MAX_CATCH_UP_WEEKS = 8;

/**
 * The weeks whose cut-off is at or before `now` and that are not closed yet, oldest first: the last `max` cut-offs,
 * none before the week the first project was seen (nothing to close before it). Empty when nothing is due.
 */
export function dueWeeks(now: string, closed: ReadonlySet<string>, firstSeenAt: string | null, cfg: CutoffConfig, max = MAX_CATCH_UP_WEEKS): string[] {
  if (firstSeenAt === null) return [];
  const firstWeek = weekOf(firstSeenAt, cfg);
  const last = lastCutoffDay(parseInstant(now), cfg);
  const out: string[] = [];
  for (let i = 0, day = last; i < max; i++, day -= 7) {
    const week = weekOf(msToInstant(cutoffMsOnDay(day, cfg)), cfg);
    if (week < firstWeek) break;
    if (!closed.has(week)) out.push(week);
  }
  return out.reverse();
}

/** True when the cut-off closing `week` is at or before `now`. */
export function isWeekOver(week: string, interval: { end: string }, now: string): boolean {
  return week !== '' && parseInstant(interval.end) <= parseInstant(now);
}

/**
 * The snapshot of a project whose STATE stands at the cut-off (not changed since), with its flag evaluated as the
 * week ends — the last instant before the cut-off, as a leader looking then would have seen it: the time-based
 * rules and escalation count the weeks that passed without a sync, and a project updated this week is not yet
 * "unchanged across this cut-off". flagSince moves to the cut-off when the level changed.
 */
export function fixSnapshot(snapshot: WeekSnapshot, state: ProjectState, interval: WeekInterval, config: CountyConfig): WeekSnapshot {
  const weekEnd = msToInstant(parseInstant(interval.end) - 1);
  const flag = evaluate({ id: state.id, stage: state.stage, fields: state.fields }, state.history, weekEnd, config);
  const flagSince = flag.level === 'none' ? null : flag.level === state.flag.level ? state.flagSince : interval.end;
  return { ...snapshot, flag, flagSince };
}

const RANK: Record<FlagLevel, number> = { none: 0, yellow: 1, red: 2 };
export const rose = (from: FlagLevel, to: FlagLevel): boolean => RANK[to] > RANK[from];

/** One aggregate row of a closed week: per unit, per list or per leader. */
export interface WeekAggregate {
  kind: 'unit' | 'list' | 'leader';
  /** The unit, the list key or the leader ('' = none named). */
  key: string;
  week: string;
  count: number;
  /** 亿元, exact to 万元. */
  amount: number;
  red: number;
  yellow: number;
  noUpdate: number;
  /** Per unit and per leader: active projects per list. */
  lists?: PerList<number>;
  /** Per leader: the ids of the red and yellow projects. */
  flagged?: string[];
}

const toWan = (yi: number | null): number => (yi === null ? 0 : Math.round(yi * 10_000));

/** Aggregates of a week's resolved snapshots (active projects only). */
export function weekAggregates(week: string, snapshots: readonly WeekSnapshot[]): WeekAggregate[] {
  type Tally = { count: number; wan: number; red: number; yellow: number; noUpdate: number; lists: PerList<number>; flagged: string[] };
  const empty = (): Tally => ({ count: 0, wan: 0, red: 0, yellow: 0, noUpdate: 0, lists: { clue: 0, signed: 0, landed: 0, producing: 0 }, flagged: [] });
  const groups = { unit: new Map<string, Tally>(), list: new Map<string, Tally>(), leader: new Map<string, Tally>() };
  for (const l of LIST_ORDER) groups.list.set(l, empty());
  for (const s of snapshots) {
    if (!isActive(s.stage)) continue;
    const stage = s.stage as ListKey;
    for (const [kind, key] of [['unit', s.unit], ['list', stage], ['leader', s.leader ?? '']] as const) {
      const map = groups[kind];
      const t = map.get(key) ?? empty();
      map.set(key, t);
      t.count++;
      t.wan += toWan(s.amount);
      if (s.flag.level === 'red') t.red++;
      if (s.flag.level === 'yellow') t.yellow++;
      if (!s.progressUpdated) t.noUpdate++;
      t.lists[stage]++;
      if (s.flag.level !== 'none') t.flagged.push(s.id);
    }
  }
  const out: WeekAggregate[] = [];
  for (const kind of ['unit', 'list', 'leader'] as const) {
    for (const [key, t] of [...groups[kind]].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      out.push({
        kind, key, week, count: t.count, amount: t.wan / 10_000, red: t.red, yellow: t.yellow, noUpdate: t.noUpdate,
        ...(kind === 'list' ? {} : { lists: t.lists }),
        ...(kind === 'leader' ? { flagged: t.flagged.sort() } : {}),
      });
    }
  }
  return out;
}

/**
 * The open week whose reminder is due at `now`: the next cut-off is less than `hoursBefore` hours away. Null when
 * no reminder is configured or the next cut-off is further away.
 */
export function reminderDue(now: string, cfg: CutoffConfig, hoursBefore: number | null): string | null {
  if (hoursBefore === null) return null;
  const nowMs = parseInstant(now);
  const next = cutoffMsOnDay(lastCutoffDay(nowMs, cfg) + 7, cfg);
  return next - nowMs <= hoursBefore * 3_600_000 ? weekOf(now, cfg) : null;
}

/** The next instant after `now` at which the job has something to do: the next cut-off, or the reminder before it. */
export function nextRunAt(now: string, cfg: CutoffConfig, hoursBefore: number | null): string {
  const nowMs = parseInstant(now);
  const next = cutoffMsOnDay(lastCutoffDay(nowMs, cfg) + 7, cfg);
  const remind = hoursBefore === null ? -Infinity : next - hoursBefore * 3_600_000;
  return msToInstant(remind > nowMs ? remind : next);
}

/** What is due at an instant: the one decision the cloud's tick and the local timer both make (through the job). */
export interface CutoffDue {
  /** The week the latest cut-off closed has no CLOSED# marker: the job has weeks to close (missed ones too). */
  close: boolean;
  /** The open week whose reminder is due now and was not sent yet; null when none is. */
  remind: string | null;
  /** The next instant after `now` at which a cut-off or a reminder falls due (what a timer waits for). */
  next: string;
}

/**
 * Is anything due now? From the stored cut-off configuration, the reminder setting and the closed / reminded
 * markers — nothing else, so a scheduler ticking every few minutes costs a few small reads when nothing is.
 * A county that moves its cut-off (PUT /v1/config) is followed from the next tick: nothing is baked in anywhere.
 */
export function cutoffDue(now: string, cfg: CutoffConfig, hoursBefore: number | null, done: { closed: ReadonlySet<string>; reminded: ReadonlySet<string> }): CutoffDue {
  const latest = weekOf(lastCutoffAtOrBefore(now, cfg), cfg);
  const remind = reminderDue(now, cfg, hoursBefore);
  return { close: !done.closed.has(latest), remind: remind !== null && !done.reminded.has(remind) ? remind : null, next: nextRunAt(now, cfg, hoursBefore) };
}
