/**
 * dynalite, the embedded DynamoDB-compatible server: LevelDB under `path`, or in memory without one.
 *
 * It runs on a worker thread of its own, as DynamoDB runs apart from Lambda: the handlers (SDK marshalling,
 * signing, parsing, the flag engine) and the storage engine then use both cores instead of taking turns on
 * one event loop. The worker is plain CommonJS, so it needs no TypeScript loader under tsx or jest.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface RunningDynalite {
  endpoint: string;
  close(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const server = require(workerData.module)(workerData.options);
server.once('error', (e) => parentPort.postMessage({ error: e.message }));
server.listen(workerData.port, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  // dynalite's close also closes its LevelDB, which must happen before another process may open it.
  server.close((err) => {
    parentPort.postMessage({ closed: true, error: err ? err.message : null });
    parentPort.close();
  });
});
`;

type WorkerMessage = { port: number } | { error: string } | { closed: true; error: string | null };

export async function startDynalite(opts: { path?: string; port?: number } = {}): Promise<RunningDynalite> {
  const options = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(opts.path ? { path: opts.path } : {}) };
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { module: createRequire(__filename).resolve('dynalite'), options, port: opts.port ?? 0 },
  });
  const next = () =>
    new Promise<WorkerMessage>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`dynalite stopped (exit code ${code})`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (m: WorkerMessage) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        resolve(m);
      });
    });
  const started = await next();
  if (!('port' in started)) {
    await worker.terminate();
    throw new Error(`dynalite could not start: ${'error' in started ? started.error : 'no port'}`);
  }
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${started.port}`,
    close: () =>
      (closing ??= (async () => {
        const done = next();
        worker.postMessage('close');
        const m = await done;
        await new Promise<void>((resolve) => (worker.threadId === -1 ? resolve() : worker.once('exit', () => resolve())));
        if ('error' in m && m.error) throw new Error(`dynalite did not close cleanly: ${m.error}`);
      })()),
  };
}
