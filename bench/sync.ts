/**
 * Sync throughput against one dynalite (LevelDB on disk, like `npm start`):
 *   1. 5,000 new rows through the HTTP API as the add-in sends them (addin/app/client.ts: chunks of 1,000, two in
 *      flight, the workbook's id list with the last);
 *   2. the same 5,000 rows again, unchanged;
 *   3. a raw BatchWriteItem of 5,000 similar items (copies of the STATE items the sync wrote).
 * Goals (issue 15, with the identity lookup): first ≤ 3× raw, unchanged ≤ 0.5× raw. Then the handler's peak heap for one 1,000-row chunk.
 * Run: npx tsx bench/sync.ts [--conditional] [--in-memory] [--floor]
 *   --conditional: events as the cloud appends them (a conditional put each), not batched as the embedded stack does.
 *   --floor: also the first sync's own items written raw, by kind (writeFloor).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { sendSync } from '../addin/app/client';
import type { SyncRequest, SyncRow, SyncSummary } from '../contract';
import { createHandler } from '../functions/handlers/sync';
import type { ApiEvent } from '../functions/handlers/http';
import { createDocumentClient, DEFAULT_TABLE_NAME } from '../functions/store';
import { batchPut } from '../functions/store/batch';
import { NAMES_PK } from '../functions/store/keys';
import { syntheticRow } from '../infra/cdk/verify/synthetic-row';
import { startLocalStack } from '../infra/local/stack';

const ROWS = 5000;
const CHUNK = 1000;
const UNITS = ['平邑街道', '地方镇', '仲村镇', '温水镇', '临涧镇', '保太镇', '经济开发区', '县商务局'];
const ledgerRow = (i: number, prefix: string): SyncRow =>
  syntheticRow(i, { id: `${prefix}-${String(i).padStart(5, '0')}`, unit: UNITS[i % UNITS.length]! });

const request = (rows: SyncRow[]): SyncRequest => ({ workbook: { id: 'bench-wb', name: 'bench.xlsx' }, dateSystem: 1900, rows, asOf: '2026-03-02' });

/** As the add-in and the CLI send them: the sync client, chunks of ≤ CHUNK rows, two in flight, no retries needed. */
async function syncAll(url: string, token: string, rows: SyncRow[]): Promise<SyncSummary> {
  const { rows: _rows, ...base } = request([]);
  return (await sendSync({ url, token }, base, rows, rows.map((r) => r.id), { rowsPerChunk: CHUNK, maxAttempts: 1 })).summary;
}

const ms = (t0: number) => performance.now() - t0;
const fmt = (n: number) => `${n.toFixed(0)} ms`;

async function main(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const dir = await mkdtemp(join(tmpdir(), 'invest-flags-bench-'));
  const inMemory = process.argv.includes('--in-memory');
  const conditional = process.argv.includes('--conditional');
  const stack = await startLocalStack({ dataDir: dir, inMemory, mode: 'test', conditionalAppends: conditional });
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`dynalite: ${inMemory ? 'in memory' : `LevelDB on disk (${dir})`}; ${cpus().length} CPUs, load average ${load()}`);
  console.log(`events: ${conditional ? 'a conditional put each, as in the cloud (--conditional)' : 'batched under the embedded stack\'s in-process lock (store/event-appends.ts)'}`);
  try {
    const rows = Array.from({ length: ROWS }, (_, i) => ledgerRow(i, 'B'));
    const w0 = { ...stack.store.writes };
    let t0 = performance.now();
    const first = await syncAll(stack.url, stack.adminToken, rows);
    const firstMs = ms(t0);
    const w1 = { ...stack.store.writes };
    t0 = performance.now();
    const again = await syncAll(stack.url, stack.adminToken, rows);
    const againMs = ms(t0);
    const w2 = { ...stack.store.writes };
    const { created } = first;
    const { unchanged } = again;
    if (created !== ROWS || unchanged !== ROWS) throw new Error(`expected ${ROWS} created and unchanged, got ${created} and ${unchanged}`);

    // Raw: BatchWriteItem of 5,000 copies of the STATE items just written (same size, same index keys).
    const doc = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: 'local' });
    const scanStates = (start?: Record<string, unknown>) =>
      doc.send(new ScanCommand({ TableName: DEFAULT_TABLE_NAME, FilterExpression: 'SK = :s', ExpressionAttributeValues: { ':s': 'STATE' }, ...(start ? { ExclusiveStartKey: start } : {}) }));
    // Page on from where each page stopped, until there are ROWS items to copy or the table ends.
    let page = await scanStates();
    let sample = page.Items ?? [];
    while (sample.length < ROWS && page.LastEvaluatedKey) {
      page = await scanStates(page.LastEvaluatedKey);
      sample = sample.concat(page.Items ?? []);
    }
    const raw = Array.from({ length: ROWS }, (_, i) => ({ ...sample[i % sample.length]!, PK: `RAW#${i}`, GSI1SK: `raw#${i}`, GSI2SK: `raw#${i}` }));
    const bytes = JSON.stringify(raw[0]).length;
    let rawRequests = 0;
    t0 = performance.now();
    await batchPut(doc, DEFAULT_TABLE_NAME, raw, (r) => void (rawRequests += r));
    const rawMs = ms(t0);

    console.log(`rows: ${ROWS} in chunks of ${CHUNK}, two in flight; STATE item ≈ ${bytes} bytes of JSON`);
    console.log(`first sync (new rows):  ${fmt(firstMs)}   ${w1.requests - w0.requests} write requests, ${w1.items - w0.items} items`);
    console.log(`re-sync (unchanged):    ${fmt(againMs)}   ${w2.requests - w1.requests} write requests, ${w2.items - w1.items} items`);
    console.log(`raw BatchWriteItem:     ${fmt(rawMs)}   ${rawRequests} requests, ${ROWS} items`);
    console.log(`ratio first/raw:     ${(firstMs / rawMs).toFixed(2)}×  (goal ≤ 3×)`);
    console.log(`ratio unchanged/raw: ${(againMs / rawMs).toFixed(2)}×  (goal ≤ 0.5×)`);
    console.log(`load average after: ${load()} (the ratios move with machine load; compare runs at similar load)`);
    if (process.argv.includes('--floor')) await writeFloor(doc, sample.slice(0, ROWS), rawMs);

    // The leaders' reads over the same 5,000 projects: every STATE through GSI2, then the pure aggregation.
    const timed = async (path: string): Promise<string> => {
      const t = performance.now();
      const res = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${stack.adminToken}` } });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      const size = (await res.arrayBuffer()).byteLength;
      return `${fmt(ms(t))} (${(size / 1024).toFixed(0)} KB)`;
    };
    console.log(`GET /v1/dashboard:                ${await timed('/v1/dashboard?asOf=2026-03-02')}`);
    console.log(`GET /v1/reports/weekly (W10):     ${await timed('/v1/reports/weekly?week=2026-W10')}`);

    // Peak heap of the handler for one 1,000-row chunk of new rows, called in-process like Lambda would.
    const handler = createHandler(() => ({ store: stack.store, mode: 'test', clock: () => new Date().toISOString(), log: () => {} }));
    const body = JSON.stringify(request(Array.from({ length: CHUNK }, (_, i) => ledgerRow(i, 'H'))));
    const event = {
      version: '2.0', routeKey: 'POST /v1/sync', rawPath: '/v1/sync', rawQueryString: '', headers: {}, isBase64Encoded: false, body,
      requestContext: { http: { method: 'POST', path: '/v1/sync' }, requestId: 'bench', authorizer: { jwt: { claims: { sub: 'local-admin' }, scopes: [] } } },
    } as unknown as ApiEvent;
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 1);
    const result = await handler(event);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (result.statusCode !== 200) throw new Error(`handler answered ${result.statusCode}`);
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
    console.log(`handler, one ${CHUNK}-row chunk: request ${mb(body.length)}, heap before ${mb(base)}, peak ${mb(peak)} (+${mb(peak - base)}); rss ${mb(process.memoryUsage().rss)}`);
    console.log('(heap of this thread only: the handler, called in-process like Lambda; dynalite has its own worker thread, counted in rss)');
    doc.destroy();
  } finally {
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * --floor: what the first sync's own items cost written raw — copies of every event and name item it wrote and of
 * its STATEs (each new project's one STATE), each kind 25 to a BatchWriteItem — against the raw STATE write. No
 * write path that stores these items can beat their sum; the rest of a sync's time is its reads and its work.
 */
async function writeFloor(doc: ReturnType<typeof createDocumentClient>, states: Record<string, unknown>[], rawMs: number): Promise<void> {
  const scan = async (filter: string, values: Record<string, string>) => {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await doc.send(new ScanCommand({ TableName: DEFAULT_TABLE_NAME, FilterExpression: filter, ExpressionAttributeValues: values, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  };
  const copies = (items: Record<string, unknown>[], tag: string) =>
    items.map((it, i) => ({ ...it, PK: `${tag}#${i}`, ...(it.GSI1PK ? { GSI1SK: `${tag}#${i}` } : {}), ...(it.GSI2PK ? { GSI2SK: `${tag}#${i}` } : {}) }));
  const kinds: Array<[string, Record<string, unknown>[]]> = [
    ['events', await scan('begins_with(SK, :e) AND NOT begins_with(PK, :raw)', { ':e': 'EVT#', ':raw': 'RAW#' })],
    ['STATE', states],
    ['name items', await scan('PK = :n', { ':n': NAMES_PK })],
  ];
  let sum = 0;
  for (const [kind, items] of kinds) {
    const t0 = performance.now();
    await batchPut(doc, DEFAULT_TABLE_NAME, copies(items, `FLOOR-${kind}`), () => {});
    const t = ms(t0);
    sum += t;
    console.log(`floor, ${kind.padEnd(12)} ${String(items.length).padStart(5)} items raw: ${fmt(t)}  (${(t / rawMs).toFixed(2)}× the raw STATE write)`);
  }
  console.log(`floor, the first sync's items written raw: ${(sum / rawMs).toFixed(2)}× (reads and work on top of that make the first sync's ratio)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
