import ExcelJS from 'exceljs';
import { runSync, type SyncOutcome } from '../../../addin/app';
import { SETTINGS_SHEET } from '../../../addin/core';
import { XlsxGateway } from '../../../addin/xlsx';
import { fakeBackend } from '../../fixtures/fakeBackend';
import { messyWorkbook } from '../../fixtures/workbooks';

async function load(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

async function sync(bytes: Uint8Array, options = {}): Promise<{ bytes: Uint8Array; outcome: SyncOutcome }> {
  const gateway = await XlsxGateway.load(bytes);
  const outcome = await runSync({ gateway, api: { url: 'http://fake', token: 't', fetch: fakeBackend() }, options: { workbookName: 'ledger.xlsx', ...options } });
  return { bytes: await gateway.save(), outcome };
}

/** Everything about a cell a clerk could see or rely on. */
function describeCell(cell: ExcelJS.Cell) {
  return JSON.stringify({ value: cell.value, formula: cell.formula ?? null, style: cell.style, note: cell.note ?? null, dv: cell.dataValidation ?? null });
}

/** Cells that differ between two workbooks, outside the given owned columns (sheet → column numbers). */
function diff(a: ExcelJS.Workbook, b: ExcelJS.Workbook, owned: Record<string, number[]>): string[] {
  const out: string[] = [];
  for (const wa of a.worksheets) {
    if (wa.name === SETTINGS_SHEET) continue;
    const wbSheet = b.getWorksheet(wa.name);
    if (!wbSheet) {
      out.push(`${wa.name}: missing`);
      continue;
    }
    const rows = Math.max(wa.rowCount, wbSheet.rowCount);
    const cols = Math.max(wa.columnCount, wbSheet.columnCount);
    for (let r = 1; r <= rows; r++) {
      for (let c = 1; c <= cols; c++) {
        if (owned[wa.name]?.includes(c)) continue;
        const x = describeCell(wa.getCell(r, c));
        const y = describeCell(wbSheet.getCell(r, c));
        if (x !== y) out.push(`${wa.name}!${wa.getCell(r, c).address}: ${x} → ${y}`);
      }
    }
    const merges = (ws: ExcelJS.Worksheet) => JSON.stringify((ws.model as { merges: string[] }).merges.sort());
    if (merges(wa) !== merges(wbSheet)) out.push(`${wa.name}: merges ${merges(wa)} → ${merges(wbSheet)}`);
    for (let c = 1; c <= cols; c++) {
      if (owned[wa.name]?.includes(c)) continue;
      if (wa.getColumn(c).width !== wbSheet.getColumn(c).width) out.push(`${wa.name}: width of column ${c}`);
    }
    const cf = (ws: ExcelJS.Worksheet) => JSON.stringify((ws as unknown as { conditionalFormattings: unknown }).conditionalFormattings);
    if (cf(wa) !== cf(wbSheet)) out.push(`${wa.name}: conditional formats`);
  }
  return out;
}

describe('XlsxGateway round trip on a real .xlsx', () => {
  let original: Uint8Array;
  let first: { bytes: Uint8Array; outcome: SyncOutcome };
  let out: ExcelJS.Workbook;
  beforeAll(async () => {
    original = await messyWorkbook();
    first = await sync(original);
    out = await load(first.bytes);
  });

  it('finds both list sheets under their two-row / one-row headers', () => {
    expect(first.outcome.lists).toEqual([
      { sheet: '2026年签约项目台账', list: 'signed', rows: 4, headerRow: 2, nameColumn: 'B' },
      { sheet: '重点线索', list: 'clue', rows: 3, headerRow: 1, nameColumn: 'B' },
    ]);
    expect(first.outcome.skipped).toMatchObject({ total: 1, note: 1 });
  });

  it('writes flags with the preset fills and fonts, and reasons, into the right cells', () => {
    const ws = out.getWorksheet('2026年签约项目台账')!;
    // Owned columns appended right of H: 项目编号 I, 旗帜 J, 预警原因 K (headers in the top header row).
    expect([ws.getCell('I2').value, ws.getCell('J2').value, ws.getCell('K2').value]).toEqual(['项目编号', '旗帜', '预警原因']);
    expect(ws.getCell('J2').style.font?.bold).toBe(true); // formatted like the header beside it
    expect(ws.getCell('I4').value).toMatch(/^P-[2-9A-HJ-NP-Z]{8}$/);
    // Row 4: signed 2025-10-10 (serial 45940 < 46000) → red.
    expect(ws.getCell('J4').value).toBe('红旗');
    expect(ws.getCell('J4').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    expect(ws.getCell('J4').font?.color).toEqual({ argb: 'FF9C0006' });
    expect(ws.getCell('K4').value).toBe('签约超过180天未开工');
    expect(ws.getCell('J4').border).toEqual(ws.getCell('H4').border); // new columns take the ledger's cell borders
    // Row 5: no leader → yellow.
    expect(ws.getCell('J5').value).toBe('黄旗');
    expect(ws.getCell('J5').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } });
    expect(ws.getCell('J5').font?.color).toEqual({ argb: 'FF9C5700' });
    // Row 6: a bad date → the error with its cell, in the reason cell and as a note on the reason cell.
    expect(ws.getCell('J6').value).toBeNull();
    expect(ws.getCell('K6').value).toBe('⚠ 签约时间(D6): 无法识别的日期“2026年13月”');
    expect(ws.getCell('K6').note).toBe('⚠ 签约时间(D6): 无法识别的日期“2026年13月”');
    // Row 7: #N/A in 总投资 → synced as empty, reported on C7.
    expect(ws.getCell('K7').value).toBe('⚠ 总投资(C7): 单元格为错误值 #N/A，按空值同步');
    // Total and note rows get nothing.
    expect([ws.getCell('J8').value, ws.getCell('K8').value, ws.getCell('J9').value, ws.getCell('K9').value]).toEqual([null, null, null, null]);
  });

  it('reports errors naming sheet!cell and a duplicate id on the clue sheet', () => {
    expect(first.outcome.errors.map((e) => `${e.sheet}!${e.cell}`)).toEqual(['2026年签约项目台账!D6', '2026年签约项目台账!C7', '重点线索!A4']);
    const clue = out.getWorksheet('重点线索')!;
    expect(String(clue.getCell('G4').value)).toContain('重点线索!A2');
    expect(clue.getCell('A4').value).toBe('P-EXIST222'); // the clerk's duplicate is reported, not rewritten
  });

  it('changes no cell the add-in does not own (values, formulas, styles, notes, merges, widths, validation, conditional formats)', async () => {
    const before = await load(original);
    expect(diff(before, out, { '2026年签约项目台账': [9, 10, 11], 重点线索: [1, 6, 7] })).toEqual([]);
    // Owned id column on the clue sheet: only the empty id cell was filled.
    const clue = out.getWorksheet('重点线索')!;
    expect([clue.getCell('A2').value, clue.getCell('A4').value]).toEqual(['P-EXIST222', 'P-EXIST222']);
    expect(clue.getCell('A3').value).toMatch(/^P-/);
  });

  it('keeps the workbook id and mapping in a very hidden sheet', async () => {
    const ws = out.getWorksheet(SETTINGS_SHEET)!;
    expect(ws.state).toBe('veryHidden');
    const settings = await (await XlsxGateway.load(first.bytes)).readSettings();
    expect(settings.workbookId).toBe(first.outcome.workbookId);
    expect(settings.mapping).toEqual({ '2026年签约项目台账': 'signed', 重点线索: 'clue' });
  });

  it('a second sync of the output changes nothing and adds no column', async () => {
    const second = await sync(first.bytes);
    const again = await load(second.bytes);
    expect(second.outcome.workbookId).toBe(first.outcome.workbookId);
    expect(second.outcome.idsAssigned).toBe(0);
    expect(diff(out, again, {})).toEqual([]);
    expect(again.getWorksheet('2026年签约项目台账')!.columnCount).toBe(out.getWorksheet('2026年签约项目台账')!.columnCount);
  });

  it('moves a row into its new list (above its total and note) when confirmed, keeping its values', async () => {
    const wb = await load(original);
    wb.getWorksheet('重点线索')!.getCell('F1').value = '签约时间';
    wb.getWorksheet('重点线索')!.getCell('F3').value = 46020;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const pending = await sync(bytes);
    expect(pending.outcome.pendingMoves.map((m) => m.name)).toEqual(['预制菜加工']);
    const moved = await sync(bytes, { confirmMoves: true });
    const res = await load(moved.bytes);
    const signed = res.getWorksheet('2026年签约项目台账')!;
    // The signed list's row 8 is a total row, row 9 a note: the project is inserted above them, in row 8 — inside the list.
    expect(moved.outcome.moved[0]!.to).toEqual({ list: 'signed', sheet: '2026年签约项目台账', row: 8 });
    expect([signed.getCell('B8').value, signed.getCell('D8').value, signed.getCell('I8').value]).toEqual(['预制菜加工', 46020, moved.outcome.moved[0]!.id]);
    expect(signed.getCell('J8').value).toBe('黄旗');
    expect(String(signed.getCell('A9').value ?? signed.getCell('B9').value)).toMatch(/合\s*计/); // the total moved down
    const clue = res.getWorksheet('重点线索')!;
    expect(clue.getCell('B3').value).toBe('重复编号的项目'); // the source row is gone; the next one moved up
  });
});

describe('settings sheet', () => {
  it('settings longer than one cell piece survive a save and load; a damaged settings sheet reads as none', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('重点线索');
    const gateway = XlsxGateway.of(wb);
    const mapping = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`工作表${i}的一个很长的名字`, 'clue' as const]));
    await gateway.apply({ sheets: [], moves: [], leaderSheets: [], settings: { workbookId: 'W-LONG', mapping } });
    const saved = await load(await gateway.save());
    expect(saved.getWorksheet(SETTINGS_SHEET)!.getCell(2, 1).value).toEqual(expect.any(String)); // really in pieces
    expect(await (await XlsxGateway.load(await XlsxGateway.of(saved).save())).readSettings()).toEqual({ workbookId: 'W-LONG', mapping });

    saved.getWorksheet(SETTINGS_SHEET)!.getCell(1, 1).value = '{not json';
    expect(await XlsxGateway.of(saved).readSettings()).toEqual({});
  });
});
