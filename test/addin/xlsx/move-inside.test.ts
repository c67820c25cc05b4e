/**
 * Issue 16: a confirmed move puts the row inside its new list — after the last project, above the 合计 total, the
 * 注： footnote and the 填报人 signature — formatted like the list's rows, numbered on, inside the total's SUM; the
 * list it leaves is numbered 1..n again; a field the target lacks gets a header the next sync reads. Through the
 * .xlsx gateway on a real file, and through the Office gateway (fake Excel) with the same result.
 */
import ExcelJS from 'exceljs';
import type { SyncRowResult } from '../../../contract';
import { buildPlan, extractRows, findLayouts, planIds, type WritePlan } from '../../../addin/core';
import { OfficeWorkbookGateway } from '../../../addin/office';
import { XlsxGateway } from '../../../addin/xlsx';
import { FakeExcelHost, type FakeSheet } from '../../support/fake-excel';
import { ledgerFakeBook, ledgerXlsx, twoLists } from '../../fixtures/county-ledgers';

const seq = () => {
  let s = 7;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
};

/** The ids plan and the plan of the sync that moves 新能源电池隔膜项目 (signed on 2026.3.5, a clue since 2026.1.8). */
async function plans(gateway: XlsxGateway): Promise<{ ids: WritePlan; moves: WritePlan; reason: string }> {
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

describe('a move lands inside the target list (.xlsx)', () => {
  let signed: ExcelJS.Worksheet;
  let clue: ExcelJS.Worksheet;
  let reason: string;
  let after: XlsxGateway;

  beforeAll(async () => {
    const gateway = await XlsxGateway.load(await ledgerXlsx(twoLists()));
    const p = await plans(gateway);
    reason = p.reason;
    await gateway.apply(p.ids);
    await gateway.apply(p.moves);
    const back = new ExcelJS.Workbook();
    const bytes = await gateway.save();
    await back.xlsx.load(bytes as unknown as ArrayBuffer);
    signed = back.getWorksheet('签约项目')!;
    clue = back.getWorksheet('重点线索')!;
    after = await XlsxGateway.load(bytes);
  });

  test('after the last project, above the total, the footnote and the signature', () => {
    const col = (c: number) => [4, 5, 6, 7, 8, 9].map((r) => signed.getCell(r, c).value);
    expect(col(2)).toEqual(['高端装备制造基地', '中药材精深加工', '新能源电池隔膜项目', null, null, null]);
    expect(col(1)).toEqual([1, 2, 3, '合计', '注：本表每周五前报县招商服务中心。', '填报人：王敏']);
    expect(signed.getCell('E6').value).toBe('2026.3.5'); // 签约时间 under the target's 签约时间
  });

  test('the total still covers the list: its SUM grew over the inserted row', () => {
    expect(signed.getCell('D7').value).toMatchObject({ formula: 'SUM(D4:D6)' });
    expect(clue.getCell('D6').value).toMatchObject({ formula: 'SUM(D4:D5)' }); // the clue list lost a row: its SUM shrank
  });

  test('the inserted row takes the list’s row style: borders, fill, number format, height', () => {
    expect(signed.getCell('B6').border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
    expect(signed.getCell('A6').fill).toMatchObject({ fgColor: { argb: 'FFE2EFDA' } });
    expect(signed.getCell('D6').numFmt).toBe('0.00');
    expect(signed.getRow(6).height).toBe(24);
    expect(signed.getCell('A7').font?.bold).toBe(true); // the total row kept its own style, one row down
  });

  test('序号: the moved row continues the target’s 1..n, the list it left is 1..n again', () => {
    expect([4, 5].map((r) => clue.getCell(r, 1).value)).toEqual([1, 2]);
    expect(clue.getCell('B4').value).toBe('预制菜加工项目');
  });

  test('a field the target lacks gets a header the next sync reads back (线索时间, not 时间节点/线索时间)', async () => {
    const layouts = findLayouts(await after.readSheets(), {}).sheets;
    const target = layouts.find((l) => l.sheet === '签约项目')!;
    expect(target.colOf.clueDate).toBeDefined();
    expect(target.grid.raw(target.headerTop, target.colOf.clueDate!)).toBe('线索时间');
    expect([...target.headerText.values()].some((h) => h.includes('时间节点/线索时间'))).toBe(false);
    expect(signed.getCell(6, target.colOf.clueDate!).value).toBe('2026.1.8');
    // Its cell on the moved row is bordered like the row's other cells (the column is new: the row above has nothing to copy).
    expect(signed.getCell(6, target.colOf.clueDate!).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
  });

  test('the moved row’s reason names the cycle days', () => {
    expect(reason).toContain('重点线索→签约项目 用时 56 天');
  });
});

describe('the same move through the Office gateway gives the same sheets', () => {
  const view = (s: FakeSheet) => {
    const out: Record<string, unknown> = {};
    for (const [k, c] of s.cells) {
      const [r, col] = k.split(',').map(Number) as [number, number];
      if (c.value !== null && c.value !== '') out[`${r},${col}`] = c.value;
      if (c.fill) out[`${r},${col} fill`] = c.fill.toUpperCase();
      if (c.bold) out[`${r},${col} bold`] = true;
    }
    return out;
  };
  const xview = (ws: ExcelJS.Worksheet) => {
    const out: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: true }, (row, r) =>
      row.eachCell({ includeEmpty: true }, (c, col) => {
        const v = c.type === ExcelJS.ValueType.Merge ? null : c.value;
        if (v !== null && v !== undefined && v !== '') out[`${r},${col}`] = typeof v === 'object' && 'formula' in v ? `=${v.formula}` : v;
        const fill = c.fill?.type === 'pattern' && c.fill.pattern === 'solid' ? c.fill.fgColor?.argb : undefined;
        if (fill) out[`${r},${col} fill`] = `#${fill.slice(-6).toUpperCase()}`;
        if (c.font?.bold) out[`${r},${col} bold`] = true;
      }),
    );
    return out;
  };

  test('values (formulas as text), fills and bold agree cell by cell; merges agree', async () => {
    const specs = twoLists();
    const xlsx = await XlsxGateway.load(await ledgerXlsx(specs));
    const host = new FakeExcelHost(ledgerFakeBook(specs), { apiVersion: '1.18' });
    const office = new OfficeWorkbookGateway({ host: host.officeHost });
    const p = await plans(xlsx);
    await office.readSheets();
    for (const plan of [p.ids, p.moves]) {
      await xlsx.apply(plan);
      await office.apply(plan);
    }
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await xlsx.save()) as unknown as ArrayBuffer);
    for (const name of ['重点线索', '签约项目']) {
      expect({ name, cells: view(host.book.sheet(name)!) }).toEqual({ name, cells: xview(back.getWorksheet(name)!) });
      expect([...host.book.sheet(name)!.merges].sort()).toEqual([...(back.getWorksheet(name)!.model as { merges: string[] }).merges].sort());
    }
    expect(host.book.value('签约项目', 7, 4)).toBe('=SUM(D4:D6)');
    expect(host.book.value('签约项目', 6, 2)).toBe('新能源电池隔膜项目');
    expect([...host.book.sheet('签约项目')!.notes.keys()]).toEqual([]);
  });
});
