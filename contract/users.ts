/**
 * Roles and users: GET|PUT /v1/users (admins) and GET /v1/me (any registered caller).
 * A user is found by the token's object id / subject (Entra `oid` or `sub`) or, registered before their first
 * sign-in, by e-mail. Clerks write their units' projects; leaders read everything; admins also manage
 * configuration and users.
 */
import * as z from 'zod/mini';
import type { Role } from './api';
import { LIMITS } from './limits';

export const ROLES = ['clerk', 'leader', 'admin'] as const satisfies readonly Role[];

/** A clerk's unit is matched against the rows' 所属单位, so it has the same bound (LIMITS.unitLength). */
export const USER_LIMITS = { subjectLength: 200, emailLength: 254, nameLength: 100, unitLength: LIMITS.unitLength, units: 200 } as const;

/** A user as stored and listed. */
export interface UserProfile {
  /** Token object id / subject; absent for users registered by e-mail before their first sign-in. */
  subject?: string;
  email?: string;
  name?: string;
  role: Role;
  /** Units whose projects a clerk may write (leaders and admins may carry units for display only). */
  units: string[];
  /** ISO instant and who (e-mail or subject) last changed the profile. */
  updatedAt?: string;
  updatedBy?: string;
}

/** PUT /v1/users: upsert one user by subject or e-mail (at least one). */
export const userPutSchema = z.object({
  subject: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(USER_LIMITS.subjectLength))),
  email: z.optional(z.string().check(z.trim(), z.maxLength(USER_LIMITS.emailLength), z.regex(/^[^\s@]+@[^\s@]+$/))),
  name: z.optional(z.string().check(z.trim(), z.maxLength(USER_LIMITS.nameLength))),
  role: z.enum(ROLES),
  units: z._default(z.array(z.string().check(z.maxLength(USER_LIMITS.unitLength))).check(z.maxLength(USER_LIMITS.units)), []),
});
export type UserPut = z.infer<typeof userPutSchema>;

export interface UsersResponse {
  users: UserProfile[];
}

/** PUT /v1/users answers the profile as stored. */
export interface UserPutResponse {
  user: UserProfile;
}

/** GET /v1/me: who the API takes the caller for (the task pane's settings view shows it). */
export interface MeResponse {
  subject: string;
  email: string | null;
  name: string | null;
  role: Role;
  units: string[];
  /** True on the call that registered this caller as the first administrator (BOOTSTRAP_ADMIN_EMAIL). */
  bootstrapped?: boolean;
}
