/**
 * The local trust boundary (issue 17, DESIGN §8): /dev/token and CORS answer only the stack's own origins (its
 * API origin on localhost/127.0.0.1 and the task pane's, https://localhost:3000 unless configured) — a page on
 * another localhost port gets 403 and no CORS headers; the data folder and its dynamodb/ are 0700, existing ones
 * are narrowed; `npm start` says so in one line.
 */
import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { startLocalStack, type LocalStack } from '../../../infra/local/stack';
import { trustLine } from '../../../infra/local/start-up';
import { useTempDir } from './servers';

const FOREIGN = ['http://localhost:9999', 'http://127.0.0.1:5173', 'https://localhost:3001', 'null', 'https://evil.example'];

async function devToken(s: LocalStack, headers: Record<string, string>) {
  const res = await fetch(`${s.url}/dev/token`, { headers });
  return { status: res.status, cors: res.headers.get('access-control-allow-origin'), body: (await res.json()) as { token?: string; error?: { code: string } } };
}

describe('local stack: /dev/token and CORS for its own origins only', () => {
  let s: LocalStack;
  let custom: LocalStack;
  beforeAll(async () => {
    s = await startLocalStack({ inMemory: true });
    custom = await startLocalStack({ inMemory: true, paneOrigins: ['https://localhost:4000'] });
  });
  afterAll(async () => {
    await s.close();
    await custom.close();
  });

  it.each(FOREIGN)('a page of %s gets 403, no token and no CORS headers', async (origin) => {
    const a = await devToken(s, { origin });
    expect(a).toEqual({ status: 403, cors: null, body: { error: expect.objectContaining({ code: 'forbidden' }) } });
    const pre = await fetch(`${s.url}/dev/token`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
    expect([pre.status, pre.headers.get('access-control-allow-origin')]).toEqual([403, null]);
  });

  it('a cross-site request that names no origin (Sec-Fetch-Site) is refused too', async () => {
    expect((await devToken(s, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await devToken(s, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await devToken(s, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('the stack’s own origin (localhost and 127.0.0.1) and the task pane’s get the token with CORS', async () => {
    const port = new URL(s.url).port;
    for (const origin of [s.url, `http://localhost:${port}`, 'https://localhost:3000']) {
      const a = await devToken(s, { origin });
      expect({ origin, status: a.status, cors: a.cors }).toEqual({ origin, status: 200, cors: origin });
      expect(a.body.token).toMatch(/^ey/);
    }
    // No Origin at all (the CLI, curl, a same-origin GET): not a foreign page.
    expect((await devToken(s, {})).status).toBe(200);
  });

  it('the pane’s origin is the stack’s option: a configured one replaces https://localhost:3000', async () => {
    expect((await devToken(custom, { origin: 'https://localhost:4000' })).cors).toBe('https://localhost:4000');
    expect((await devToken(custom, { origin: 'https://localhost:3000' })).status).toBe(403);
  });

  it('API answers carry CORS headers for its own origins only', async () => {
    const get = (origin: string) => fetch(`${s.url}/v1/projects`, { headers: { origin, authorization: `Bearer ${s.adminToken}` } });
    expect((await get('http://localhost:9999')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await get('https://localhost:3000')).headers.get('access-control-allow-origin')).toBe('https://localhost:3000');
  });
});

describe('local stack: the data folder is private', () => {
  const tmp = useTempDir('invest-flags-trust-');
  const mode = async (p: string) => (await stat(p)).mode & 0o777;

  it('creates the data folder and its dynamodb/ 0700 (the secret 0600)', async () => {
    const dir = join(tmp(), 'fresh');
    const s = await startLocalStack({ dataDir: dir });
    try {
      expect([await mode(dir), await mode(join(dir, 'dynamodb'))]).toEqual([0o700, 0o700]);
    } finally {
      await s.close();
    }
  });

  it('narrows an existing world-readable data folder and dynamodb/ to 0700', async () => {
    const dir = join(tmp(), 'old');
    await mkdir(join(dir, 'dynamodb'), { recursive: true });
    await chmod(dir, 0o755);
    await chmod(join(dir, 'dynamodb'), 0o755);
    const s = await startLocalStack({ dataDir: dir });
    try {
      expect([await mode(dir), await mode(join(dir, 'dynamodb'))]).toEqual([0o700, 0o700]);
    } finally {
      await s.close();
    }
  });

  it('npm start’s one line says the folder is private and which origins are answered', () => {
    const line = trustLine({ url: 'http://127.0.0.1:8787' }, { inMemory: false, paneOrigins: ['https://localhost:3000'] });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('0700');
    for (const o of ['http://127.0.0.1:8787', 'http://localhost:8787', 'https://localhost:3000']) expect(line).toContain(o);
    expect(line).not.toContain('9999');
  });
});
