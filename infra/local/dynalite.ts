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

// dynalite opens its LevelDB lazily and swallows the open's error: a folder locked by another process would
// start fine and then crash on the first request with a bare "Database is not open". So the worker opens the
// folder itself first (with dynalite's own LevelDB), reports why it cannot, and lets go of it for dynalite.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
// Loaded before the start message: a worker spawned ahead of time (spawnDynalite) loads while its spawner works.
const dynalite = require(workerData.module);
const { Level } = createRequire(workerData.module)('level');
const fail = (e) => parentPort.postMessage({ error: e.cause ? e.message + ': ' + e.cause.message : e.message });
async function start({ options, port }) {
  const { path } = options;
  if (path) {
    const probe = new Level(path);
    try {
      await probe.open();
    } catch (e) {
      return fail(new Error('数据库文件夹无法打开（另一个进程在用它？）/ the database folder ' + path + ' cannot be opened (is another process using it?)', { cause: e.cause || e }));
    }
    await probe.close();
  }
  const server = dynalite(options);
  server.once('error', fail);
  server.listen(port, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
  parentPort.on('message', (m) => {
    if (m !== 'close') return;
    // dynalite's close also closes its LevelDB, which must happen before another process may open it.
    server.close((err) => {
      parentPort.postMessage({ closed: true, error: err ? err.message : null });
      parentPort.close();
    });
  });
}
parentPort.once('message', (m) => start(m).catch(fail));
`;

type WorkerMessage = { port: number } | { error: string } | { closed: true; error: string | null };

/**
 * A dynalite worker that loads its modules now and opens nothing until started: the CLI spawns it before reading
 * the workbook, so the ~0.2 s that dynalite takes to load pass while the workbook is read. Started once, or
 * discarded (a command refused before it needed the backend leaves no folder or file behind); a discard after the
 * start does nothing.
 */
export interface DynaliteWorker {
  start(opts?: { path?: string; port?: number }): Promise<RunningDynalite>;
  discard(): Promise<void>;
}

export function spawnDynalite(): DynaliteWorker {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: createRequire(__filename).resolve('dynalite') } });
  // Until started it holds the process open for no one: a command that fails first still exits.
  worker.unref();
  // Node delivers every message the worker posted before 'exit'.
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // An error before the start (dynalite failed to load) is the start's to report.
  let early: Error | undefined;
  const onEarly = (e: Error) => (early = e);
  worker.on('error', onEarly);
  let used = false;
  return {
    start: async (opts = {}) => {
      if (used) throw new Error('this dynalite worker was started or discarded already');
      used = true;
      worker.off('error', onEarly); // running() listens from here on, in the same tick
      worker.ref();
      return running(worker, exited, opts, early);
    },
    // Nothing to do once started (the running dynalite closes it) or discarded. The early listener stays: an error
    // while it terminates is then no uncaught one.
    discard: async () => {
      if (used) return;
      used = true;
      await worker.terminate();
    },
  };
}

export const startDynalite = (opts: { path?: string; port?: number } = {}): Promise<RunningDynalite> => spawnDynalite().start(opts);

async function running(worker: Worker, exited: Promise<void>, opts: { path?: string; port?: number }, early: Error | undefined): Promise<RunningDynalite> {
  const options = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(opts.path ? { path: opts.path } : {}) };
  if (early) {
    await worker.terminate();
    throw early;
  }
  worker.postMessage({ options, port: opts.port ?? 0 });
  const messages: WorkerMessage[] = [];
  worker.on('message', (m: WorkerMessage) => messages.push(m));
  let crash: Error | undefined;
  let closing: Promise<void> | undefined;
  const started = await new Promise<WorkerMessage>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    void exited.then(() => reject(new Error('dynalite stopped while starting')));
  }).finally(() => worker.removeAllListeners('error'));
  // After the start, a crash of the storage engine is fatal, as it was when dynalite ran in this thread; while
  // closing it is close's error.
  worker.on('error', (e) => {
    crash = e;
    if (!closing) throw new Error(`dynalite stopped: ${e.message}`, { cause: e });
  });
  if (!('port' in started)) {
    await worker.terminate();
    throw new Error(`dynalite could not start: ${'error' in started ? started.error : 'no port'}`);
  }
  return {
    endpoint: `http://127.0.0.1:${started.port}`,
    // Once, however often called; at once when the worker is gone already.
    close: () =>
      (closing ??= (async () => {
        worker.postMessage('close');
        await exited;
        const closed = messages.find((m) => 'closed' in m);
        const error = crash?.message ?? (closed && 'error' in closed ? closed.error : null);
        if (error) throw new Error(`dynalite did not close cleanly: ${error}`);
      })()),
  };
}
