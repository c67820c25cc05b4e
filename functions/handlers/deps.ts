/**
 * The handlers' dependencies (the app's Deps). In Lambda they come from the environment and are created once
 * per container (module scope, on the first invocation); the embedded stack passes its own.
 */
import type { Deps, Mode } from '../app/deps';
import { createNotifier, createSesSender, type EmailSender } from '../notify';
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

/**
 * The e-mail sender of the environment: SES when the deployment names a sender identity (the cut-off job's
 * SES_FROM_ADDRESS, SES_IDENTITY_ARN and the identity's region SES_REGION; infra/cdk/constructs/cutoff-schedule.ts),
 * none otherwise (AWS China regions, or no identity configured): e-mail channels then report "no e-mail service".
 */
export function emailSenderFromEnv(env: NodeJS.ProcessEnv = process.env): EmailSender | undefined {
  const from = env.SES_FROM_ADDRESS?.trim();
  if (!from) return undefined;
  const identityArn = env.SES_IDENTITY_ARN?.trim();
  const region = env.SES_REGION?.trim();
  return createSesSender({ from, ...(identityArn ? { identityArn } : {}), ...(region ? { region } : {}) });
}

const withEmail = (email: EmailSender | undefined) => (email ? { email } : {});

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

let jobDepsCache: Deps | undefined;

/**
 * The cut-off job's Deps (functions/handlers/cutoff-job.ts): envDeps, with e-mail over SES where the deployment
 * configured a sender identity. Only the job's function has SES_* and the SES permission; the API functions never
 * call this, so their bundles leave the SES client out.
 */
export function jobDeps(): Deps {
  jobDepsCache ??= { ...envDeps(), notifier: createNotifier({ fetch: (url, init) => fetch(url, init), ...withEmail(emailSenderFromEnv()) }) };
  return jobDepsCache;
}
