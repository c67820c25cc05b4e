/** GET /v1/projects/{id}/history */
import * as z from 'zod/mini';
import { idSchema } from '../../contract';
import { projectHistory } from '../app/projects';
import { resolveCaller } from './caller';
import { envDeps, type Deps } from './deps';
import { json, lambda, validate } from './http';

const params = z.object({ id: idSchema() });

export const createHandler = (getDeps: () => Deps) =>
  lambda('history', getDeps, async (event, deps, log) => {
    log.caller = (await resolveCaller(event, deps)).subject;
    const { id } = validate(params, event.pathParameters ?? {});
    const res = await projectHistory(deps.store, id);
    Object.assign(log, { id, events: res.events.length });
    return json(200, res);
  });

export const handler = createHandler(envDeps);
