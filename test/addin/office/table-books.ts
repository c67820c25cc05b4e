/**
 * The county ledger kept as Excel tables (test/fixtures/table-ledger.ts's lists), with or without a totals row, as an
 * .xlsx and as the same workbook on the fake Excel host (read from the .xlsx: values, formulas, fills, font colours,
 * bold, alignment, merged areas, tables), so both gateways start from one workbook.
 */
import ExcelJS from 'exceljs';
import { tableModels } from '../../../addin/xlsx/read';
import { FakeBook, type CellValue, type FakeCell } from '../../support/fake-excel';
import { TABLE_LISTS } from '../../fixtures/table-ledger';

const thin = { style: 'thin' } as const;

/** 重点线索 (with a 签约时间 column: its first clue signed on 2026.3.2) and 签约项目, each a table from row 2. */
export async function tableLedger(totals: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const spec of TABLE_LISTS) {
    const ws = wb.addWorksheet(spec.sheet);
    const clue = spec.sheet === '重点线索';
    const headers = ['序号', '项目名称', '投资方', '总投资（亿元）', spec.dateHeader, '所属单位', ...(clue ? ['签约时间'] : [])];
    const rows = spec.rows.map((r, i) => [...r, ...(clue ? [i === 0 ? '2026.3.2' : null] : [])]);
    ws.getCell('A1').value = spec.title;
    ws.mergeCells(1, 1, 1, headers.length);
    ws.getCell('A1').style = { font: { bold: true, size: 14 }, alignment: { horizontal: 'center' } };
    ws.addTable({
      name: spec.table,
      ref: 'A2',
      headerRow: true,
      totalsRow: totals,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: headers.map((name, i) => ({ name, filterButton: true, ...(totals && i === 0 ? { totalsRowLabel: '合计' } : totals && i === 3 ? { totalsRowFunction: 'sum' as const } : {}) })),
      rows,
    });
    const last = 2 + rows.length;
    for (let r = 3; r <= last; r++) for (let c = 1; c <= headers.length; c++) ws.getCell(r, c).style = { border: { top: thin, left: thin, bottom: thin, right: thin } };
    if (totals) ws.getCell(last + 1, 1).value = '合计';
    ws.getCell(last + (totals ? 3 : 2), 1).value = spec.note;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const hex = (argb: string | undefined) => (argb ? `#${argb.slice(-6).toUpperCase()}` : undefined);
const officeAlign = (a: string | undefined) => (a === undefined ? undefined : a === 'middle' ? 'Center' : a[0]!.toUpperCase() + a.slice(1));

/** The same workbook on the fake Excel host, read from the .xlsx as Excel would open it. */
export async function fakeBookFromXlsx(bytes: Uint8Array, name = '表格台账.xlsx'): Promise<FakeBook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const book = new FakeBook(name);
  for (const ws of wb.worksheets) {
    const sheet = book.addSheet(ws.name);
    // Empty cells too: a bold or filled empty cell (a total row's) is formatted in Excel as well.
    ws.eachRow({ includeEmpty: true }, (row, r) =>
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const v = cell.value;
        const value: CellValue =
          cell.type === ExcelJS.ValueType.Merge || v === null || v === undefined ? null
          : typeof v === 'object' && 'formula' in v ? `=${v.formula}`
          : typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('')
          : (v as CellValue);
        const fill = cell.fill?.type === 'pattern' && cell.fill.pattern === 'solid' ? hex(cell.fill.fgColor?.argb) : undefined;
        const out: FakeCell = { value, ...(typeof v === 'object' && v !== null && 'formula' in v ? { formula: true } : {}) };
        if (fill) out.fill = fill;
        const font = hex(cell.font?.color?.argb);
        if (font) out.font = font;
        if (cell.font?.bold) out.bold = true;
        const h = officeAlign(cell.alignment?.horizontal);
        const va = officeAlign(cell.alignment?.vertical);
        if (h) out.hAlign = h;
        if (va) out.vAlign = va;
        if (cell.alignment?.wrapText) out.wrap = true;
        if (value !== null || fill || font || out.bold || h || va || out.wrap) sheet.cells.set(`${r},${c}`, out);
      }),
    );
    sheet.merges = [...(ws.model as { merges: string[] }).merges];
    for (const t of tableModels(ws)) book.addTable(ws.name, t.name, t.tableRef, { showTotals: Boolean(t.totalsRow), showHeaders: t.headerRow !== false });
  }
  return book;
}
