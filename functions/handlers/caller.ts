/**
 * Who is calling: the JWT claims API Gateway (or the embedded adapter) verified, mapped to a role and units
 * from the table. No claims → 401; a caller the county has not registered → 403 naming whom to ask.
 *
 * First-admin bootstrap: while no administrator is registered, a caller whose e-mail equals
 * BOOTSTRAP_ADMIN_EMAIL is taken for an administrator; functions allowed to write the table
 * (`persistBootstrap`) register them, so from then on they are an ordinary stored admin.
 */
import type { Role, UserProfile } from '../contract';
import type { ProjectStore } from '../store';
import { normalEmail } from '../store/keys';
import type { Deps } from './deps';
import { ApiFailure, type ApiEvent } from './http';
import { MSG } from './messages';

export interface Caller {
  subject: string;
  email: string | null;
  name: string | null;
  role: Role;
  units: string[];
  /** True when this request registered the caller as the first administrator. */
  bootstrapped?: boolean;
}

const claimText = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export interface ResolveOptions {
  /** Register the bootstrap admin (only functions with table write access may). */
  persistBootstrap?: boolean;
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
  const profile = await deps.store.getUser({ subjects, email });
  if (profile) return { subject, email, name: name ?? profile.name ?? null, role: profile.role, units: profile.units };
  if (email && (await isBootstrapAdmin(deps.store, deps.bootstrapAdminEmail, email))) {
    if (opts.persistBootstrap) {
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
  const n = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return n(a) === n(b);
}

export function mayWriteUnit(c: Caller, unit: string | null): boolean {
  if (c.role === 'admin') return true;
  if (c.role !== 'clerk' || unit === null) return false;
  return c.units.some((u) => sameUnit(u, unit));
}
