/**
 * The caller of a request: the JWT claims API Gateway (or the embedded adapter) verified, read off the event
 * (no claims → 401), then resolved by the app (functions/app/caller.ts: profile, role, units, bootstrap).
 */
import { identifyCaller, type Caller, type Identity, type ResolveOptions } from '../app/caller';
import type { Deps } from '../app/deps';
import { AppFailure } from '../app/failure';
import type { ApiEvent } from './http';
import { MSG } from './messages';

const claimText = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** The verified claims as an identity; 401 when the request carries none (or no subject). */
export function identityOf(event: ApiEvent): Identity {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;
  const subject = claimText(claims?.sub);
  if (!claims || !subject) throw new AppFailure('unauthorized', MSG.unauthorized);
  return {
    subject,
    // Entra ID: `oid` is the user's object id (what admins see in the portal), `sub` is per application.
    oid: claimText(claims.oid),
    // Entra ID puts the sign-in name in preferred_username/upn when there is no email claim.
    email: claimText(claims.email) ?? claimText(claims.preferred_username) ?? claimText(claims.upn),
    name: claimText(claims.name),
  };
}

export async function resolveCaller(event: ApiEvent, deps: Deps, opts: ResolveOptions = {}): Promise<Caller> {
  return identifyCaller(identityOf(event), deps, opts);
}
