/** GET /v1/dashboard — the leaders' dashboard (领导看板); ?asOf= is honoured only in local/test mode (app/clock.ts). */
import { dashboardQuerySchema } from '../../contract';
import { dashboardAnswer } from '../app/aggregates';
import { resolveCaller } from './caller';
import { envDeps, type Deps } from './deps';
import { json, lambda, validate } from './http';

export const createHandler = (getDeps: () => Deps) =>
  lambda('dashboard', getDeps, async (event, deps, log) => {
    const caller = (await resolveCaller(event, deps)).subject;
    log.caller = caller;
    const query = validate(dashboardQuerySchema, event.queryStringParameters ?? {});
    const board = await dashboardAnswer(deps, query, caller);
    Object.assign(log, { week: board.week, projects: board.total.count + board.dropped });
    return json(200, board);
  });

export const handler = createHandler(envDeps);
