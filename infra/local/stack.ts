/**
 * The embedded stack: dynalite (LevelDB under the data folder, or in memory), the table from table.ts, dev
 * tokens, a local admin, and the route table served over HTTP through the API Gateway adapter. Used by
 * `npm start` (main.ts), the CLI and the end-to-end tests.
 */
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Deps } from '../../functions/handlers/deps';
import { createClients, DEFAULT_TABLE_NAME, DynamoStore, ensureTable, type UserProfile } from '../../functions/store';
import { createNotifier, LogEmailSender } from '../../functions/notify';
import { createCutoffStore } from '../../functions/store/weeks-closed';
import { createLiveAggregates } from '../../functions/store/live-aggregates';
import { allEnded } from '../../functions/app/pool';
import { upkeep } from '../../functions/app/upkeep';
import { createLocalServer } from './adapter';
import { startCutoffTimer, type CutoffTimer } from './cutoff-timer';
import { spawnDynalite, type DynaliteWorker } from './dynalite';
import { buildHandlers } from './handlers';
import { LOCAL_ADMIN } from './local-admin';
import { privateDir } from './private-dir';
import { DevTokens, loadSecret, type DevUser } from './tokens';

export interface LocalStackOptions {
  /** 0 = any free port (the default). */
  port?: number;
  /** Where the LevelDB data and the token secret live (default ./data), kept 0700; ignored when inMemory. */
  dataDir?: string;
  /**
   * The task pane's origins (default https://localhost:3000): with the stack's own API origin
   * (http://localhost|127.0.0.1:<port>), the only origins CORS and /dev/token answer.
   */
  paneOrigins?: readonly string[];
  inMemory?: boolean;
  /** Both honour a request's asOf; 'local' is the default. */
  mode?: 'local' | 'test';
  /** Serve these files at `/` (the task pane). */
  staticDir?: string;
  /** Receives one structured JSON line per request; silent by default. */
  log?: (line: string) => void;
  /** The handlers' clock (ISO instant); the real one by default. Tests pin it to reach an open week. */
  clock?: () => string;
  /** See Deps: the first-admin e-mail and the contact named to unregistered users. */
  bootstrapAdminEmail?: string;
  adminContact?: string;
  /** Register the local admin at start (default true; the bootstrap tests start without any admin). */
  registerLocalAdmin?: boolean;
  /** Run the weekly cut-off job on a timer (`npm start`; off for the CLI and tests, which run it on demand). */
  cutoffTimer?: boolean;
  /** Waits between push retries (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Append events with a conditional put each, as the cloud does (bench/sync.ts --conditional measures that path).
   * By default the stack, its table's only writer (the folder is locked to this process), batches them.
   */
  conditionalAppends?: boolean;
  /** A dynalite worker spawned earlier (spawnDynalite), loaded while the caller did other work; a new one by default. */
  dynalite?: DynaliteWorker;
}

export interface LocalStack {
  url: string;
  /**
   * dynalite's endpoint, for tools that talk to the table directly (the benchmarks). They may read anything, but while the
   * stack runs they write no EVT# item, and no STATE of a project it has read or written (bench/reports.ts seeds new
   * ones): its store is the only writer of those (functions/store/event-appends.ts, newest-states.ts).
   */
  dynamoEndpoint: string;
  /** The local admin's dev token, valid 12 hours (DEV_TOKEN_LIFETIME). */
  adminToken: string;
  issueToken(user: DevUser, opts?: { expiresIn?: string }): Promise<string>;
  putUser(profile: UserProfile): Promise<void>;
  store: DynamoStore;
  close(): Promise<void>;
}

export async function startLocalStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
  const log = opts.log ?? (() => {});
  const dataDir = opts.inMemory ? undefined : resolve(opts.dataDir ?? './data');
  const worker = opts.dynalite ?? spawnDynalite();
  if (dataDir) {
    try {
      await privateDir(dataDir);
      await privateDir(join(dataDir, 'dynamodb'));
    } catch (e) {
      await worker.discard();
      throw e;
    }
  }
  const db = await worker.start(dataDir ? { path: join(dataDir, 'dynamodb') } : {});
  try {
    const { doc, put } = createClients({ endpoint: db.endpoint, region: 'local' });
    const made = await ensureTable(doc, DEFAULT_TABLE_NAME);
    const store = new DynamoStore(doc, { tableName: DEFAULT_TABLE_NAME, putClient: put, soleWriter: opts.conditionalAppends !== true });
    const deps: Deps = {
      store,
      mode: opts.mode ?? 'local',
      clock: opts.clock ?? (() => new Date().toISOString()),
      log,
      ...(opts.bootstrapAdminEmail ? { bootstrapAdminEmail: opts.bootstrapAdminEmail } : {}),
      ...(opts.adminContact ? { adminContact: opts.adminContact } : {}),
      cutoff: createCutoffStore(doc, { tableName: DEFAULT_TABLE_NAME, putClient: put }),
      aggregates: createLiveAggregates(doc, { tableName: DEFAULT_TABLE_NAME, putClient: put }),
      // Group robots over fetch (to whatever webhook the admin configured); e-mail is only logged locally.
      notifier: createNotifier({ fetch: (url, init) => fetch(url, init), email: new LogEmailSender(log) }),
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
    };
    // All before the first request, side by side (each its own items; a cold start waits on their round trips):
    await allEnded([
      // A table made now holds no event written before its STATE (an earlier release's crash could leave one).
      made === 'created' ? store.markTableOrder() : undefined,
      opts.registerLocalAdmin !== false ? store.saveUser(LOCAL_ADMIN) : undefined,
      // The name index for projects stored before it; the aggregates when never built, or when a sync chunk is still
      // open — with the folder locked to this process, it died (kill -9) owing its deltas.
      upkeep(deps, { allChunksDead: true }),
    ]);
    const tokens = new DevTokens(await loadSecret(dataDir));
    const handlers = buildHandlers(deps);
    const adminDevToken = () => tokens.issue({ sub: LOCAL_ADMIN.subject, email: LOCAL_ADMIN.email, name: LOCAL_ADMIN.name });
    // The embedded stack only ever runs in local or test mode, so /dev/token is always on (never in the cloud).
    const server = createLocalServer({
      handlers,
      tokens,
      log,
      devToken: adminDevToken,
      ...(opts.paneOrigins ? { paneOrigins: opts.paneOrigins } : {}),
      ...(opts.staticDir ? { staticDir: resolve(opts.staticDir) } : {}),
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
    });
    const { port } = server.address() as AddressInfo;
    // Printed at start: short-lived, like the one /dev/token hands out.
    const adminToken = await adminDevToken();
    const timer: CutoffTimer | undefined = opts.cutoffTimer ? startCutoffTimer(deps) : undefined;
    let closed: Promise<void> | undefined;
    return {
      url: `http://127.0.0.1:${port}`,
      dynamoEndpoint: db.endpoint,
      adminToken,
      issueToken: (user, o) => tokens.issue(user, o),
      putUser: (profile) => store.saveUser(profile),
      store,
      close: () =>
        (closed ??= (async () => {
          await timer?.stop();
          await new Promise<void>((ok) => {
            server.close(() => ok());
            server.closeAllConnections();
          });
          doc.destroy();
          put.destroy();
          await db.close();
        })()),
    };
  } catch (e) {
    await db.close();
    throw e;
  }
}
