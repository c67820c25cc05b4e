/**
 * The embedded stack's weekly cut-off timer (`npm start`): the same job the cloud's schedule invokes
 * (functions/app/cutoff.ts), run once at start (closing any week missed while the stack was off) and then at the
 * next cut-off or reminder computed from the county's configuration — re-read at least hourly, so a changed
 * cut-off takes effect without a restart. Never throws: a failed run is logged and the timer goes on.
 */
import { runCutoff } from '../../functions/app/cutoff';
import { loadConfig } from '../../functions/app/config';
import type { Deps } from '../../functions/handlers/deps';
import { EMPTY_CHANNEL_SETTINGS } from '../../contract/channels';
import { nextRunAt } from '../../functions/domain/cutoff';

/** Longest single wait: the configuration is re-read at least this often. */
const MAX_WAIT_MS = 3_600_000;

export interface CutoffTimer {
  /** Resolves when the run in progress (if any) has finished. */
  stop(): Promise<void>;
}

export function startCutoffTimer(deps: Deps): CutoffTimer {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const run = async (): Promise<void> => {
    try {
      const res = await runCutoff(deps, {});
      const closed = res.weeks.filter((w) => w.status === 'closed').map((w) => w.week);
      if (closed.length || res.push || res.reminder) {
        deps.log(JSON.stringify({ level: 'info', job: 'cutoff', closed, sent: (res.push?.sent ?? 0) + (res.reminder?.sent ?? 0), failed: (res.push?.failed ?? 0) + (res.reminder?.failed ?? 0) }));
      }
    } catch (e) {
      deps.log(JSON.stringify({ level: 'error', job: 'cutoff', error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }));
    }
  };

  const schedule = async (): Promise<void> => {
    if (stopped) return;
    let wait = MAX_WAIT_MS;
    try {
      const config = await loadConfig(deps.store);
      const hours = ((await deps.cutoff?.getChannels()) ?? EMPTY_CHANNEL_SETTINGS).schedule.reminderHoursBefore;
      const now = deps.clock();
      // A second late, so the cut-off instant itself is past when the job looks.
      wait = Math.min(MAX_WAIT_MS, Math.max(1_000, Date.parse(nextRunAt(now, config.cutoff, hours)) - Date.parse(now) + 1_000));
    } catch {
      // The table is not reachable right now: try again within the hour.
    }
    if (stopped) return;
    timer = setTimeout(() => {
      running = run().then(schedule);
    }, wait);
    timer.unref();
  };

  running = run().then(schedule);
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
