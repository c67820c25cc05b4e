/**
 * A row move through XlsxGateway on a real .xlsx, read back with ExcelJS: the source row is deleted as Excel
 * deletes a row — everything below moves up one row (values, styles, notes, merged areas, validation,
 * conditional formats, hidden rows, formulas and the references to them); areas spanning the row shrink.
 */
import ExcelJS from 'exceljs';
import { EMPTY_PLAN, type WritePlan } from '../../../addin/core';
import { XlsxGateway } from '../../../addin/xlsx';

async function load(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const RED = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } as const;

/**
 * 重点线索: header row 1, projects in rows 2–10 (B name, C amount), totals in row 11; row 3 is the one that moves.
 * Below it: a note, merged cells, validation, conditional formats, a hidden row, a shared formula.
 */
async function ledger(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('重点线索');
  ws.addRow(['序号', '项目名称', '总投资（亿元）', '备注', '', '阶段', '', '翻倍']);
  for (let i = 1; i <= 9; i++) ws.addRow([i, `项目${i}`, i * 1.5]);
  ws.getCell('A11').value = '合计';
  ws.getCell('C11').value = { formula: 'SUM(C2:C10)', result: 67.5 };
  ws.getCell('B3').note = '要搬走的行';
  ws.getCell('B6').note = '第5个项目：用地待定';
  ws.getCell('D5').value = 'merged';
  ws.getCell('D5').style = { border: { top: { style: 'thin' } } };
  ws.mergeCells('D5:E5');
  ws.getCell('E5').style = { border: { right: { style: 'thin' } } }; // after merging, which copies D5's style
  ws.getCell('E2').value = '跨行';
  ws.mergeCells('E2:E4'); // spans the deleted row: shrinks to E2:E3
  ws.getCell('D8').value = '竖';
  ws.mergeCells('D8:D9');
  for (let r = 4; r <= 8; r++) ws.getCell(r, 6).dataValidation = { type: 'list', allowBlank: true, formulae: ['"线索,签约"'] };
  // A validation kept as one range (as set through the API), not cell by cell as ExcelJS loads them.
  (ws as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }).dataValidations.add('G2:G10', { type: 'whole', operator: 'greaterThan', formulae: [0] } as ExcelJS.DataValidation);
  ws.addConditionalFormatting({ ref: 'C5:C9', rules: [{ type: 'expression', priority: 1, formulae: ['C5>10'], style: { fill: RED } }] });
  ws.addConditionalFormatting({ ref: 'A2:A10', rules: [{ type: 'expression', priority: 2, formulae: ['$C2>12'], style: { fill: RED } }] });
  ws.addConditionalFormatting({ ref: 'B3', rules: [{ type: 'expression', priority: 3, formulae: ['TRUE'], style: { fill: RED } }] });
  ws.getRow(9).hidden = true;
  ws.fillFormula('H2:H10', 'C2*2', (r) => (r - 1) * 3);
  ws.autoFilter = 'A1:H10';
  const table = wb.addWorksheet('落地项目');
  table.addTable({ name: 'Landed', ref: 'A1', columns: [{ name: '项目名称' }, { name: '总投资' }], rows: Array.from({ length: 6 }, (_, i) => [`落地${i + 1}`, i]) });
  const signed = wb.addWorksheet('签约项目');
  signed.addRow(['序号', '项目名称', '总投资（亿元）']);
  signed.getCell('E1').value = { formula: '重点线索!C11', result: 67.5 };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const movePlan: WritePlan = {
  ...EMPTY_PLAN,
  moves: [
    { id: 'P-MOVED001', from: { sheet: '重点线索', row: 3 }, to: { sheet: '签约项目', row: 2 }, cells: [{ col: 2, value: '项目2' }, { col: 3, value: 3 }] },
    { id: 'P-MOVED002', from: { sheet: '落地项目', row: 4 }, to: { sheet: '签约项目', row: 3 }, cells: [{ col: 2, value: '落地3' }] },
  ],
};

describe('a row move deletes the source row as Excel does (.xlsx)', () => {
  let ws: ExcelJS.Worksheet;
  let signed: ExcelJS.Worksheet;
  let landed: ExcelJS.Worksheet;

  beforeAll(async () => {
    const gw = await XlsxGateway.load(await ledger());
    await gw.apply(movePlan);
    const back = await load(await gw.save());
    ws = back.getWorksheet('重点线索')!;
    signed = back.getWorksheet('签约项目')!;
    landed = back.getWorksheet('落地项目')!;
  });

  test('values and the moved row: the project is in its new list, gone from the old, rows below moved up', () => {
    expect([signed.getCell('B2').value, signed.getCell('C2').value]).toEqual(['项目2', 3]);
    expect(Array.from({ length: 9 }, (_, i) => ws.getCell(i + 2, 2).value)).toEqual(['项目1', '项目3', '项目4', '项目5', '项目6', '项目7', '项目8', '项目9', null]);
    expect(ws.getCell('A10').value).toBe('合计');
  });

  test('notes move up with their cells; the deleted row takes its note with it', () => {
    expect(ws.getCell('B5').note).toBe('第5个项目：用地待定');
    expect(ws.getCell('B6').note).toBeUndefined();
    expect(ws.getCell('B3').note).toBeUndefined();
  });

  test('merged areas below move up (value in the master only, every cell keeps its border); one spanning the row shrinks', () => {
    const merges = [...(ws.model as { merges: string[] }).merges].sort();
    expect(merges).toEqual(['D4:E4', 'D7:D8', 'E2:E3']);
    expect([ws.getCell('D4').value, ws.getCell('E4').type]).toEqual(['merged', ExcelJS.ValueType.Merge]);
    expect(ws.getCell('D4').border).toEqual({ top: { style: 'thin' } });
    expect(ws.getCell('E4').border).toEqual({ right: { style: 'thin' } });
    expect(ws.getCell('D7').value).toBe('竖');
    expect(ws.getCell('E2').value).toBe('跨行');
    expect([ws.getCell('D5').value, ws.getCell('E5').value]).toEqual([null, null]);
  });

  test('data validation moves up; a range spanning the deleted row shrinks', () => {
    const list = (r: number) => ws.getCell(r, 6).dataValidation?.type ?? null;
    expect([2, 3, 4, 5, 6, 7, 8].map(list)).toEqual([null, 'list', 'list', 'list', 'list', 'list', null]);
    const whole = (r: number) => ws.getCell(r, 7).dataValidation?.type ?? null;
    expect([1, 2, 9, 10].map(whole)).toEqual([null, 'whole', 'whole', null]);
  });

  test('conditional formats move up with their formulas; spanning ones shrink; one only on the deleted row goes', () => {
    const cfs = (ws as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ formulae?: string[] }> }> }).conditionalFormattings;
    expect(cfs.map((cf) => [cf.ref, cf.rules[0]!.formulae])).toEqual([
      ['C4:C8', ['C4>10']],
      ['A2:A9', ['$C2>12']],
    ]);
  });

  test('formulas follow: the total sums one row fewer, a reference from another sheet follows it, shared formulas stay right', () => {
    expect(ws.getCell('C10').value).toMatchObject({ formula: 'SUM(C2:C9)' });
    expect(signed.getCell('E1').value).toMatchObject({ formula: '重点线索!C10' });
    expect(Array.from({ length: 8 }, (_, i) => ws.getCell(i + 2, 8).formula)).toEqual(['C2*2', 'C3*2', 'C4*2', 'C5*2', 'C6*2', 'C7*2', 'C8*2', 'C9*2']);
  });

  test('a hidden row stays hidden; the filter range shrinks', () => {
    expect(ws.getRow(8).hidden).toBe(true);
    expect(ws.getRow(9).hidden).toBe(false);
    expect(ws.autoFilter).toBe('A1:H9');
  });

  test('a ledger formatted as a table: the table loses the row (its range and filter shrink)', () => {
    const model = (landed as unknown as { tables: Record<string, { table: { tableRef: string; autoFilterRef?: string } }> }).tables.Landed!.table;
    expect(model.tableRef).toBe('A1:B6');
    expect(model.autoFilterRef).toBe('A1:B6');
    expect(Array.from({ length: 6 }, (_, i) => landed.getCell(i + 2, 1).value)).toEqual(['落地1', '落地2', '落地4', '落地5', '落地6', null]);
  });
});
