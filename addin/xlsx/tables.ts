/**
 * Resizing an Excel table (Insert → Table) of an ExcelJS worksheet, as Excel's Table Design → Resize Table does: the
 * range (and its filter's, which stops above a totals row) becomes the new one, and each column the table takes in
 * is named by its header cell (a blank or repeated header gets Excel's "列N" / a number suffix, as Excel would).
 */
import type ExcelJS from 'exceljs';
import { parseArea } from '../core/a1';
import type { TableResize } from '../core/gateway';
import { tableModels } from './read';

export function resizeTable(ws: ExcelJS.Worksheet, resize: TableResize): void {
  const t = tableModels(ws).find((m) => m.name === resize.name);
  const area = parseArea(resize.ref);
  if (!t || !area) return;
  const width = area.right - area.left + 1;
  const names = new Set(t.columns.map((c) => c.name));
  const filter = t.columns[0]?.filterButton;
  for (let i = t.columns.length; i < width; i++) {
    const v = ws.getCell(area.top, area.left + i).value;
    let name = (typeof v === 'string' || typeof v === 'number' ? String(v) : '').trim() || `列${i + 1}`;
    for (let n = 2; names.has(name); n++) name = `${name}${n}`;
    names.add(name);
    t.columns.push({ name, ...(filter !== undefined ? { filterButton: filter } : {}), totalsRowFunction: 'none' });
  }
  t.columns.length = Math.min(t.columns.length, width);
  t.tableRef = resize.ref;
  if (t.autoFilterRef) t.autoFilterRef = filterRef(resize.ref, Boolean(t.totalsRow));
}

/** A table's filter covers its header and data rows, not its totals row. */
export function filterRef(ref: string, totalsRow: boolean): string {
  if (!totalsRow) return ref;
  return ref.replace(/(\d+)$/, (d) => String(Number(d) - 1));
}
