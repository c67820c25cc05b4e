/** dynalite, the embedded DynamoDB-compatible server: LevelDB under `path`, or in memory without one. */
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

export interface RunningDynalite {
  endpoint: string;
  close(): Promise<void>;
}

export async function startDynalite(opts: { path?: string; port?: number } = {}): Promise<RunningDynalite> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(opts.path ? { path: opts.path } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    // dynalite's close also closes its LevelDB, which must happen before another process may open it.
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
