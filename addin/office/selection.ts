/**
 * "History of the selected row": where the clerk's active cell is, and what core needs to find that row's project
 * id — in one round trip. Excel cannot address a row before it knows which one, so instead of the whole sheet this
 * reads, relative to the active cell: its row's used cells, and the sheet's used cells in its first HEAD_ROWS rows
 * (where core's header detection looks). Which column holds 项目编号 is left to core (findLayouts), with the sheet
 * list for its choice of list sheets.
 */
import type { RawCell } from '../../contract';
import { cellAddress } from '../core/a1';
import { GatewayError, type SheetSnapshot } from '../core/gateway';
import { HEADER_SCAN_ROWS } from '../core/headers';
import { officeCode } from './errors';
import { officeHost, type OfficeHost } from './host';
import { toSnapshot } from './read';

/**
 * Rows read from the top of the sheet. Core looks for the header in the first HEADER_SCAN_ROWS rows of the used
 * range, plus a refining row and a units row below it; the rest allows for blank rows above a table.
 */
export const HEAD_ROWS = HEADER_SCAN_ROWS + 25;

export interface SelectedRow {
  /** The active sheet. */
  sheet: string;
  /** The active cell, e.g. "C7". */
  cell: string;
  row: number;
  /** Every sheet's name and visibility, in tab order: core picks the list sheets among them. */
  sheets: Array<{ name: string; visible: boolean }>;
  /** The active sheet's first rows and the selected row, as read (rows between them left empty). */
  snapshot: SheetSnapshot;
}

interface Block {
  values: unknown[][];
  rowIndex: number;
  columnIndex: number;
}

/** Needs ExcelApi 1.7 (getActiveCell); 1.4 for the used cells of a range. */
export async function readSelectedRow(host: OfficeHost = officeHost()): Promise<SelectedRow> {
  if (!host.isSetSupported('ExcelApi', '1.7')) {
    throw new GatewayError(
      'unknown',
      '此版本的 Excel 无法读取当前选中的单元格（需要 ExcelApi 1.7，即 Excel 2019 或 Microsoft 365）。请更新 Office。',
      'This version of Excel cannot read the selected cell (it needs ExcelApi 1.7: Excel 2019 or Microsoft 365). Please update Office.',
    );
  }
  try {
    return await host.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name,items/visibility');
      const cell = ctx.workbook.getActiveCell();
      cell.load('rowIndex,columnIndex');
      const ws = cell.worksheet;
      ws.load('name');
      const head = ws.getRange(`1:${HEAD_ROWS}`).getUsedRangeOrNullObject(true);
      head.load('values,rowIndex,columnIndex');
      const line = cell.getEntireRow().getUsedRangeOrNullObject(true);
      line.load('values,rowIndex,columnIndex');
      await ctx.sync();
      const block = (r: Excel.Range): Block | null => (r.isNullObject ? null : { values: r.values, rowIndex: r.rowIndex, columnIndex: r.columnIndex });
      const all = sheets.items.map((s) => ({ name: s.name, visible: s.visibility === 'Visible' }));
      const visibility = sheets.items.find((s) => s.name === ws.name)?.visibility ?? 'Visible';
      return {
        sheet: ws.name,
        cell: cellAddress(cell.rowIndex + 1, cell.columnIndex + 1),
        row: cell.rowIndex + 1,
        sheets: all,
        snapshot: toSnapshot(ws.name, visibility, combine(block(head), block(line))),
      };
    });
  } catch (error) {
    throw selectionFailed(error);
  }
}

/** Two blocks of a sheet as one rectangle-from-top-left for toSnapshot: gaps are empty rows, short rows padded. */
export function combine(head: Block | null, line: Block | null): Block | null {
  const blocks = [head, line].filter((b): b is Block => b !== null && b.values.length > 0);
  if (!blocks.length) return null;
  const rowIndex = Math.min(...blocks.map((b) => b.rowIndex));
  const columnIndex = Math.min(...blocks.map((b) => b.columnIndex));
  const values: unknown[][] = [];
  for (const b of blocks) {
    b.values.forEach((row, i) => {
      const at = (values[b.rowIndex - rowIndex + i] ??= []);
      row.forEach((v, j) => {
        const c = b.columnIndex - columnIndex + j;
        // The row's own read wins where both have the cell; blanks never hide a value.
        if (v !== '' && v !== null && v !== undefined) at[c] = v;
        else if (at[c] === undefined) at[c] = '';
      });
    });
  }
  for (let i = 0; i < values.length; i++) values[i] = Array.from(values[i] ?? [], (v) => (v === undefined ? '' : v)) as RawCell[];
  return { values, rowIndex, columnIndex };
}

function selectionFailed(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = officeCode(error);
  if (code === 'InvalidOperationInCellEditMode') {
    return new GatewayError('edit_mode', 'Excel 正在编辑单元格。请按 Enter 或 Esc 结束编辑后再查看历史。', 'Excel is editing a cell. Press Enter or Esc to finish editing, then ask for the history again.');
  }
  const detail = (error as { message?: string } | null)?.message ?? String(error);
  return new GatewayError('unknown', `读取所选单元格时 Excel 报错（${code || '未知'}）：${detail}`, `Excel raised an error reading the selected cell (${code || 'unknown'}): ${detail}`);
}
