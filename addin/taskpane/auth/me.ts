/**
 * `GET /v1/me`: who the backend thinks the caller is — role and units — or, for a user nobody has added
 * yet, the backend's 403 message (which says whom to ask). Parsed leniently: the pane shows what it gets.
 */
import type { Message, Role } from '../../../contract';
import type { HttpFetch } from './bearer-fetch';

export interface Me {
  name: string;
  email: string;
  role: Role | null;
  units: string[];
}

export type WhoAmI =
  | { kind: 'ok'; me: Me }
  /** 403: signed in, but not (yet) a user of this backend. */
  | { kind: 'unknown'; message: Message | null }
  | { kind: 'error'; status: number | null; message: Message | null };

const ROLES: readonly Role[] = ['clerk', 'leader', 'admin'];

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function messageIn(body: unknown): Message | null {
  const m = (body as { error?: { message?: unknown } } | null)?.error?.message as { zh?: unknown; en?: unknown } | undefined;
  return m && typeof m.zh === 'string' && typeof m.en === 'string' ? { zh: m.zh, en: m.en } : null;
}

export function parseMe(body: unknown): Me {
  const o = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const user = (typeof o.user === 'object' && o.user !== null ? o.user : {}) as Record<string, unknown>;
  const role = ROLES.find((r) => r === (o.role ?? user.role)) ?? null;
  const unitsRaw = o.units ?? user.units;
  return {
    name: str(o.name) || str(user.name) || str(o.displayName),
    email: str(o.email) || str(user.email),
    role,
    units: Array.isArray(unitsRaw) ? unitsRaw.filter((u): u is string => typeof u === 'string') : [],
  };
}

export async function whoAmI(apiUrl: string, token: string, fetchFn: HttpFetch, signal?: AbortSignal): Promise<WhoAmI> {
  let res;
  try {
    res = await fetchFn(`${apiUrl.replace(/\/+$/, '')}/v1/me`, {
      method: 'GET',
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(signal ? { signal } : {}),
    });
  } catch {
    return { kind: 'error', status: null, message: null };
  }
  let body: unknown = null;
  try {
    body = JSON.parse(await res.text());
  } catch {
    /* not JSON: keep null */
  }
  if (res.status >= 200 && res.status < 300) return { kind: 'ok', me: parseMe(body) };
  if (res.status === 403) return { kind: 'unknown', message: messageIn(body) };
  return { kind: 'error', status: res.status, message: messageIn(body) };
}
