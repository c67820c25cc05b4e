/**
 * The cut-off job's Deps (functions/handlers/cutoff-job.ts): envDeps, with e-mail over SES where the deployment
 * configured a sender identity. Apart from deps.ts, which every handler imports: only the job's function loads the SES
 * client (and has SES_* and the SES permission).
 */
import { createNotifier, type EmailSender } from '../notify';
import { createSesSender } from '../notify/ses';
import { envDeps, type Deps } from './deps';

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

let jobDepsCache: Deps | undefined;

export function jobDeps(): Deps {
  jobDepsCache ??= { ...envDeps(), notifier: createNotifier({ fetch: (url, init) => fetch(url, init), ...withEmail(emailSenderFromEnv()) }) };
  return jobDepsCache;
}
