/**
 * The handlers' dependencies (the app's Deps). In Lambda they come from the environment and are created once
 * per container (module scope, on the first invocation); the embedded stack passes its own.
 */
import type { Deps, Mode } from '../app/deps';
import { createNotifier } from '../notify';
import { createClients, DynamoStore, storeEnv } from '../store';
import { createCutoffStore } from '../store/weeks-closed';
import { createLiveAggregates } from '../store/live-aggregates';

export type { Deps, Mode } from '../app/deps';

export function modeFromEnv(env: NodeJS.ProcessEnv = process.env): Mode {
  const m = env.INVEST_FLAGS_MODE;
  return m === 'local' || m === 'test' ? m : 'cloud';
}

/** The caller-identity settings of the environment (blank values count as unset). */
export function identityEnv(env: NodeJS.ProcessEnv = process.env): Pick<Deps, 'bootstrapAdminEmail' | 'adminContact'> {
  const bootstrap = env.BOOTSTRAP_ADMIN_EMAIL?.trim();
  const contact = env.ADMIN_CONTACT?.trim();
  return { ...(bootstrap ? { bootstrapAdminEmail: bootstrap } : {}), ...(contact ? { adminContact: contact } : {}) };
}

let envDepsCache: Deps | undefined;

export function envDeps(): Deps {
  if (!envDepsCache) {
    const env = storeEnv();
    const { doc, put } = createClients({ ...(env.endpoint ? { endpoint: env.endpoint } : {}), ...(env.region ? { region: env.region } : {}) });
    envDepsCache = {
      store: new DynamoStore(doc, { tableName: env.tableName, putClient: put }),
      cutoff: createCutoffStore(doc, { tableName: env.tableName, putClient: put }),
      aggregates: createLiveAggregates(doc, { tableName: env.tableName, putClient: put }),
      // Group robots over the runtime's fetch; e-mail only in the cut-off job's deps (jobDeps, below).
      notifier: createNotifier({ fetch: (url, init) => fetch(url, init) }),
      mode: modeFromEnv(),
      clock: () => new Date().toISOString(),
      log: (line) => console.log(line),
      ...identityEnv(),
    };
  }
  return envDepsCache;
}
