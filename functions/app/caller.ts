/**
 * Who is calling, and what they may do: the identity the handlers read off the verified JWT claims, mapped to a
 * role and units from the table. A caller the county has not registered → forbidden, naming whom to ask.
 *
 * Identity is the account (Entra `oid`, else `sub`), not the e-mail, which can be renamed and reassigned. An
 * admin may register a user by e-mail before their first sign-in; the first caller matched by that e-mail who
 * reaches a function allowed to write the table (`persist`) binds the profile to their account, and from then on
 * the e-mail grants nobody else anything.
 *
 * First-admin bootstrap: while no administrator is registered, a caller whose e-mail equals
 * BOOTSTRAP_ADMIN_EMAIL is taken for an administrator; functions allowed to write the table
 * (`persist`) register them, so from then on they are an ordinary stored admin.
 */
import type { MeResponse, UserProfile } from '../../contract';
import { normalEmail, normalUnit } from '../domain/normalize';
import type { Deps } from './deps';
import { AppFailure } from './failure';
import { MSG } from './messages';
import type { ProjectStore } from './ports';

/** The caller as the use cases see it: the same shape GET /v1/me answers. */
export type Caller = MeResponse;

/** What the verified token says about the caller (claims trimmed; blank ones are null). */
export interface Identity {
  /** The token's `sub`. */
  subject: string;
  /** Entra ID: the user's object id (what admins see in the portal); `sub` is per application. */
  oid: string | null;
  /** The e-mail, or the sign-in name when there is no e-mail claim. */
  email: string | null;
  name: string | null;
}

export interface ResolveOptions {
  /** This function may write user profiles: it registers the bootstrap admin and binds e-mail profiles. */
  persist?: boolean;
}

type CallerDeps = Pick<Deps, 'store' | 'clock' | 'bootstrapAdminEmail' | 'adminContact'>;

export async function identifyCaller(identity: Identity, deps: CallerDeps, opts: ResolveOptions = {}): Promise<Caller> {
  const { subject, oid, email, name } = identity;
  const subjects = [...new Set([oid, subject].filter((s): s is string => s !== null))];
  const found = await deps.store.findUser({ subjects, email });
  if (found) {
    const profile = found.by === 'email' && opts.persist ? await deps.store.bindUser(found.profile, oid ?? subject) : found.profile;
    // null: another account with this e-mail bound the profile a moment ago.
    if (profile) return { subject, email, name: name ?? profile.name ?? null, role: profile.role, units: profile.units };
  } else if (email && (await isBootstrapAdmin(deps.store, deps.bootstrapAdminEmail, email))) {
    if (opts.persist) {
      const admin: UserProfile = { subject: oid ?? subject, email: normalEmail(email), ...(name ? { name } : {}), role: 'admin', units: [], updatedAt: deps.clock(), updatedBy: 'bootstrap' };
      await deps.store.saveUser(admin);
    }
    return { subject, email, name, role: 'admin', units: [], bootstrapped: true };
  }
  throw new AppFailure('forbidden', MSG.unknownUser(deps.adminContact), { subject, email });
}

/** The configured bootstrap e-mail, while the county has no administrator yet. */
async function isBootstrapAdmin(store: ProjectStore, bootstrap: string | undefined, email: string): Promise<boolean> {
  if (!bootstrap || normalEmail(bootstrap) !== normalEmail(email)) return false;
  return !(await store.listUsers()).some((u) => u.role === 'admin');
}

/** The name history records as "who". */
export function callerLabel(c: Caller): string {
  return c.email ?? c.subject;
}

/** Units compared as clerks type them: width-folded, spaces removed. */
export function sameUnit(a: string, b: string): boolean {
  return normalUnit(a) === normalUnit(b);
}

export function mayWriteUnit(c: Caller, unit: string | null): boolean {
  if (c.role === 'admin') return true;
  if (c.role !== 'clerk' || unit === null) return false;
  return c.units.some((u) => sameUnit(u, unit));
}

/** Leaders read only: they may not sync. */
export function assertMaySync(c: Caller): void {
  if (c.role === 'leader') throw new AppFailure('forbidden', MSG.leaderCannotSync);
}

/** Only administrators change the county configuration. */
export function assertMayChangeConfig(c: Caller): void {
  if (c.role !== 'admin') throw new AppFailure('forbidden', MSG.adminOnly);
}

/** Only administrators list and set users. */
export function assertMayManageUsers(c: Caller): void {
  if (c.role !== 'admin') throw new AppFailure('forbidden', MSG.usersAdminOnly);
}
