/**
 * The route table's handlers, built over the embedded stack's dependencies (the same code Lambda runs). The
 * route list is written once, in functions/handlers/routes.ts: each handler name there is the file
 * `functions/handlers/<name>.ts` (the CDK stack's function entry, infra/cdk/function-specs.ts), whose
 * `createHandler` is loaded here by that name.
 */
import type { Deps } from '../../functions/handlers/deps';
import type { ApiEvent, ApiResult } from '../../functions/handlers/http';
import { ROUTES } from '../../functions/handlers/routes';

export type Handler = (event: ApiEvent) => Promise<ApiResult>;

type HandlerModule = { createHandler?: (getDeps: () => Deps) => Handler };

/** A handler file's factory, loaded by the route's handler name. */
function factory(name: string): (getDeps: () => Deps) => Handler {
  // require, not import(): the stack also runs under tsx as CommonJS (the CLI), where require resolves .ts files.
  const mod = require(`../../functions/handlers/${name}.ts`) as HandlerModule;
  if (typeof mod.createHandler !== 'function') throw new Error(`functions/handlers/${name}.ts exports no createHandler`);
  return mod.createHandler;
}

/** One handler per route name of routes.ts. */
export function buildHandlers(deps: Deps): Record<string, Handler> {
  const names = [...new Set(ROUTES.map((r) => r.name))];
  return Object.fromEntries(names.map((name) => [name, factory(name)(() => deps)]));
}
