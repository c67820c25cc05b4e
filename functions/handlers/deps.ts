/**
 * What the handlers depend on. In Lambda the dependencies come from the environment and are created once
 * per container (module scope, on the first invocation); the embedded stack passes its own.
 */
import { createClients, DynamoStore, storeEnv, type ProjectStore } from '../store';

/** 'local' and 'test' honour a request's asOf (evaluate as of a date); the cloud always uses the clock. */
export type Mode = 'cloud' | 'local' | 'test';

export interface Deps {
  store: ProjectStore;
  mode: Mode;
  /** The current instant, ISO UTC. */
  clock: () => string;
  /** One line per request (structured JSON). */
  log: (line: string) => void;
  /** E-mail that becomes the first administrator while none is registered (env BOOTSTRAP_ADMIN_EMAIL). */
  bootstrapAdminEmail?: string;
  /** Whom unregistered users should ask, named in the 403 (env ADMIN_CONTACT, e.g. "县招商服务中心 张三 0539-1234567"). */
  adminContact?: string;
}

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
      mode: modeFromEnv(),
      clock: () => new Date().toISOString(),
      log: (line) => console.log(line),
      ...identityEnv(),
    };
  }
  return envDepsCache;
}
