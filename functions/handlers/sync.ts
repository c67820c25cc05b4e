/** POST /v1/sync — thin Lambda entry: limits, validation, caller, then the use case. */
import { LIMITS, syncRequestSchema, type Message } from '../../contract';
import { assertMaySync } from '../app/caller';
import { AppFailure } from '../app/failure';
import { syncUseCase } from '../app/sync';
import { resolveCaller } from './caller';
import { envDeps, type Deps } from './deps';
import { bodyText, json, lambda, parseJson, validate } from './http';
import { MSG } from './messages';

export const createHandler = (getDeps: () => Deps) =>
  lambda('sync', getDeps, async (event, deps, log) => {
    const caller = await resolveCaller(event, deps, { persist: true });
    log.caller = caller.subject;
    assertMaySync(caller);
    const body = parseJson(bodyText(event, LIMITS.requestBytes));
    // Count before validating, so an oversized request is refused without walking every row.
    refuseLongList(body, 'rows', LIMITS.rowsPerRequest, MSG.tooManyRows);
    refuseLongList(body, 'workbookIds', LIMITS.workbookIds, MSG.tooManyIds);
    const req = validate(syncRequestSchema, body);
    const res = await syncUseCase(deps, caller, req);
    const { missing, ...counts } = res.summary;
    Object.assign(log, { workbook: req.workbook.id, ...counts, ...(missing ? { missing: missing.length } : {}) });
    return json(200, res);
  });

/** 413 when the body's list `key` holds more than `limit` entries. */
function refuseLongList(body: unknown, key: 'rows' | 'workbookIds', limit: number, message: (n: number, limit: number) => Message): void {
  const list = (body as Partial<Record<typeof key, unknown>> | null)?.[key];
  if (Array.isArray(list) && list.length > limit) throw new AppFailure('payload_too_large', message(list.length, limit), { [key]: list.length, limit });
}

export const handler = createHandler(envDeps);
