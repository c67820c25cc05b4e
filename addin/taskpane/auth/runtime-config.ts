/**
 * The task pane's runtime configuration: the cloud stack deploys `deployment.json` next to the pane (see
 * infra/cdk/invest-flags-stack.ts, RUNTIME_CONFIG_KEY); the local stack and the dev server answer
 * `{"kind":"local"}` for it (infra/local/static-files.ts); "local", or no answer at all (404), means the pane runs
 * against the local stack with its dev token and no sign-in step.
 */

/** A cloud deployment: where the API is and how to sign in to it. */
export interface CloudConfig {
  kind: 'cloud';
  apiBaseUrl: string;
  /** MSAL authority, e.g. https://login.microsoftonline.com/<tenant> (no /v2.0: MSAL adds it). */
  authority: string;
  clientId: string;
  /** e.g. ["api://<host>/<client id>/access_as_user"]. */
  scopes: string[];
  /** Hosts MSAL may trust without instance discovery (always includes the authority's host). */
  knownAuthorities: string[];
  /** 'AAD' for Entra ID (default), 'OIDC' for any other OpenID Connect provider. */
  protocolMode: 'AAD' | 'OIDC';
}

export type RuntimeConfig = { kind: 'local' } | CloudConfig;

export const RUNTIME_CONFIG_PATH = 'deployment.json';

/** Entra ID sign-in hosts (global and operated by 21Vianet in China), where MSAL's AAD mode applies. */
const ENTRA_HOSTS = new Set(['login.microsoftonline.com', 'login.partner.microsoftonline.cn', 'login.chinacloudapi.cn', 'login.microsoftonline.us']);

export class RuntimeConfigError extends Error {
  constructor(readonly detail: string) {
    super(`deployment.json: ${detail}`);
    this.name = 'RuntimeConfigError';
  }
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function httpsUrl(v: unknown, field: string): URL {
  const s = text(v);
  let url: URL | null = null;
  try {
    url = s ? new URL(s) : null;
  } catch {
    url = null;
  }
  // http only for loopback (tests, a local IdP); a token must never travel in clear text elsewhere.
  const loopback = url && (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]');
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) throw new RuntimeConfigError(`${field} must be an https URL, got ${JSON.stringify(v)}`);
  return url;
}

/** Validates the deployed JSON (shape written by the CDK stack, plus optional knownAuthorities/protocolMode). */
export function parseDeployment(json: unknown): CloudConfig {
  if (typeof json !== 'object' || json === null) throw new RuntimeConfigError('not a JSON object');
  const o = json as Record<string, unknown>;
  const api = httpsUrl(o.apiBaseUrl, 'apiBaseUrl');
  const authorityUrl = httpsUrl(o.authority, 'authority');
  const clientId = text(o.clientId);
  if (!clientId) throw new RuntimeConfigError('clientId is missing');
  const scopes = Array.isArray(o.scopes) ? o.scopes.map(text).filter((s): s is string => s !== null) : [];
  if (!scopes.length) throw new RuntimeConfigError('scopes must list at least one scope');
  const entra = ENTRA_HOSTS.has(authorityUrl.hostname);
  const mode = o.protocolMode === 'OIDC' || o.protocolMode === 'AAD' ? o.protocolMode : entra ? 'AAD' : 'OIDC';
  // MSAL's AAD mode appends /v2.0/.well-known/…; an authority written as the issuer (…/v2.0) would double it.
  let authority = authorityUrl.href.replace(/\/+$/, '');
  if (mode === 'AAD') authority = authority.replace(/\/v2\.0$/, '');
  const known = Array.isArray(o.knownAuthorities) ? o.knownAuthorities.map(text).filter((s): s is string => s !== null) : [];
  return {
    kind: 'cloud',
    apiBaseUrl: api.href.replace(/\/+$/, ''),
    authority,
    clientId,
    scopes,
    knownAuthorities: [...new Set([authorityUrl.host, ...known])],
    protocolMode: mode,
  };
}

type GetJson = (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/**
 * Fetches the configuration next to the page. Absent (any non-2xx answer, or no server at all, e.g. a dev
 * server without the file) → local; present but malformed → RuntimeConfigError, so a broken deployment is
 * reported instead of silently falling back to dev tokens.
 */
export async function loadRuntimeConfig(get: GetJson, url: string = RUNTIME_CONFIG_PATH): Promise<RuntimeConfig> {
  let res: Awaited<ReturnType<GetJson>>;
  try {
    res = await get(url);
  } catch {
    return { kind: 'local' };
  }
  if (!res.ok) return { kind: 'local' };
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new RuntimeConfigError('not valid JSON');
  }
  // The local stack answers {"kind":"local"} (infra/local/static-files.ts), so the page logs no 404 for it.
  if (typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'local') return { kind: 'local' };
  return parseDeployment(body);
}
