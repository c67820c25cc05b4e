/**
 * Races around settleStates (DESIGN.md §6): events are appended conditionally, STATE follows in unconditional
 * batches, and a check of EVT#<version+1> after the batches repairs a STATE that landed over a newer one.
 * Interleavings are driven by hand against real dynalite: a document client whose `send` can be held at a chosen
 * request (a gate) lets a test stop one writer between its batch and its check, or a repair before its put.
 */
import { BatchGetCommand, BatchWriteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, DynamoStore, ensureTable, type StoredEvent } from '../../../functions/store';
import { projectPk, STATE_SK } from '../../../functions/store/keys';
import { startDynalite, type RunningDynalite } from '../../../infra/local/dynalite';
import type { ProjectState } from '../../../functions/domain/types';
import { snapshotOf, type WeekSnapshot } from '../../../functions/domain/report';
import { weekRange } from '../../../functions/domain/calendar';
import { DEFAULT_CONFIG } from '../../../functions/domain/config';
import { state } from './state-fixture';
import type { SyncRequest, SyncRow } from '../../../contract';
import type { Caller } from '../../../functions/app/caller';
import type { Deps } from '../../../functions/app/deps';
import type { ProjectStore } from '../../../functions/app/ports';
import { syncUseCase } from '../../../functions/app/sync';

let db: RunningDynalite;
let tableName: string;
let tableNo = 0;
/** The plain store: writers and readers that are not held anywhere. */
let store: DynamoStore;
const doc = () => createDocumentClient({ endpoint: db.endpoint });

beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  tableName = `race-${++tableNo}`;
  await ensureTable(doc(), tableName);
  store = new DynamoStore(doc(), { tableName });
});

function event(s: ProjectState): StoredEvent {
  return { id: s.id, version: s.version, at: s.updatedAt, kind: s.version === 1 ? 'created' : 'fields', by: s.updatedBy, workbook: s.workbooks[0]!, state: s };
}

/** Version `v` of project P as writer `by` leaves it. */
const P = (v: number, by: string): ProjectState => state('P', { version: v, updatedBy: by, fields: { progress: `${by}@${v}` } });

/** A promise opened by hand, and one that tells when a request reached the gate. */
function gate() {
  let open!: () => void;
  let arrive!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const arrived = new Promise<void>((r) => (arrive = r));
  return { open, arrived, pass: () => (arrive(), opened) };
}

/**
 * A store whose requests go through `hook` first: the hook may hold a request (await a gate) or fail it.
 * The hook sees the lib-dynamodb command, before marshalling.
 */
function hookedStore(hook: (cmd: unknown) => Promise<void> | void): DynamoStore {
  const d: DynamoDBDocumentClient = doc();
  const send = d.send.bind(d) as (c: unknown) => Promise<unknown>;
  (d as unknown as { send: (c: unknown) => Promise<unknown> }).send = async (c) => {
    await hook(c);
    return send(c);
  };
  return new DynamoStore(d, { tableName });
}

/** A check for next events: the consistent BatchGetItem of EVT# keys (after a settle batch, or a reader catching up). */
const isNextEventCheck = (c: unknown): boolean =>
  c instanceof BatchGetCommand && Object.values(c.input.RequestItems ?? {}).some((r) => (r.Keys ?? []).some((k) => String(k.SK).startsWith('EVT#')));
const isStatePut = (c: unknown): boolean => c instanceof PutCommand && c.input.Item?.SK === STATE_SK;

/** STATE as stored, read consistently and without any repair. */
async function storedVersion(id = 'P'): Promise<number | undefined> {
  const out = await doc().send(new GetCommand({ TableName: tableName, Key: { PK: projectPk(id), SK: STATE_SK }, ConsistentRead: true }));
  return out.Item?.version as number | undefined;
}
async function newestEventVersion(id = 'P'): Promise<number | undefined> {
  const out = await doc().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :e)',
      ExpressionAttributeValues: { ':pk': projectPk(id), ':e': 'EVT#' },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  return out.Items?.[0]?.version as number | undefined;
}

/** Writer `by` builds on whatever is newest: after a lost version it asks latestState, as writeRow does. */
async function commitOnNewest(by: string): Promise<ProjectState> {
  const prev = await store.latestState('P');
  const next = P((prev?.version ?? 0) + 1, by);
  expect(await store.commit(event(next))).toBe('committed');
  return next;
}

describe('settleStates under concurrent writers', () => {
  it('three writers settling newest first: each late batch lands over a newer STATE and its own check puts the newest back', async () => {
    const a2 = P(2, 'A');
    await store.commit(event(P(1, 'seed')));
    await store.settleStates([P(1, 'seed')]);
    expect(await store.commit(event(a2))).toBe('committed');
    // B loses version 2 to A, repairs STATE from A's event, and takes version 3; C then takes 4.
    expect(await store.commit(event(P(2, 'B')))).toBe('conflict');
    const b3 = await commitOnNewest('B');
    const c4 = await commitOnNewest('C');
    expect([b3.version, c4.version]).toEqual([3, 4]);

    expect(await store.settleStates([c4])).toEqual(new Map());
    expect(await store.settleStates([b3])).toEqual(new Map()); // lands over v4; EVT#4 found; repaired
    expect(await store.loadProjects(['P'])).toEqual(new Map([['P', c4]]));
    expect(await store.settleStates([a2])).toEqual(new Map()); // lands over v4; EVT#3 found; repaired to the newest
    expect(await store.loadProjects(['P'])).toEqual(new Map([['P', c4]]));
    expect((await store.listEvents('P'))?.map((e) => [e.version, e.by])).toEqual([[1, 'seed'], [2, 'A'], [3, 'B'], [4, 'C']]);
  });

  it('A’s batch lands between B’s batch and B’s check: B’s check sees nothing to do, A’s check repairs', async () => {
    const a2 = P(2, 'A');
    expect(await store.commit(event(P(1, 'seed')))).toBe('committed');
    await store.settleStates([P(1, 'seed')]);
    expect(await store.commit(event(a2))).toBe('committed');
    const b3 = await commitOnNewest('B');

    const bCheck = gate();
    const aCheck = gate();
    const storeB = hookedStore((c) => (isNextEventCheck(c) ? bCheck.pass() : undefined));
    const storeA = hookedStore((c) => (isNextEventCheck(c) ? aCheck.pass() : undefined));
    const settledB = storeB.settleStates([b3]);
    await bCheck.arrived; // B's v3 has landed
    const settledA = storeA.settleStates([a2]);
    await aCheck.arrived; // A's v2 has landed over it
    expect(await storedVersion()).toBe(2);
    bCheck.open();
    expect(await settledB).toEqual(new Map());
    expect(await storedVersion()).toBe(2); // B asked for EVT#4: none, so B leaves STATE as it is
    aCheck.open();
    expect(await settledA).toEqual(new Map());
    expect(await storedVersion()).toBe(await newestEventVersion());
    expect(await store.loadProjects(['P'])).toEqual(new Map([['P', b3]]));
  });

  it('a history read inside the window repairs STATE and lists every event once; the late check then has nothing to do', async () => {
    const a2 = P(2, 'A');
    await store.commit(event(P(1, 'seed')));
    expect(await store.commit(event(a2))).toBe('committed');
    const b3 = await commitOnNewest('B');
    await store.settleStates([b3]);

    const aCheck = gate();
    const storeA = hookedStore((c) => (isNextEventCheck(c) ? aCheck.pass() : undefined));
    const settledA = storeA.settleStates([a2]);
    await aCheck.arrived;
    expect(await storedVersion()).toBe(2); // moved backwards, for now
    expect((await store.listEvents('P'))?.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(await storedVersion()).toBe(3);
    const before = storeA.writes.requests;
    aCheck.open();
    expect(await settledA).toEqual(new Map());
    expect(storeA.writes.requests).toBe(before); // latestState found STATE at the newest event: no put
    expect(await store.loadProjects(['P'])).toEqual(new Map([['P', b3]]));
  });

  it('a repair holding an older newest event never overwrites the newer STATE that landed meanwhile', async () => {
    await store.commit(event(P(1, 'seed')));
    await store.settleStates([P(1, 'seed')]);
    const a2 = P(2, 'A');
    expect(await store.commit(event(a2))).toBe('committed'); // A dies before its STATE

    const put = gate();
    const repairer = hookedStore((c) => (isStatePut(c) ? put.pass() : undefined));
    const repaired = repairer.latestState('P'); // reads EVT#2 over STATE v1, then is held before its put
    await put.arrived;
    const b3 = await commitOnNewest('B'); // B repairs too (unheld), and moves on
    expect(await store.settleStates([b3])).toEqual(new Map());
    put.open();
    expect(await repaired).toEqual(a2); // what it read: its caller's next commit (EVT#3) will conflict
    expect(await storedVersion()).toBe(3);
    expect(await repairer.commit(event(P(3, 'R')))).toBe('conflict');
    expect(await store.loadProjects(['P'])).toEqual(new Map([['P', b3]]));
  });

  it('two late batches of the same project: the later lands last, and whichever is behind is put right', async () => {
    // A created the project (EVT#1) and is slow; B repaired STATE from it and wrote v2; the retry of A's chunk found
    // its row unchanged (nothing to settle). Then A's original settle lands, after B's.
    const a1 = P(1, 'A');
    expect(await store.commit(event(a1))).toBe('committed');
    const b2 = await commitOnNewest('B');
    expect(await store.settleStates([b2])).toEqual(new Map());
    expect(await store.settleStates([a1])).toEqual(new Map());
    expect(await store.loadProjects(['P'])).toEqual(new Map([['P', b2]]));
    expect((await store.queryProjects({ unit: '温水镇' }, 10)).items).toEqual([b2]);
  });

  it('settles a chunk of 60 projects where every fifth has a newer writer: exactly those are repaired', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `S-${String(i).padStart(2, '0')}`);
    const ours = ids.map((id) => state(id, { updatedBy: 'A' }));
    for (const s of ours) expect(await store.commit(event(s))).toBe('committed');
    const newer = ids.filter((_, i) => i % 5 === 0).map((id) => state(id, { version: 2, updatedBy: 'B' }));
    for (const s of newer) {
      expect(await store.latestState(s.id)).toEqual(ours.find((o) => o.id === s.id));
      expect(await store.commit(event(s))).toBe('committed');
    }
    expect(await store.settleStates(newer)).toEqual(new Map());
    const before = store.writes.requests;
    expect(await store.settleStates(ours)).toEqual(new Map());
    expect(store.writes.requests - before).toBe(3 + newer.length); // 3 batches, one repair put each
    const after = await store.loadProjects(ids);
    expect(ids.map((id) => after.get(id)?.version)).toEqual(ids.map((_, i) => (i % 5 === 0 ? 2 : 1)));
  });

  it('a weekly snapshot put from a state read while STATE was behind is replaced by the newer one and never comes back', async () => {
    const week = '2026-W10';
    const snap = (s: ProjectState): WeekSnapshot => snapshotOf(s, { week, ...weekRange(week, DEFAULT_CONFIG.cutoff) }, s.updatedAt);
    // C read STATE while A's late batch had it at v2 (B's v3 is newer): C keeps v2 as the week's final state …
    await store.putWeekSnapshots([snap(P(2, 'A'))]);
    // … loses its commit, decides again on the repaired v3, and keeps that instead.
    await store.putWeekSnapshots([snap(P(3, 'B'))]);
    // A retry of C's first attempt puts v2 again: refused.
    await store.putWeekSnapshots([snap(P(2, 'A'))]);
    expect((await store.weekSnapshots(week)).map((s) => s.version)).toEqual([3]);
  });

  it('a batch the SDK retried (the same items sent twice) is still followed by one check after the last send', async () => {
    await store.commit(event(P(1, 'seed')));
    const a2 = P(2, 'A');
    expect(await store.commit(event(a2))).toBe('committed');
    const b3 = await commitOnNewest('B');
    await store.settleStates([b3]);
    // A's batch is sent twice (as an SDK retry of a request whose answer was lost would do); both land over v3.
    const storeA = hookedStore(async (c) => {
      if (c instanceof BatchWriteCommand) await doc().send(new BatchWriteCommand(c.input));
    });
    expect(await storeA.settleStates([a2])).toEqual(new Map());
    expect(await storedVersion()).toBe(3);
  });
});

const ADMIN: Caller = { subject: 'local-admin', email: 'admin@localhost', name: '本地管理员', role: 'admin', units: [] };
const depsOf = (s: ProjectStore): Deps => ({ store: s, mode: 'test', clock: () => new Date().toISOString(), log: () => undefined });
let rowNo = 0;
const syncRow = (progress: string): SyncRow => ({ ref: { sheet: '重点线索', row: ++rowNo }, list: 'clue', id: 'P', cells: { name: '项目P', unit: '温水镇', leader: '张县长', progress } });
const syncReq = (wb: string, progress: string): SyncRequest => ({ workbook: { id: wb, name: `${wb}.xlsx` }, dateSystem: 1900, rows: [syncRow(progress)], asOf: '2026-03-02' });

describe('a settle whose check never runs', () => {
  it('leaves STATE behind another writer’s acknowledged change only until the next read: the chunk’s retry repairs it and writes its row on top', async () => {
    await syncUseCase(depsOf(store), ADMIN, syncReq('wb-A', '洽谈中'));
    // A's chunk: EVT#2 lands; its settle batch is held, and the check after it fails (or the Lambda times out there).
    const batch = gate();
    let batched = false;
    const storeA = hookedStore(async (c) => {
      if (c instanceof BatchWriteCommand) {
        await batch.pass();
        batched = true;
      } else if (batched && isNextEventCheck(c)) throw new Error('connection reset');
    });
    const a = syncUseCase(depsOf(storeA), ADMIN, syncReq('wb-A', '已签约'));
    await batch.arrived;
    // B (another workbook) loses version 2, repairs, writes version 3 and is told so.
    const b = await syncUseCase(depsOf(store), ADMIN, syncReq('wb-B', '已开工'));
    expect(b.rows[0]!.status).toBe('updated');
    expect(await storedVersion()).toBe(3);
    batch.open();
    await expect(a).rejects.toThrow('connection reset');
    expect(await storedVersion()).toBe(2); // A's batch landed over B's version 3, and nothing checked it
    // A's client retries the chunk: loading the state repairs it to B's version 3, so A's row is a change on top.
    const retry = await syncUseCase(depsOf(store), ADMIN, syncReq('wb-A', '已签约'));
    expect(retry.rows[0]!.status).toBe('updated');
    expect(await storedVersion()).toBe(4);
    expect(await newestEventVersion()).toBe(4);
    const progress = (await store.listEvents('P'))!.map((e) => e.changes?.progress?.to ?? null);
    expect(progress).toEqual([expect.anything(), '已签约', '已开工', '已签约']); // B's change is kept in the history
  });

  it('a batch whose answer is lost but which lands after the check leaves STATE behind until the next reader repairs it', async () => {
    await store.commit(event(P(1, 'seed')));
    const a2 = P(2, 'A');
    expect(await store.commit(event(a2))).toBe('committed');
    const b3 = await commitOnNewest('B');
    await store.settleStates([b3]);
    let ghost: BatchWriteCommand | undefined;
    const storeA = hookedStore((c) => {
      if (c instanceof BatchWriteCommand && !ghost) {
        ghost = c;
        throw Object.assign(new Error('socket timeout'), { name: 'TimeoutError' });
      }
    });
    expect(await storeA.settleStates([a2])).toEqual(new Map()); // the fallback put is refused (v3 is newer)
    await doc().send(new BatchWriteCommand(ghost!.input)); // the request DynamoDB was still applying lands
    expect(await storedVersion()).toBe(2);
    expect((await store.allStates()).map((s) => s.version)).toEqual([3]);
    expect(await storedVersion()).toBe(3);
  });
});
