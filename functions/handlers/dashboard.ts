/** GET /v1/dashboard — the leaders' dashboard (领导看板); ?asOf= is honoured only in local/test mode (app/clock.ts). */
import { dashboardQuerySchema } from '../../contract';
import { dashboardFor } from '../app/reports';
import { resolveCaller } from './caller';
import { envDeps, type Deps } from './deps';
import { json, lambda, validate } from './http';

export const createHandler = (getDeps: () => Deps) =>
  lambda('dashboard', getDeps, async (event, deps, log) => {
    log.caller = (await resolveCaller(event, deps)).subject;
    const { asOf } = validate(dashboardQuerySchema, event.queryStringParameters ?? {});
    const board = await dashboardFor(deps, asOf);
    Object.assign(log, { week: board.week, projects: board.total.count + board.dropped });
    return json(200, board);
  });

export const handler = createHandler(envDeps);
