import { DynamoStore, ensureTable, type StoredEvent, type UserLookup } from '../../../functions/store';
import { useDynalite } from './dynalite-fixture';
import { state } from './state-fixture';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { projectPk, eventSk } from '../../../functions/store/keys';
import type { ProjectState } from '../../../functions/domain/types';
import { snapshotOf, type WeekSnapshot } from '../../../functions/domain/report';
import { weekRange } from '../../../functions/domain/calendar';
import { DEFAULT_CONFIG } from '../../../functions/domain/config';

function snapshot(s: ProjectState, week: string): WeekSnapshot {
  return snapshotOf(s, { week, ...weekRange(week, DEFAULT_CONFIG.cutoff) }, s.updatedAt);
}

const { doc, putClient } = useDynalite();
let store: DynamoStore;
let tableNo = 0;

let soleWriter = false;
beforeEach(async () => {
  const tableName = `t-${++tableNo}`;
  await ensureTable(doc(), tableName);
  // As the handlers and the local stack build it: single puts through the cached low-level client; the embedded
  // stack, its table's only writer, also batches its event appends (store/event-appends.ts).
  store = new DynamoStore(doc(), { tableName, putClient: putClient(), soleWriter });
});

function event(s: ProjectState, over: Partial<StoredEvent> = {}): StoredEvent {
  return { id: s.id, version: s.version, at: s.updatedAt, kind: s.version === 1 ? 'created' : 'fields', by: 'clerk-a', workbook: 'wb-1', state: s, ...over };
}

/**
 * The store of a process started after a crash on the same table. An event written behind the store's back (as a
 * writer that died between event and STATE leaves it) is, for the embedded stack's sole writer, only ever what a
 * crashed earlier process left: the store reading it is then a new one, remembering nothing (newest-states.ts).
 */
const restarted = (): DynamoStore => new DynamoStore(doc(), { tableName: `t-${tableNo}`, putClient: putClient(), soleWriter });

/** As sync writes: the event, then (when committed) its STATE. */
async function save(s: ProjectState, over: Partial<StoredEvent> = {}): Promise<void> {
  expect(await store.commit(event(s, over))).toBe('committed');
  expect(await store.settleStates([s])).toEqual(new Map());
}

describe('the embedded stack\'s appends of new projects\' EVT#1 (sole writer)', () => {
  /** A sole-writer store over a new table, and the BatchGetItem keys it asks for. */
  async function soleStore(ordered: boolean) {
    const tableName = `t-${++tableNo}`;
    const client = doc();
    await ensureTable(client, tableName);
    const asked: string[] = [];
    const send = client.send.bind(client) as (c: unknown) => Promise<unknown>;
    (client as unknown as { send: (c: unknown) => Promise<unknown> }).send = (c) => {
      const input = (c as { input?: { RequestItems?: Record<string, { Keys?: { SK: string }[] }> } }).input;
      for (const k of Object.values(input?.RequestItems ?? {}).flatMap((r) => r.Keys ?? [])) asked.push(k.SK);
      return send(c);
    };
    const sole = new DynamoStore(client, { tableName, putClient: putClient(), soleWriter: true });
    if (ordered) await sole.markTableOrder();
    return { sole, asked, tableName };
  }

  it('in a table whose every event follows its STATE, an EVT#1 whose absence was just read is written without checking its key', async () => {
    const { sole, asked } = await soleStore(true);
    const n = state('N-1');
    expect((await sole.loadProjects(['N-1'])).size).toBe(0);
    expect(await sole.putCreating([{ state: n, token: 't' }])).toEqual(new Map());
    asked.length = 0;
    expect(await sole.commit(event(n), 't')).toBe('committed');
    expect(asked.filter((sk) => sk === eventSk(1))).toEqual([]);
    expect((await sole.loadProjects(['N-1'])).get('N-1')).toEqual(n);
    // An append begun since the read: the key is checked again (the second creation of the id loses).
    const again = state('N-1', { fields: { progress: '另一份' } });
    expect(await sole.commit(event(again), 't2')).toBe('conflict');
    expect(asked.filter((sk) => sk === eventSk(1)).length).toBeGreaterThan(0);
  });

  it('in an older table an id read as absent may still have an EVT#1 (a crash before STATE came first): it is checked, and found', async () => {
    const { sole, tableName } = await soleStore(false);
    const orphan = state('O-1', { fields: { progress: '崩溃前' } });
    await doc().send(new PutCommand({ TableName: tableName, Item: { PK: projectPk('O-1'), SK: eventSk(1), ...event(orphan), state: JSON.stringify(orphan) } }));
    expect((await sole.loadProjects(['O-1'])).size).toBe(0);
    const fresh = state('O-1', { fields: { progress: '新的' } });
    expect(await sole.putCreating([{ state: fresh, token: 't' }])).toEqual(new Map());
    expect(await sole.commit(event(fresh), 't')).toBe('conflict');
    expect((await sole.latestState('O-1'))?.fields.progress).toBe('崩溃前');
  });
});

// Every case holds for both ways of appending events: the cloud's conditional puts and the embedded stack's batches.
describe.each([
  ['conditional puts (the cloud)', false],
  ['batched appends (the embedded stack)', true],
])('DynamoStore, events by %s', (_name, batched) => {
  beforeAll(() => void (soleWriter = batched));

  it('creates the table once', async () => {
    expect(await ensureTable(doc(), `t-${tableNo}`)).toBe('existed');
  });

  it('commits an event and its state, and reads them back in one batch', async () => {
    const s1 = state('P-1');
    await save(s1);
    expect(store.writes).toEqual({ requests: 2, items: 2 });
    const states = await store.loadProjects(['P-1', 'P-3']);
    expect(states.get('P-1')).toEqual(s1);
    expect(states.has('P-3')).toBe(false);
    // A created event's changes are derived from its state's fields (sync does not store them twice).
    expect(await store.listEvents('P-1')).toEqual([{
      version: 1, at: s1.updatedAt, kind: 'created', by: 'clerk-a', workbook: 'wb-1',
      changes: { id: { from: null, to: 'P-1' }, name: { from: null, to: '项目P-1' }, unit: { from: null, to: '温水镇' } },
    }]);
    // Created events stored with their changes (older data) keep them.
    await save(state('P-2'), { changes: { name: { from: null, to: '旧名' } } });
    expect((await store.listEvents('P-2'))![0]!.changes).toEqual({ name: { from: null, to: '旧名' } });
  });

  it('refuses a second writer of the same version (the optimistic lock) and keeps the first', async () => {
    await save(state('P-1'));
    const s2a = state('P-1', { version: 2, fields: { progress: 'A' } });
    const s2b = state('P-1', { version: 2, fields: { progress: 'B' } });
    expect(await store.commit(event(s2a))).toBe('committed');
    expect(await store.commit(event(s2b))).toBe('conflict');
    expect((await store.latestState('P-1'))?.fields.progress).toBe('A');
    expect(await store.listEvents('P-1')).toHaveLength(2);
  });

  it('never leaves STATE backwards: a batch that lands over a newer state is repaired from the newer event', async () => {
    const s3 = state('P-1', { version: 3 });
    await save(s3);
    const s2 = state('P-1', { version: 2 });
    expect(await store.commit(event(s2))).toBe('committed');
    expect(await store.settleStates([s2])).toEqual(new Map());
    expect((await store.loadProjects(['P-1'])).get('P-1')).toEqual(s3);
  });

  it('repairs STATE from the newest event when a writer died between the two puts', async () => {
    await save(state('P-1'));
    const s2 = state('P-1', { version: 2, fields: { progress: '已开工' } });
    // The event landed, the STATE put did not.
    await doc().send(new PutCommand({ TableName: `t-${tableNo}`, Item: { PK: projectPk('P-1'), SK: eventSk(2), ...event(s2) } }));
    const stored = async () => (await doc().send(new GetCommand({ TableName: `t-${tableNo}`, Key: { PK: projectPk('P-1'), SK: 'STATE' } }))).Item?.version;
    expect(await stored()).toBe(1);
    expect(await store.latestState('P-1')).toEqual(s2);
    expect(await stored()).toBe(2);
  });

  it('every reader of STATE finds one behind its newest event and repairs it first: loadProjects, allStates, queryProjects', async () => {
    const readers = [
      async () => (await store.loadProjects(['P-1'])).get('P-1'),
      async () => (await store.allStates()).find((s) => s.id === 'P-1'),
      async () => (await store.queryProjects({ unit: '温水镇' }, 10)).items.find((s) => s.id === 'P-1'),
    ];
    await save(state('P-1'));
    for (const [i, read] of readers.entries()) {
      const newer = state('P-1', { version: i + 2, fields: { progress: `第 ${i + 2} 版` } });
      // The event landed (stored as sync stores it), STATE did not.
      expect(await store.commit(event(newer))).toBe('committed');
      expect(await read()).toEqual(newer);
      expect((await doc().send(new GetCommand({ TableName: `t-${tableNo}`, Key: { PK: projectPk('P-1'), SK: 'STATE' } }))).Item?.version).toBe(i + 2);
    }
    // Caught up, a state that no longer matches the list's filter leaves the list.
    await save(state('P-1', { version: 5, flag: { level: 'red', reasons: [] } }));
    expect(await store.commit(event(state('P-1', { version: 6, flag: { level: 'none', reasons: [] } })))).toBe('committed');
    expect((await store.queryProjects({ flag: 'red' }, 10)).items).toEqual([]);
    expect((await store.queryProjects({ unit: ' 温水镇 ', flag: 'none' }, 10)).items.map((s) => s.version)).toEqual([6]);
  });

  it('a reader that may not write (the read functions’ IAM) still answers the newest state; the next reader repairs', async () => {
    await save(state('P-1'));
    const newer = state('P-1', { version: 2, fields: { progress: '已开工' } });
    // A sync chunk not yet settled: its event is there, STATE is not.
    expect(await store.commit(event(newer))).toBe('committed');
    const denied = { send: () => Promise.reject(Object.assign(new Error('not authorized to perform: dynamodb:PutItem'), { name: 'AccessDeniedException' })) };
    const reader = new DynamoStore(doc(), { tableName: `t-${tableNo}`, putClient: denied as unknown as ReturnType<typeof putClient> });
    expect((await reader.allStates()).find((s) => s.id === 'P-1')).toEqual(newer);
    expect((await reader.queryProjects({ unit: '温水镇' }, 10)).items).toEqual([newer]);
    expect((await reader.listEvents('P-1'))?.map((e) => e.version)).toEqual([1, 2]);
    const stored = async () => (await doc().send(new GetCommand({ TableName: `t-${tableNo}`, Key: { PK: projectPk('P-1'), SK: 'STATE' } }))).Item?.version;
    expect(await stored()).toBe(1);
    // A writer's repair after a conflict is the write itself: its failure is not hidden.
    await expect(reader.latestState('P-1')).rejects.toThrow('not authorized');
    expect((await store.loadProjects(['P-1'])).get('P-1')).toEqual(newer);
    expect(await stored()).toBe(2);
  });

  it('the history reader repairs too', async () => {
    await save(state('P-1'));
    const s2 = state('P-1', { version: 2 });
    await doc().send(new PutCommand({ TableName: `t-${tableNo}`, Item: { PK: projectPk('P-1'), SK: eventSk(2), ...event(s2) } }));
    store = restarted();
    expect((await store.listEvents('P-1'))?.map((e) => e.version)).toEqual([1, 2]);
    expect((await store.loadProjects(['P-1'])).get('P-1')?.version).toBe(2);
  });


  it('a new project: its STATE, written before EVT#1 with the writer’s token, is the project once that EVT#1 exists — and only then', async () => {
    const table = `t-${tableNo}`;
    const stateItem = async () => (await doc().send(new GetCommand({ TableName: table, Key: { PK: projectPk('N-1'), SK: 'STATE' } }))).Item;
    const readers = async () => {
      const fresh = restarted();
      return [
        (await fresh.loadProjects(['N-1'])).get('N-1') ?? null,
        (await fresh.allStates()).find((s) => s.id === 'N-1') ?? null,
        (await fresh.queryProjects({ unit: '温水镇' }, 10)).items.find((s) => s.id === 'N-1') ?? null,
        await fresh.latestState('N-1'),
      ];
    };
    const a = state('N-1', { fields: { progress: 'A' } });
    // Before EVT#1 (a creation under way, or a writer that died there): no project anywhere, and no history.
    expect(await store.putCreating([{ state: a, token: 'token-a' }])).toEqual(new Map());
    expect(await readers()).toEqual([null, null, null, null]);
    expect(await restarted().listEvents('N-1')).toBeNull();
    // EVT#1 with the same token: every reader answers that STATE, which needs no second write.
    const before = { ...store.writes };
    expect(await store.commit(event(a), 'token-a')).toBe('committed');
    expect(store.writes.items - before.items).toBe(1);
    expect(await readers()).toEqual([a, a, a, a]);
    expect(await restarted().listEvents('N-1')).toHaveLength(1);
    // The mark is the store's, never part of a state answered.
    expect((await stateItem())?.creating).toBe('token-a');
    expect(Object.keys((await restarted().loadProjects(['N-1'])).get('N-1')!)).not.toContain('creating');

    // Two writers created one id: B's STATE landed last, A's EVT#1 won. Every reader answers A's (the event's), and
    // a reader that may write puts it back.
    const b = state('N-1', { fields: { progress: 'B' } });
    expect(await store.putCreating([{ state: b, token: 'token-b' }])).toEqual(new Map());
    expect(await store.commit(event(b), 'token-b')).toBe('conflict');
    expect((await stateItem())?.fields.progress).toBe('B');
    expect(await readers()).toEqual([a, a, a, a]);
    expect((await stateItem())?.fields.progress).toBe('A');
    expect((await stateItem())?.creating).toBeUndefined();
  });

  it('a writer\'s upkeep read puts confirmed new projects\' STATEs back without their mark; an unborn one, or a newer STATE, stays', async () => {
    const table = `t-${tableNo}`;
    const mark = async (id: string) => (await doc().send(new GetCommand({ TableName: table, Key: { PK: projectPk(id), SK: 'STATE' } }))).Item?.creating;
    const [a, b, c] = ['C-1', 'C-2', 'C-3'].map((id) => state(id));
    expect(await store.putCreating([a!, b!, c!].map((s) => ({ state: s, token: `t-${s.id}` })))).toEqual(new Map());
    expect(await store.commit(event(a!), 't-C-1')).toBe('committed');
    expect(await store.commit(event(b!), 't-C-2')).toBe('committed'); // C-3 never gets its EVT#1
    expect((await store.allStates()).map((s) => s.id).sort()).toEqual(['C-1', 'C-2']);
    expect([await mark('C-1'), await mark('C-2')]).toEqual(['t-C-1', 't-C-2']); // a plain read writes nothing
    // C-2 moves on meanwhile: its EVT#2 and STATE v2 (no mark) land before the upkeep's put.
    const b2 = state('C-2', { version: 2, fields: { progress: '开工' } });
    expect(await store.commit(event(b2))).toBe('committed');
    expect(await store.settleStates([b2])).toEqual(new Map());
    const settled = await restarted().allStates({ settleCreating: true });
    expect(settled.map((s) => [s.id, s.version]).sort()).toEqual([['C-1', 1], ['C-2', 2]]);
    expect([await mark('C-1'), await mark('C-2'), await mark('C-3')]).toEqual([undefined, undefined, 't-C-3']);
    expect((await restarted().loadProjects(['C-1', 'C-2', 'C-3'])).get('C-2')).toEqual(b2);
    expect((await restarted().allStates()).find((s) => s.id === 'C-1')).toEqual(a);
  });

  it('putCreating answers the STATEs DynamoDB refused, by id, and writes the others of their batch', async () => {
    const big = state('N-BIG', { fields: { progress: 'x'.repeat(410_000) } });
    const failed = await store.putCreating([state('N-1'), big, state('N-2')].map((s) => ({ state: s, token: 'token' })));
    expect([...failed.keys()]).toEqual(['N-BIG']);
    const fresh = restarted();
    expect(await fresh.commit(event(state('N-1')), 'token')).toBe('committed');
    expect([...(await fresh.loadProjects(['N-1', 'N-2', 'N-BIG'])).keys()]).toEqual(['N-1']);
  });

  it('an earlier release’s version-0 placeholder is answered from its EVT#1, or left out without it', async () => {
    const table = `t-${tableNo}`;
    const placeholder = (id: string) => ({ PK: projectPk(id), SK: 'STATE', GSI2PK: 'PROJECTS', GSI2SK: `温水镇#${id}`, id, version: 0, pending: true });
    await doc().send(new PutCommand({ TableName: table, Item: placeholder('OLD-1') }));
    await doc().send(new PutCommand({ TableName: table, Item: placeholder('OLD-2') }));
    const s = state('OLD-1');
    await doc().send(new PutCommand({ TableName: table, Item: { PK: projectPk('OLD-1'), SK: eventSk(1), ...event(s), state: JSON.stringify(s) } }));
    const fresh = restarted();
    expect([...(await fresh.loadProjects(['OLD-1', 'OLD-2'])).values()]).toEqual([s]);
  });
  it('STATE follows its event; a late batch over a newer writer’s STATE is put right', async () => {
    const s1 = state('P-1');
    expect(await store.commit(event(s1))).toBe('committed');
    expect(store.writes).toEqual({ requests: 1, items: 1 });
    expect((await store.loadProjects(['P-1'])).size).toBe(0);
    // A second writer finds the event, repairs STATE from it, and moves on to version 2 …
    expect(await store.latestState('P-1')).toEqual(s1);
    const s2 = state('P-1', { version: 2, fields: { progress: 'later' } });
    await save(s2);
    // … then the first writer's STATE v1 lands late, unconditionally: its check finds EVT#2 and repairs, so
    // every reader sees version 2.
    const before = store.writes.requests;
    expect((await store.settleStates([s1])).size).toBe(0);
    expect(store.writes.requests - before).toBe(2); // the batch, then the repair's conditional put
    expect((await store.loadProjects(['P-1'])).get('P-1')?.version).toBe(2);
    expect((await store.queryProjects({ unit: '温水镇' }, 10)).items.map((s) => s.version)).toEqual([2]);
    expect((await store.allStates()).map((s) => s.version)).toEqual([2]);
    // A new project's STATE is written when none is there.
    expect((await store.settleStates([state('P-2')])).size).toBe(0);
    expect((await store.loadProjects(['P-2'])).get('P-2')?.version).toBe(1);
  });

  it('settles 60 states in 3 batches of up to 25, and a repair only where a newer event exists', async () => {
    const states = Array.from({ length: 60 }, (_, i) => state(`S-${i}`));
    const before = store.writes.requests;
    expect((await store.settleStates(states)).size).toBe(0);
    expect(store.writes.requests - before).toBe(3);
    expect((await store.loadProjects(states.map((s) => s.id))).size).toBe(60);
  });

  it('settleStates answers the puts DynamoDB refused, by id, and writes the others of their batch', async () => {
    const tooLong = state('P-BAD', { fields: { progress: 'x'.repeat(410_000) } }); // over 400 KB
    const failed = await store.settleStates([state('P-OK'), tooLong]);
    expect([...failed.keys()]).toEqual(['P-BAD']);
    expect((failed.get('P-BAD') as Error).name).toBe('ValidationException');
    expect([...(await store.loadProjects(['P-OK', 'P-BAD'])).keys()]).toEqual(['P-OK']);
  });

  it('knows no history for an unknown project', async () => {
    expect(await store.listEvents('nope')).toBeNull();
    expect(await store.latestState('nope')).toBeNull();
  });

  it('reads more than 100 projects (several batches)', async () => {
    const ids = Array.from({ length: 130 }, (_, i) => `P-${i}`);
    for (const id of ids.slice(0, 120)) await save(state(id));
    const states = await store.loadProjects(ids);
    expect(states.size).toBe(120);
    expect(states.get('P-7')?.fields.name).toBe('项目P-7');
  });

  it('keeps weekly snapshots: one week by GSI2, each project’s newest at or before a week, and every STATE', async () => {
    const at = '2026-03-06T04:00:00.000Z';
    const snaps = [
      snapshot(state('P-1'), '2026-W08'),
      snapshot(state('P-1', { version: 2 }), '2026-W10'),
      snapshot(state('P-2', { fields: { unit: null } }), '2026-W10'),
      snapshot(state('P-3', { stage: 'dropped' }), '2026-W12'),
    ];
    await store.putWeekSnapshots(snaps);
    // Latest write in a week wins.
    await store.putWeekSnapshots([{ ...snapshot(state('P-2', { version: 3, fields: { unit: null } }), '2026-W10'), at }]);
    const w10 = await store.weekSnapshots('2026-W10');
    expect(w10.map((s) => [s.id, s.version, s.unit]).sort()).toEqual([['P-1', 2, '温水镇'], ['P-2', 3, '']]);
    expect(w10.find((s) => s.id === 'P-1')).toEqual(snaps[1]);
    expect(await store.weekSnapshots('2026-W11')).toEqual([]);
    const upTo = (ids: string[], week: string) => store.latestSnapshots(ids, week).then((l) => l.map((s) => `${s.id}@${s.week}`).sort());
    expect(await upTo(['P-1', 'P-2', 'P-3', 'P-9'], '2026-W09')).toEqual(['P-1@2026-W08']);
    expect(await upTo(['P-1', 'P-2', 'P-3'], '2026-W11')).toEqual(['P-1@2026-W10', 'P-2@2026-W10']);
    expect(await upTo(['P-3'], '2026-W52')).toEqual(['P-3@2026-W12']);
    // Snapshots are neither STATE nor events.
    await save(state('P-1'));
    await save(state('P-4', { stage: 'dropped' }));
    expect((await store.allStates()).map((s) => s.id).sort()).toEqual(['P-1', 'P-4']);
    expect(await store.listEvents('P-1')).toHaveLength(1);
  });

  it('lists every STATE over several pages', async () => {
    const big = 'x'.repeat(3000); // ~3 KB items: 420 of them exceed one 1 MB query page
    const ids = Array.from({ length: 420 }, (_, i) => `Q-${i}`);
    await store.settleStates(ids.map((id) => state(id, { fields: { progress: big } })));
    expect(new Set((await store.allStates()).map((s) => s.id)).size).toBe(420);
  });

  it('keeps workbook membership as one item per call, idempotently, and still reads the per-project layout', async () => {
    const before = { ...store.writes };
    const ids = Array.from({ length: 300 }, (_, i) => `P-${i}`);
    await store.putMemberships('wb-1', ids);
    await store.putMemberships('wb-1', [...ids].reverse()); // a retried chunk rewrites the same item
    await store.putMemberships('wb-1', []);
    expect(store.writes).toEqual({ requests: before.requests + 2, items: before.items + 2 });
    await store.putMemberships('wb-1', ['P-300', 'P-1']);
    // Data written before: one item per project.
    await doc().send(new PutCommand({ TableName: `t-${tableNo}`, Item: { PK: 'WORKBOOK#wb-1', SK: 'PROJECT#OLD-1', id: 'OLD-1', workbook: 'wb-1' } }));
    const listed = await store.listMembership('wb-1');
    expect(listed).toHaveLength(302);
    expect(new Set(listed)).toEqual(new Set([...ids, 'P-300', 'OLD-1']));
    expect(await store.listMembership('wb-2')).toEqual([]);
  });

  it('lists projects by unit, stage and flag, paged with nextToken', async () => {
    for (let i = 0; i < 12; i++) {
      await save(state(`P-${String(i).padStart(2, '0')}`, {
        stage: i % 2 ? 'signed' : 'clue',
        flag: { level: i % 3 === 0 ? 'red' : 'none', reasons: [] },
        fields: { unit: i < 8 ? '温水镇' : '开发区' },
      }));
    }
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await store.queryProjects({}, 5, token);
      seen.push(...page.items.map((p) => p.id));
      token = page.nextToken;
      pages++;
    } while (token);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(pages).toBe(3);
    expect((await store.queryProjects({ unit: '温水镇' }, 100)).items).toHaveLength(8);
    expect((await store.queryProjects({ unit: '温水镇', stage: 'signed' }, 100)).items.map((p) => p.id)).toEqual(['P-01', 'P-03', 'P-05', 'P-07']);
    expect((await store.queryProjects({ stage: 'clue', flag: 'red' }, 100)).items.map((p) => p.id).sort()).toEqual(['P-00', 'P-06']);
    expect((await store.queryProjects({ unit: '开发区', flag: 'red' }, 100)).items.map((p) => p.id)).toEqual(['P-09']);
    const small = await store.queryProjects({ flag: 'red' }, 1);
    expect(small.items).toHaveLength(1);
    expect(small.nextToken).toBeDefined();
    await expect(store.queryProjects({}, 5, 'not-a-token')).rejects.toThrow('invalid nextToken');
  });

  it('keeps the county configuration', async () => {
    expect(await store.getConfig()).toBeNull();
    await store.putConfig({ county: '平邑县' });
    expect(await store.getConfig()).toEqual({ county: '平邑县' });
  });

  it('finds users by any subject first, then by e-mail; lists them; moves a profile to its subject', async () => {
    const getUser = async (lookup: UserLookup) => (await store.findUser(lookup))?.profile ?? null;
    await store.saveUser({ email: 'Clerk@County.gov.cn', role: 'clerk', units: ['温水镇'] });
    expect(await getUser({ subjects: ['sub-1'], email: 'clerk@county.gov.cn' })).toMatchObject({ role: 'clerk', units: ['温水镇'], email: 'clerk@county.gov.cn' });
    await store.saveUser({ subject: 'oid-1', role: 'leader', units: [] });
    expect((await getUser({ subjects: ['oid-1', 'sub-1'], email: 'clerk@county.gov.cn' }))?.role).toBe('leader');
    expect((await getUser({ subjects: ['sub-1', 'oid-1'] }))?.role).toBe('leader');
    expect(await getUser({ subjects: ['sub-2'] })).toBeNull();
    expect(await getUser({ subjects: [] })).toBeNull();
    expect((await store.listUsers()).map((u) => u.subject ?? u.email).sort()).toEqual(['clerk@county.gov.cn', 'oid-1']);

    const byEmail = (await getUser({ subjects: [], email: 'clerk@county.gov.cn' }))!;
    await store.saveUser({ ...byEmail, subject: 'oid-2', role: 'admin' }, [byEmail]);
    const users = await store.listUsers();
    expect(users.map((u) => [u.subject, u.email ?? null, u.role]).sort()).toEqual([['oid-1', null, 'leader'], ['oid-2', 'clerk@county.gov.cn', 'admin']]);
    expect(await getUser({ subjects: [], email: 'clerk@county.gov.cn' })).toBeNull(); // the e-mail copy is gone
    await expect(store.saveUser({ role: 'admin', units: [] })).rejects.toThrow(/subject or an e-mail/);
  });
});
