import type { SyncRowResult } from '../../../contract';
import { buildPlan, extractRows, findLayouts, ID_ALPHABET, newId, planIds, type LedgerRow, type SheetLayout } from '../../../addin/core';
import { sheet } from '../../fixtures/ledgers';

function seq(seed = 1) {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
}

function setup(sheets = [
  sheet('重点线索', [['项目名称', '线索时间', '签约时间', '项目编号'], ['甲', 46000, 46100, 'P-EXIST222'], ['乙', 46001, null, null], ['丙', 'x', null, 'P-EXIST222']]),
  sheet('签约项目', [['项目名称', '签约时间'], ['丁', 46000], [null, null], ['合计', null]]),
]) {
  const layouts = findLayouts(sheets, {}).sheets;
  const rows: LedgerRow[] = layouts.flatMap((l) => extractRows(l).rows);
  return { layouts, rows };
}

function result(sheetName: string, row: number, id: string, extra: Partial<SyncRowResult> = {}): SyncRowResult {
  return { ref: { sheet: sheetName, row }, id, status: 'created', stage: 'clue', targetList: null, flag: { level: 'none', reasons: [] }, errors: [], ...extra };
}

describe('ids', () => {
  it('new ids are P- plus 8 characters of an alphabet without 0/O/1/I', () => {
    expect(ID_ALPHABET).not.toMatch(/[01OI]/);
    const r = seq(7);
    for (let i = 0; i < 200; i++) expect(newId(r)).toMatch(/^P-[2-9A-HJ-NP-Z]{8}$/);
  });

  it('keeps existing ids, assigns missing ones in a plan, and blocks duplicates naming both cells', () => {
    const { layouts, rows } = setup();
    const ids = planIds(layouts, rows, seq(3));
    expect(ids.rows.map((r) => [r.sheet, r.row, r.id === 'P-EXIST222'])).toEqual([
      ['重点线索', 2, true], ['重点线索', 3, false], ['签约项目', 2, false],
    ]);
    expect(ids.blocked).toHaveLength(1);
    expect(ids.blocked[0]!.issues[0]).toMatchObject({ field: 'id', cell: 'D4', blocking: true });
    expect(ids.blocked[0]!.issues[0]!.message.zh).toContain('重点线索!D2');
    expect(ids.assigned).toBe(2);
    // The clue sheet has its id column: the new id and the headers of the missing flag/reason columns.
    const clue = ids.plan.sheets.find((s) => s.sheet === '重点线索')!;
    expect(clue.columns.map((c) => [c.col, c.top, c.values])).toEqual([[5, 1, ['旗帜']], [6, 1, ['预警原因']], [4, 3, [ids.rows[1]!.id]]]);
    const signed = ids.plan.sheets.find((s) => s.sheet === '签约项目')!;
    expect(signed.columns.map((c) => [c.col, c.top, c.values])).toEqual([[3, 1, ['项目编号']], [4, 1, ['旗帜']], [5, 1, ['预警原因']], [3, 2, [ids.rows[2]!.id]]]);
  });

  it('plans nothing for a workbook whose rows all have ids and owned columns', () => {
    const { layouts, rows } = setup([sheet('签约项目', [['项目编号', '项目名称', '旗帜', '预警原因'], ['P-AAAA2222', '甲', null, null]])]);
    expect(planIds(layouts, rows, () => { throw new Error('no new id is needed'); }).plan.sheets).toEqual([]);
  });
});

describe('write plan', () => {
  const reasons = (zh: string) => [{ rule: 'signed-not-started' as const, level: 'red' as const, figures: {}, message: { zh, en: zh } }];

  function planFor(results: (layouts: SheetLayout[], ids: ReturnType<typeof planIds>) => SyncRowResult[], opts = {}) {
    const { layouts, rows } = setup();
    const ids = planIds(layouts, rows, seq(5));
    return { ids, layouts, out: buildPlan(layouts, [...ids.rows, ...ids.blocked], results(layouts, ids), opts) };
  }

  it('writes flag text, colours, reasons and errors with cell addresses; clears unflagged rows', () => {
    const { out } = planFor((_, ids) => [
      result('重点线索', 2, 'P-EXIST222', { flag: { level: 'red', reasons: reasons('签约已200天未开工') } }),
      result('重点线索', 3, ids.rows[1]!.id, {
        flag: { level: 'yellow', reasons: [{ rule: 'missing-owner', level: 'yellow', figures: {}, message: { zh: '缺少包联领导', en: 'no leader' } }] },
        errors: [{ field: 'clueDate', code: 'bad_date', message: { zh: '无法识别的日期“x”', en: 'bad date' } }],
      }),
      result('签约项目', 2, ids.rows[2]!.id),
    ]);
    const clue = out.plan.sheets.find((s) => s.sheet === '重点线索')!;
    expect(clue.columns.filter((c) => c.col === 5)).toEqual([{ col: 5, top: 1, values: ['旗帜'], formatFrom: 4, width: 8 }, { col: 5, top: 2, values: ['红旗', '黄旗', null], formatFrom: 4 }]);
    const reasonCol = clue.columns.find((c) => c.col === 6 && c.top === 2)!;
    expect(reasonCol.values[0]).toBe('签约已200天未开工');
    expect(reasonCol.values[1]).toBe('缺少包联领导；⚠ 线索时间(B3): 无法识别的日期“x”');
    expect(reasonCol.values[2]).toMatch(/^⚠ 项目编号\(D4\): 项目编号 P-EXIST222 与 重点线索!D2 重复/);
    expect(clue.styles).toEqual([
      { style: { fill: '#FFC7CE', font: '#9C0006' }, cells: [{ row: 2, col: 5 }] },
      { style: { fill: '#FFEB9C', font: '#9C5700' }, cells: [{ row: 3, col: 5 }] },
      { style: { fill: null, font: null }, cells: [{ row: 4, col: 5 }] },
    ]);
    expect(clue.notes.map((n) => [n.row, n.text === null])).toEqual([[2, true], [3, false], [4, false]]);
    expect(out.errors.map((e) => `${e.sheet}!${e.cell}`)).toEqual(['重点线索!B3', '重点线索!D4']);
    expect([out.red, out.yellow]).toEqual([1, 1]);
  });

  it('lists a transition as a pending move unless confirmed, then inserts the whole row after the target list\'s last project', () => {
    const results = (_: SheetLayout[], ids: ReturnType<typeof planIds>) => [
      result('重点线索', 2, 'P-EXIST222', { stage: 'signed', targetList: 'signed', flag: { level: 'red', reasons: reasons('r') }, transition: { from: 'clue', to: 'signed', on: '2026-03-01', cycleDays: 54 } }),
      result('重点线索', 3, ids.rows[1]!.id),
      result('签约项目', 2, ids.rows[2]!.id, { stage: 'signed', targetList: 'signed' }),
    ];
    const pending = planFor(results).out;
    expect(pending.plan.moves).toEqual([]);
    // The pending move names the days the step took (issue 16).
    expect(pending.pendingMoves).toEqual([{ id: 'P-EXIST222', name: '甲', from: { sheet: '重点线索', row: 2, list: 'clue' }, to: { list: 'signed', sheet: null, row: null }, cycleDays: 54 }]);

    const moved = planFor(results, { confirmMoves: ['P-EXIST222'] }).out;
    // 签约项目 row 3 is blank, row 4 a total row: the project is inserted at row 3, under the last project, formatted like it.
    expect(moved.plan.moves).toEqual([{
      id: 'P-EXIST222',
      from: { sheet: '重点线索', row: 2 },
      to: { sheet: '签约项目', row: 3 },
      insert: { formatRow: 2, lastRow: 4, lastCol: 5 },
      formats: [{ col: 6, from: 2 }], // the new 线索时间 cell looks like the row's last header column's cell
      styles: [{ style: { fill: '#FFC7CE', font: '#9C0006' }, cells: [{ row: 3, col: 4 }] }],
      cells: [
        { col: 1, value: '甲' },
        { col: 6, value: 46000 }, // 线索时间: the target lacks it, so it gets a new column
        { col: 2, value: 46100 }, // 签约时间 → the target's 签约时间 column
        { col: 3, value: 'P-EXIST222' },
        { col: 4, value: '红旗' },
        { col: 5, value: '重点线索→签约项目 用时 54 天；r' }, // the moved row's reason names its cycle days first
      ],
    }]);
    expect(moved.moved[0]).toMatchObject({ to: { list: 'signed', sheet: '签约项目', row: 3 }, cycleDays: 54 });
    const signed = moved.plan.sheets.find((s) => s.sheet === '签约项目')!;
    expect(signed.columns).toContainEqual({ col: 6, top: 1, values: ['线索时间'], formatFrom: 2 });
    // Nothing is written to the source row that is about to be deleted.
    const clue = moved.plan.sheets.find((s) => s.sheet === '重点线索')!;
    expect(clue.columns.filter((c) => c.top === 2)).toEqual([]);
    expect(moved.moved).toHaveLength(1);
  });

  it('in a stage-column sheet a confirmed move renames the stage cell', () => {
    const { layouts, rows } = setup([sheet('总台账', [['项目名称', '阶段', '签约时间'], ['甲', '线索', 46000]])]);
    const ids = planIds(layouts, rows, seq(9));
    const out = buildPlan(layouts, ids.rows, [result('总台账', 2, ids.rows[0]!.id, { stage: 'signed', targetList: 'signed' })], { autoMoveRows: true });
    expect(out.plan.sheets[0]!.columns).toContainEqual({ col: 2, top: 2, values: ['签约项目'] });
    expect(out.plan.moves).toEqual([]);
  });

  it('gives a moved row’s number column (序号, No, #…) no new column in the target list', () => {
    const { layouts, rows } = setup([
      sheet('重点线索', [['No', '项目名称', '线索时间'], [7, '甲', 46000]]),
      sheet('签约项目', [['项目名称', '签约时间'], ['丁', 46000]]),
    ]);
    const ids = planIds(layouts, rows, seq(5));
    const out = buildPlan(layouts, ids.rows, [result('重点线索', 2, ids.rows[0]!.id, { stage: 'signed', targetList: 'signed' })], { autoMoveRows: true });
    const [move] = out.plan.moves;
    expect(move!.cells.map((c) => c.value)).not.toContain(7);
    const signed = out.plan.sheets.find((s) => s.sheet === '签约项目')!;
    expect(signed.columns.filter((c) => c.top === 1).map((c) => c.values[0])).toEqual(['项目编号', '旗帜', '预警原因', '线索时间']);
  });

  it('tints the name cell when asked', () => {
    const { out } = planFor((_, ids) => [result('签约项目', 2, ids.rows[2]!.id, { flag: { level: 'yellow', reasons: [] } })], { tintName: true });
    const signed = out.plan.sheets.find((s) => s.sheet === '签约项目')!;
    expect(signed.styles).toEqual([{ style: { fill: '#FFEB9C', font: '#9C5700' }, cells: [{ row: 2, col: 4 }, { row: 2, col: 1 }] }]);
  });
});
