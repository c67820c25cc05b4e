/**
 * `invest-flags dev-token --user <email> [--data <dir>]`: a dev token for any user of the embedded stack whose
 * data folder is `dataDir`, so every role can be tried without a cloud. The token only says who the caller is;
 * their role and units come from the table (an admin sets them with PUT /v1/users), so a user nobody
 * registered gets the 403 telling them whom to ask.
 */
import { resolve } from 'node:path';
import { LOCAL_ADMIN } from './local-admin';
import { DevTokens, loadSecret } from './tokens';

export interface DevTokenOptions {
  /** The stack's data folder (default ./data), where its signing secret lives (created when missing). */
  dataDir?: string;
  email: string;
  name?: string;
  /** Token subject; default `local-admin` for the local admin's e-mail, else `dev:<email>`. */
  subject?: string;
  /** jose duration, default DEV_TOKEN_LIFETIME (12h). */
  expiresIn?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** What issueDevToken accepts as an e-mail (admin@localhost included). */
export const isDevEmail = (email: string): boolean => EMAIL.test(email.trim());

export function devSubject(email: string): string {
  const e = email.trim().toLowerCase();
  return e === LOCAL_ADMIN.email ? LOCAL_ADMIN.subject : `dev:${e}`;
}

export async function issueDevToken(opts: DevTokenOptions): Promise<string> {
  const email = opts.email.trim().toLowerCase();
  if (!isDevEmail(email)) throw new Error(`“${opts.email}”不是邮箱地址 / "${opts.email}" is not an e-mail address`);
  const tokens = new DevTokens(await loadSecret(resolve(opts.dataDir ?? './data')));
  return tokens.issue(
    { sub: opts.subject ?? devSubject(email), email, ...(opts.name ? { name: opts.name } : {}) },
    opts.expiresIn ? { expiresIn: opts.expiresIn } : {},
  );
}
