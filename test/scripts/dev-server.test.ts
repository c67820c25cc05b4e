/**
 * The dev server's request handling (scripts/dev-server.ts) over a real HTTP server: a malformed %-escape is a
 * 400 and the server goes on (it used to throw inside the handler and end `npm start`), files stay inside the
 * build folder, / is the task pane, and only a local Host is answered (DNS rebinding).
 */
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { devRequestHandler } from '../../scripts/dev-server';
import { closeServer, listenLocal, rawGet, useTempDir } from '../infra/local/servers';

let server: Server;
let api: Server;
let port: number;
const tempDir = useTempDir('invest-flags-dev-');
beforeAll(async () => {
  const dir = tempDir();
  await writeFile(join(dir, 'taskpane.html'), 'pane');
  await writeFile(join(dir, 'taskpane.js'), 'js');
  api = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ proxied: req.url, host: req.headers.host })));
  const apiUrl = `http://127.0.0.1:${await listenLocal(api)}`;
  server = createServer(devRequestHandler({ outdir: dir, api: apiUrl, port: () => port }));
  port = await listenLocal(server);
});
afterAll(async () => {
  for (const s of [server, api]) await closeServer(s);
});

const get = (path: string, host = `localhost:${port}`) => rawGet(port, path, host);

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
