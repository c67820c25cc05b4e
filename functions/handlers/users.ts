/** GET /v1/users (list) and PUT /v1/users (upsert one user's role and units) — administrators only. */
import { userPutSchema } from '../../contract';
import { assertMayManageUsers } from '../app/caller';
import { listUsers, putUser } from '../app/users';
import { resolveCaller } from './caller';
import { envDeps, type Deps } from './deps';
import { bodyText, json, lambda, parseJson, validate } from './http';

const MAX_USER_BYTES = 64_000;

export const createHandler = (getDeps: () => Deps) =>
  lambda('users', getDeps, async (event, deps, log) => {
    const caller = await resolveCaller(event, deps, { persist: true });
    log.caller = caller.subject;
    assertMayManageUsers(caller);
    if (event.requestContext.http.method !== 'PUT') {
      const res = await listUsers(deps.store);
      log.count = res.users.length;
      return json(200, res);
    }
    const input = validate(userPutSchema, parseJson(bodyText(event, MAX_USER_BYTES)));
    const res = await putUser(deps, caller, input);
    Object.assign(log, { role: res.user.role, units: res.user.units.length });
    return json(200, res);
  });

export const handler = createHandler(envDeps);
