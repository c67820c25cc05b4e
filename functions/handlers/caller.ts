/**
 * Who is calling: the JWT claims API Gateway (or the embedded adapter) verified, mapped to a role and units
 * from the table. No claims → 401; a caller the county has not registered → 403 naming whom to ask.
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
import type { ProjectStore } from '../store';
import { normalEmail, normalUnit } from '../store/keys';
import type { Deps } from './deps';
import { ApiFailure, type ApiEvent } from './http';
import { MSG } from './messages';

/** The caller as the handlers see it: the same shape GET /v1/me answers. */
export type Caller = MeResponse;

const claimText = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export interface ResolveOptions {
  /** This function may write user profiles: it registers the bootstrap admin and binds e-mail profiles. */
  persist?: boolean;
}

type CallerDeps = Pick<Deps, 'store' | 'clock' | 'bootstrapAdminEmail' | 'adminContact'>;

export async function resolveCaller(event: ApiEvent, deps: CallerDeps, opts: ResolveOptions = {}): Promise<Caller> {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;
  const subject = claimText(claims?.sub);
  if (!claims || !subject) throw new ApiFailure('unauthorized', MSG.unauthorized);
  // Entra ID: `oid` is the user's object id (what admins see in the portal), `sub` is per application.
  const oid = claimText(claims.oid);
  const subjects = [...new Set([oid, subject].filter((s): s is string => s !== null))];
  // Entra ID puts the sign-in name in preferred_username/upn when there is no email claim.
  const email = claimText(claims.email) ?? claimText(claims.preferred_username) ?? claimText(claims.upn);
  const name = claimText(claims.name);
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
  throw new ApiFailure('forbidden', MSG.unknownUser(deps.adminContact), { subject, email });
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
