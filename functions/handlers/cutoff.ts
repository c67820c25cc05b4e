/**
 * POST /v1/cutoff — administrators run the weekly cut-off on demand (`invest-flags cutoff --week 2026-W49
 * [--dry-run]`): closes the week (or every due week), pushes, answers what it did. The same use case the
 * scheduled job runs (cutoff-job.ts).
 */
import { cutoffRequestSchema } from '../../contract/channels';
import { assertAdmin } from '../app/channels';
import { runCutoff } from '../app/cutoff';
import { resolveCaller } from './caller';
import { envDeps, type Deps } from './deps';
import { bodyText, json, lambda, parseJson, validate } from './http';

export const createHandler = (getDeps: () => Deps) =>
  lambda('cutoff', getDeps, async (event, deps, log) => {
    const caller = await resolveCaller(event, deps);
    log.caller = caller.subject;
    assertAdmin(caller);
    const text = bodyText(event, 4_000);
    const req = validate(cutoffRequestSchema, text.trim() ? parseJson(text) : {});
    const res = await runCutoff(deps, req);
    Object.assign(log, { weeks: res.weeks.map((w) => `${w.week}:${w.status}`).join(','), sent: res.push?.sent ?? 0, failed: res.push?.failed ?? 0, dryRun: res.dryRun });
    return json(200, res);
  });

export const handler = createHandler(envDeps);
