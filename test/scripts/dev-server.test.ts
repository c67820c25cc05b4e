/**
 * The dev server's request handling (scripts/dev-server.ts) over a real HTTP server: a malformed %-escape is a
 * 400 and the server goes on (it used to throw inside the handler and end `npm start`), files stay inside the
 * build folder, / is the task pane, and only a local Host is answered (DNS rebinding).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devRequestHandler } from '../../scripts/dev-server';

let server: Server;
let api: Server;
let port: number;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'invest-flags-dev-'));
  await writeFile(join(dir, 'taskpane.html'), 'pane');
  await writeFile(join(dir, 'taskpane.js'), 'js');
  api = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ proxied: req.url, host: req.headers.host })));
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  server = createServer(devRequestHandler({ outdir: dir, api: apiUrl, port: () => port }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const s of [server, api]) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  await rm(dir, { recursive: true, force: true });
});

function get(path: string, host = `localhost:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('dev server requests', () => {
  it('a malformed %-escape is a 400, and the server keeps serving', async () => {
    for (const path of ['/%E0', '/%E0%A4%A', '/taskpane%ZZ.js']) expect((await get(path)).status).toBe(400);
    expect(await get('/taskpane.js')).toEqual({ status: 200, body: 'js' });
  });

  it('/ is the task pane; nothing outside the build folder', async () => {
    expect(await get('/')).toEqual({ status: 200, body: 'pane' });
    for (const path of ['/../package.json', '/..%2f..%2fetc/passwd', '/%00', '/nope.js']) expect((await get(path)).status).toBe(404);
  });

  it('proxies /v1 and /dev to the API, to local Hosts only', async () => {
    const proxied = await get('/dev/token');
    expect(proxied.status).toBe(200);
    expect(JSON.parse(proxied.body)).toMatchObject({ proxied: '/dev/token' });
    for (const host of ['evil.example.com', `evil.example.com:${port}`, `localhost:${port + 1}`]) {
      for (const path of ['/dev/token', '/v1/me', '/']) {
        const a = await get(path, host);
        expect(a.status).toBe(403);
        expect(a.body).toContain('localhost');
      }
    }
    expect((await get('/v1/me', `127.0.0.1:${port}`)).status).toBe(200);
  });
});
