/** GET /v1/reports/weekly?week=2026-W48 — the weekly scheduling report (周调度), for every registered caller. */
import { weeklyQuerySchema } from '../../contract';
import { weeklyReportFor } from '../app/reports';
import { resolveCaller } from './caller';
import { envDeps, type Deps } from './deps';
import { json, lambda, validate } from './http';

export const createHandler = (getDeps: () => Deps) =>
  lambda('reports', getDeps, async (event, deps, log) => {
    log.caller = (await resolveCaller(event, deps)).subject;
    const { week } = validate(weeklyQuerySchema, event.queryStringParameters ?? {});
    const report = await weeklyReportFor(deps, week);
    Object.assign(log, { week: report.period.week, units: report.units.length, empty: report.empty });
    return json(200, report);
  });

export const handler = createHandler(envDeps);
