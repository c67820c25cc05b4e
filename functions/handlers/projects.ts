/** GET /v1/projects?unit=&stage=&flag=&limit=&nextToken= */
import { projectsQuerySchema } from '../../contract';
import { listProjects } from '../app/projects';
import { resolveCaller } from './caller';
import { envDeps, type Deps } from './deps';
import { json, lambda, validate } from './http';

export const createHandler = (getDeps: () => Deps) =>
  lambda('projects', getDeps, async (event, deps, log) => {
    const caller = (await resolveCaller(event, deps)).subject;
    log.caller = caller;
    const query = validate(projectsQuerySchema, event.queryStringParameters ?? {});
    const res = await listProjects(deps.store, query, caller);
    log.count = res.projects.length;
    return json(200, res);
  });

export const handler = createHandler(envDeps);
