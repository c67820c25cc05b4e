/**
 * The move-inside-the-list case (issue 16) on test/fixtures/county-ledgers.ts's twoLists: the ids plan and the plan of
 * the sync that moves 新能源电池隔膜项目 (signed on 2026.3.5, a clue since 2026.1.8, 56 days) from 重点线索 into
 * 签约项目, after its last project and above its 合计, 注： and 填报人 rows. Shared by the .xlsx test
 * (test/addin/xlsx/move-inside.test.ts) and the equivalence test.
 */
import type { SyncRowResult } from '../../../contract';
import { buildPlan, extractRows, findLayouts, planIds, type SheetSnapshot, type WritePlan } from '../../../addin/core';

const seq = () => {
  let s = 7;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
};

export async function moveInsidePlans(gateway: { readSheets(): Promise<SheetSnapshot[]> }): Promise<{ ids: WritePlan; moves: WritePlan; reason: string }> {
  const layouts = findLayouts(await gateway.readSheets(), {}).sheets;
  const rows = layouts.flatMap((l) => extractRows(l).rows);
  const ids = planIds(layouts, rows, seq());
  const results: SyncRowResult[] = ids.rows.map((r) => ({
    ref: { sheet: r.sheet, row: r.row }, id: r.id, status: 'created', stage: r.list, targetList: null, flag: { level: 'none', reasons: [] }, errors: [],
  }));
  const mover = results.find((r) => r.ref.sheet === '重点线索' && r.ref.row === 4)!;
  Object.assign(mover, { stage: 'signed', targetList: 'signed', transition: { from: 'clue', to: 'signed', on: '2026-03-05', cycleDays: 56 }, flag: { level: 'yellow', reasons: [{ rule: 'signed-not-started', level: 'yellow', figures: {}, message: { zh: '签约后未开工', en: 'not started' } }] } });
  const out = buildPlan(layouts, ids.rows, results, { confirmMoves: true });
  const reason = out.plan.moves[0]!.cells.find((c) => typeof c.value === 'string' && c.value.includes('签约后未开工'))!.value as string;
  return { ids: ids.plan, moves: out.plan, reason };
}
