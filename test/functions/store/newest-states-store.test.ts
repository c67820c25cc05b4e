/**
 * The embedded stack remembers each project's newest state (functions/store/newest-states.ts), on dynalite: what it
 * settled is answered without reading the table, every commit makes it read again, and after real syncs of a messy
 * ledger what it remembers equals what a store that remembers nothing reads from the table. The cloud's store reads.
 */
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { runSync } from '../../../addin/app';
import { buildSample } from '../../../addin/cli/sample';
import { XlsxGateway } from '../../../addin/xlsx';
import { createDocumentClient, DEFAULT_TABLE_NAME, DynamoStore, ensureTable, type StoredEvent } from '../../../functions/store';
import type { ProjectState } from '../../../functions/domain/types';
import { startLocalStack } from '../../../infra/local/stack';
import { useDynalite } from './dynalite-fixture';
import { state } from './state-fixture';

jest.setTimeout(60_000);

const { doc, putClient } = useDynalite();
let tableNo = 0;

const event = (s: ProjectState): StoredEvent => ({ id: s.id, version: s.version, at: s.updatedAt, kind: s.version === 1 ? 'created' : 'fields', by: 'clerk-a', workbook: 'wb-1', state: s });

/** A store on a new table, and the number of table requests its document client has sent so far. */
async function storeOn(soleWriter: boolean): Promise<{ store: DynamoStore; sent: () => number }> {
  const client: DynamoDBDocumentClient = doc();
  const tableName = `m-${++tableNo}`;
  await ensureTable(client, tableName);
  const send = jest.spyOn(client, 'send');
  return { store: new DynamoStore(client, { tableName, putClient: putClient(), soleWriter }), sent: () => send.mock.calls.length };
}

/** P-1 committed and settled, then read: the store, its request count, and the requests that read sent. */
async function settledThenRead(soleWriter: boolean): Promise<{ store: DynamoStore; sent: () => number; readRequests: number }> {
  const { store, sent } = await storeOn(soleWriter);
  const s1 = state('P-1');
  expect(await store.commit(event(s1))).toBe('committed');
  await store.settleStates([s1]);
  const before = sent();
  expect((await store.loadProjects(['P-1'])).get('P-1')).toEqual(s1);
  return { store, sent, readRequests: sent() - before };
}

it('the sole writer answers what it settled without reading the table; after a commit it reads again', async () => {
  const { store, sent, readRequests } = await settledThenRead(true);
  expect(readRequests).toBe(0);
  const s2 = state('P-1', { version: 2, fields: { progress: '已开工' } });
  expect(await store.commit(event(s2))).toBe('committed'); // its STATE not settled yet
  let before = sent();
  expect((await store.loadProjects(['P-1'])).get('P-1')).toEqual(s2); // read, and caught up from EVT#2
  expect(sent() - before).toBeGreaterThan(0);
  before = sent();
  expect((await store.loadProjects(['P-1', 'P-2'])).get('P-1')).toEqual(s2); // the read is remembered; P-2 is read
  expect(sent() - before).toBe(1);
});

/**
 * A sole-writer store on a new table. Once armed, its next check for next events (a BatchGetItem of EVT# keys, after
 * the STATE read or the settle's batch) is answered only when `release` is called: the window in which an append runs.
 */
interface Held { store: DynamoStore; tableName: string; arm: () => void; held: Promise<void>; release: () => void }
async function heldAfterFirstCheck(): Promise<Held> {
  const client: DynamoDBDocumentClient = doc();
  const tableName = `m-${++tableNo}`;
  await ensureTable(client, tableName);
  let release!: () => void;
  const opened = new Promise<void>((r) => (release = r));
  let reached!: () => void;
  const held = new Promise<void>((r) => (reached = r));
  let armed = false;
  const send = client.send.bind(client) as (c: unknown) => Promise<unknown>;
  (client as unknown as { send: (c: unknown) => Promise<unknown> }).send = async (c) => {
    const out = await send(c);
    const isCheck = c instanceof BatchGetCommand && Object.values(c.input.RequestItems ?? {}).some((r) => (r.Keys ?? []).some((k) => String(k.SK).startsWith('EVT#')));
    if (armed && isCheck) {
      armed = false;
      reached();
      await opened;
    }
    return out;
  };
  const store = new DynamoStore(client, { tableName, putClient: putClient(), soleWriter: true });
  return { store, tableName, arm: () => void (armed = true), held, release };
}

it('a read that found v1 while an append of v2 ran keeps nothing: the next read answers v2', async () => {
  const h = await heldAfterFirstCheck();
  const s1 = state('P-1');
  const s2 = state('P-1', { version: 2, fields: { progress: '已开工' } });
  // v1 stored by an earlier process: this one remembers nothing of it.
  const earlier = new DynamoStore(doc(), { tableName: h.tableName, putClient: putClient() });
  expect(await earlier.commit(event(s1))).toBe('committed');
  await earlier.settleStates([s1]);
  h.arm();
  const read = h.store.loadProjects(['P-1']); // reads STATE v1, checks EVT#2 (absent) — and is held there
  await h.held;
  expect(await h.store.commit(event(s2))).toBe('committed'); // the append of v2 runs whole meanwhile
  h.release();
  expect((await read).get('P-1')).toEqual(s1); // a fair answer for a read that overlapped the append …
  expect((await h.store.loadProjects(['P-1'])).get('P-1')).toEqual(s2); // … but not remembered
});

it('a settle whose check overlapped a later append keeps nothing: the next read answers the newer state', async () => {
  const h = await heldAfterFirstCheck();
  const s1 = state('P-1');
  const s2 = state('P-1', { version: 2, fields: { progress: '已开工' } });
  expect(await h.store.commit(event(s1))).toBe('committed');
  h.arm();
  const settled = h.store.settleStates([s1]); // puts STATE v1, checks EVT#2 (absent) — and is held there
  await h.held;
  expect(await h.store.commit(event(s2))).toBe('committed');
  h.release();
  expect(await settled).toEqual(new Map());
  expect((await h.store.loadProjects(['P-1'])).get('P-1')).toEqual(s2);
});

it('the cloud store (not the sole writer) reads the table every time', async () => {
  expect((await settledThenRead(false)).readRequests).toBeGreaterThan(0);
});

it('after syncs of a messy ledger (new, then changed rows), the embedded stack remembers exactly what the table holds', async () => {
  const stack = await startLocalStack({ inMemory: true, mode: 'test' });
  const reader = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: 'local' });
  try {
    const api = { url: stack.url, token: stack.adminToken };
    const gateway = XlsxGateway.of(await buildSample({ projects: 80, seed: 11, asOf: '2026-06-01', messy: true }));
    await runSync({ gateway, api, options: { asOf: '2026-06-01' } });
    const later = await runSync({ gateway, api, options: { asOf: '2026-06-15' } }); // a later date: flags and history move
    expect(later.updated).toBeGreaterThan(0);
    const fresh = new DynamoStore(reader, { tableName: DEFAULT_TABLE_NAME });
    const ids = (await fresh.allStates()).map((s) => s.id);
    expect(ids.length).toBeGreaterThan(60);
    const send = jest.spyOn(stack.store['io'].doc, 'send');
    const remembered = await stack.store.loadProjects(ids);
    expect(send).not.toHaveBeenCalled();
    expect(remembered).toEqual(await fresh.loadProjects(ids));
  } finally {
    reader.destroy();
    await stack.close();
  }
});
