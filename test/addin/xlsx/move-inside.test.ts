/**
 * Issue 16: a confirmed move puts the row inside its new list — after the last project, above the 合计 total, the
 * 注： footnote and the 填报人 signature — formatted like the list's rows, numbered on, inside the total's SUM; the
 * list it leaves is numbered 1..n again; a field the target lacks gets a header the next sync reads. Through the
 * .xlsx gateway on a real file; the Office gateway (fake Excel) gives the same sheets: test/addin/office/equivalence.test.ts.
 */
import ExcelJS from 'exceljs';
import { findLayouts } from '../../../addin/core';
import { XlsxGateway } from '../../../addin/xlsx';
import { ledgerXlsx, twoLists } from '../../fixtures/county-ledgers';
import { moveInsidePlans } from '../office/move-plans';

const plans = moveInsidePlans;

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
