/**
 * The transport every API call goes through in cloud mode: the session's access token as
 * `Authorization: Bearer`, and after a 401 one forced renewal and one retry (a token revoked or expired
 * between the silent check and the request). Only requests to the deployment's own API get the token, so
 * a workbook naming another backend can never collect a clerk's token.
 */
import type { FetchLike } from '../../app';
import type { TokenSource } from './session';

/** The transport is core's FetchLike; these names keep the auth module's signatures readable. */
export type HttpFetch = FetchLike;
export type HttpInit = Parameters<FetchLike>[1];

export function withBearer(inner: HttpFetch, tokens: TokenSource, apiBaseUrl: string): HttpFetch {
  const base = apiBaseUrl.replace(/\/+$/, '');
  const ours = (url: string) => url === base || url.startsWith(`${base}/`);
  return async (url, init) => {
    if (!ours(url)) return inner(url, withoutAuth(init));
    const send = async (forceRefresh: boolean) => inner(url, withAuth(init, await tokens.token({ forceRefresh })));
    const first = await send(false);
    if (first.status !== 401 || init.signal?.aborted) return first;
    return send(true);
  };
}

function withoutAuth(init: HttpInit): HttpInit {
  const headers = Object.fromEntries(Object.entries(init.headers).filter(([k]) => k.toLowerCase() !== 'authorization'));
  return { ...init, headers };
}

function withAuth(init: HttpInit, token: string): HttpInit {
  return { ...init, headers: { ...withoutAuth(init).headers, authorization: `Bearer ${token}` } };
}
