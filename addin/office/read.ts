/** Reading sheets: used-range values → SheetSnapshots. */
import type { RawCell } from '../../contract';
import { cellAddress } from '../core/a1';
import type { SheetSnapshot, TableInfo } from '../core/gateway';

const EXCEL_ERROR = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!)$/;

/**
 * Office.js gives "" for empty cells and the error text ("#N/A") for error cells. Empty → null; errors → null
 * plus a cellErrors entry (a text cell that literally reads "#N/A" is taken for an error too: loading valueTypes
 * to tell them apart would nearly double the read payload).
 */
export function toSnapshot(
  name: string,
  visibility: string,
  used: { values: unknown[][]; rowIndex: number; columnIndex: number } | null,
  tables: TableInfo[] = [],
): SheetSnapshot {
  const extra = tables.length ? { tables } : {};
  if (!used) return { name, top: 1, left: 1, values: [], visible: visibility === 'Visible', ...extra };
  const top = used.rowIndex + 1;
  const left = used.columnIndex + 1;
  const cellErrors: Array<{ address: string; error: string }> = [];
  const values = used.values.map((row, i) =>
    row.map((v, j): RawCell => {
      if (v === '' || v === undefined || v === null) return null;
      if (typeof v === 'string' && EXCEL_ERROR.test(v)) {
        cellErrors.push({ address: cellAddress(top + i, left + j), error: v });
        return null;
      }
      return v as RawCell;
    }),
  );
  return { name, top, left, values, visible: visibility === 'Visible', ...(cellErrors.length ? { cellErrors } : {}), ...extra };
}

/** A table as loaded (name, showHeaders, showTotals, worksheet/name; its range's position and size). */
export interface LoadedTable {
  name: string;
  sheet: string;
  showHeaders: boolean;
  showTotals: boolean;
  range: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number };
}

/** Tables by sheet name, as TableInfo (A1 ref header row to totals row); a table without a header row holds no list. */
export function tablesBySheet(tables: LoadedTable[]): Map<string, TableInfo[]> {
  const out = new Map<string, TableInfo[]>();
  for (const t of tables) {
    if (!t.showHeaders) continue;
    const { rowIndex, columnIndex, rowCount, columnCount } = t.range;
    const ref = `${cellAddress(rowIndex + 1, columnIndex + 1)}:${cellAddress(rowIndex + rowCount, columnIndex + columnCount)}`;
    out.set(t.sheet, [...(out.get(t.sheet) ?? []), { name: t.name, ref, totalsRow: t.showTotals }]);
  }
  return out;
}
