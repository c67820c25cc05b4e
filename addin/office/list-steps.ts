/**
 * The list sheets' part of a write: owned columns (values, formats copied from a neighbour, widths), styles,
 * notes (ExcelApi 1.18; skipped on older hosts, where the reason cell carries the text), and row moves — the
 * moved rows' values at the end of their new lists, the source rows deleted last.
 */
import { colLetter } from '../core/a1';
import { formulaAfterInsert } from '../core/formula-refs';
import type { NoteWrite, RowMove, SheetPlan, WritePlan } from '../core/gateway';
import { qualified, runs } from './addresses';
import { blocks, charsToPoints, COMMAND_BYTES, styleSteps, type Ctx, type Step } from './steps';
import { jsonBytes, toExcelValue } from './values';

/** Every sheet the plan writes to or moves rows between; each must exist and be unprotected before anything is written. */
export function listTargets(plan: WritePlan): string[] {
  return [...new Set([...plan.sheets.map((s) => s.sheet), ...plan.moves.flatMap((m) => [m.from.sheet, m.to.sheet])])];
}

const noteAddress = (sheet: string, n: NoteWrite) => qualified(sheet, `${colLetter(n.col)}${n.row}`);

/** Queues a load of every note the plan touches (with the pre-check), so the write knows which exist and what they say. */
export function probeNotes(ctx: Ctx, sheets: SheetPlan[]): Map<string, Excel.Note> {
  const probes = new Map<string, Excel.Note>();
  for (const s of sheets) {
    for (const n of s.notes) {
      const address = noteAddress(s.sheet, n);
      const note = ctx.workbook.notes.getItemOrNullObject(address);
      note.load('content');
      probes.set(address, note);
    }
  }
  return probes;
}

/** One list sheet's owned columns, styles and notes (notes: the probed ones; null when the host has no notes API). Returns the cells written. */
export function sheetSteps(s: SheetPlan, steps: Step[], notes: Map<string, Excel.Note> | null): number {
  let cells = 0;
  for (const c of s.columns) {
    const letter = colLetter(c.col);
    const bottom = c.top + c.values.length - 1;
    if (c.formatFrom !== undefined && c.values.length) {
      const from = colLetter(c.formatFrom);
      steps.push({
        bytes: COMMAND_BYTES,
        queue: (_ctx, sheet) => sheet(s.sheet).getRange(`${letter}${c.top}:${letter}${bottom}`).copyFrom(sheet(s.sheet).getRange(`${from}${c.top}:${from}${bottom}`), 'Formats'),
      });
    }
    if (c.width !== undefined) {
      const width = charsToPoints(c.width);
      steps.push({ bytes: COMMAND_BYTES, queue: (_ctx, sheet) => void (sheet(s.sheet).getRange(`${letter}:${letter}`).format.columnWidth = width) });
    }
    for (const block of blocks(c.values.map((v) => [toExcelValue(v)]))) {
      const top = c.top + block.offset;
      const address = `${letter}${top}:${letter}${top + block.rows.length - 1}`;
      steps.push({ bytes: block.bytes + COMMAND_BYTES, queue: (_ctx, sheet) => void (sheet(s.sheet).getRange(address).values = block.rows) });
    }
    cells += c.values.length;
  }
  for (const style of s.styles) steps.push(...styleSteps(s.sheet, style));
  for (const rn of s.renumber ?? []) {
    const address = `${colLetter(rn.col)}${rn.top}:${colLetter(rn.col)}${rn.top + rn.values.length - 1}`;
    const rows = rn.values.map((n) => [n]);
    steps.push({ bytes: jsonBytes(rows) + COMMAND_BYTES, queue: (_ctx, sheet) => void (sheet(s.sheet).getRange(address).values = rows) });
  }
  if (notes) {
    for (const n of s.notes) {
      const address = noteAddress(s.sheet, n);
      const existing = notes.get(address)!;
      steps.push({
        bytes: COMMAND_BYTES + jsonBytes(n.text ?? ''),
        queue: (ctx) => {
          if (!existing.isNullObject) {
            if (n.text === null) existing.delete();
            else if (existing.content !== n.text) existing.content = n.text;
          } else if (n.text !== null) ctx.workbook.notes.add(address, n.text);
        },
      });
    }
  }
  return cells;
}

/** The formulas at and below each insert, per sheet, loaded with the pre-check: their ranges may have to grow. */
export type TailProbes = Map<string, { top: number; left: number; range: Excel.Range }>;

/** Queues a load of the formulas from each sheet's first insert row down to the bottom of what the plan read. */
export function probeTails(ctx: Ctx, moves: RowMove[]): TailProbes {
  const areas = new Map<string, { top: number; bottom: number; right: number }>();
  const before = new Map<string, number>();
  for (const m of moves) {
    if (!m.insert) continue;
    const k = before.get(m.to.sheet) ?? 0;
    before.set(m.to.sheet, k + 1);
    const top = m.to.row - k; // as read: the earlier inserts of the plan are not there yet
    const a = areas.get(m.to.sheet);
    const bottom = m.insert.lastRow - k;
    areas.set(m.to.sheet, a ? { top: Math.min(a.top, top), bottom: Math.max(a.bottom, bottom), right: Math.max(a.right, m.insert.lastCol) } : { top, bottom, right: m.insert.lastCol });
  }
  const out: TailProbes = new Map();
  for (const [sheet, a] of areas) {
    const range = ctx.workbook.worksheets.getItem(sheet).getRange(`A${a.top}:${colLetter(a.right)}${Math.max(a.top, a.bottom)}`);
    range.load('formulas');
    out.set(sheet, { top: a.top, left: 1, range });
  }
  return out;
}

/**
 * Excel moves and widens references itself when a row is inserted, but a range that ends right above the new row
 * (a total's SUM over the list) stays as it was; the formulas at and below the inserts are rewritten with their
 * ranges grown, as the .xlsx gateway writes them (core/formula-refs).
 */
function tailFormulas(moves: RowMove[], tails: TailProbes): Array<{ sheet: string; row: number; col: number; formula: string }> {
  const cells: Array<{ sheet: string; row: number; col: number; formula: string; original: string }> = [];
  for (const [sheet, t] of tails) {
    (t.range.formulas as unknown[][]).forEach((row, i) =>
      row.forEach((f, j) => {
        if (typeof f === 'string' && f.startsWith('=')) cells.push({ sheet, row: t.top + i, col: t.left + j, formula: f, original: f });
      }),
    );
  }
  for (const m of moves) {
    if (!m.insert) continue;
    for (const c of cells) {
      c.formula = formulaAfterInsert(c.formula, c.sheet, m.to.sheet, m.to.row, c.sheet === m.to.sheet && c.row >= m.to.row);
      if (c.sheet === m.to.sheet && c.row >= m.to.row) c.row++;
    }
  }
  return cells.filter((c) => c.formula !== c.original);
}

/**
 * Moved rows: each inserted inside its new list (Insert → Entire row, formats of the list's last row, then its
 * values, colours and note), the totals' formulas grown over them; source rows are deleted last (deleteSteps).
 * Returns the cells written.
 */
export function moveSteps(moves: RowMove[], steps: Step[], tails: TailProbes = new Map()): number {
  let cells = 0;
  for (const m of moves) {
    if (m.insert) {
      const { row } = m.to;
      const formatRow = m.insert.formatRow;
      steps.push({
        bytes: COMMAND_BYTES * 2,
        queue: (_ctx, sheet) => {
          const ws = sheet(m.to.sheet);
          ws.getRange(`${row}:${row}`).insert('Down');
          // Whole rows: the formats (borders, fonts, number formats) and the row height of the list's last row.
          if (formatRow !== undefined) ws.getRange(`${row}:${row}`).copyFrom(ws.getRange(`${formatRow}:${formatRow}`), 'Formats');
        },
      });
    }
    const sorted = [...m.cells].sort((a, b) => a.col - b.col);
    // Consecutive columns go in one 1×n write.
    for (const { from, to } of runs(sorted.map((c) => c.col))) {
      const row = [sorted.slice(from, to + 1).map((c) => toExcelValue(c.value))];
      const address = `${colLetter(sorted[from]!.col)}${m.to.row}:${colLetter(sorted[to]!.col)}${m.to.row}`;
      steps.push({ bytes: jsonBytes(row) + COMMAND_BYTES, queue: (_ctx, sheet) => void (sheet(m.to.sheet).getRange(address).values = row) });
    }
    for (const f of m.formats ?? []) {
      const to = `${colLetter(f.col)}${m.to.row}`;
      const from = `${colLetter(f.from)}${m.to.row}`;
      steps.push({ bytes: COMMAND_BYTES, queue: (_ctx, sheet) => sheet(m.to.sheet).getRange(to).copyFrom(sheet(m.to.sheet).getRange(from), 'Formats') });
    }
    for (const style of m.styles ?? []) steps.push(...styleSteps(m.to.sheet, style));
    for (const n of m.notes ?? []) {
      // The inserted row is new: no note of the add-in's to update there.
      if (n.text !== null) steps.push({ bytes: COMMAND_BYTES + jsonBytes(n.text), queue: (ctx) => void ctx.workbook.notes.add(noteAddress(m.to.sheet, n), n.text!) });
    }
    cells += m.cells.length;
  }
  for (const f of tailFormulas(moves, tails)) {
    const formula = [[f.formula]];
    const address = `${colLetter(f.col)}${f.row}`;
    steps.push({ bytes: jsonBytes(formula) + COMMAND_BYTES, queue: (_ctx, sheet) => void (sheet(f.sheet).getRange(address).formulas = formula) });
  }
  return cells;
}

/** Source rows of moves, deleted bottom-up (so earlier row numbers stay valid), runs of rows at once. */
export function deleteSteps(moves: RowMove[], steps: Step[]): void {
  const bySheet = new Map<string, Set<number>>();
  for (const m of moves) bySheet.set(m.from.sheet, (bySheet.get(m.from.sheet) ?? new Set()).add(m.from.row));
  for (const [name, set] of bySheet) {
    const rows = [...set].sort((a, b) => a - b);
    for (const { from, to } of runs(rows).reverse()) {
      const address = `${rows[from]}:${rows[to]}`;
      steps.push({ bytes: COMMAND_BYTES, queue: (_ctx, sheet) => sheet(name).getRange(address).delete('Up') });
    }
  }
}

/**
 * Lists kept as Excel tables (SheetPlan.table), probed with the pre-check: whether each table still exists and, on a
 * host without table.resize (before ExcelApi 1.13), where it is now and what the columns the plan adds hold.
 */
export type TableProbes = Map<string, { exists: Excel.Table; table?: Excel.Range; added?: Excel.Range }>;

export function probeTables(ctx: Ctx, sheets: SheetPlan[], resize: boolean): TableProbes {
  const out: TableProbes = new Map();
  for (const s of sheets) {
    if (!s.table) continue;
    const exists = ctx.workbook.tables.getItemOrNullObject(s.table.name);
    exists.load('name');
    if (resize) {
      out.set(s.sheet, { exists });
      continue;
    }
    // No resize: columns.add appends the new columns instead, when the cells they take in are empty (created by this plan).
    const table = ctx.workbook.tables.getItem(s.table.name).getRange();
    table.load('rowIndex,columnIndex,rowCount,columnCount');
    const added = ctx.workbook.worksheets.getItem(s.sheet).getRange(s.table.ref);
    added.load('values,rowIndex,columnIndex');
    out.set(s.sheet, { exists, table, added });
  }
  return out;
}

/**
 * Lists kept as tables take in the owned columns and the columns moves created, and the rows moved in. With
 * table.resize (ExcelApi 1.13) the table is resized to the plan's range after the moves' inserts (a row inserted at a
 * totals row is inside the table already; one inserted right below a table without one is not, until the resize) and
 * before the source rows are deleted — queued by `resizeSteps`. Without it, `addColumnSteps` appends empty table
 * columns (table.columns.add) before the columns are written, for the columns the plan adds whose cells in the table's
 * rows are empty; the header writes then name them. Rows moved into a table without a totals row stay below it there.
 */
export function resizeSteps(sheets: SheetPlan[], probes: TableProbes, steps: Step[]): void {
  for (const s of sheets) {
    const t = s.table;
    if (!t || probes.get(s.sheet)?.exists.isNullObject !== false) continue;
    steps.push({ bytes: COMMAND_BYTES, queue: (ctx, sheet) => ctx.workbook.tables.getItem(t.name).resize(sheet(s.sheet).getRange(t.ref)) });
  }
}

export function addColumnSteps(sheets: SheetPlan[], probes: TableProbes, steps: Step[]): void {
  for (const s of sheets) {
    const t = s.table;
    const p = t && probes.get(s.sheet);
    if (!t || !p?.table || !p.added || p.exists.isNullObject) continue;
    const top = p.table.rowIndex;
    const bottom = top + p.table.rowCount - 1;
    const right = p.table.columnIndex + p.table.columnCount - 1;
    const values = p.added.values as unknown[][];
    const cell = (row: number, col: number) => values[row - p.added!.rowIndex]?.[col - p.added!.columnIndex];
    let count = 0;
    for (let c = right + 1; c <= p.added.columnIndex + (values[0]?.length ?? 0) - 1; c++) {
      let empty = true;
      for (let r = top; r <= bottom; r++) if (cell(r, c) !== '' && cell(r, c) !== undefined && cell(r, c) !== null) empty = false;
      if (!empty) break;
      count++;
    }
    for (let i = 0; i < count; i++) steps.push({ bytes: COMMAND_BYTES, queue: (ctx) => void ctx.workbook.tables.getItem(t.name).columns.add() });
  }
}
