/** GET /v1/config (every known caller) and PUT /v1/config (admins only, validated by the domain). */
import { assertMayChangeConfig } from '../app/caller';
import { loadConfig, saveConfig } from '../app/config';
import { resolveCaller } from './caller';
import { envDeps, type Deps } from './deps';
import { bodyText, json, lambda, parseJson } from './http';

const MAX_CONFIG_BYTES = 256_000;

export const createHandler = (getDeps: () => Deps) =>
  lambda('config', getDeps, async (event, deps, log) => {
    const caller = await resolveCaller(event, deps, { persist: true });
    log.caller = caller.subject;
    if (event.requestContext.http.method !== 'PUT') return json(200, await loadConfig(deps.store));
    assertMayChangeConfig(caller);
    return json(200, await saveConfig(deps.store, parseJson(bodyText(event, MAX_CONFIG_BYTES))));
  });

export const handler = createHandler(envDeps);
