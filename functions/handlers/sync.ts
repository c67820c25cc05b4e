/** POST /v1/sync — thin Lambda entry: limits, validation, caller, then the use case. */
import { LIMITS, syncRequestSchema } from '../contract';
import { resolveCaller } from './caller';
import { envDeps, type Deps } from './deps';
import { ApiFailure, bodyText, json, lambda, parseJson, validate } from './http';
import { MSG } from './messages';
import { syncUseCase } from './usecases/sync';

export const createHandler = (getDeps: () => Deps) =>
  lambda('sync', getDeps, async (event, deps, log) => {
    const caller = await resolveCaller(event, deps, { persist: true });
    log.caller = caller.subject;
    if (caller.role === 'leader') throw new ApiFailure('forbidden', MSG.leaderCannotSync);
    const body = parseJson(bodyText(event, LIMITS.requestBytes));
    // Count before validating, so an oversized request is refused without walking every row.
    const rows = (body as { rows?: unknown })?.rows;
    if (Array.isArray(rows) && rows.length > LIMITS.rowsPerRequest) {
      throw new ApiFailure('payload_too_large', MSG.tooManyRows(rows.length, LIMITS.rowsPerRequest), { rows: rows.length, limit: LIMITS.rowsPerRequest });
    }
    const ids = (body as { workbookIds?: unknown })?.workbookIds;
    if (Array.isArray(ids) && ids.length > LIMITS.workbookIds) {
      throw new ApiFailure('payload_too_large', MSG.tooManyIds(ids.length, LIMITS.workbookIds), { workbookIds: ids.length, limit: LIMITS.workbookIds });
    }
    const req = validate(syncRequestSchema, body);
    const res = await syncUseCase(deps, caller, req);
    const { missing, ...counts } = res.summary;
    Object.assign(log, { workbook: req.workbook.id, ...counts, ...(missing ? { missing: missing.length } : {}) });
    return json(200, res);
  });

export const handler = createHandler(envDeps);
