/**
 * Turns sync results into a WritePlan: flag text and colours, reason text, errors (with cell addresses) in
 * the reason cell and as a note on it (a note on an empty cell is lost by some .xlsx writers), cleared
 * fills/notes for rows no longer flagged, and row moves for rows whose stage is now later than their list —
 * only when confirmed, otherwise reported as pending moves.
 */
import { FIELD_BY_KEY, normalizeHeader, type FieldKey, type FlagLevel, type ListKey, type Message, type RawCell, type SyncRowResult } from '../../contract';
import { cellAddress } from './a1';
import type { CellStyle, ColumnWrite, NoteWrite, RowMove, SheetPlan, WritePlan } from './gateway';
import { cellText, isEmptyCell } from './grid';
import { isSerialHeader } from './headers';
import { formatSource, newHeaders, runs } from './ids';
import { sheetForList, type SheetLayout } from './layout';
import { MSG } from './messages';
import type { Lang } from './leader-sheets/text';
import type { LedgerRow } from './rows';
import { flagStyle, StyleGroups } from './styles';
import { FLAG_STYLE } from './flag-style';
import { LISTS } from './sheet-names';

export type { Lang };

export interface PlanOptions {
  /** Move rows to their new list: true for all, or the ids the clerk confirmed. */
  confirmMoves?: boolean | readonly string[];
  /** The workbook's setting: move without asking. */
  autoMoveRows?: boolean;
  /** Also tint the project-name cell. */
  tintName?: boolean;
  /** Language of the text written into cells (zh by default). */
  lang?: Lang;
}

export interface RowErrorReport {
  sheet: string;
  row: number;
  /** A1 address of the offending cell (the row's first cell for row-level errors). */
  cell: string;
  field: FieldKey | null;
  message: Message;
}

export interface MoveReport {
  id: string;
  name: string;
  from: { sheet: string; row: number; list: ListKey };
  to: { list: ListKey; sheet: string | null; row: number | null };
}

export interface PlanOutcome {
  plan: WritePlan;
  red: number;
  yellow: number;
  errors: RowErrorReport[];
  moved: MoveReport[];
  pendingMoves: MoveReport[];
}

/** An unflagged row's cells lose the colours an earlier sync gave them. */
const CLEAR: CellStyle = { fill: null, font: null };
const refKey = (sheet: string, row: number) => `${sheet}\u0000${row}`;

interface SheetWrites {
  flag: Array<{ row: number; value: string | null }>;
  reason: Array<{ row: number; value: string | null }>;
  stage: Array<{ row: number; value: string | null }>;
  styles: StyleGroups;
  notes: NoteWrite[];
  extraColumns: ColumnWrite[];
}

export function buildPlan(
  layouts: SheetLayout[],
  rows: LedgerRow[],
  results: SyncRowResult[],
  opts: PlanOptions = {},
): PlanOutcome {
  return planRows(layouts, rows, rows, results, opts);
}

/**
 * The plan of confirmed moves alone: each of `moving` (a row of `rows`, with the server's answer from the last
 * sync in `results`) goes to the end of its new list exactly as buildPlan would move it — after the target
 * list's last project among `rows` — with its flag, reason and note. Nothing is written for any other row.
 * Rows whose new list has no sheet stay in `pendingMoves`.
 */
export function planMoves(
  layouts: SheetLayout[],
  rows: LedgerRow[],
  moving: LedgerRow[],
  results: SyncRowResult[],
  opts: Omit<PlanOptions, 'confirmMoves' | 'autoMoveRows'> = {},
): PlanOutcome {
  return planRows(layouts, rows, moving, results, { ...opts, confirmMoves: true });
}

/** Plans `planned` (all of `rows`, or some of them); moves append after each list's last project of `rows`. */
function planRows(
  layouts: SheetLayout[],
  rows: LedgerRow[],
  planned: LedgerRow[],
  results: SyncRowResult[],
  opts: PlanOptions,
): PlanOutcome {
  const lang = opts.lang ?? 'zh';
  const byRef = new Map(results.map((r) => [refKey(r.ref.sheet, r.ref.row), r]));
  const layoutOf = new Map(layouts.map((l) => [l.sheet, l]));
  const writes = new Map<string, SheetWrites>(
    layouts.map((l) => [l.sheet, { flag: [], reason: [], stage: [], styles: new StyleGroups(), notes: [], extraColumns: [] }]),
  );
  const out: PlanOutcome = { plan: { sheets: [], moves: [], leaderSheets: [] }, red: 0, yellow: 0, errors: [], moved: [], pendingMoves: [] };
  // Moves append after each target list's last project.
  const cursor = new Map<string, number>();
  for (const r of rows) cursor.set(r.sheet, Math.max(cursor.get(r.sheet) ?? 0, r.row + 1));
  const extraCols = new Map<string, Map<string, number>>();
  const confirmed = (id: string) =>
    opts.autoMoveRows === true || opts.confirmMoves === true || (Array.isArray(opts.confirmMoves) && opts.confirmMoves.includes(id));

  for (const row of planned) {
    const layout = layoutOf.get(row.sheet)!;
    const w = writes.get(row.sheet)!;
    const result = byRef.get(refKey(row.sheet, row.row));
    const level: FlagLevel = result?.flag.level ?? 'none';
    if (level === 'red') out.red++;
    if (level === 'yellow') out.yellow++;

    const errors = [
      ...row.issues.map((i) => ({ field: i.field, cell: i.cell, message: i.message })),
      ...(result?.errors ?? []).map((e) => ({ field: e.field, cell: cellFor(layout, row.row, e.field), message: e.message })),
    ];
    for (const e of errors) out.errors.push({ sheet: row.sheet, row: row.row, ...e });
    const errorText = errors.map((e) => `⚠ ${e.field ? FIELD_BY_KEY[e.field][lang] : MSG.rowLabel(row.row)[lang]}(${e.cell}): ${e.message[lang]}`);
    const reasonText = [...(result?.flag.reasons ?? []).map((r) => r.message[lang]), ...errorText].join('；') || null;
    const flagText = level === 'none' ? null : FLAG_STYLE[level][lang];
    const note = errorText.length ? errorText.join('\n') : null;
    const style = flagStyle(level) ?? CLEAR;

    const target = result?.targetList;
    if (result && target && target !== row.list) {
      const report: MoveReport = {
        id: result.id,
        name: cellText(row.cells.name ?? null),
        from: { sheet: row.sheet, row: row.row, list: row.list },
        to: { list: target, sheet: null, row: null },
      };
      const targetLayout = layout.list === null ? layout : sheetForList(layouts, target);
      if (confirmed(result.id) && targetLayout) {
        if (layout.list === null) {
          // One sheet with a stage column: moving means naming the new list in the stage cell.
          w.stage.push({ row: row.row, value: LISTS.find((l) => l.key === target)!.zh });
          report.to = { list: target, sheet: row.sheet, row: row.row };
        } else {
          const move = moveRow(layout, targetLayout, row, result.id, { flagText, reasonText }, cursor, extraCols, writes);
          const tw = writes.get(targetLayout.sheet)!;
          tw.styles.add(style, { row: move.to.row, col: targetLayout.ownedCols.flag });
          if (opts.tintName && targetLayout.colOf.name) tw.styles.add(style, { row: move.to.row, col: targetLayout.colOf.name });
          tw.notes.push({ row: move.to.row, col: targetLayout.ownedCols.reason, text: note });
          out.plan.moves.push(move);
          report.to = { list: target, sheet: targetLayout.sheet, row: move.to.row };
          out.moved.push(report);
          continue; // the source row is deleted: nothing to write there
        }
        out.moved.push(report);
      } else out.pendingMoves.push(report);
    }

    w.flag.push({ row: row.row, value: flagText });
    w.reason.push({ row: row.row, value: reasonText });
    w.styles.add(style, { row: row.row, col: layout.ownedCols.flag });
    if (opts.tintName && layout.colOf.name) w.styles.add(style, { row: row.row, col: layout.colOf.name });
    w.notes.push({ row: row.row, col: layout.ownedCols.reason, text: note });
  }

  for (const layout of layouts) {
    const w = writes.get(layout.sheet)!;
    const columns = [
      ...newHeaders(layout),
      ...runs(layout.ownedCols.flag, w.flag, formatSource(layout, 'flag')),
      ...runs(layout.ownedCols.reason, w.reason, formatSource(layout, 'reason')),
      ...(layout.stageCol ? runs(layout.stageCol, w.stage) : []),
      ...w.extraColumns,
    ];
    if (columns.length || w.styles.size || w.notes.length) out.plan.sheets.push({ sheet: layout.sheet, columns, styles: w.styles.list(), notes: w.notes } satisfies SheetPlan);
  }
  return out;
}

/** The cell an error names: the field's column, or the row's first column for row-level errors. */
function cellFor(layout: SheetLayout, row: number, field: FieldKey | null): string {
  const col = field === 'id' ? layout.ownedCols.id : field ? layout.colOf[field] : undefined;
  return cellAddress(row, col ?? layout.colOf.name ?? layout.grid.left);
}

/**
 * A move of one row to the end of the target list: every source value lands under the target column with the
 * same field (or the same header text); source columns the target lacks get a new header in the target.
 */
function moveRow(
  source: SheetLayout,
  target: SheetLayout,
  row: LedgerRow,
  id: string,
  owned: { flagText: string | null; reasonText: string | null },
  cursor: Map<string, number>,
  extraCols: Map<string, Map<string, number>>,
  writes: Map<string, SheetWrites>,
): RowMove {
  const g = source.grid;
  const targetRow = nextFreeRow(target, cursor);
  const cells: Array<{ col: number; value: RawCell }> = [];
  const fieldOfCol = new Map(source.columns.map((c) => [c.col, c.field]));
  const ownedSource = new Set([source.ownedCols.id, source.ownedCols.flag, source.ownedCols.reason, source.stageCol]);
  for (let c = g.left; c <= g.right; c++) {
    if (ownedSource.has(c)) continue;
    const value = g.filled(row.row, c);
    if (isEmptyCell(value)) continue;
    const field = fieldOfCol.get(c);
    const header = source.headerText.get(c);
    let col = field ? target.colOf[field] : header ? targetColByHeader(target, header) : undefined;
    // A row number means nothing in another sheet: it gets no column of its own there.
    if (col === undefined && header && !isSerialHeader(header)) col = extraColumn(target, header, extraCols, writes);
    if (col !== undefined) cells.push({ col, value });
  }
  cells.push({ col: target.ownedCols.id, value: id });
  cells.push({ col: target.ownedCols.flag, value: owned.flagText });
  cells.push({ col: target.ownedCols.reason, value: owned.reasonText });
  return { id, from: { sheet: source.sheet, row: row.row }, to: { sheet: target.sheet, row: targetRow }, cells };
}

function targetColByHeader(target: SheetLayout, header: string): number | undefined {
  const n = normalizeHeader(header);
  for (const [col, text] of target.headerText) if (normalizeHeader(text) === n) return col;
  return undefined;
}

/** A new column in the target sheet for a source column it lacks, right of everything else. */
function extraColumn(target: SheetLayout, header: string, extraCols: Map<string, Map<string, number>>, writes: Map<string, SheetWrites>): number {
  const mine = extraCols.get(target.sheet) ?? new Map<string, number>();
  extraCols.set(target.sheet, mine);
  const known = mine.get(header);
  if (known) return known;
  const col = Math.max(target.grid.right, target.ownedCols.id, target.ownedCols.flag, target.ownedCols.reason, ...mine.values()) + 1;
  mine.set(header, col);
  writes.get(target.sheet)!.extraColumns.push({ col, top: target.headerTop, values: [header], formatFrom: target.lastHeaderCol || undefined });
  return col;
}

/** The row after the target's last project, when it is empty; else below everything (after total rows). */
function nextFreeRow(target: SheetLayout, cursor: Map<string, number>): number {
  const g = target.grid;
  let r = cursor.get(target.sheet) ?? target.dataTop;
  const rowBlank = (row: number) => {
    for (let c = g.left; c <= g.right; c++) if (!isEmptyCell(g.raw(row, c))) return false;
    return true;
  };
  while (r <= g.bottom && !rowBlank(r)) r = g.bottom + 1;
  cursor.set(target.sheet, r + 1);
  return r;
}
