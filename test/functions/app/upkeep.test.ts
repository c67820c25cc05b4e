/**
 * Upkeep (functions/app/upkeep.ts).
 * On data written before the name index existed (a data folder whose projects have no name items, as the version
 * before identity left it): the next start of the embedded stack puts every project in the index — so the leaders'
 * possible duplicates show the projects doubled back then, and a sync of the original ledger (rows without their
 * IDs) converges on the stored projects — once: later upkeeps write nothing.
 * In the cloud, a sync chunk that died between its events and its dashboard deltas (stood in for by deltas that
 * fail): the cut-off tick rebuilds the aggregates once the chunk is past a sync function's time limit and no other
 * chunk is running.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Dashboard } from '../../../contract';
import type { CutoffResult } from '../../../contract/channels';
import { DEAD_AFTER_MS, OWED_CHUNK } from '../../../functions/app/chunks';
import { upkeep } from '../../../functions/app/upkeep';
import { LiveAggregateRecords } from '../../../functions/store/live-aggregates';
import { NAME_RULE, nameKeyOf, nameKeyString, rule1NameKey, type NameKey } from '../../../functions/domain/identity';
import { createDocumentClient, DEFAULT_TABLE_NAME } from '../../../functions/store';
import { TableIO } from '../../../functions/store/table-io';
import { batchWrite } from '../../../functions/store/batch';
import { startLocalStack, type LocalStack } from '../../../infra/local/stack';
import { call, request, row, sync } from '../handlers/api';
import { useTempDir } from '../../infra/local/servers';

const CLOCK = '2026-03-04T02:00:00.000Z'; // a Wednesday: no cut-off or reminder due
const tempDir = useTempDir('invest-flags-upkeep-', 'each');

/** Deletes every name index item and the index's mark: the table as the version before identity wrote it. */
async function forgetNameIndex(stack: LocalStack): Promise<number> {
  const doc = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: 'local' });
  try {
    const out = await doc.send(new ScanCommand({ TableName: DEFAULT_TABLE_NAME, FilterExpression: 'begins_with(PK, :n) OR SK = :m', ExpressionAttributeValues: { ':n': 'NAME', ':m': 'NAMEINDEX' }, ProjectionExpression: 'PK, SK' }));
    const keys = (out.Items ?? []) as Array<{ PK: string; SK: string }>;
    await batchWrite(doc, DEFAULT_TABLE_NAME, { deletes: keys }, () => {});
    return keys.length;
  } finally {
    doc.destroy();
  }
}

/** An index as an earlier release left it: one item per key in the GSI2 NAMES partition, and its mark (no layout). */
async function earlierIndex(stack: LocalStack, entries: { key: NameKey; id: string; name: string; unit: string }[], rule: number): Promise<void> {
  const doc = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: 'local' });
  try {
    const items = entries.map(({ key, id, name, unit }) => ({
      PK: `NAME#${key.unit}#${key.name}`, SK: 'NAME', GSI2PK: 'NAMES', GSI2SK: `${key.name}#${key.unit}`, unitKey: key.unit, nameKey: key.name, name, unit, ids: new Set([id]),
    }));
    await batchWrite(doc, DEFAULT_TABLE_NAME, { puts: [...items, { PK: 'CONFIG', SK: 'NAMEINDEX', at: CLOCK, verified: true, rule }] }, () => {});
  } finally {
    doc.destroy();
  }
}

const dashboard = async (stack: LocalStack) => (await call<Dashboard>(stack, 'GET', '/v1/dashboard', stack.adminToken)).body;

describe('upkeep of data stored before the name index', () => {
  it('the next start indexes every project: duplicates shown, the original ledger converges, and only once', async () => {
    const dataDir = tempDir();
    const rows = [
      row('OLD-1', { name: '平邑光伏组件项目', unit: '温水镇' }),
      row('OLD-2', { name: '平邑光伏组件项目', unit: '温水镇' }), // doubled before identity: a second ID, same project
      row('OLD-3', { name: '鲁南食品产业园', unit: '地方镇' }),
    ];
    const a = await startLocalStack({ dataDir, mode: 'test', clock: () => CLOCK });
    try {
      const first = await sync(a, a.adminToken, request(rows));
      expect(first.summary.created).toBe(3);
      expect(await forgetNameIndex(a)).toBe(2); // the chunk's names (one item) and the mark
      expect((await dashboard(a)).duplicates).toEqual([]); // the doubled pair is invisible without the index
    } finally {
      await a.close();
    }

    const logged: string[] = [];
    const b = await startLocalStack({ dataDir, mode: 'test', clock: () => CLOCK, log: (l) => logged.push(l) });
    try {
      expect(logged.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ job: 'upkeep', namesAdded: 3, aggregates: 'kept' }));
      const board = await dashboard(b);
      expect(board.duplicates).toEqual([expect.objectContaining({ kind: 'same', a: expect.objectContaining({ id: 'OLD-1' }), b: expect.objectContaining({ id: 'OLD-2' }) })]);

      // The original ledger again, its third row without the ID the first sync gave it (a fresh one instead).
      const again = await sync(b, b.adminToken, request([row('NEW-9', { name: '鲁南食品产业园', unit: '地方镇' })], { workbook: { id: 'wb-original', name: '原件.xlsx' } }));
      expect(again.rows[0]).toMatchObject({ id: 'OLD-3', sentId: 'NEW-9', status: 'updated' }); // joined this workbook
      expect(again.summary.created).toBe(0);

      // Once: the index is marked complete, and a later upkeep (the cut-off's tick included) writes nothing.
      const deps = { store: b.store, clock: () => CLOCK, log: () => {} };
      const writes = { ...b.store.writes };
      expect(await upkeep(deps)).toEqual({ namesAdded: 0, aggregates: 'kept' });
      expect(b.store.writes).toEqual(writes);
    } finally {
      await b.close();
    }
  });

  it('the cut-off job does the same in the cloud, where no stack starts: the tick indexes, a tick after any sync then running verifies', async () => {
    let clock = CLOCK;
    const a = await startLocalStack({ dataDir: tempDir(), mode: 'test', clock: () => clock });
    const tick = async (body: object = {}) => {
      const res = await call<CutoffResult>(a, 'POST', '/v1/cutoff', a.adminToken, body);
      expect(res.body).toMatchObject({ weeks: [] });
    };
    try {
      await sync(a, a.adminToken, request([row('C-1', { name: '高端装备制造项目', unit: '仲村镇' })]));
      await forgetNameIndex(a);
      // A dry run changes nothing.
      await tick({ dryRun: true });
      expect(await a.store.nameIndexMark()).toBeNull();
      await tick();
      const key = nameKeyString(nameKeyOf('高端装备制造项目', '仲村镇')!);
      expect((await a.store.allNames()).filter((e) => nameKeyString(e.key) === key).map((e) => e.ids)).toEqual([['C-1']]);
      // Not verified yet: a sync of the earlier release running during the pass could still write where this one no longer reads.
      expect(await a.store.nameIndexMark()).toEqual({ at: CLOCK, verified: false, rule: NAME_RULE, oldLayout: false });
      await tick(); // too soon for a second pass
      expect(await a.store.nameIndexMark()).toEqual({ at: CLOCK, verified: false, rule: NAME_RULE, oldLayout: false });
      clock = new Date(Date.parse(CLOCK) + DEAD_AFTER_MS).toISOString();
      await tick();
      expect(await a.store.nameIndexMark()).toEqual({ at: clock, verified: true, rule: NAME_RULE, oldLayout: false });
    } finally {
      await a.close();
    }
  });
});

describe('an index built with rule 1 of normalName', () => {
  /** A project stored, then its index as rule 1 left it: the mark says rule 1, and its entry (if any) is under its rule-1 key. */
  async function underRule1(stack: LocalStack, id: string, name: string, unit: string, entry: boolean): Promise<void> {
    await sync(stack, stack.adminToken, request([row(id, { name, unit })], { workbook: { id: 'wb-rule1', name: 'r.xlsx' } }));
    await forgetNameIndex(stack);
    expect(nameKeyString(rule1NameKey(name, unit)!)).not.toBe(nameKeyString(nameKeyOf(name, unit)!));
    await earlierIndex(stack, entry ? [{ key: rule1NameKey(name, unit)!, id, name, unit }] : [], 1);
  }
  /** The original ledger again, its row with a fresh id: matched to the stored project, nothing created. */
  async function matchedAgain(stack: LocalStack, id: string, sentId: string, name: string, unit: string): Promise<void> {
    const again = await sync(stack, stack.adminToken, request([row(sentId, { name, unit })], { workbook: { id: 'wb-rule1', name: 'r.xlsx' } }));
    expect(again.rows[0]).toMatchObject({ id, sentId });
    expect(again.summary.created).toBe(0);
  }

  it('is built again under the current rule\'s keys at the next start, so the original ledger still finds its projects', async () => {
    const dataDir = tempDir();
    const a = await startLocalStack({ dataDir, mode: 'test', clock: () => CLOCK });
    try {
      await underRule1(a, 'G-1', '沂澜生物工程研发中心项目', '临涧镇', false);
    } finally {
      await a.close();
    }
    const b = await startLocalStack({ dataDir, mode: 'test', clock: () => CLOCK });
    try {
      expect(await b.store.nameIndexMark()).toEqual({ at: CLOCK, verified: true, rule: NAME_RULE, oldLayout: false });
      await matchedAgain(b, 'G-1', 'G-9', '沂澜生物工程研发中心项目', '临涧镇');
    } finally {
      await b.close();
    }
  });

  it('an earlier release\'s index (one item per name) is read until the next start moves every project to the current layout', async () => {
    const dataDir = tempDir();
    const [name, unit] = ['鲁南物流园', '地方镇'];
    const a = await startLocalStack({ dataDir, mode: 'test', clock: () => CLOCK });
    try {
      await sync(a, a.adminToken, request([row('E-1', { name, unit })], { workbook: { id: 'wb-rule1', name: 'r.xlsx' } }));
      await forgetNameIndex(a);
      await earlierIndex(a, [{ key: nameKeyOf(name, unit)!, id: 'E-1', name, unit }], NAME_RULE);
      expect(await a.store.nameIndexMark()).toMatchObject({ rule: NAME_RULE, oldLayout: true });
      expect(await a.store.allNames()).toEqual([]);
      await matchedAgain(a, 'E-1', 'E-8', name, unit);
    } finally {
      await a.close();
    }
    const b = await startLocalStack({ dataDir, mode: 'test', clock: () => CLOCK });
    try {
      expect(await b.store.nameIndexMark()).toEqual({ at: CLOCK, verified: true, rule: NAME_RULE, oldLayout: false });
      expect((await b.store.allNames()).map((e) => [e.ids, e.name, e.unit])).toEqual([[['E-1'], name, unit]]);
      await matchedAgain(b, 'E-1', 'E-9', name, unit);
    } finally {
      await b.close();
    }
  });

  it('until then (the cloud between a deploy and its next tick) is looked up under both rules\' keys', async () => {
    const a = await startLocalStack({ dataDir: tempDir(), mode: 'test', clock: () => CLOCK });
    try {
      await underRule1(a, 'L-1', '鲁南食品项目一期', '保太镇', true);
      await matchedAgain(a, 'L-1', 'L-9', '鲁南食品项目一期', '保太镇');
      // Another project whose rule-1 key is that one's: created, and its name claimed as new (batched, a racer warned),
      // not added to an item that only the rule-1 lookup found.
      const putNames = jest.spyOn(a.store, 'putNames');
      try {
        const other = await sync(a, a.adminToken, request([row('L-2', { name: '鲁南食品工程一期', unit: '保太镇' })], { workbook: { id: 'wb-rule1', name: 'r.xlsx' } }));
        expect(other.rows[0]).toMatchObject({ id: 'L-2', status: 'created' });
        expect(putNames.mock.calls.flatMap(([claims]) => claims.map((c) => c.id))).toEqual(['L-2']);
      } finally {
        putNames.mockRestore();
      }
    } finally {
      await a.close();
    }
  });
});

describe('a sync chunk that died owing its dashboard deltas', () => {
  it('is left open; the tick rebuilds the aggregates once it is dead and nothing else runs, then closes it', async () => {
    let clock = CLOCK;
    const at = (ms: number) => new Date(Date.parse(CLOCK) + ms).toISOString();
    const s = await startLocalStack({ inMemory: true, mode: 'test', clock: () => clock });
    const aggregates = new LiveAggregateRecords(new TableIO(createDocumentClient({ endpoint: s.dynamoEndpoint, region: 'local' }), { tableName: DEFAULT_TABLE_NAME }));
    const tick = async (ms: number) => {
      clock = at(ms);
      expect((await call<CutoffResult>(s, 'POST', '/v1/cutoff', s.adminToken, {})).body).toMatchObject({ weeks: [] });
    };
    const applyDeltas = jest.spyOn(LiveAggregateRecords.prototype, 'applyDeltas').mockRejectedValueOnce(new Error('the function stopped here'));
    try {
      const res = await sync(s, s.adminToken, request([row('D-1', {}), row('D-2', {}), row('D-3', {})]));
      expect(res.summary.created).toBe(3); // the events stand: the clerk was told they are stored
      expect((await dashboard(s)).total.count).toBe(0); // the deltas never came
      const open = (await aggregates.openChunks()).open;
      expect(open).toHaveLength(1);

      // A chunk still running (begun just now) holds the rebuild back, as does the dead one's own youth.
      await aggregates.beginChunk(`${at(DEAD_AFTER_MS)}|running`);
      await tick(DEAD_AFTER_MS + 1_000);
      expect((await dashboard(s)).total.count).toBe(0);
      await aggregates.endChunks([`${at(DEAD_AFTER_MS)}|running`]);

      await tick(DEAD_AFTER_MS + 2_000);
      expect((await dashboard(s)).total.count).toBe(3);
      expect((await aggregates.openChunks()).open).toEqual([]);
      // A sync that applies its deltas leaves no chunk open.
      await sync(s, s.adminToken, request([row('D-4', {})]));
      expect((await aggregates.openChunks()).open).toEqual([]);
      expect((await dashboard(s)).total.count).toBe(4);
    } finally {
      applyDeltas.mockRestore();
      await s.close();
    }
  });

  it('a rebuild waits for a running chunk, and one that a chunk overlapped stays owed until a quiet upkeep pays it', async () => {
    let clock = CLOCK;
    const s = await startLocalStack({ inMemory: true, mode: 'test', clock: () => clock });
    const aggregates = new LiveAggregateRecords(new TableIO(createDocumentClient({ endpoint: s.dynamoEndpoint, region: 'local' }), { tableName: DEFAULT_TABLE_NAME }));
    const deps = { store: s.store, aggregates, clock: () => clock, log: () => {} };
    const original = LiveAggregateRecords.prototype.rebuild;
    const rebuild = jest.spyOn(LiveAggregateRecords.prototype, 'rebuild');
    try {
      await sync(s, s.adminToken, request([row('R-1', {}), row('R-2', {})]));
      // The cut-off closed a week while a chunk runs (begun a minute ago): the rebuild owed waits for it.
      await aggregates.beginChunk(`${CLOCK}|running`);
      clock = new Date(Date.parse(CLOCK) + 60_000).toISOString();
      rebuild.mockClear();
      expect(await upkeep(deps, { rebuildOwed: true })).toMatchObject({ aggregates: 'waiting' });
      expect(rebuild).not.toHaveBeenCalled();
      await aggregates.endChunks([`${CLOCK}|running`]);

      // Quiet now, but a chunk begins (and ends) while the rebuild runs: the rebuild may have missed it, so it stays owed.
      rebuild.mockImplementationOnce(async function (this: LiveAggregateRecords, ...args) {
        await aggregates.beginChunk(`${clock}|overlapping`);
        await aggregates.endChunks([`${clock}|overlapping`]);
        return original.apply(this, args);
      });
      expect(await upkeep(deps)).toMatchObject({ aggregates: 'rebuilt' });
      expect((await aggregates.openChunks()).open).toEqual([OWED_CHUNK]);
      expect(await upkeep(deps)).toMatchObject({ aggregates: 'rebuilt' });
      expect((await aggregates.openChunks()).open).toEqual([]);
      expect((await dashboard(s)).total.count).toBe(2);
      expect(await upkeep(deps)).toMatchObject({ aggregates: 'kept' });
    } finally {
      rebuild.mockRestore();
      await s.close();
    }
  });

  it('reads every STATE once when both passes are due, and both come out right', async () => {
    const s = await startLocalStack({ inMemory: true, mode: 'test', clock: () => CLOCK });
    const aggregates = new LiveAggregateRecords(new TableIO(createDocumentClient({ endpoint: s.dynamoEndpoint, region: 'local' }), { tableName: DEFAULT_TABLE_NAME }));
    const deps = { store: s.store, aggregates, clock: () => CLOCK, log: () => {} };
    const read = jest.spyOn(s.store, 'allStates');
    try {
      await sync(s, s.adminToken, request([row('B-1', { name: '鲁南食品产业园', unit: '地方镇' }), row('B-2', { name: '温水光伏项目', unit: '温水镇' })]));
      await forgetNameIndex(s);
      read.mockClear();
      expect(await upkeep(deps, { rebuildOwed: true })).toEqual({ namesAdded: 2, aggregates: 'rebuilt' });
      expect(read).toHaveBeenCalledTimes(1);
      expect((await dashboard(s)).total.count).toBe(2);
      expect(await upkeep(deps)).toEqual({ namesAdded: 0, aggregates: 'kept' });
    } finally {
      read.mockRestore();
      await s.close();
    }
  });
});
