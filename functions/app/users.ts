/**
 * GET|PUT /v1/users (admins). A user is kept once: under their subject (Entra object id) when
 * known, else under their e-mail; an upsert that learns the subject of an e-mail-registered user moves the
 * profile and deletes the e-mail copy.
 *
 * Units: when the county has configured units (config.units), a user's units must be among them (compared as
 * clerks type them, stored in the configured spelling) — a misspelt unit would silently lock a clerk out of
 * their own rows. With no units configured, free text is accepted.
 */
import type { UserProfile, UserPut, UserPutResponse, UsersResponse } from '../../contract';
import { normalEmail } from '../domain/normalize';
import { callerLabel, sameUnit, type Caller } from './caller';
import { cachedConfig } from './config';
import type { Deps } from './deps';
import { AppFailure } from './failure';
import { MSG } from './messages';
import type { ProjectStore } from './ports';

const ROLE_ORDER = { admin: 0, leader: 1, clerk: 2 } as const;
const label = (u: UserProfile): string => u.email ?? u.subject ?? '';

export async function listUsers(store: ProjectStore): Promise<UsersResponse> {
  const users = await store.listUsers();
  users.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || label(a).localeCompare(label(b)));
  return { users };
}

/** Trimmed, blank-free, de-duplicated units; with configured units, in their spelling (unknown ones → 400). */
export function checkUnits(units: readonly string[], configured: readonly string[]): string[] {
  const out: string[] = [];
  const unknown: string[] = [];
  for (const raw of units) {
    const unit = raw.trim();
    if (unit === '') continue;
    const known = configured.length ? configured.find((c) => sameUnit(c, unit)) : unit;
    if (known === undefined) unknown.push(unit);
    else if (!out.some((u) => sameUnit(u, known))) out.push(known);
  }
  if (unknown.length) throw new AppFailure('bad_request', MSG.unknownUnits(unknown, [...configured]), { field: 'units', unknown, known: configured });
  return out;
}

export async function putUser(deps: Pick<Deps, 'store' | 'clock'>, caller: Caller, input: UserPut): Promise<UserPutResponse> {
  const { store } = deps;
  const subject = input.subject || undefined;
  const email = input.email ? normalEmail(input.email) : undefined;
  if (!subject && !email) throw new AppFailure('bad_request', MSG.userNeedsKey, { field: 'subject' });
  const units = checkUnits(input.units, (await cachedConfig(store)).units);
  if (input.role === 'clerk' && units.length === 0) throw new AppFailure('bad_request', MSG.clerkNeedsUnits, { field: 'units' });

  const all = await store.listUsers();
  const matches = all.filter((u) => (subject && u.subject === subject) || (email && u.email && normalEmail(u.email) === email));
  const otherAccount = subject && matches.find((u) => u.subject && u.subject !== subject);
  if (otherAccount) throw new AppFailure('conflict', MSG.userConflict(email ?? '', otherAccount.subject!), { subject: otherAccount.subject });
  const wasAdmin = matches.some((u) => u.role === 'admin');
  if (wasAdmin && input.role !== 'admin' && !all.some((u) => u.role === 'admin' && !matches.includes(u))) {
    throw new AppFailure('conflict', MSG.lastAdmin);
  }

  const keptSubject = subject ?? matches.find((u) => u.subject)?.subject;
  const keptEmail = email ?? matches.find((u) => u.email)?.email;
  const name = input.name ?? matches.find((u) => u.name)?.name;
  const profile: UserProfile = {
    ...(keptSubject ? { subject: keptSubject } : {}),
    ...(keptEmail ? { email: normalEmail(keptEmail) } : {}),
    ...(name ? { name } : {}),
    role: input.role,
    units,
    updatedAt: deps.clock(),
    updatedBy: callerLabel(caller),
  };
  await store.saveUser(profile, matches);
  return { user: profile };
}
