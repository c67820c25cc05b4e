/** Reading an ExcelJS worksheet into a SheetSnapshot the way Excel reports cells. */
import ExcelJS from 'exceljs';
import type { RawCell } from '../../contract';
import type { SheetSnapshot, TableInfo } from '../core/gateway';

const MS_PER_DAY = 86_400_000;
/** Days from each date system's epoch to 1970-01-01. */
const UNIX_EPOCH_SERIAL = { 1900: 25569, 1904: 24107 } as const;

type Text = string | { richText: Array<{ text: string }> };
const plain = (t: Text | undefined): string =>
  t === undefined ? '' : typeof t === 'string' ? t : t.richText.map((r) => r.text).join('');

export function dateToSerial(d: Date, system: 1900 | 1904): number {
  return d.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL[system];
}

/**
 * A cell's value as Excel shows it: rich text → plain text, formulas → their cached result, dates → serial
 * numbers, hyperlinks → their text; the non-master cells of a merged area are empty (as in Office.js).
 * Error values come back as { error }.
 */
export function cellValue(cell: ExcelJS.Cell, system: 1900 | 1904): RawCell | { error: string } {
  const v = cell.value as unknown;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return null;
    case ExcelJS.ValueType.Date:
      return dateToSerial(v as Date, system);
    case ExcelJS.ValueType.RichText:
      return plain(v as Text);
    case ExcelJS.ValueType.Hyperlink:
      return plain((v as { text?: Text }).text);
    case ExcelJS.ValueType.Error:
      return { error: (v as { error: string }).error };
    case ExcelJS.ValueType.Formula: {
      const r = (v as { result?: unknown }).result;
      if (r === undefined || r === null) return null;
      if (r instanceof Date) return dateToSerial(r, system);
      if (typeof r === 'object' && 'error' in r) return { error: String((r as { error: unknown }).error) };
      if (typeof r === 'object' && 'richText' in r) return plain(r as Text);
      return r as RawCell;
    }
    default:
      return typeof v === 'object' && v !== null ? plain(v as Text) : (v as RawCell);
  }
}

export function readWorksheet(ws: ExcelJS.Worksheet, system: 1900 | 1904): SheetSnapshot {
  const cells: Array<{ row: number; col: number; value: RawCell | { error: string }; numFmt: string }> = [];
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const value = cellValue(cell, system);
      if (value === null || value === '') return;
      cells.push({ row: r, col: c, value, numFmt: cell.numFmt ?? '' });
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    });
  });
  const merges = Object.values((ws as unknown as { _merges: Record<string, { range: string }> })._merges).map((m) =>
    m.range.replace(/^.*!/, ''),
  );
  const visible = ws.state === 'visible' || ws.state === undefined;
  const tables = readTables(ws);
  const extra = tables.length ? { tables } : {};
  if (!cells.length) return { name: ws.name, top: 1, left: 1, values: [], numberFormats: [], merges, visible, ...extra };
  const values: RawCell[][] = Array.from({ length: bottom - top + 1 }, () => new Array<RawCell>(right - left + 1).fill(null));
  const numberFormats: string[][] = Array.from({ length: bottom - top + 1 }, () => new Array<string>(right - left + 1).fill(''));
  const cellErrors: SheetSnapshot['cellErrors'] = [];
  for (const c of cells) {
    if (typeof c.value === 'object' && c.value !== null) {
      cellErrors.push({ address: ws.getCell(c.row, c.col).address, error: c.value.error });
      continue;
    }
    values[c.row - top]![c.col - left] = c.value;
    numberFormats[c.row - top]![c.col - left] = c.numFmt;
  }
  return { name: ws.name, top, left, values, numberFormats, merges, visible, ...(cellErrors.length ? { cellErrors } : {}), ...extra };
}

/** ExcelJS's model of a table loaded from xl/tables/*.xml (or added with addTable). */
export interface TableModel {
  name: string;
  tableRef: string;
  totalsRow?: boolean;
  headerRow?: boolean;
  autoFilterRef?: string;
  columns: Array<{ name: string; filterButton?: boolean; totalsRowFunction?: string; totalsRowLabel?: string }>;
}

export function tableModels(ws: ExcelJS.Worksheet): TableModel[] {
  const tables = (ws as unknown as { tables?: Record<string, { table?: TableModel }> }).tables ?? {};
  return Object.values(tables).flatMap((t) => (t.table?.tableRef ? [t.table] : []));
}

/** The sheet's tables with a header row (a table without one holds no list). */
function readTables(ws: ExcelJS.Worksheet): TableInfo[] {
  return tableModels(ws)
    .filter((t) => t.headerRow !== false)
    .map((t) => ({ name: t.name, ref: t.tableRef, totalsRow: Boolean(t.totalsRow) }));
}
