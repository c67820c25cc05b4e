/**
 * Weekly snapshots as sync keeps them: nothing for unchanged rows (not even in a new week), the replaced
 * state as its week's snapshot when a later week changes a project, and the report reading them back.
 */
import type { CountyConfig, WeeklyReport } from '../../../contract';
import { closingSnapshot } from '../../../functions/app/sync';
import { DEFAULT_CONFIG } from '../../../functions/domain/config';
import { state } from '../store/state-fixture';
import { call, request, row, useTestStack, sync } from '../handlers/api';

const stack = useTestStack();
beforeAll(async () => {
  // Without weekly-update, a row left alone stays unflagged across cut-offs (so it is truly unchanged).
  const config = (await call<CountyConfig>(stack, 'GET', '/v1/config', stack.adminToken)).body;
  const put = await call(stack, 'PUT', '/v1/config', stack.adminToken, { ...config, rules: { ...config.rules, weeklyUpdate: { ...config.rules.weeklyUpdate, enabled: false } } });
  expect(put.status).toBe(200);
});

describe('weekly snapshots kept by sync', () => {
  it('an unchanged row writes nothing in a later week; its next change keeps the replaced state as that week’s snapshot', async () => {
    const v1 = [row('S-1', { progress: '洽谈中', amount: 3 })];
    expect((await sync(stack, stack.adminToken, request(v1, { asOf: '2026-03-02' }))).rows[0]!.status).toBe('created'); // W10
    const before = { ...stack.store.writes };
    expect((await sync(stack, stack.adminToken, request(v1, { asOf: '2026-03-10' }))).rows[0]!.status).toBe('unchanged'); // W11
    expect(stack.store.writes).toEqual(before);
    expect(await stack.store.weekSnapshots('2026-W10')).toEqual([]);

    await sync(stack, stack.adminToken, request([row('S-1', { progress: '已签约', amount: 3, signedDate: '2026-03-17' })], { asOf: '2026-03-18' })); // W12
    const kept = await stack.store.weekSnapshots('2026-W10');
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ id: 'S-1', week: '2026-W10', stage: 'clue', version: 1, progressUpdated: true, amount: 3 });

    const report = async (week: string) => (await call<WeeklyReport>(stack, 'GET', `/v1/reports/weekly?week=${week}`, stack.adminToken)).body;
    const w11 = await report('2026-W11'); // nobody changed it in W11: the W10 snapshot, carried forward
    expect(w11.county.lists.clue.count).toBe(1);
    expect(w11.noUpdate.map((p) => p.id)).toEqual(['S-1']);
    const w12 = await report('2026-W12');
    expect(w12.movements.map((m) => [m.project.id, m.from, m.to])).toEqual([['S-1', 'clue', 'signed']]);
  });

  it('closingSnapshot: only when the replaced state belongs to an earlier week', () => {
    const prev = state('P-1', { updatedAt: '2026-03-02T04:00:00.000Z' }); // W10
    expect(closingSnapshot(prev, '2026-03-05T04:00:00.000Z', DEFAULT_CONFIG.cutoff)).toBeNull(); // still W10
    expect(closingSnapshot(prev, '2026-03-01T04:00:00.000Z', DEFAULT_CONFIG.cutoff)).toBeNull(); // back-dated asOf
    const s = closingSnapshot(prev, '2026-03-06T04:00:00.001Z', DEFAULT_CONFIG.cutoff); // just past the cut-off: W11
    expect(s).toMatchObject({ id: 'P-1', week: '2026-W10', version: 1, at: '2026-03-06T04:00:00.001Z' });
  });
});
