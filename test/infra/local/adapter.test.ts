import type { ApiEvent, ApiResult } from '../../../functions/handlers/http';
import { createLocalServer } from '../../../infra/local/adapter';
import { isLocalHost, originOf, stackOrigins } from '../../../infra/local/local-host';
import { DevTokens } from '../../../infra/local/tokens';
import type { Server } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveInside } from '../../../infra/local/static-files';
import { closeServer, listenLocal, rawGet as raw, useTempDir } from './servers';

describe('the API Gateway stand-in', () => {
  const seen: ApiEvent[] = [];
  const echo = async (e: ApiEvent): Promise<ApiResult> => {
    seen.push(e);
    return { statusCode: 201, headers: { 'X-Echo': 'yes', 'content-type': 'text/plain' }, body: 'ok' };
  };
  const tokens = new DevTokens(new Uint8Array(32).fill(7));
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createLocalServer({ handlers: { sync: echo, projects: echo, history: echo, config: echo }, tokens, log: () => {} });
    base = `http://127.0.0.1:${await listenLocal(server)}`;
  });
  afterAll(() => closeServer(server));

  it('builds a payload-2.0 event with verified claims, lower-cased headers, query and path parameters', async () => {
    const token = await tokens.issue({ sub: 'u-1', email: 'u@x.cn', name: '李四' });
    const res = await fetch(`${base}/v1/projects/P%2D7/history?a=1&a=2&b=%E9%95%87`, { headers: { Authorization: `Bearer ${token}`, 'X-Custom': 'Hi' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('yes');
    expect(await res.text()).toBe('ok');
    const e = seen.at(-1)!;
    expect(e).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/projects/{id}/history',
      rawPath: '/v1/projects/P%2D7/history',
      rawQueryString: 'a=1&a=2&b=%E9%95%87',
      queryStringParameters: { a: '1,2', b: '镇' },
      pathParameters: { id: 'P-7' },
      isBase64Encoded: false,
    });
    expect(e.headers['x-custom']).toBe('Hi');
    expect(e.requestContext.http.method).toBe('GET');
    expect(e.requestContext.authorizer.jwt.claims).toMatchObject({ sub: 'u-1', email: 'u@x.cn', name: '李四', iss: 'invest-flags-local', aud: 'invest-flags' });
    expect(typeof e.requestContext.authorizer.jwt.claims.exp).toBe('string');
    // Like API Gateway: the token's scopes (required: access_as_user) are passed on.
    expect(e.requestContext.authorizer.jwt.scopes).toEqual(['access_as_user']);
  });

  it('passes JSON bodies as text and other bodies base64-encoded', async () => {
    const token = await tokens.issue({ sub: 'u-1' });
    await fetch(`${base}/v1/sync`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"a":"镇"}' });
    expect(seen.at(-1)).toMatchObject({ body: '{"a":"镇"}', isBase64Encoded: false, routeKey: 'POST /v1/sync' });
    await fetch(`${base}/v1/config`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 255]) });
    expect(seen.at(-1)).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
  });

  it('refuses requests without a valid token before any handler runs', async () => {
    const n = seen.length;
    const res = await fetch(`${base}/v1/sync`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect(seen.length).toBe(n);
  });

  it('refuses bodies over 10 MB like API Gateway', async () => {
    const token = await tokens.issue({ sub: 'u-1' });
    const res = await fetch(`${base}/v1/sync`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
  });
});

describe('requests from this machine only (DNS rebinding)', () => {
  const tokens = new DevTokens(new Uint8Array(32).fill(7));
  let server: Server;
  let port: number;
  let dir: string;
  const tempDir = useTempDir('invest-flags-static-');
  const handled: string[] = [];
  beforeAll(async () => {
    dir = tempDir();
    await writeFile(join(dir, 'taskpane.html'), '<title>任务窗格</title>');
    await mkdir(join(dir, 'docs'));
    await writeFile(join(dir, 'docs', 'index.html'), 'docs index');
    const handler = async (e: ApiEvent): Promise<ApiResult> => {
      handled.push(e.rawPath);
      return { statusCode: 200, body: JSON.stringify(e.pathParameters ?? {}) };
    };
    server = createLocalServer({ handlers: { history: handler, projects: handler }, tokens, log: () => {}, devToken: () => tokens.issue({ sub: 'local-admin' }), staticDir: dir });
    port = await listenLocal(server);
  });
  afterAll(() => closeServer(server));

  it('answers 403 (zh/en) to a foreign Host: no dev token, no API, no files', async () => {
    const bearer = { authorization: `Bearer ${await tokens.issue({ sub: 'u-1' })}` };
    for (const host of ['evil.example.com', `evil.example.com:${port}`, `localhost.evil.com:${port}`, `127.0.0.1.nip.io:${port}`]) {
      for (const path of ['/dev/token', '/v1/projects', '/taskpane.html']) {
        const a = await raw(port, path, host, bearer);
        expect(a.status).toBe(403);
        expect(JSON.parse(a.body).error).toMatchObject({ code: 'forbidden', message: { zh: expect.stringContaining('localhost'), en: expect.stringContaining('localhost') } });
      }
    }
    expect(handled).toEqual([]);
  });

  it('answers 403 to a local name on another port (a page on the pane’s origin is the pane’s business, not this port’s)', async () => {
    expect((await raw(port, '/dev/token', `localhost:${port + 1}`)).status).toBe(403);
    expect((await raw(port, '/dev/token', 'localhost')).status).toBe(403); // port 80 implied
  });

  it('serves localhost, 127.0.0.1 and [::1] with the port', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      const a = await raw(port, '/dev/token', host);
      expect(a.status).toBe(200);
      expect(JSON.parse(a.body).token).toMatch(/^ey/);
    }
  });

  it('a malformed %-escape in a path parameter is a 400, not a 500', async () => {
    const bearer = { authorization: `Bearer ${await tokens.issue({ sub: 'u-1' })}` };
    const a = await raw(port, '/v1/projects/%E0/history', `127.0.0.1:${port}`, bearer);
    expect(a.status).toBe(400);
    expect(JSON.parse(a.body).error).toMatchObject({ code: 'bad_request', message: { zh: expect.stringContaining('编码'), en: expect.stringContaining('encoding') } });
    expect((await raw(port, '/v1/projects/P%2D1/history', `127.0.0.1:${port}`, bearer)).body).toBe('{"id":"P-1"}');
    expect((await raw(port, '/%E0', `127.0.0.1:${port}`)).status).toBe(400); // static files too
  });

  it('GET / serves taskpane.html when the folder has no index.html (the browser file mode)', async () => {
    const root = await raw(port, '/', `localhost:${port}`);
    expect(root).toEqual({ status: 200, body: '<title>任务窗格</title>' });
    expect((await raw(port, '/docs/', `localhost:${port}`)).body).toBe('docs index');
    await writeFile(join(dir, 'index.html'), 'index first');
    expect((await raw(port, '/', `localhost:${port}`)).body).toBe('index first');
  });

  it('GET /deployment.json answers {"kind":"local"} when the folder has none, the deployed file when it has one', async () => {
    expect(await raw(port, '/deployment.json', `localhost:${port}`)).toEqual({ status: 200, body: '{"kind":"local"}' });
    await writeFile(join(dir, 'deployment.json'), '{"clientId":"x"}');
    expect((await raw(port, '/deployment.json', `localhost:${port}`)).body).toBe('{"clientId":"x"}');
    expect((await raw(port, '/other.json', `localhost:${port}`)).status).toBe(404);
  });

  it('isLocalHost: names and ports', () => {
    expect(isLocalHost('localhost:8787', 8787)).toBe(true);
    expect(isLocalHost('[::1]:8787', 8787)).toBe(true);
    expect(isLocalHost('127.0.0.1', 80)).toBe(true);
    expect(isLocalHost('127.0.0.1:8788', 8787)).toBe(false);
    expect(isLocalHost('[::1', 8787)).toBe(false);
    expect(isLocalHost(undefined, 8787)).toBe(false);
  });
});

describe('helpers', () => {
  it('knows the stack’s own origins and the pane’s, nothing else', () => {
    const own = stackOrigins(8787);
    expect([...own].sort()).toEqual(['http://127.0.0.1:8787', 'http://[::1]:8787', 'http://localhost:8787', 'https://localhost:3000']);
    expect([...stackOrigins(8787, ['https://localhost:4000/'])]).toContain('https://localhost:4000');
    expect(originOf('https://localhost:443')).toBe('https://localhost');
    expect(originOf('null')).toBeNull();
    expect(originOf('file:///x')).toBeNull();
    expect(originOf(undefined)).toBeNull();
    for (const o of ['http://localhost:9999', 'https://localhost.evil.com', 'http://127.0.0.1', 'https://127.0.0.1:8787']) expect(own.has(originOf(o)!)).toBe(false);
  });

  it('keeps static paths inside their folder', () => {
    expect(resolveInside('/srv/site', '/a/b.js')).toBe('/srv/site/a/b.js');
    expect(resolveInside('/srv/site', '/')).toBe('/srv/site');
    expect(resolveInside('/srv/site', '/../etc/passwd')).toBeNull();
    expect(resolveInside('/srv/site', '/..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveInside('/srv/site', '/%2e%2e/site-evil/x')).toBeNull();
    expect(resolveInside('/srv/site', '/%00')).toBeNull();
    expect(resolveInside('/srv/site', '/%E0%A4%A')).toBe('bad-encoding');
  });
});
