/**
 * Name claims that never became projects, and creations racing under a name (functions/app/identity.ts, sync.ts
 * settleNames), on dynalite through the sync use case: no row is merged into an id that is no project or that another
 * row of the request carries, and two chunks creating one name at once are warned of each other.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SyncRequest, SyncRow } from '../../../contract';
import type { Caller } from '../../../functions/app/caller';
import type { Deps } from '../../../functions/app/deps';
import type { ProjectStore } from '../../../functions/app/ports';
import { syncUseCase } from '../../../functions/app/sync';
import { DynamoStore, ensureTable } from '../../../functions/store';
import { createLiveAggregates } from '../../../functions/store/live-aggregates';
import { useDynalite } from '../store/dynalite-fixture';

const ADMIN: Caller = { subject: 'local-admin', email: 'admin@localhost', name: '管理员', role: 'admin', units: [] };
const CLOCK = '2026-03-02T02:00:00.000Z';
let line = 1;
const row = (id: string, cells: Record<string, unknown>): SyncRow =>
  ({ ref: { sheet: '重点线索', row: ++line }, list: 'clue', id, cells: { name: `项目${id}`, unit: '温水镇', leader: '张县长', ...cells } }) as SyncRow;
const request = (rows: SyncRow[], workbook = 'wb-1'): SyncRequest => ({ workbook: { id: workbook, name: `${workbook}.xlsx` }, dateSystem: 1900, rows, asOf: '2026-03-02' });

const { doc } = useDynalite();
let store: DynamoStore;
let deps: (s?: ProjectStore) => Deps;
let tableName = '';
let n = 0;

beforeEach(async () => {
  tableName = `claims-${++n}`;
  await ensureTable(doc(), tableName);
  store = new DynamoStore(doc(), { tableName });
  const aggregates = createLiveAggregates(doc(), { tableName });
  deps = (s: ProjectStore = store) => ({ store: s, mode: 'test', clock: () => CLOCK, log: () => {}, aggregates }) as Deps;
});

/** The store with one method replaced (the rest bound to it). */
function withStore(replace: Partial<Record<keyof ProjectStore, (...args: never[]) => unknown>>): ProjectStore {
  return new Proxy(store, {
    get(target, p) {
      const own = replace[p as keyof ProjectStore];
      if (own) return own;
      const v = Reflect.get(target, p, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as unknown as ProjectStore;
}

/** A project's STATE and events as stored: name and progress of each. */
async function stored(id: string) {
  const state = (await doc().send(new GetCommand({ TableName: tableName, Key: { PK: `PROJECT#${id}`, SK: 'STATE' }, ConsistentRead: true }))).Item;
  const events = (await doc().send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :e)', ExpressionAttributeValues: { ':pk': `PROJECT#${id}`, ':e': 'EVT#' }, ConsistentRead: true }))).Items ?? [];
  const of = (s: { fields: { name: string; progress: string | null } }) => [s.fields.name, s.fields.progress];
  return { state: state && of(state as never), events: events.map((e) => of(JSON.parse(String(e.state)))) };
}

const refused = () => Object.assign(new Error('Item size has exceeded the maximum allowed size'), { name: 'ValidationException' });

it('a name claimed by a creation that never happened is no project: a row of that name elsewhere is created, not merged into it', async () => {
  // Q's STATE is refused (too large): the row is rejected, its name claim stays in the index.
  const refusing = withStore({
    putCreating: (async (writes: { state: { id: string }; token: string }[]) => {
      const out = await store.putCreating(writes.filter((w) => w.state.id !== 'Q') as never);
      if (writes.some((w) => w.state.id === 'Q')) out.set('Q', refused());
      return out;
    }) as never,
  });
  const first = await syncUseCase(deps(refusing), ADMIN, request([row('Q', { name: '乙厂', progress: 'Q 原行' })], 'wb-q'));
  expect(first.rows.map((r) => [r.id, r.status, r.errors.map((e) => e.code)])).toEqual([['Q', 'rejected', ['too_large']]]);
  const other = await syncUseCase(deps(), ADMIN, request([row('R', { name: '乙厂', progress: 'R 另一行' })], 'wb-r'));
  expect(other.rows.map((r) => [r.id, r.sentId, r.status, r.warnings])).toEqual([['R', undefined, 'created', undefined]]);
  const fixed = await syncUseCase(deps(), ADMIN, request([row('Q', { name: '乙厂', progress: 'Q 修正后' })], 'wb-q'));
  expect(fixed.rows[0]).toMatchObject({ id: 'Q', status: 'created' });
  expect(await stored('Q')).toEqual({ state: ['乙厂', 'Q 修正后'], events: [['乙厂', 'Q 修正后']] });
  expect(await stored('R')).toEqual({ state: ['乙厂', 'R 另一行'], events: [['乙厂', 'R 另一行']] });
});

it('a row is never matched to the id another row of its request carries: each creates its own, and every reader answers its event', async () => {
  // X's first sync stopped after its names and STATE, before its EVT#1.
  const dying = withStore({ commit: (async () => { throw new Error('kill -9'); }) as never });
  await expect(syncUseCase(deps(dying), ADMIN, request([row('X', { name: '甲厂' })]))).resolves.toMatchObject({ rows: [{ id: 'X', status: 'rejected' }] });
  // The clerk renamed X to 乙厂, and a new row Y named 甲厂 sits above it.
  const res = await syncUseCase(deps(), ADMIN, request([row('Y', { name: '甲厂', progress: 'Y 的进展' }), row('X', { name: '乙厂', progress: 'X 的进展' })]));
  expect(res.rows.map((r) => [r.id, r.sentId, r.status])).toEqual([['Y', undefined, 'created'], ['X', undefined, 'created']]);
  expect(await stored('X')).toEqual({ state: ['乙厂', 'X 的进展'], events: [['乙厂', 'X 的进展']] });
  expect((await store.loadProjects(['X', 'Y'])).get('X')?.fields.progress).toBe('X 的进展');
  expect((await store.allStates()).map((s) => [s.id, s.fields.name]).sort()).toEqual([['X', '乙厂'], ['Y', '甲厂']]);
});

it('two chunks creating a name at once, where the index holds only a project renamed since, are warned of each other', async () => {
  await syncUseCase(deps(), ADMIN, request([row('P', { name: '甲厂' })]));
  await syncUseCase(deps(), ADMIN, request([row('P', { name: '甲工厂' })]));
  // Both chunks look the name up before either writes: each waits at its first write until both have arrived.
  let arrived = 0;
  let release!: () => void;
  const both = new Promise<void>((ok) => (release = ok));
  const held = withStore({
    putMemberships: (async (wb: string, ids: string[]) => {
      if (++arrived === 2) release();
      await both;
      return store.putMemberships(wb, ids);
    }) as never,
  });
  const [a, b] = await Promise.all([
    syncUseCase(deps(held), ADMIN, request([row('A1', { name: '甲厂' })], 'wb-a')),
    syncUseCase(deps(held), ADMIN, request([row('B1', { name: '甲厂' })], 'wb-b')),
  ]);
  const warned = [a.rows[0]!, b.rows[0]!].map((r) => [r.id, r.status, r.warnings?.[0]?.projects.map((p) => p.id)]);
  // Both created; the one that read the index back last names the other.
  expect(warned.map(([, status]) => status)).toEqual(['created', 'created']);
  expect(warned.some(([id, , named]) => (named as string[] | undefined)?.includes(id === 'A1' ? 'B1' : 'A1'))).toBe(true);
});

it('the index is read after its mark: entries upkeep wrote before a mark that says they moved are in what the lookup reads', async () => {
  const calls: string[] = [];
  const watched = withStore({
    nameIndexMark: (async () => {
      calls.push('mark asked');
      await new Promise((ok) => setTimeout(ok, 20)); // an answer that comes late
      const mark = await store.nameIndexMark();
      calls.push('mark answered');
      return mark;
    }) as never,
    allNames: (async () => {
      calls.push('index asked');
      return store.allNames();
    }) as never,
  });
  await syncUseCase(deps(watched), ADMIN, request([row('M-1', { name: '丙厂' })]));
  expect(calls.slice(0, 3)).toEqual(['mark asked', 'mark answered', 'index asked']);
});
