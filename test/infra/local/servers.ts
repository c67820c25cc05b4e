/** Shared setup for tests of the local HTTP servers (the stack's adapter, the dev server) and their folders. */
import { mkdtemp, rm } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Listens on a free port of 127.0.0.1 and returns it. */
export async function listenLocal(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
}

/** Closes the server, keep-alive connections included. */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
}

/** A raw GET to 127.0.0.1:`port` with any Host header (fetch would send the URL's own). */
export function rawGet(port: number, path: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** A fresh temporary folder per test (`each`) or per file (`all`), removed afterwards; call inside a describe or at top level. */
export function useTempDir(prefix: string, scope: 'each' | 'all' = 'all'): () => string {
  let dir: string | undefined;
  (scope === 'each' ? beforeEach : beforeAll)(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  (scope === 'each' ? afterEach : afterAll)(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error('useTempDir: the folder exists only inside tests');
    return dir;
  };
}
