/**
 * GET /v1/me — the caller's role and units as the API sees them (the task pane's settings view). Any
 * registered caller; an unregistered one gets the 403 naming whom to ask. This is also where the first
 * administrator (BOOTSTRAP_ADMIN_EMAIL) gets registered, hence its write access.
 */
import { resolveCaller } from './caller';
import { envDeps, type Deps } from './deps';
import { json, lambda } from './http';

export const createHandler = (getDeps: () => Deps) =>
  lambda('me', getDeps, async (event, deps, log) => {
    const caller = await resolveCaller(event, deps, { persist: true });
    Object.assign(log, { caller: caller.subject, role: caller.role, ...(caller.bootstrapped ? { bootstrapped: true } : {}) });
    // The caller as resolved is the answer (Caller is MeResponse).
    return json(200, caller);
  });

export const handler = createHandler(envDeps);
