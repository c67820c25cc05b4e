/**
 * A fake OpenID Connect identity provider for browser tests, on https://127.0.0.1 (MSAL refuses non-https
 * authorities) with a throw-away self-signed certificate: discovery document, an authorize endpoint that signs
 * the configured user in at once and redirects back with a code (PKCE checked at the token endpoint), a token
 * endpoint (authorization_code and refresh_token grants) issuing RS256 tokens from a local key, JWKS and an
 * end-session endpoint. Every grant is recorded so tests can assert renewals.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { selfSignedCerts } from '../../../scripts/dev-server';
import { readBody } from './api-proxy';

export interface IdpUser {
  sub: string;
  name: string;
  email: string;
}

export interface FakeIdpOptions {
  clientId: string;
  /** Access-token audience, e.g. api://invest-flags-test; the scope is `${audience}/${scope}`. */
  audience: string;
  scope?: string;
  user: IdpUser;
  /** Access-token lifetime in seconds (default 3600). */
  accessTtl?: number;
}

export interface Grant {
  grant: 'authorization_code' | 'refresh_token';
  sub: string;
  /** jti of the access token issued. */
  jti: string;
}

export interface FakeIdp {
  /** The authority (= issuer): https://127.0.0.1:<port>/fake-tenant */
  authority: string;
  /** The full scope the API expects, e.g. api://invest-flags-test/access_as_user. */
  apiScope: string;
  /** Who the authorize endpoint signs in next (tests switch users). */
  user: IdpUser;
  grants: Grant[];
  /** Checks an access token as an API would: signature, issuer, audience, expiry, scope. */
  verify(token: string): Promise<JWTPayload>;
  close(): Promise<void>;
}

const TENANT = 'fake-tenant';

const form = async (req: IncomingMessage): Promise<URLSearchParams> => new URLSearchParams((await readBody(req)).toString('utf8'));

const b64url = (buf: Buffer) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export async function startFakeIdp(o: FakeIdpOptions): Promise<FakeIdp> {
  const scope = o.scope ?? 'access_as_user';
  const apiScope = `${o.audience}/${scope}`;
  const certDir = mkdtempSync(join(tmpdir(), 'fake-idp-'));
  const { key: tlsKey, cert } = selfSignedCerts(certDir);
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { user: IdpUser; nonce: string; challenge: string; redirectUri: string; clientId: string }>();
  const refreshTokens = new Map<string, IdpUser>();
  const grants: Grant[] = [];
  let authority = '';

  const sign = (claims: JWTPayload, aud: string, ttl: number, key: CryptoKey) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).setIssuer(authority).setAudience(aud).setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + ttl).sign(key);

  async function tokens(user: IdpUser, nonce: string | undefined, grant: Grant['grant']) {
    const jti = randomUUID();
    const common = { sub: user.sub, oid: user.sub, tid: TENANT, name: user.name, preferred_username: user.email };
    const ttl = o.accessTtl ?? 3600;
    const accessToken = await sign({ ...common, scp: scope, azp: o.clientId, jti }, o.audience, ttl, privateKey);
    const idToken = await sign({ ...common, ...(nonce ? { nonce } : {}) }, o.clientId, 3600, privateKey);
    const refreshToken = b64url(randomBytes(24));
    refreshTokens.set(refreshToken, user);
    grants.push({ grant, sub: user.sub, jti });
    return {
      token_type: 'Bearer',
      scope: `${apiScope} openid profile offline_access`,
      expires_in: ttl,
      ext_expires_in: ttl,
      access_token: accessToken,
      refresh_token: refreshToken,
      id_token: idToken,
    };
  }

  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', authority);
    const path = url.pathname.replace(`/${TENANT}`, '');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-max-age': '600',
      }).end();
      return;
    }
    if (path === '/.well-known/openid-configuration' || path === '/v2.0/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer: authority,
        authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
        token_endpoint: `${authority}/oauth2/v2.0/token`,
        end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
        jwks_uri: `${authority}/discovery/v2.0/keys`,
        response_types_supported: ['code'],
        response_modes_supported: ['query', 'fragment'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'profile', 'offline_access', apiScope],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (path === '/discovery/v2.0/keys') return json(res, 200, { keys: [jwk] });
    if (path === '/oauth2/v2.0/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      if (q.get('client_id') !== o.clientId || !redirectUri || q.get('code_challenge_method') !== 'S256') {
        return json(res, 400, { error: 'invalid_request', error_description: 'client_id, redirect_uri and an S256 code_challenge are required' });
      }
      const code = b64url(randomBytes(24));
      codes.set(code, { user: idp.user, nonce: q.get('nonce') ?? '', challenge: q.get('code_challenge') ?? '', redirectUri, clientId: o.clientId });
      const answer = new URLSearchParams({ code, state: q.get('state') ?? '', client_info: b64url(Buffer.from(JSON.stringify({ uid: idp.user.sub, utid: TENANT }))) });
      const sep = q.get('response_mode') === 'query' ? '?' : '#';
      res.writeHead(302, { location: `${redirectUri}${sep}${answer}` }).end();
      return;
    }
    if (path === '/oauth2/v2.0/token' && req.method === 'POST') {
      const f = await form(req);
      if (f.get('grant_type') === 'authorization_code') {
        const entry = codes.get(f.get('code') ?? '');
        codes.delete(f.get('code') ?? '');
        const verifier = f.get('code_verifier') ?? '';
        if (!entry || entry.redirectUri !== f.get('redirect_uri') || b64url(createHash('sha256').update(verifier).digest()) !== entry.challenge) {
          return json(res, 400, { error: 'invalid_grant', error_description: 'bad code, redirect_uri or code_verifier' });
        }
        return json(res, 200, await tokens(entry.user, entry.nonce, 'authorization_code'));
      }
      if (f.get('grant_type') === 'refresh_token') {
        const user = refreshTokens.get(f.get('refresh_token') ?? '');
        if (!user) return json(res, 400, { error: 'invalid_grant', error_description: 'unknown refresh token' });
        return json(res, 200, await tokens(user, undefined, 'refresh_token'));
      }
      return json(res, 400, { error: 'unsupported_grant_type' });
    }
    if (path === '/oauth2/v2.0/logout') {
      const back = url.searchParams.get('post_logout_redirect_uri');
      if (back) res.writeHead(302, { location: back }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('signed out');
      return;
    }
    json(res, 404, { error: 'not_found', path: url.pathname });
  }

  const server: Server = createServer({ key: tlsKey, cert }, (req, res) => {
    handle(req, res).catch((err: unknown) => json(res, 500, { error: 'server_error', error_description: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  authority = `https://127.0.0.1:${(server.address() as AddressInfo).port}/${TENANT}`;

  const idp: FakeIdp = {
    authority,
    apiScope,
    user: o.user,
    grants,
    async verify(token) {
      const { payload } = await jwtVerify(token, publicKey, { issuer: authority, audience: o.audience, algorithms: ['RS256'] });
      if (!String(payload.scp ?? '').split(' ').includes(scope)) throw new Error(`scope ${scope} missing`);
      return payload;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        rmSync(certDir, { recursive: true, force: true });
      }),
  };
  return idp;
}
