/** GET /v1/reports/weekly?week=2026-W48 — the weekly scheduling report (周调度), for every registered caller. */
import { weeklyQuerySchema } from '../../contract';
import { resolveCaller } from './caller';
import { envDeps, type Deps } from './deps';
import { json, lambda, validate } from './http';
import { cachedConfig } from './usecases/config';
import { weeklyReportFor } from './usecases/reports';

export const createHandler = (getDeps: () => Deps) =>
  lambda('reports', getDeps, async (event, deps, log) => {
    log.caller = (await resolveCaller(event, deps)).subject;
    const { week } = validate(weeklyQuerySchema, event.queryStringParameters ?? {});
    const report = await weeklyReportFor(deps.store, await cachedConfig(deps.store), week, deps.clock());
    Object.assign(log, { week: report.period.week, units: report.units.length, empty: report.empty });
    return json(200, report);
  });

export const handler = createHandler(envDeps);
