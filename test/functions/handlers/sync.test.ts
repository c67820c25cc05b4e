import type { ApiError, HistoryResponse, ProjectsResponse, SyncResponse } from '../../../contract';
import { call, request, row, useTestStack, sync } from './api';

const stack = useTestStack();

const history = async (id: string) => (await call<HistoryResponse>(stack, 'GET', `/v1/projects/${id}/history`, stack.adminToken)).body.events;

describe('POST /v1/sync', () => {
  it('creates projects on first sync, then writes nothing for an unchanged re-sync', async () => {
    const req = request([row('C-1', { progress: '已洽谈' }), row('C-2', { progress: '已考察', amount: '2.3亿' })]);
    const first = await sync(stack, stack.adminToken, req);
    expect(first.rows.map((r) => r.status)).toEqual(['created', 'created']);
    expect(first.summary).toMatchObject({ rows: 2, created: 2, unchanged: 0, rejected: 0 });
    expect(first.rows[0]).toMatchObject({ id: 'C-1', stage: 'clue', targetList: 'clue', flag: { level: 'none' }, errors: [] });

    const before = { ...stack.store.writes };
    const again = await sync(stack, stack.adminToken, req);
    expect(again.rows.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
    expect(again.summary.unchanged).toBe(2);
    expect(stack.store.writes).toEqual(before);
    expect(await history('C-1')).toHaveLength(1);
  });

  it('a changed progress text clears weekly-update', async () => {
    await sync(stack, stack.adminToken, request([row('W-1', { progress: '对接中' })], { asOf: '2026-03-02' }));
    // Friday 2026-03-06 12:00 is a cut-off; by 03-10 the progress has stood unchanged across one.
    const stale = await sync(stack, stack.adminToken, request([row('W-1', { progress: '对接中' })], { asOf: '2026-03-10' }));
    expect(stale.rows[0]!.flag.level).toBe('yellow');
    expect(stale.rows[0]!.flag.reasons.map((r) => r.rule)).toContain('weekly-update');
    expect(stale.rows[0]!.status).toBe('updated'); // the flag changed, so history records it
    const events = await history('W-1');
    expect(events.at(-1)).toMatchObject({ kind: 'flag', flag: { from: 'none', to: 'yellow', rules: ['weekly-update'] } });

    const fresh = await sync(stack, stack.adminToken, request([row('W-1', { progress: '已签意向协议' })], { asOf: '2026-03-10' }));
    expect(fresh.rows[0]!.flag.reasons.map((r) => r.rule)).not.toContain('weekly-update');
    expect(fresh.rows[0]!.flag.level).toBe('none');
    expect((await history('W-1')).at(-1)).toMatchObject({ changes: { progress: { from: '对接中', to: '已签意向协议' } } });
  });

  it('a filled 签约时间 moves a clue to signed with the cycle days', async () => {
    await sync(stack, stack.adminToken, request([row('S-1', { clueDate: '2026-01-10', progress: '洽谈' })]));
    const res = await sync(stack, stack.adminToken, request([row('S-1', { clueDate: '2026-01-10', signedDate: '2026年3月1日', progress: '已签约' })], { asOf: '2026-03-02' }));
    const r = res.rows[0]!;
    expect(r).toMatchObject({ status: 'updated', stage: 'signed', targetList: 'signed' });
    expect(r.transition).toEqual({ from: 'clue', to: 'signed', on: '2026-03-01', cycleDays: 50 });
    expect(res.summary.transitions).toBe(1);
    expect((await history('S-1')).at(-1)).toMatchObject({ kind: 'transition', transition: { from: 'clue', to: 'signed', cycleDays: 50 } });
  });

  it('a clue row with a 签约时间 on its FIRST sync is a clue → signed move with its cycle days; seen again unconfirmed, it still carries them', async () => {
    const req = request([row('F-1', { clueDate: '2026-01-10', signedDate: '2026-03-01', progress: '已签约' })], { asOf: '2026-03-02' });
    const first = await sync(stack, stack.adminToken, req);
    expect(first.rows[0]).toMatchObject({ status: 'created', stage: 'signed', targetList: 'signed', transition: { from: 'clue', to: 'signed', on: '2026-03-01', cycleDays: 50 } });
    expect(first.summary.transitions).toBe(1);
    expect((await history('F-1'))[0]).toMatchObject({ kind: 'created', transition: { from: 'clue', to: 'signed', cycleDays: 50 } });
    // The clerk has not moved the row yet: unchanged, nothing recorded, but the awaited move keeps its days.
    const again = await sync(stack, stack.adminToken, req);
    expect(again.rows[0]).toMatchObject({ status: 'unchanged', targetList: 'signed', transition: { from: 'clue', to: 'signed', on: '2026-03-01', cycleDays: 50 } });
    expect(again.summary.transitions).toBe(0);
    // Moved to the signed sheet: no move awaited any more.
    const moved = await sync(stack, stack.adminToken, request([{ ...req.rows[0]!, list: 'signed' }], { asOf: '2026-03-02' }));
    expect(moved.rows[0]!.transition).toBeUndefined();
  });

  it('a retried identical chunk changes nothing twice', async () => {
    const req = request([row('R-1', { progress: 'a' }), row('R-2', { progress: 'b' }), row('R-3', { progress: 'c' })]);
    await sync(stack, stack.adminToken, req);
    const changed = request(req.rows.map((r) => ({ ...r, cells: { ...r.cells, progress: `${String(r.cells.progress)}+` } })));
    const first = await sync(stack, stack.adminToken, changed);
    expect(first.summary.updated).toBe(3);
    const counts = await Promise.all(['R-1', 'R-2', 'R-3'].map(async (id) => (await history(id)).length));
    const retried = await sync(stack, stack.adminToken, changed);
    expect(retried.summary).toMatchObject({ unchanged: 3, updated: 0, created: 0 });
    expect(await Promise.all(['R-1', 'R-2', 'R-3'].map(async (id) => (await history(id)).length))).toEqual(counts);
  });

  it('two concurrent syncs of the same projects lose no history event', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `K-${i}`);
    await sync(stack, stack.adminToken, request(ids.map((id) => row(id, { progress: 'start' }))));
    const [x, y] = await Promise.all([
      sync(stack, stack.adminToken, request(ids.map((id) => row(id, { progress: 'from X' })))),
      sync(stack, stack.adminToken, request(ids.map((id) => row(id, { progress: 'from Y' })), { workbook: { id: 'wb-2', name: '另一本' } })),
    ]);
    expect([...x.rows, ...y.rows].every((r) => r.status === 'updated')).toBe(true);
    for (const id of ids) {
      const events = await history(id);
      expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
      const progress = events.slice(1).map((e) => e.changes?.progress?.to).sort();
      expect(progress).toEqual(['from X', 'from Y']);
    }
    // STATE ended at the newest event.
    const listed = (await call<ProjectsResponse>(stack, 'GET', '/v1/projects?limit=1000', stack.adminToken)).body.projects.filter((p) => ids.includes(p.id));
    expect(listed.every((p) => p.version === 3)).toBe(true);
  });

  it('a malformed row gets row errors while the other rows sync', async () => {
    const res = await sync(stack, stack.adminToken, request([
      row('M-1', { signedDate: '2026-13-45', amount: '5000万' }),
      { ...row('M-2', {}), cells: { unit: '温水镇' } },
      row('M-3', { amount: '很多' }),
    ]));
    const [bad, noName, badMoney] = res.rows;
    expect(bad).toMatchObject({ status: 'created', stage: 'clue' });
    expect(bad!.errors.map((e) => e.field)).toContain('signedDate');
    expect(noName).toMatchObject({ status: 'rejected' });
    expect(noName!.errors.map((e) => e.field)).toContain('name');
    expect(badMoney!.status).toBe('created');
    expect(badMoney!.errors[0]).toMatchObject({ field: 'amount' });
    expect(badMoney!.errors[0]!.message.zh).toMatch(/\S/);
    const m1 = (await call<ProjectsResponse>(stack, 'GET', '/v1/projects?unit=%E6%B8%A9%E6%B0%B4%E9%95%87&limit=1000', stack.adminToken)).body.projects.find((p) => p.id === 'M-1');
    expect(m1).toMatchObject({ amount: 0.5, fields: { signedDate: null } });
  });

  it('keeps the stored value of a cell that no longer parses', async () => {
    await sync(stack, stack.adminToken, request([row('T-1', { clueDate: '2026-02-01' })]));
    const res = await sync(stack, stack.adminToken, request([row('T-1', { clueDate: '二月初' })]));
    expect(res.rows[0]!.errors.map((e) => e.field)).toEqual(['clueDate']);
    const p = (await call<ProjectsResponse>(stack, 'GET', '/v1/projects?limit=1000', stack.adminToken)).body.projects.find((x) => x.id === 'T-1');
    expect(p!.fields.clueDate).toBe('2026-02-01');
  });

  it('rejects both rows of a duplicated id, naming the other row', async () => {
    const a = row('D-1', {});
    const b = { ...row('D-1', {}), ref: { sheet: '签约项目', row: 9 } };
    const res = await sync(stack, stack.adminToken, request([a, b, row('D-2', {})]));
    expect(res.rows.map((r) => r.status)).toEqual(['rejected', 'rejected', 'created']);
    expect(res.rows[0]!.errors[0]).toMatchObject({ code: 'duplicate_id' });
    expect(res.rows[0]!.errors[0]!.message.zh).toContain('签约项目 第 9 行');
    expect(res.rows[1]!.errors[0]!.message.en).toContain(`重点线索 row ${a.ref.row}`);
  });

  it('reports projects this workbook synced before and now lacks, and deletes nothing', async () => {
    const wb = { id: 'wb-missing', name: '镇街台账' };
    await sync(stack, stack.adminToken, request([row('X-1', {}), row('X-2', {}), row('X-3', { unit: '临涧镇' })], { workbook: wb }));
    const res = await sync(stack, stack.adminToken, request([row('X-1', {})], { workbook: wb, workbookIds: ['X-1', 'X-2'] }));
    expect(res.summary.missing).toEqual([{ id: 'X-3', name: '项目X-3', stage: 'clue', unit: '临涧镇' }]);
    expect(await history('X-3')).toHaveLength(1);
    const plain = await sync(stack, stack.adminToken, request([row('X-1', {})], { workbook: wb }));
    expect(plain.summary.missing).toBeUndefined();
  });

  it('refuses more rows than the limit and oversized bodies with 413', async () => {
    const many = request(Array.from({ length: 1001 }, (_, i) => row(`L-${i}`, {})));
    const a = await call<ApiError>(stack, 'POST', '/v1/sync', stack.adminToken, many);
    expect(a.status).toBe(413);
    expect(a.body.error.code).toBe('payload_too_large');
    expect(a.body.error.message.zh).toContain('1000');
    expect(a.body.error.details).toEqual({ rows: 1001, limit: 1000 });
    const ids = await call<ApiError>(stack, 'POST', '/v1/sync', stack.adminToken, request([], { workbookIds: Array.from({ length: 50_001 }, (_, i) => `W-${i}`) }));
    expect(ids.status).toBe(413);
    expect(ids.body.error.message.zh).toContain('50000');
    expect(ids.body.error.details).toEqual({ workbookIds: 50_001, limit: 50_000 });
    const big = await call<ApiError>(stack, 'POST', '/v1/sync', stack.adminToken, JSON.stringify({ pad: 'x'.repeat(5_100_000) }));
    expect(big.status).toBe(413);
    expect(big.body.error.message.en).toMatch(/too large/);
  });

  it('answers 400 naming the bad field for a request that breaks the schema', async () => {
    const bad = request([row('V-1', {}), { ...row('V-2', {}), list: 'elsewhere' as 'clue' }]);
    const a = await call<ApiError>(stack, 'POST', '/v1/sync', stack.adminToken, bad);
    expect(a.status).toBe(400);
    expect(a.body.error.message.zh).toContain('rows.1.list');
    const long = await call<ApiError>(stack, 'POST', '/v1/sync', stack.adminToken, request([row('V-3', { progress: 'x'.repeat(4001) })]));
    expect(long.status).toBe(400);
    expect(long.body.error.message.en).toContain('rows.0.cells.progress');
    const notJson = await call<ApiError>(stack, 'POST', '/v1/sync', stack.adminToken, '{"rows": [');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message.zh).toContain('JSON');
  });

  it('answers every row with a summary whose counts add up', async () => {
    const res = await call<SyncResponse>(stack, 'POST', '/v1/sync', stack.adminToken, request([row('Q-1', {}), row('Q-2', { leader: null })]));
    const s = res.body.summary;
    expect(s.created + s.updated + s.unchanged + s.rejected).toBe(s.rows);
    expect(res.body.rows[1]!.flag.reasons.map((r) => r.rule)).toContain('missing-owner');
    expect(s.yellow).toBe(1);
  });
});
