/**
 * The embedded stack's weekly cut-off timer (`npm start`): the same job the cloud's schedule invokes
 * (functions/app/cutoff.ts), run once at start (closing any week missed while the stack was off) and then when the
 * next cut-off or reminder falls due. When that is comes from the same decision the job makes (domain/cutoff.ts
 * cutoffDue, from the stored configuration and the closed/reminded markers); the wait is capped at an hour, so a
 * changed cut-off (PUT /v1/config) takes effect without a restart. Never throws: a failed run is logged and the
 * timer goes on. Timers and the clock are injected (deps.clock, TimerHost): the tests fire it without waiting.
 */
import { runCutoff } from '../../functions/app/cutoff';
import { loadConfig } from '../../functions/app/config';
import { logLine } from '../../functions/app/log';
import type { Deps } from '../../functions/handlers/deps';
import { EMPTY_CHANNEL_SETTINGS } from '../../contract/channels';
import { cutoffDue } from '../../functions/domain/cutoff';

/** Longest single wait: the configuration is re-read at least this often. */
export const MAX_WAIT_MS = 3_600_000;
/** How late the timer looks after the instant something falls due (so that instant is past when the job looks). */
export const LATE_MS = 1_000;

export interface TimerHost {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: TimerHost = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** The wait from `now` until a second after `next`, between LATE_MS and MAX_WAIT_MS. */
export function waitMs(now: string, next: string): number {
  return Math.min(MAX_WAIT_MS, Math.max(LATE_MS, Date.parse(next) - Date.parse(now) + LATE_MS));
}

export interface CutoffTimer {
  /** The instant the timer waits for (a cut-off or a reminder), null while it runs or could not read the config. */
  readonly waitingFor: string | null;
  /** Resolves when the run in progress (if any) has finished. */
  stop(): Promise<void>;
}

export function startCutoffTimer(deps: Deps, host: TimerHost = REAL_TIMERS): CutoffTimer {
  let handle: unknown;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let waitingFor: string | null = null;

  const run = async (): Promise<void> => {
    waitingFor = null;
    try {
      const res = await runCutoff(deps, {});
      const closed = res.weeks.filter((w) => w.status === 'closed').map((w) => w.week);
      if (closed.length || res.push || res.reminder) {
        logLine(deps, 'info', { job: 'cutoff', closed, sent: (res.push?.sent ?? 0) + (res.reminder?.sent ?? 0), failed: (res.push?.failed ?? 0) + (res.reminder?.failed ?? 0) });
      }
    } catch (e) {
      logLine(deps, 'error', { job: 'cutoff' }, e);
    }
  };

  const schedule = async (): Promise<void> => {
    if (stopped) return;
    let wait = MAX_WAIT_MS;
    try {
      const config = await loadConfig(deps.store);
      const cut = deps.cutoff;
      const [closed, reminded, settings] = cut ? await Promise.all([cut.closedWeeks(), cut.remindedWeeks(), cut.getChannels()]) : [new Set<string>(), new Set<string>(), null];
      const now = deps.clock();
      const due = cutoffDue(now, config.cutoff, (settings ?? EMPTY_CHANNEL_SETTINGS).schedule.reminderHoursBefore, { closed, reminded });
      waitingFor = due.next;
      wait = waitMs(now, due.next);
    } catch {
      // The table is not reachable right now: try again within the hour.
    }
    if (stopped) return;
    handle = host.setTimeout(() => {
      running = run().then(schedule);
    }, wait);
  };

  running = run().then(schedule);
  return {
    get waitingFor() {
      return waitingFor;
    },
    stop: async () => {
      stopped = true;
      if (handle !== undefined) host.clearTimeout(handle);
      await running;
    },
  };
}
