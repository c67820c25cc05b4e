/**
 * The local adapter checks bearer tokens like API Gateway's JWT authorizer: each refusal is a 401 in the
 * error shape before any handler runs. Also GET /dev/token and issueDevToken (the CLI's dev-token command).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, SignJWT } from 'jose';
import type { ApiError, MeResponse } from '../../../contract';
import { devSubject, issueDevToken } from '../../../infra/local/dev-token';
import { startLocalStack, type LocalStack } from '../../../infra/local/stack';
import { API_SCOPE } from '../../../infra/api-scope';
import { DEV_AUDIENCE, DEV_ISSUER, DevTokens } from '../../../infra/local/tokens';
import { call } from '../../functions/handlers/api';

let dir: string;
let stack: LocalStack;
let secret: Uint8Array;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'invest-flags-tokens-'));
  stack = await startLocalStack({ dataDir: dir, mode: 'test' });
  secret = Buffer.from((await readFile(join(dir, 'dev-token-secret'), 'utf8')).trim(), 'hex');
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

interface Over {
  iss?: string;
  aud?: string;
  /** null: no exp claim at all. */
  exp?: string | number | null;
  /** null: no sub claim at all. */
  sub?: string | null;
  key?: Uint8Array;
  claims?: Record<string, unknown>;
}
/** A token of the local admin with one thing changed. */
function token(over: Over = {}): Promise<string> {
  const jwt = new SignJWT({ email: 'admin@localhost', ...(over.claims ?? { scp: API_SCOPE }) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(over.iss ?? DEV_ISSUER)
    .setAudience(over.aud ?? DEV_AUDIENCE)
    .setIssuedAt();
  if (over.sub !== null) jwt.setSubject(over.sub ?? 'local-admin');
  if (over.exp !== null) jwt.setExpirationTime(over.exp ?? '1h');
  return jwt.sign(over.key ?? secret);
}

describe('bearer token checks of the local adapter', () => {
  it('a well-formed token passes (the control for every case below)', async () => {
    expect((await call(stack, 'GET', '/v1/me', await token())).status).toBe(200);
    expect((await call(stack, 'GET', '/v1/me', await token({ claims: { scope: `openid ${API_SCOPE}` } }))).status).toBe(200);
  });

  const cases: Array<[string, () => Promise<string | null>]> = [
    ['no token', async () => null],
    ['expired', () => token({ exp: Math.floor(Date.now() / 1000) - 120 })],
    ['wrong audience', () => token({ aud: 'api://someone-else' })],
    ['wrong issuer', () => token({ iss: 'https://login.example.com/evil' })],
    ['bad signature', () => token({ key: new Uint8Array(32).fill(9) })],
    ['missing scope', () => token({ claims: {} })],
    ['another scope only', () => token({ claims: { scp: 'User.Read' } })],
    ['not a JWT', async () => 'abc.def.ghi'],
    ['no expiry (would be valid forever)', () => token({ exp: null })],
    ['no subject', () => token({ sub: null })],
  ];
  it('DevTokens.verify itself requires exp and sub (not only the handlers after it)', async () => {
    const tokens = new DevTokens(secret);
    await expect(tokens.verify(await token())).resolves.toMatchObject({ sub: 'local-admin' });
    await expect(tokens.verify(await token({ exp: null }))).rejects.toThrow(/exp/);
    await expect(tokens.verify(await token({ sub: null }))).rejects.toThrow(/sub/);
  });

  it.each(cases)('%s → 401 in the error shape', async (_, make) => {
    for (const [method, path] of [['GET', '/v1/me'], ['POST', '/v1/sync'], ['GET', '/v1/reports/weekly']] as const) {
      const a = await call<ApiError>(stack, method, path, await make(), method === 'POST' ? { rows: [] } : undefined);
      expect(a.status).toBe(401);
      expect(a.body.error).toEqual({ code: 'unauthorized', message: { zh: expect.stringContaining('登录'), en: expect.stringContaining('sign') } });
    }
  });
});

describe('GET /dev/token', () => {
  it('answers a working token for the local admin, with CORS for local origins', async () => {
    const res = await fetch(`${stack.url}/dev/token`, { headers: { origin: 'https://localhost:3000' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://localhost:3000');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { token: t } = (await res.json()) as { token: string };
    expect((await call<MeResponse>(stack, 'GET', '/v1/me', t)).body).toMatchObject({ subject: 'local-admin', role: 'admin' });
    expect((await fetch(`${stack.url}/dev/token`, { method: 'POST' })).status).toBe(404);
  });

  it('lasts 12 hours, like the admin token printed at start', async () => {
    const { token: t } = (await (await fetch(`${stack.url}/dev/token`)).json()) as { token: string };
    for (const jwt of [t, stack.adminToken]) {
      const { iat, exp } = decodeJwt(jwt);
      expect(exp! - iat!).toBe(12 * 3600);
    }
  });
});

describe('issueDevToken (invest-flags dev-token --user <email> --data <dir>)', () => {
  it('signs with the data folder’s secret: the running stack accepts it, and the role comes from the table', async () => {
    const t = await issueDevToken({ dataDir: dir, email: 'Wang@County.gov.cn', name: '王五' });
    const unknown = await call<ApiError>(stack, 'GET', '/v1/me', t);
    expect(unknown.status).toBe(403); // a valid token of a user nobody registered
    await call(stack, 'PUT', '/v1/users', stack.adminToken, { email: 'wang@county.gov.cn', role: 'clerk', units: ['温水镇'] });
    const me = await call<MeResponse>(stack, 'GET', '/v1/me', t);
    expect(me.body).toEqual({ subject: 'dev:wang@county.gov.cn', email: 'wang@county.gov.cn', name: '王五', role: 'clerk', units: ['温水镇'] });
    const adminToken = await issueDevToken({ dataDir: dir, email: 'admin@localhost' });
    expect((await call<MeResponse>(stack, 'GET', '/v1/me', adminToken)).body.subject).toBe('local-admin');
    expect(devSubject(' Admin@Localhost ')).toBe('local-admin');
  });

  it('a token for another data folder is refused; a bad e-mail is an error', async () => {
    const other = await mkdtemp(join(tmpdir(), 'invest-flags-other-'));
    try {
      const t = await issueDevToken({ dataDir: join(other, 'new'), email: 'admin@localhost' });
      expect((await call(stack, 'GET', '/v1/me', t)).status).toBe(401);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
    await expect(issueDevToken({ dataDir: dir, email: 'nobody' })).rejects.toThrow(/不是邮箱地址.*not an e-mail/);
  });
});
