/**
 * Deleting whole rows of ExcelJS worksheets the way Excel's "delete row" does. ExcelJS's own spliceRows moves
 * only values, styles and heights: notes stay behind or vanish, merged areas below break (a slave cell gets the
 * master's value), hidden rows unhide, and data validation, conditional formats, formulas, print areas and
 * filters keep pointing at the old rows. Here every row below moves up whole (its cell models: values,
 * formulas, styles, notes; height, hidden, outline level), merged areas, validations and conditional formats
 * below move up and those spanning a deleted row shrink, and formulas in every sheet follow (shift.ts).
 * Tables ("Format as Table") shrink too, and pictures follow their "move and size" properties (move-images.ts).
 * Manual page breaks are not moved: ExcelJS 4.4 does not read them (a loaded workbook has none; the saved copy
 * loses them whether or not rows are deleted). Charts are not kept by ExcelJS at all (unkept.ts).
 */
import ExcelJS from 'exceljs';
import { cellAddress, colNumber } from '../core/a1';
import { moveImages } from './move-images';
import { filterRef } from './tables';
import { formulaAfterInsert } from '../core/formula-refs';
import { RowDeletion, RowInsertion, shiftFormula, type FormulaShift, type RowShift } from './shift';

/** ExcelJS internals used here (stable across 4.x, untyped): a sheet's rows, its merges, its validations. */
interface Internals {
  _rows: Array<ExcelJS.Row | undefined>;
  _merges: Record<string, { top: number; left: number; bottom: number; right: number }>;
  dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> };
  conditionalFormattings: Array<{ ref: string; rules: Array<{ formulae?: unknown[] }> }>;
}
type CellModel = { address: string; type: number; master?: string; formula?: string; sharedFormula?: string; shareType?: string; ref?: string; result?: unknown };
type RowModel = { number: number; cells: CellModel[]; height?: number; hidden?: boolean; outlineLevel?: number; style?: object };

const internals = (ws: ExcelJS.Worksheet) => ws as unknown as Internals;

/** Deletes the given rows (sheet name → row numbers) from the workbook's sheets, everything below moving up. */
export function deleteRows(workbook: ExcelJS.Workbook, rows: Map<string, number[]>): void {
  const shifts: FormulaShift[] = [];
  for (const [sheet, list] of rows) if (list.length) shifts.push({ sheet: workbook.getWorksheet(sheet)!.name, deletion: new RowDeletion(list) });
  if (!shifts.length) return;
  for (const ws of workbook.worksheets) followFormulas(ws, shifts);
  for (const { sheet, deletion } of shifts) {
    const ws = workbook.getWorksheet(sheet)!;
    const merges = takeMerges(ws, deletion);
    moveImages(ws, deletion); // before the rows move: it measures the rows as they were
    moveRows(ws, deletion);
    for (const m of merges) ws.mergeCellsWithoutStyle(m.top, m.left, m.bottom, m.right);
    shiftValidations(ws, deletion);
    shiftConditionalFormats(ws, deletion);
    shiftPageSetup(ws, deletion);
    shiftTables(ws, deletion);
    // Defined names: ExcelJS keeps them in per-sheet cell matrices it knows how to splice (bottom-up).
    const names = workbook.definedNames as unknown as { spliceRows(sheet: string, start: number, remove: number, insert: number): void };
    for (const r of [...deletion.rows].reverse()) names.spliceRows(ws.name, r, 1, 0);
  }
}

/**
 * Excel's Insert → Entire row at `at` on one sheet: every row from it down moves down one (cell models, heights),
 * merged areas, validations, conditional formats, print settings, tables and pictures below move down and those
 * spanning the row grow, and every formula of the workbook follows. A formula at or below `at` on that sheet (a
 * total row) also grows a range ending right above the new row (a SUM over the list takes in the new last row).
 * The new row takes the formats and height of `formatRow` (a row above `at`), or of the row above, as Excel's
 * "format same as above".
 */
export function insertRow(workbook: ExcelJS.Workbook, sheet: string, at: number, formatRow = at - 1): void {
  const ws = workbook.getWorksheet(sheet)!;
  const insertion = new RowInsertion(at);
  for (const other of workbook.worksheets) {
    const home = other.name === ws.name;
    rewriteFormulas(
      other,
      (text, row) => formulaAfterInsert(text, other.name, ws.name, at, home && row >= at),
      (ref) => (home ? insertion.ref(ref) : ref),
      (text) => formulaAfterInsert(text, other.name, ws.name, at),
    );
  }
  const merges = takeMerges(ws, insertion);
  moveImagesDown(ws, at);
  moveRows(ws, insertion);
  for (const m of merges) ws.mergeCellsWithoutStyle(m.top, m.left, m.bottom, m.right);
  shiftValidations(ws, insertion);
  shiftConditionalFormats(ws, insertion);
  shiftPageSetup(ws, insertion);
  shiftTables(ws, insertion);
  const names = workbook.definedNames as unknown as { spliceRows(sheet: string, start: number, remove: number, insert: number): void };
  names.spliceRows(ws.name, at, 0, 1);
  if (formatRow >= 1) {
    const from = ws.getRow(formatRow);
    const to = ws.getRow(at);
    if (from.height) to.height = from.height;
    from.eachCell({ includeEmpty: true }, (cell, col) => {
      to.getCell(col).style = structuredClone(cell.style ?? {});
    });
  }
}

/** Pictures anchored at or below an inserted row move down one row (those set not to move with cells stay). */
function moveImagesDown(ws: ExcelJS.Worksheet, at: number): void {
  const media = (ws as unknown as { _media: Array<{ range?: { tl: { nativeRow: number }; br?: { nativeRow: number }; editAs?: string } }> })._media ?? [];
  for (const m of media) {
    const r = m.range;
    if (!r || r.editAs === 'absolute') continue;
    if (r.tl.nativeRow + 1 >= at) r.tl.nativeRow++;
    if (r.br && r.editAs !== 'oneCell' && r.br.nativeRow + 1 >= at) r.br.nativeRow++;
  }
}

/**
 * Rewrites every formula that refers to a sheet losing rows. Shared formulas of the workbook become plain ones
 * first (their text is read before anything moves): a shared group's cells would otherwise derive their text
 * from a master that moved, was deleted or now reads differently than its neighbours.
 */
function followFormulas(ws: ExcelJS.Worksheet, shifts: FormulaShift[]): void {
  const own = shifts.find((s) => s.sheet === ws.name);
  rewriteFormulas(
    ws,
    (text) => shifts.reduce((t, s) => shiftFormula(t, ws.name, s), text),
    (ref) => (own ? own.deletion.ref(ref) : ref),
    (f) => shifts.reduce((t, s) => shiftFormula(t, ws.name, s, true), f),
  );
}

/**
 * Every formula of a sheet through `cell` (given the formula's row), array ranges through `arrayRef`, validation
 * and conditional-format formulas through `anchored`; shared formulas become plain ones.
 */
function rewriteFormulas(
  ws: ExcelJS.Worksheet,
  cellFormula: (text: string, row: number) => string,
  arrayRef: (ref: string) => string | null,
  anchoredFormula: (text: string) => string,
): void {
  const rewrites: Array<{ cell: ExcelJS.Cell; value: ExcelJS.CellFormulaValue }> = [];
  for (const row of internals(ws)._rows) {
    if (!row) continue;
    row.eachCell((cell) => {
      if (cell.type !== ExcelJS.ValueType.Formula) return;
      const value = cell.value as ExcelJS.CellFormulaValue & { sharedFormula?: string; shareType?: string; ref?: string };
      const text = cell.formula; // a shared group's member: its own text, translated from the master's
      const shifted = cellFormula(text, Number(cell.row));
      const shared = value.sharedFormula !== undefined || value.shareType === 'shared';
      if (!shared && shifted === text) return;
      const next: ExcelJS.CellFormulaValue & { shareType?: string; ref?: string } = { formula: shifted, result: value.result };
      if (value.shareType === 'array' && value.ref) {
        const ref = arrayRef(value.ref);
        if (ref) Object.assign(next, { shareType: 'array', ref });
      }
      rewrites.push({ cell, value: next });
    });
  }
  for (const { cell, value } of rewrites) cell.value = value;
  // Validation lists and conditional-format rules may point at other sheets' rows too.
  const anchored = (f: unknown) => (typeof f === 'string' ? anchoredFormula(f) : f);
  const dv = internals(ws).dataValidations.model;
  const seen = new Map<object, object>();
  for (const [address, v] of Object.entries(dv)) {
    if (!v?.formulae) continue;
    if (!seen.has(v)) seen.set(v, { ...v, formulae: v.formulae.map(anchored) });
    dv[address] = seen.get(v) as ExcelJS.DataValidation;
  }
  for (const cf of internals(ws).conditionalFormattings) {
    for (const rule of cf.rules) if (rule.formulae) rule.formulae = rule.formulae.map(anchored);
  }
}

/** Merged areas reaching the deleted rows or below: removed from the sheet, returned as they will be (1×1 dropped). */
function takeMerges(ws: ExcelJS.Worksheet, deletion: RowShift) {
  const merges = internals(ws)._merges;
  const out: Array<{ top: number; left: number; bottom: number; right: number }> = [];
  for (const [master, m] of Object.entries(merges)) {
    if (m.bottom < deletion.first) continue;
    delete merges[master];
    const shifted = deletion.area({ top: m.top, left: m.left, bottom: m.bottom, right: m.right });
    if (shifted && (shifted.bottom > shifted.top || shifted.right > shifted.left)) out.push(shifted);
  }
  return out;
}

/**
 * Rebuilds the rows from the first deleted one down from their models at their new numbers. A merged area's
 * other cells come back as plain (empty, styled) cells; takeMerges' areas are merged again afterwards.
 */
function moveRows(ws: ExcelJS.Worksheet, deletion: RowShift): void {
  const rows = internals(ws)._rows;
  const tail = rows.splice(deletion.first - 1);
  tail.forEach((row, i) => {
    const number = deletion.first + i;
    if (!row) return;
    const target = deletion.row(number);
    if (target === null) return;
    const model = (row.model as RowModel | null) ?? { number, cells: [], height: row.height, hidden: row.hidden, outlineLevel: row.outlineLevel, style: (row as unknown as { style: object }).style };
    if (!model.cells.length && !model.height && !model.hidden && !model.outlineLevel && !Object.keys(model.style ?? {}).length) return;
    model.number = target;
    for (const cell of model.cells) {
      cell.address = cellAddress(target, colNumber(cell.address.replace(/\d+$/, '')));
      if (cell.type === ExcelJS.ValueType.Merge) {
        cell.type = ExcelJS.ValueType.Null;
        delete cell.master;
      }
    }
    (ws.getRow(target) as unknown as { model: RowModel }).model = model;
  });
}

/** Data validation is kept per cell (ExcelJS expands ranges on load) or per range where set so. */
function shiftValidations(ws: ExcelJS.Worksheet, deletion: RowShift): void {
  const dv = internals(ws).dataValidations;
  const next: Record<string, ExcelJS.DataValidation> = {};
  for (const [address, v] of Object.entries(dv.model)) {
    if (!v) continue;
    const shifted = deletion.ref(address);
    if (shifted) next[shifted] = v;
  }
  dv.model = next;
}

function shiftConditionalFormats(ws: ExcelJS.Worksheet, deletion: RowShift): void {
  const cfs = internals(ws);
  cfs.conditionalFormattings = cfs.conditionalFormattings.flatMap((cf) => {
    const ref = deletion.ref(cf.ref);
    return ref ? [{ ...cf, ref }] : [];
  });
}

/** Print area ("A1:L80", several joined by &&), print title rows ("1:2") and the auto filter's range. */
function shiftPageSetup(ws: ExcelJS.Worksheet, deletion: RowShift): void {
  const ps = ws.pageSetup;
  if (ps?.printArea) {
    const areas = ps.printArea.split('&&').map((a) => deletion.ref(a)).filter((a): a is string => a !== null);
    if (areas.length) ps.printArea = areas.join('&&');
    else delete ps.printArea;
  }
  if (ps?.printTitlesRow) {
    const rows = deletion.ref(ps.printTitlesRow);
    if (rows) ps.printTitlesRow = rows;
    else delete ps.printTitlesRow;
  }
  if (typeof ws.autoFilter === 'string') {
    const ref = deletion.ref(ws.autoFilter);
    ws.autoFilter = ref ?? (null as unknown as string);
  }
}

/** A ledger formatted as a table: its range (and its filter's) loses the deleted rows. */
function shiftTables(ws: ExcelJS.Worksheet, deletion: RowShift): void {
  for (const t of Object.values((ws as unknown as { tables: Record<string, { table?: Record<string, unknown> }> }).tables ?? {})) {
    const model = t.table;
    if (!model) continue;
    const ref = model.tableRef;
    if (typeof ref !== 'string') continue;
    const shifted = deletion.ref(ref);
    if (!shifted) continue;
    model.tableRef = shifted;
    // The filter stops above a totals row: derived from the table's range (a row inserted at the totals row is inside
    // the table, but below the old filter range, which would not have grown).
    if (typeof model.autoFilterRef === 'string') model.autoFilterRef = filterRef(shifted, Boolean(model.totalsRow));
  }
}
