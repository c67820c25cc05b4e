/** GET /v1/reports/weekly?week=2026-W48 — the weekly scheduling report (周调度), for every registered caller. */
import { weeklyQuerySchema } from '../../contract';
import { weeklyReportAnswer } from '../app/reports';
import { resolveCaller } from './caller';
import { envDeps, type Deps } from './deps';
import { json, jsonText, lambda, validate } from './http';

export const createHandler = (getDeps: () => Deps) =>
  lambda('reports', getDeps, async (event, deps, log) => {
    log.caller = (await resolveCaller(event, deps)).subject;
    const { week } = validate(weeklyQuerySchema, event.queryStringParameters ?? {});
    const answer = await weeklyReportAnswer(deps, week);
    if (answer.fixed) {
      // A closed week: its report as stored at the cut-off, neither parsed nor re-serialised.
      Object.assign(log, { week: answer.week, fixed: true, bytes: answer.json.length });
      return jsonText(200, answer.json);
    }
    const { report } = answer;
    Object.assign(log, { week: report.period.week, units: report.units.length, empty: report.empty });
    return json(200, report);
  });

export const handler = createHandler(envDeps);
