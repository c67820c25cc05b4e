/**
 * The scheduled weekly cut-off (not behind the API): EventBridge Scheduler invokes it at the cut-off and before it
 * (infra/cdk/constructs/cutoff-schedule.ts); it closes every due week, pushes, and sends a due reminder. The
 * result (weeks, deliveries — no URLs, no secrets) is its answer and one log line; a failed push never fails the
 * invocation (the weeks are closed), so Scheduler does not retry a closed week.
 */
import { runCutoff } from '../app/cutoff';
import type { Deps } from './deps';
import { jobDeps } from './job-deps';

export const createJob = (getDeps: () => Deps) => async (): Promise<unknown> => {
  const deps = getDeps();
  const res = await runCutoff(deps, {});
  deps.log(
    JSON.stringify({
      level: res.push && res.push.failed > 0 ? 'warn' : 'info',
      job: 'cutoff',
      weeks: res.weeks.map((w) => `${w.week}:${w.status}`),
      push: res.push ? { sent: res.push.sent, failed: res.push.failed } : null,
      reminder: res.reminder ? { sent: res.reminder.sent, failed: res.reminder.failed } : null,
    }),
  );
  return res;
};

export const handler = createJob(jobDeps);
