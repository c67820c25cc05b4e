/** Identity by unit and name (DESIGN §5; functions/app/identity.ts), and a new project's STATE before its EVT#1 (the crash invariant), on dynalite. */
import type { ProjectsResponse, SyncRow } from '../../../contract';
import { nameKeyOf } from '../../../functions/domain/identity';
import { call, request, sync, useTestStack } from './api';

const stack = useTestStack();
let n = 100;
const row = (id: string, name: string, unit: string, cells: SyncRow['cells'] = {}): SyncRow => ({
  ref: { sheet: '重点线索', row: ++n }, list: 'clue', id, cells: { name, unit, leader: '张县长', progress: '对接中', ...cells },
});
const list = async (unit?: string) =>
  (await call<ProjectsResponse>(stack, 'GET', `/v1/projects?limit=1000${unit ? `&unit=${encodeURIComponent(unit)}` : ''}`, stack.adminToken)).body.projects;

describe('one project stays one project', () => {
  it('a row whose id the store does not know is matched by unit and normalised name, and answers the canonical id', async () => {
    const first = await sync(stack, stack.adminToken, request([row('S-1', '山东某某食品有限公司年产10万吨罐头项目', '仲村镇')]));
    expect(first.rows[0]).toMatchObject({ id: 'S-1', status: 'created' });
    expect(first.rows[0]!.sentId).toBeUndefined();
    // The original again, with a fresh id (copy mode wrote the id only into the copy), another workbook, width and spacing changed.
    const again = await sync(stack, stack.adminToken, request([row('S-9', '山东某某食品 年产１０万吨罐头', ' 仲村镇')], { workbook: { id: 'wb-other', name: 'x.xlsx' } }));
    expect(again.rows[0]).toMatchObject({ id: 'S-1', sentId: 'S-9' });
    expect(again.summary).toMatchObject({ created: 0, matched: 1 });
    const mine = (await list('仲村镇')).filter((p) => p.name.includes('罐头'));
    expect(mine.map((p) => p.id)).toEqual(['S-1']);
  });

  it('a name that differs by a word inside it (工程) is another project: created, its figures never merged into the stored one', async () => {
    await sync(stack, stack.adminToken, request([row('E-1', '沂澜生物工程研发中心项目', '临涧镇', { amount: 5 })]));
    const other = await sync(stack, stack.adminToken, request([row('E-2', '沂澜生物研发中心项目', '临涧镇', { amount: 99 })], { workbook: { id: 'wb-e2', name: 'e2.xlsx' } }));
    expect(other.rows[0]).toMatchObject({ id: 'E-2', status: 'created' });
    expect(other.rows[0]!.sentId).toBeUndefined();
    expect((await list('临涧镇')).filter((p) => p.name.startsWith('沂澜')).map((p) => p.id).sort()).toEqual(['E-1', 'E-2']);
  });

  it('the same name in another unit is never merged: created, with a possible-duplicate warning naming the other', async () => {
    await sync(stack, stack.adminToken, request([row('U-1', '金银花深加工项目', '地方镇')]));
    const other = await sync(stack, stack.adminToken, request([row('U-2', '金银花深加工', '温水镇')]));
    expect(other.rows[0]).toMatchObject({ id: 'U-2', status: 'created', errors: [] });
    expect(other.rows[0]!.warnings).toEqual([expect.objectContaining({ code: 'possible_duplicate', projects: [{ id: 'U-1', name: '金银花深加工项目', unit: '地方镇' }] })]);
    expect(other.summary).toMatchObject({ created: 1, errors: 0, warnings: 1 });
  });

  it('a near name in the same unit is created with a warning; among two stored projects of one name a row changed from both is warned, never given one', async () => {
    await sync(stack, stack.adminToken, request([row('N-1', '光伏储能电站', '临涧镇')]));
    const near = await sync(stack, stack.adminToken, request([row('N-2', '临涧光伏储能电站二期', '临涧镇')]));
    expect(near.rows[0]).toMatchObject({ id: 'N-2', status: 'created' });
    expect(near.rows[0]!.warnings?.[0]?.projects.map((p) => p.id)).toEqual(['N-1']);
    // The same name twice in one file: both created (the second warned), then an id-less row unlike both cannot tell which.
    const twice = await sync(stack, stack.adminToken, request([row('T-1', '乳制品加工', '保太镇'), row('T-2', '乳制品加工', '保太镇', { amount: 2 })]));
    expect(twice.rows.map((r) => r.status)).toEqual(['created', 'created']);
    expect(twice.rows[1]!.warnings?.[0]?.projects.map((p) => p.id)).toEqual(['T-1']);
    const blind = await sync(stack, stack.adminToken, request([row('T-7', '乳制品加工', '保太镇', { amount: 7 })], { workbook: { id: 'wb-3', name: 'y.xlsx' } }));
    expect(blind.rows[0]).toMatchObject({ id: 'T-7', status: 'created' });
    expect(blind.rows[0]!.warnings?.[0]?.projects.map((p) => p.id).sort()).toEqual(['T-1', 'T-2']);
  });

  it('twins of one unit (one name, two projects) synced again from a file without IDs each find their own, every time', async () => {
    const twins = (a: string, b: string, amountA = 1) => request([row(a, '食用菌种植基地', '温水镇', { amount: amountA }), row(b, '食用菌种植基地', '温水镇', { amount: 3 })], { workbook: { id: 'wb-twins', name: 'twins.xlsx' } });
    const first = await sync(stack, stack.adminToken, twins('W-1', 'W-2'));
    expect(first.summary).toMatchObject({ created: 2 });
    // The original again and again, fresh ids each time (copy mode wrote them only into the copy): nothing created.
    for (const [a, b] of [['W-3', 'W-4'], ['W-5', 'W-6']] as const) {
      const again = await sync(stack, stack.adminToken, twins(a, b));
      expect(again.rows.map((r) => [r.id, r.sentId])).toEqual([['W-1', a], ['W-2', b]]);
      expect(again.summary.created).toBe(0);
    }
    // One twin edited (or deleted and a new row of that name added): the other is found by its content; this row is not
    // given the twin left over — it may be another project — but created, warned of both.
    const edited = await sync(stack, stack.adminToken, twins('W-7', 'W-8', 9));
    expect(edited.rows.map((r) => [r.id, r.status])).toEqual([['W-7', 'created'], ['W-2', 'unchanged']]);
    expect(edited.rows[0]!.warnings?.[0]?.projects.map((p) => p.id).sort()).toEqual(['W-1', 'W-2']);
    expect((await list('温水镇')).filter((p) => p.name === '食用菌种植基地').map((p) => p.id).sort()).toEqual(['W-1', 'W-2', 'W-7']);
  });

  it('twins alike to the letter: both in one request, each its own; one alone (its twin in another chunk) takes neither', async () => {
    const twin = (id: string) => row(id, '标准化厂房', '仲村镇', { amount: 2 });
    await sync(stack, stack.adminToken, request([twin('Z-1'), twin('Z-2')], { workbook: { id: 'wb-z', name: 'z.xlsx' } }));
    const both = await sync(stack, stack.adminToken, request([twin('Z-3'), twin('Z-4')], { workbook: { id: 'wb-z', name: 'z.xlsx' } }));
    expect(both.rows.map((r) => r.id)).toEqual(['Z-1', 'Z-2']);
    // Two chunks of one sync, one twin each: neither chunk may take Z-1 for its row, or one project would stand for two rows.
    const [a, b] = await Promise.all(['Z-5', 'Z-6'].map((id) => sync(stack, stack.adminToken, request([twin(id)], { workbook: { id: 'wb-z', name: 'z.xlsx' } }))));
    expect([a!.rows[0]!.id, b!.rows[0]!.id]).toEqual(['Z-5', 'Z-6']);
    expect(a!.rows[0]!.warnings?.[0]?.code).toBe('possible_duplicate');
  });

  it('a row\'s own claim from an interrupted attempt is never another row\'s match; a twin sent with its id leaves the other to no elimination', async () => {
    // An earlier attempt claimed the name for X-1 and stopped before its first event.
    await stack.store.putNames([{ key: nameKeyOf('甲乙食品加工厂', '临涧镇')!, id: 'X-1', name: '甲乙食品加工厂', unit: '临涧镇' }]);
    const rerun = await sync(stack, stack.adminToken, request([row('Y-1', '甲乙食品加工厂', '临涧镇'), row('X-1', '甲乙食品加工厂', '临涧镇')]));
    expect(rerun.rows.map((r) => [r.id, r.status])).toEqual([['Y-1', 'created'], ['X-1', 'created']]);
    // Twins V-1, V-2 stored; V-1 comes with its id, and a new row of the name without one: not V-2 by elimination.
    await sync(stack, stack.adminToken, request([row('V-1', '乡村振兴示范园', '临涧镇', { amount: 1 }), row('V-2', '乡村振兴示范园', '临涧镇', { amount: 2 })]));
    const beside = await sync(stack, stack.adminToken, request([row('V-1', '乡村振兴示范园', '临涧镇', { amount: 1 }), row('V-9', '乡村振兴示范园', '临涧镇', { amount: 9 })]));
    expect(beside.rows.map((r) => [r.id, r.status])).toEqual([['V-1', 'unchanged'], ['V-9', 'created']]);
    expect(beside.rows[1]!.warnings?.[0]?.projects.map((p) => p.id).sort()).toEqual(['V-1', 'V-2']);
  });

  it('two rows of one request never become the same project; a known id is never taken by another row', async () => {
    await sync(stack, stack.adminToken, request([row('K-1', '新材料产业园', '经济开发区')]));
    const res = await sync(stack, stack.adminToken, request([row('K-1', '新材料产业园', '经济开发区'), row('K-2', '新材料产业园', '经济开发区')]));
    expect(res.rows.map((r) => r.id)).toEqual(['K-1', 'K-2']);
    expect(res.rows[1]!.status).toBe('created');
  });

  it('two chunks creating one name at once (names appended, read back): both stored, both indexed, the race warned', async () => {
    const chunkOf = (id: string, wb: string) => request([row(id, '罐头食品加工园', '地方镇')], { workbook: { id: wb, name: `${wb}.xlsx` } });
    const [a, b] = await Promise.all([sync(stack, stack.adminToken, chunkOf('R-1', 'wb-r1')), sync(stack, stack.adminToken, chunkOf('R-2', 'wb-r2'))]);
    const rows = [a.rows[0]!, b.rows[0]!];
    if (rows.every((r) => r.status === 'created')) {
      // Both found the name free: the one that read the index back last is warned of the other, and both stay in it.
      const warned = rows.filter((r) => r.warnings?.some((w) => w.code === 'possible_duplicate'));
      expect(warned.length).toBeGreaterThanOrEqual(1);
      for (const r of warned) expect(r.warnings![0]!.projects.map((p) => p.id)).toEqual([r.id === 'R-1' ? 'R-2' : 'R-1']);
    }
    const entry = (await stack.store.allNames()).find((e) => e.name === '罐头食品加工园');
    expect(entry!.ids.sort()).toEqual([...new Set(rows.map((r) => r.id))].sort());
    // An id-less re-sync of that one row cannot pick one of two alike to the letter (its twin may be in another chunk).
    const blind = await sync(stack, stack.adminToken, request([row('R-9', '罐头食品加工园', '地方镇')], { workbook: { id: 'wb-r9', name: 'z.xlsx' } }));
    if (entry!.ids.length === 2) expect(blind.rows[0]).toMatchObject({ id: 'R-9', status: 'created' });
    else expect(blind.rows[0]).toMatchObject({ id: entry!.ids[0], sentId: 'R-9' });
  });

  it('a racer that creates the same name between this chunk\'s put and its read-back is warned of; both stay in the index', async () => {
    // Another chunk, which found the name free too, creates its project between this chunk's names and its events.
    const real = stack.store.putNames.bind(stack.store);
    let raced = false;
    const spy = jest.spyOn(stack.store, 'putNames').mockImplementation(async (claims) => {
      await real(claims);
      if (raced || !claims.some((c) => c.id === 'L-1')) return;
      raced = true;
      const racer = await sync(stack, stack.adminToken, request([row('X-RACER', '中医药饮片厂', '保太镇')], { workbook: { id: 'wb-racer', name: 'r.xlsx' } }));
      expect(racer.rows[0]).toMatchObject({ id: 'X-RACER', status: 'created' });
    });
    try {
      const res = await sync(stack, stack.adminToken, request([row('L-1', '中医药饮片厂', '保太镇')]));
      expect(res.rows[0]).toMatchObject({ id: 'L-1', status: 'created' });
      expect(res.rows[0]!.warnings?.[0]?.projects.map((p) => p.id)).toEqual(['X-RACER']);
    } finally {
      spy.mockRestore();
    }
    const entry = (await stack.store.allNames()).find((e) => e.name === '中医药饮片厂')!;
    expect(entry.ids.sort()).toEqual(['L-1', 'X-RACER']);
  });

  it('the leaders\' dashboard lists possible duplicates across units (schema-checked)', async () => {
    const { dashboardSchema } = await import('../../../contract/responses');
    const res = await call<Record<string, unknown>>(stack, 'GET', '/v1/dashboard', stack.adminToken);
    expect(res.status).toBe(200);
    expect(dashboardSchema.safeParse(res.body).success).toBe(true);
    const pairs = (res.body.duplicates ?? []) as { kind: string; a: { id: string }; b: { id: string } }[];
    expect(pairs).toContainEqual(expect.objectContaining({ kind: 'otherUnit', a: expect.objectContaining({ id: expect.stringMatching(/^U-/) }) }));
    expect(pairs.some((p) => p.kind === 'same' && [p.a.id, p.b.id].sort().join() === 'T-1,T-2')).toBe(true);
  });

  it('a new project\'s STATE written before its EVT#1 is no project until that event exists (a crash in between)', async () => {
    const state = { id: 'PH-1', stage: 'clue', list: 'clue', fields: { name: '占位项目', unit: '温水镇' }, version: 1, flag: { level: 'none', reasons: [] }, workbooks: [] } as never;
    expect(await stack.store.putCreating([{ state, token: 'crashed-writer' }])).toEqual(new Map());
    expect((await list()).some((p) => p.id === 'PH-1')).toBe(false);
    expect((await call(stack, 'GET', '/v1/projects/PH-1/history', stack.adminToken)).status).toBe(404);
  });
});
