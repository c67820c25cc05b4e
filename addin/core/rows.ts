/**
 * Row extraction: every data row of every list sheet, as raw cells by field. Blank rows, total rows
 * (合计/小计/总计), note and footer rows (注：…, 填报说明, 填报人：…) and rows holding only a 序号 are skipped.
 * Values stay raw: the server parses them, one parser for every client.
 */
import { isBlankCell, LIMITS, normalizeHeader, type FieldKey, type ListKey, type Message, type RawCell } from '../../contract';
import { cellAddress } from './a1';
import { cellText, type Grid } from './grid';
import type { SheetLayout } from './layout';
import { listFromName } from './layout';
import { MSG } from './messages';
import { oversizedRowIssue, refusedCellIssue } from './refused-cells';
import { DROPPED_STAGE_VALUES } from './sheet-names';

const DROPPED = new Set(DROPPED_STAGE_VALUES.map(normalizeHeader));

export interface RowIssue {
  /** The field whose cell is wrong; null for the whole row. */
  field: FieldKey | null;
  cell: string;
  message: Message;
  /** True when the row is not synced because of it. */
  blocking: boolean;
}

export interface LedgerRow {
  sheet: string;
  row: number;
  list: ListKey;
  /** The id already in the row, if any (trimmed text). */
  id: string | null;
  cells: Partial<Record<FieldKey, RawCell>>;
  units: Partial<Record<FieldKey, number>>;
  issues: RowIssue[];
}

const TOTAL = /^(合\s*计|小\s*计|总\s*计|共\s*计|汇\s*总|total|subtotal)/i;
const NOTE = /^(注|备注|说明|填报说明|填表说明|附注|note)\s*[:：\d.、]/i;
const FOOTER = /^(填报单位|填报人|填表人|审核人|审核|联系电话|制表|制表人|负责人|单位负责人)\s*[:：]/;
/** Columns (from the left of the sheet) in which a total label is looked for. */
const TOTAL_COLS = 4;

export interface ExtractResult {
  rows: LedgerRow[];
  skipped: { blank: number; total: number; note: number };
}

export function extractRows(layout: SheetLayout, cellErrors?: Map<string, string>): ExtractResult {
  const g = layout.grid;
  const out: ExtractResult = { rows: [], skipped: { blank: 0, total: 0, note: 0 } };
  const fieldCols = layout.columns;
  const labelCols = totalLabelCols(layout);
  const errors = cellErrors?.size ? cellErrors : undefined;
  for (let r = layout.dataTop; r <= g.bottom; r++) {
    const texts: string[] = [];
    for (let c = g.left; c <= g.right; c++) {
      const t = cellText(g.raw(r, c));
      if (t) texts.push(t);
    }
    if (texts.length === 0) {
      out.skipped.blank++;
      continue;
    }
    if (isTotal(g, labelCols, r)) {
      out.skipped.total++;
      continue;
    }
    if (FOOTER.test(texts[0]!) || (texts.length === 1 && (NOTE.test(texts[0]!) || texts[0]!.length > 30 && isBlankCell(g.raw(r, layout.colOf.name ?? 0))))) {
      out.skipped.note++;
      continue;
    }
    // A row with nothing but a 序号 (or other unmapped columns, or placeholders such as "—") holds no project.
    const hasField = fieldCols.some((m) => m.field !== 'id' && !isBlankCell(g.raw(r, m.col)));
    if (!hasField) {
      out.skipped.blank++;
      continue;
    }
    out.rows.push(readRow(layout, r, errors));
  }
  return out;
}

/** The columns a total label may sit in: the first few and the name column. */
function totalLabelCols(layout: SheetLayout): Set<number> {
  const g = layout.grid;
  const cols = new Set<number>();
  for (let c = g.left; c < g.left + TOTAL_COLS && c <= g.right; c++) cols.add(c);
  if (layout.colOf.name) cols.add(layout.colOf.name);
  return cols;
}

function isTotal(g: Grid, cols: ReadonlySet<number>, r: number): boolean {
  for (const c of cols) {
    const t = cellText(g.raw(r, c)).replace(/\s+/g, '');
    if (t.length <= 12 && TOTAL.test(t)) return true;
  }
  return false;
}

function readRow(layout: SheetLayout, r: number, cellErrors?: Map<string, string>): LedgerRow {
  const g = layout.grid;
  const issues: RowIssue[] = [];
  const cells: Partial<Record<FieldKey, RawCell>> = {};
  for (const { col, field } of layout.columns) {
    if (field === 'id') continue;
    // Merged data cells (a town merged over its projects) apply to every row they span.
    let v = g.filled(r, col);
    const err = cellErrors?.get(cellAddress(r, col));
    if (err) issues.push({ field, cell: cellAddress(r, col), message: MSG.cellError(err), blocking: false });
    // A long text is synced cut to the limit, unless its field refuses it even cut (所属单位: LIMITS.unitLength).
    const cut = typeof v === 'string' && v.length > LIMITS.stringLength ? v.slice(0, LIMITS.stringLength) : null;
    const refused = refusedCellIssue(field, cut ?? v, cellAddress(r, col));
    if (refused) {
      issues.push(refused);
      continue;
    }
    if (cut !== null) {
      v = cut;
      issues.push({ field, cell: cellAddress(r, col), message: MSG.tooLong(LIMITS.stringLength), blocking: false });
    }
    if (v !== null && v !== '') cells[field] = v;
  }
  let list = layout.list;
  if (list === null) {
    const stageCol = layout.stageCol!;
    const text = cellText(g.filled(r, stageCol));
    list = listFromName(text);
    if (!list && DROPPED.has(normalizeHeader(text))) {
      // 终止/暂停/放弃: a given-up project, synced as such (its status) from the first list.
      list = 'clue';
      if (cells.status === undefined) cells.status = text;
    }
    if (!list) issues.push({ field: null, cell: cellAddress(r, stageCol), message: MSG.unknownStage(text), blocking: true });
  }
  const oversized = oversizedRowIssue(cells, cellAddress(r, g.left));
  if (oversized) issues.push(oversized);
  // An id cell holding a placeholder ("—") has no id, as the server reads it: the row gets a new one.
  const idRaw = layout.newColumns.includes('id') ? null : g.raw(r, layout.ownedCols.id);
  const idText = isBlankCell(idRaw) ? '' : cellText(idRaw);
  return { sheet: layout.sheet, row: r, list: list ?? 'clue', id: idText || null, cells, units: layout.units, issues };
}
