/**
 * Who is calling: the JWT claims API Gateway (or the embedded adapter) verified, mapped to a role and units
 * from the table. No claims → 401; a caller the county has not registered → 403.
 */
import type { Role } from '../contract';
import type { ProjectStore } from '../store';
import { ApiFailure, type ApiEvent } from './http';
import { MSG } from './messages';

export interface Caller {
  subject: string;
  email: string | null;
  name: string | null;
  role: Role;
  units: string[];
}

const claimText = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export async function resolveCaller(event: ApiEvent, store: ProjectStore): Promise<Caller> {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;
  const subject = claimText(claims?.sub);
  if (!claims || !subject) throw new ApiFailure('unauthorized', MSG.unauthorized);
  // Entra ID puts the sign-in name in preferred_username/upn when there is no email claim.
  const email = claimText(claims.email) ?? claimText(claims.preferred_username) ?? claimText(claims.upn);
  const profile = await store.getUser(subject, email ?? undefined);
  if (!profile) throw new ApiFailure('forbidden', MSG.unknownUser, { subject, email });
  return { subject, email, name: claimText(claims.name) ?? profile.name ?? null, role: profile.role, units: profile.units };
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
