import { mkdir, readFile, writeFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiError, HistoryResponse } from '../../../contract';
import { startLocalStack } from '../../../infra/local/stack';
import { call, request, row, sync } from '../../functions/handlers/api';
import { useTempDir } from './servers';

describe('startLocalStack', () => {
  const tempDir = useTempDir('invest-flags-', 'each');

  it('creates its data folder on first run and keeps data and tokens across a restart', async () => {
    const data = join(tempDir(), 'nested', 'data');
    const first = await startLocalStack({ dataDir: data, mode: 'test' });
    await sync(first, first.adminToken, request([row('KEEP-1', {})]));
    const token = first.adminToken;
    await first.close();
    await first.close(); // closing twice is harmless
    expect((await stat(join(data, 'dev-token-secret'))).mode & 0o777).toBe(0o600);
    expect((await readFile(join(data, 'dev-token-secret'), 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);

    const second = await startLocalStack({ dataDir: data, mode: 'test' });
    try {
      const h = await call<HistoryResponse>(second, 'GET', '/v1/projects/KEEP-1/history', token); // the old token still verifies
      expect(h.status).toBe(200);
      expect(h.body.events).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('an in-memory stack forgets everything and its tokens do not open another stack', async () => {
    const a = await startLocalStack({ inMemory: true });
    const b = await startLocalStack({ inMemory: true });
    try {
      expect(a.url).not.toBe(b.url);
      await sync(a, a.adminToken, request([row('MEM-1', {})]));
      expect((await call(b, 'GET', '/v1/projects/MEM-1/history', b.adminToken)).status).toBe(404);
      expect((await call(b, 'GET', '/v1/projects', a.adminToken)).status).toBe(401);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('in local/test mode honours asOf, logs one JSON line per request', async () => {
    const lines: string[] = [];
    const s = await startLocalStack({ inMemory: true, log: (l) => lines.push(l) });
    try {
      const res = await sync(s, s.adminToken, request([row('LOG-1', {})], { asOf: '2026-01-05' }));
      expect(res.asOf).toBe('2026-01-05T15:59:59.999Z');
      await call(s, 'GET', '/v1/projects', null);
      expect(lines).toHaveLength(1); // the 401 came from the gateway stand-in, before any function ran
      const entry = JSON.parse(lines[0]!);
      expect(entry).toMatchObject({ level: 'info', route: 'sync', method: 'POST', status: 200, caller: 'local-admin', rows: 1, created: 1 });
      expect(entry.requestId).toMatch(/[0-9a-f-]{36}/);
      expect(lines[0]).not.toContain('项目LOG-1');
    } finally {
      await s.close();
    }
  });

  it('serves static files with their content types, and nothing outside the folder', async () => {
    const site = join(tempDir(), 'site');
    await mkdir(join(site, 'assets'), { recursive: true });
    await writeFile(join(site, 'index.html'), '<!doctype html><title>任务窗格</title>');
    await writeFile(join(site, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(tempDir(), 'secret.txt'), 'do not serve');
    const s = await startLocalStack({ inMemory: true, staticDir: site });
    try {
      const index = await fetch(`${s.url}/`);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await index.text()).toContain('任务窗格');
      const js = await fetch(`${s.url}/assets/app.js`);
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect((await fetch(`${s.url}/nope.css`)).status).toBe(404);
      for (const p of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
        const r = await fetch(`${s.url}${p}`);
        expect(r.status).not.toBe(200);
        expect(await r.text()).not.toContain('do not serve');
      }
      // API routes still win over files.
      expect((await fetch(`${s.url}/v1/projects`)).status).toBe(401);
    } finally {
      await s.close();
    }
  });

  it('answers CORS for its own origins and the task pane’s only (not another localhost port)', async () => {
    const s = await startLocalStack({ inMemory: true });
    try {
      const ok = await fetch(`${s.url}/v1/sync`, { method: 'OPTIONS', headers: { origin: 'https://localhost:3000', 'access-control-request-method': 'POST' } });
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://localhost:3000');
      expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(ok.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,OPTIONS');
      const foreign = await fetch(`${s.url}/v1/sync`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      const other = await call<ApiError>(s, 'GET', '/v1/projects', s.adminToken, undefined, { origin: 'http://127.0.0.1:5173' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const own = await call<ApiError>(s, 'GET', '/v1/projects', s.adminToken, undefined, { origin: s.url });
      expect(own.headers.get('access-control-allow-origin')).toBe(s.url);
    } finally {
      await s.close();
    }
  });
});
