/** The route table's handlers, built over the embedded stack's dependencies (the same code Lambda runs). */
import type { Deps } from '../../functions/handlers/deps';
import type { ApiEvent, ApiResult } from '../../functions/handlers/http';
import { createHandler as config } from '../../functions/handlers/config';
import { createHandler as dashboard } from '../../functions/handlers/dashboard';
import { createHandler as history } from '../../functions/handlers/history';
import { createHandler as me } from '../../functions/handlers/me';
import { createHandler as projects } from '../../functions/handlers/projects';
import { createHandler as reports } from '../../functions/handlers/reports';
import { createHandler as sync } from '../../functions/handlers/sync';
import { createHandler as users } from '../../functions/handlers/users';

export type Handler = (event: ApiEvent) => Promise<ApiResult>;

const FACTORIES: Record<string, (deps: () => Deps) => Handler> = { sync, projects, history, config, reports, dashboard, users, me };

/** One handler per route name of routes.ts. */
export function buildHandlers(deps: Deps): Record<string, Handler> {
  return Object.fromEntries(Object.entries(FACTORIES).map(([name, make]) => [name, make(() => deps)]));
}
