/**
 * The list sheets' part of a write: owned columns (values, formats copied from a neighbour, widths), styles,
 * notes (ExcelApi 1.18; skipped on older hosts, where the reason cell carries the text), and row moves — the
 * moved rows' values at the end of their new lists, the source rows deleted last.
 */
import { colLetter } from '../core/a1';
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

/** Moved rows' values at the end of their new lists (source rows are deleted last, see deleteSteps). Returns the cells written. */
export function moveSteps(moves: RowMove[], steps: Step[]): number {
  let cells = 0;
  for (const m of moves) {
    const sorted = [...m.cells].sort((a, b) => a.col - b.col);
    // Consecutive columns go in one 1×n write.
    for (const { from, to } of runs(sorted.map((c) => c.col))) {
      const row = [sorted.slice(from, to + 1).map((c) => toExcelValue(c.value))];
      const address = `${colLetter(sorted[from]!.col)}${m.to.row}:${colLetter(sorted[to]!.col)}${m.to.row}`;
      steps.push({ bytes: jsonBytes(row) + COMMAND_BYTES, queue: (_ctx, sheet) => void (sheet(m.to.sheet).getRange(address).values = row) });
    }
    cells += m.cells.length;
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
