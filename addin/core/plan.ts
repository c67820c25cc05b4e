/**
 * Turns sync results into a WritePlan: flag text and colours, reason text, errors (with cell addresses) in
 * the reason cell and as a note on it (a note on an empty cell is lost by some .xlsx writers), cleared
 * fills/notes for rows no longer flagged, and row moves for rows whose stage is now later than their list —
 * only when confirmed, otherwise reported as pending moves.
 */
import { FIELD_BY_KEY, normalizeHeader, type FieldKey, type FlagLevel, type ListKey, type Message, type RawCell, type SyncRowResult } from '../../contract';
import { cellAddress } from './a1';
import type { CellStyle, ColumnWrite, NoteWrite, RowMove, SheetPlan, WritePlan } from './gateway';
import { tableResize } from './tables';
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
  /** Days the step took (clue → signed, signed → landed, landed → producing), from the row's dates; null when unknown. */
  cycleDays: number | null;
}

export interface PlanOutcome {
  plan: WritePlan;
  red: number;
  yellow: number;
  errors: RowErrorReport[];
  /** Row warnings (possible duplicates): shown on the row like errors, but the row was stored — never counted as errors. */
  warnings: RowErrorReport[];
  moved: MoveReport[];
  pendingMoves: MoveReport[];
}

/** An unflagged row's cells lose the colours an earlier sync gave them. */
const CLEAR: CellStyle = { fill: null, font: null };
const refKey = (sheet: string, row: number) => `${sheet}\u0000${row}`;

interface SheetWrites {
  /** Canonical ids the backend matched rows to (their ID cell held an id it did not know). */
  id: Array<{ row: number; value: string | null }>;
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
    layouts.map((l) => [l.sheet, { id: [], flag: [], reason: [], stage: [], styles: new StyleGroups(), notes: [], extraColumns: [] }]),
  );
  const out: PlanOutcome = { plan: { sheets: [], moves: [], leaderSheets: [] }, red: 0, yellow: 0, errors: [], warnings: [], moved: [], pendingMoves: [] };
  // Moves are inserted after each target list's last project.
  const cursor = new Inserts(rows);
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
    const warnings = (result?.warnings ?? []).map((wn) => ({ field: 'name' as const, cell: cellFor(layout, row.row, 'name'), message: wn.message }));
    for (const wn of warnings) out.warnings.push({ sheet: row.sheet, row: row.row, ...wn });
    const warningText = warnings.map((wn) => `ℹ ${FIELD_BY_KEY.name[lang]}(${wn.cell}): ${wn.message[lang]}`);
    const reasonText = [...(result?.flag.reasons ?? []).map((r) => r.message[lang]), ...errorText, ...warningText].join('；') || null;
    const flagText = level === 'none' ? null : FLAG_STYLE[level][lang];
    const note = errorText.length || warningText.length ? [...errorText, ...warningText].join('\n') : null;
    const style = flagStyle(level) ?? CLEAR;

    const target = result?.targetList;
    if (result && target && target !== row.list) {
      const report: MoveReport = {
        id: result.id,
        name: cellText(row.cells.name ?? null),
        from: { sheet: row.sheet, row: row.row, list: row.list },
        to: { list: target, sheet: null, row: null },
        // The step's days when the server's transition is this very move (from the row's list to its target).
        cycleDays: result.transition?.from === row.list && result.transition.to === target ? result.transition.cycleDays : null,
      };
      const targetLayout = layout.list === null ? layout : sheetForList(layouts, target);
      if (confirmed(result.id) && targetLayout) {
        if (layout.list === null) {
          // One sheet with a stage column: moving means naming the new list in the stage cell.
          w.stage.push({ row: row.row, value: LISTS.find((l) => l.key === target)!.zh });
          report.to = { list: target, sheet: row.sheet, row: row.row };
        } else {
          const move = moveRow(layout, targetLayout, row, result.id, { flagText, reasonText: withCycle(reasonText, result, lang) }, cursor, extraCols, writes);
          // The moved row's colours and note go with the move: they are written after its row is inserted.
          const moved = new StyleGroups();
          moved.add(style, { row: move.to.row, col: targetLayout.ownedCols.flag });
          if (opts.tintName && targetLayout.colOf.name) moved.add(style, { row: move.to.row, col: targetLayout.colOf.name });
          move.styles = moved.list();
          if (note) move.notes = [{ row: move.to.row, col: targetLayout.ownedCols.reason, text: note }];
          out.plan.moves.push(move);
          report.to = { list: target, sheet: targetLayout.sheet, row: move.to.row };
          out.moved.push(report);
          continue; // the source row is deleted: nothing to write there
        }
        out.moved.push(report);
      } else out.pendingMoves.push(report);
    }

    // The row's id was unknown to the backend and matched to a stored project: the file takes its canonical id.
    if (result && result.id !== row.id) w.id.push({ row: row.row, value: result.id });
    w.flag.push({ row: row.row, value: flagText });
    w.reason.push({ row: row.row, value: reasonText });
    w.styles.add(style, { row: row.row, col: layout.ownedCols.flag });
    if (opts.tintName && layout.colOf.name) w.styles.add(style, { row: row.row, col: layout.colOf.name });
    w.notes.push({ row: row.row, col: layout.ownedCols.reason, text: note });
  }

  const renumbered = renumber(layouts, rows, out.plan.moves);
  for (const layout of layouts) {
    const w = writes.get(layout.sheet)!;
    const serials = renumbered.get(layout.sheet);
    const columns = [
      ...newHeaders(layout),
      ...runs(layout.ownedCols.id, w.id, formatSource(layout, 'id')),
      ...runs(layout.ownedCols.flag, w.flag, formatSource(layout, 'flag')),
      ...runs(layout.ownedCols.reason, w.reason, formatSource(layout, 'reason')),
      ...(layout.stageCol ? runs(layout.stageCol, w.stage) : []),
      ...w.extraColumns,
    ];
    const table = tableResize(layout, out.plan.moves, extraCols.get(layout.sheet));
    if (columns.length || w.styles.size || w.notes.length || serials || table) {
      out.plan.sheets.push({ sheet: layout.sheet, columns, styles: w.styles.list(), notes: w.notes, ...(serials ? { renumber: serials } : {}), ...(table ? { table } : {}) } satisfies SheetPlan);
    }
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
  cursor: Inserts,
  extraCols: Map<string, Map<string, number>>,
  writes: Map<string, SheetWrites>,
): RowMove {
  const g = source.grid;
  const { row: targetRow, formatRow, before } = cursor.take(target);
  const cells: Array<{ col: number; value: RawCell }> = [];
  const fieldOfCol = new Map(source.columns.map((c) => [c.col, c.field]));
  const ownedSource = new Set([source.ownedCols.id, source.ownedCols.flag, source.ownedCols.reason, source.stageCol]);
  const created: Array<{ col: number; from: number }> = [];
  for (let c = g.left; c <= g.right; c++) {
    if (ownedSource.has(c)) continue;
    const value = g.filled(row.row, c);
    if (isEmptyCell(value)) continue;
    const field = fieldOfCol.get(c);
    const header = source.headerText.get(c);
    // A row number means nothing in another sheet: the target's own 序号 is renumbered (renumber), never copied.
    if (c === source.serialCol || (!field && header && isSerialHeader(header))) continue;
    let col = field ? target.colOf[field] : header ? targetColByHeader(target, header) : undefined;
    // A column the target lacks gets a header the reader maps back: the field's own name, or the column's lowest
    // header cell (never a two-row composite such as 时间节点/计划开工, which matches no alias).
    if (col === undefined && header) {
      col = extraColumn(target, field ? FIELD_BY_KEY[field].zh : lowestHeader(header), extraCols, writes);
      // The new column's cell on the moved row looks like the row's other cells (borders, font): the last header column's.
      if (target.lastHeaderCol) created.push({ col, from: target.lastHeaderCol });
    }
    if (col !== undefined) cells.push({ col, value });
  }
  cells.push({ col: target.ownedCols.id, value: id });
  cells.push({ col: target.ownedCols.flag, value: owned.flagText });
  cells.push({ col: target.ownedCols.reason, value: owned.reasonText });
  const lastCol = Math.max(target.grid.right, target.ownedCols.id, target.ownedCols.flag, target.ownedCols.reason);
  return {
    id,
    from: { sheet: source.sheet, row: row.row },
    to: { sheet: target.sheet, row: targetRow },
    cells,
    insert: { ...(formatRow ? { formatRow } : {}), lastRow: Math.max(target.grid.bottom + before, targetRow), lastCol },
    ...(created.length ? { formats: created } : {}),
  };
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

/**
 * Where moved rows go: each inserted right after the target list's last project (and after the rows moved in
 * before it), so it lands above the list's total, subtotal, footnote and signature rows and inside their formulas'
 * ranges. It takes the formats of the list's last project row (an empty list has none: the row above is copied).
 */
class Inserts {
  /** Per sheet: the row after its last project, as read. */
  private readonly start = new Map<string, number>();
  private readonly next = new Map<string, number>();

  constructor(rows: LedgerRow[]) {
    for (const r of rows) this.start.set(r.sheet, Math.max(this.start.get(r.sheet) ?? 0, r.row + 1));
  }

  /** The next insert's row (counted after the earlier inserts), its format row, and how many rows went in before it. */
  take(target: SheetLayout): { row: number; formatRow?: number; before: number } {
    const start = this.start.get(target.sheet);
    const first = start ?? target.dataTop;
    const row = this.next.get(target.sheet) ?? first;
    this.next.set(target.sheet, row + 1);
    return { row, ...(start !== undefined ? { formatRow: start - 1 } : {}), before: row - first };
  }
}

/** The lowest (most specific) cell of a header read over two rows ("时间节点/计划开工" → "计划开工"). */
function lowestHeader(header: string): string {
  const parts = header.split('/');
  return parts[parts.length - 1] || header;
}

/** A moved row's reason text names how long the step took ("线索→签约 用时 45 天"), when the server knows. */
function withCycle(reason: string | null, result: SyncRowResult, lang: Lang): string | null {
  const cycle = cycleText(result, lang);
  if (!cycle) return reason;
  return reason ? `${cycle}；${reason}` : cycle;
}

/** "重点线索→签约项目 用时 45 天" / "Clue → Signed in 45 days"; null without a transition's cycle days. */
export function cycleText(result: Pick<SyncRowResult, 'transition'>, lang: Lang): string | null {
  const t = result.transition;
  if (!t || t.cycleDays === null || t.cycleDays === undefined) return null;
  return MSG.cycle(t.from, t.to, t.cycleDays)[lang];
}

/** A 序号 column holding exactly 1..n down a sheet's project rows. */
function plainSerial(layout: SheetLayout, rows: LedgerRow[]): number | undefined {
  const col = layout.serialCol;
  if (col === undefined || !rows.length) return undefined;
  const ok = rows.every((r, i) => {
    const v = layout.grid.raw(r.row, col);
    return (typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN) === i + 1;
  });
  return ok ? col : undefined;
}

/**
 * Renumbers 序号 where a sheet keeps a plain 1..n sequence: rows below a moved-out row count on from the row above
 * (written before the delete, at their rows as read), and rows moved in continue the sequence.
 */
function renumber(layouts: SheetLayout[], rows: LedgerRow[], moves: RowMove[]): Map<string, Array<{ col: number; top: number; values: number[] }>> {
  const out = new Map<string, Array<{ col: number; top: number; values: number[] }>>();
  for (const layout of layouts) {
    if (layout.list === null) continue;
    const mine = rows.filter((r) => r.sheet === layout.sheet).sort((a, b) => a.row - b.row);
    const col = plainSerial(layout, mine);
    if (col === undefined) continue;
    const gone = new Set(moves.filter((m) => m.from.sheet === layout.sheet).map((m) => m.from.row));
    const writes: Array<{ row: number; value: string | null; n: number }> = [];
    let n = 0;
    mine.forEach((r, i) => {
      if (gone.has(r.row)) return;
      n++;
      if (n !== i + 1) writes.push({ row: r.row, value: null, n });
    });
    for (const m of moves) if (m.to.sheet === layout.sheet) m.cells.push({ col, value: ++n });
    if (writes.length) {
      const serials: Array<{ col: number; top: number; values: number[] }> = [];
      for (const w of writes) {
        const last = serials[serials.length - 1];
        if (last && last.top + last.values.length === w.row) last.values.push(w.n);
        else serials.push({ col, top: w.row, values: [w.n] });
      }
      out.set(layout.sheet, serials);
    }
  }
  return out;
}
