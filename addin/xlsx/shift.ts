/**
 * Where things go when Excel deletes whole rows of a sheet: rows below move up, areas spanning a deleted row
 * shrink, areas wholly inside deleted rows disappear, and formula references follow (a reference to a deleted
 * cell becomes #REF!). Pure arithmetic over row numbers, A1 areas and formula text, for the .xlsx gateway, which
 * has to do by hand what Excel's own row delete does.
 */
import { colLetter, colNumber, type Area } from '../core/a1';

export class RowDeletion {
  /** Deleted rows, ascending, distinct. */
  readonly rows: number[];

  constructor(rows: Iterable<number>) {
    this.rows = [...new Set(rows)].sort((a, b) => a - b);
  }

  get first(): number {
    return this.rows[0] ?? Infinity;
  }

  /** How many deleted rows lie above row r. */
  private above(r: number): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(r: number): boolean {
    const i = this.above(r);
    return this.rows[i] === r;
  }

  /** A surviving row's new number; null for a deleted row. */
  row(r: number): number | null {
    return this.has(r) ? null : r - this.above(r);
  }

  /**
   * Where row r's top edge lands: a surviving row's new number; for a deleted row, the number the next surviving
   * row below it takes (the place the deleted rows collapse to).
   */
  landing(r: number): number {
    return r - this.above(r);
  }

  /** An area's rows afterwards: shrunk by the deleted rows it spans, null when none of its rows survive. */
  area<A extends { top: number; bottom: number }>(a: A): A | null {
    const deleted = this.above(a.bottom + 1) - this.above(a.top);
    const height = a.bottom - a.top + 1 - deleted;
    if (height <= 0) return null;
    const top = a.top - this.above(a.top);
    return { ...a, top, bottom: top + height - 1 };
  }

  /** A space-separated list of A1 areas (a merge, sqref or conditional-format ref), shifted; null when all are gone. */
  ref(ref: string): string | null {
    const out: string[] = [];
    for (const part of ref.split(/\s+/).filter(Boolean)) {
      const parsed = parseRef(part);
      if (!parsed) {
        out.push(part); // not rows and columns (a whole-column ref): deleting rows does not move it
        continue;
      }
      const shifted = this.area(parsed);
      if (shifted) out.push(formatRef(shifted));
    }
    return out.length ? out.join(' ') : null;
  }
}

/** An A1 area with which of its parts are absolute ($), so a reference is written back as it was. */
interface Ref extends Area {
  /** [left, top, right, bottom] absolute; for a row range ("3:7") left/right are 0 and `rows` is set. */
  abs: [boolean, boolean, boolean, boolean];
  single: boolean;
  rows?: boolean;
}

const CELL = /^(\$?)([A-Z]{1,3})(\$?)(\d+)$/i;
const ROWS = /^(\$?)(\d+):(\$?)(\d+)$/;

function parseRef(text: string): Ref | null {
  const rows = ROWS.exec(text);
  if (rows) {
    const [top, bottom] = [Number(rows[2]), Number(rows[4])];
    return { top: Math.min(top, bottom), bottom: Math.max(top, bottom), left: 0, right: 0, abs: [false, rows[1] === '$', false, rows[3] === '$'], single: false, rows: true };
  }
  const [a, b, extra] = text.split(':');
  if (extra !== undefined) return null;
  const ma = CELL.exec(a!);
  const mb = b === undefined ? ma : CELL.exec(b);
  if (!ma || !mb) return null;
  const [l, t, r, btm] = [colNumber(ma[2]!), Number(ma[4]), colNumber(mb[2]!), Number(mb[4])];
  return {
    top: Math.min(t, btm), bottom: Math.max(t, btm), left: Math.min(l, r), right: Math.max(l, r),
    abs: [ma[1] === '$', ma[3] === '$', mb[1] === '$', mb[3] === '$'],
    single: b === undefined,
  };
}

function formatRef(r: Ref): string {
  const d = (abs: boolean) => (abs ? '$' : '');
  if (r.rows) return `${d(r.abs[1])}${r.top}:${d(r.abs[3])}${r.bottom}`;
  const tl = `${d(r.abs[0])}${colLetter(r.left)}${d(r.abs[1])}${r.top}`;
  if (r.single || (r.top === r.bottom && r.left === r.right && !r.abs.some(Boolean))) return tl;
  return `${tl}:${d(r.abs[2])}${colLetter(r.right)}${d(r.abs[3])}${r.bottom}`;
}

/**
 * String literals and structured references are copied as they are; a reference is an optional sheet prefix
 * ('Sheet 1'! or 重点线索!) and a cell, an area or a row range, not part of a longer name and not a function name.
 */
const TOKEN = /"(?:[^"]|"")*"|\[[^\]]*\]|(?<![\w.$'\u00C0-\uFFFF])((?:'(?:[^']|'')+'|[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?\d+:\$?\d+)(?![\w(!.\u00C0-\uFFFF])/g;

export interface FormulaShift {
  /** The sheet whose rows were deleted. */
  sheet: string;
  deletion: RowDeletion;
}

/**
 * A formula's text after rows of `shift.sheet` were deleted, for a formula that lives on `home`. References into
 * that sheet move up or shrink; one wholly inside deleted rows becomes #REF!, as Excel writes it. `anchored`
 * is for conditional-format and validation formulas, whose relative references are offsets from their range's
 * top-left cell: a single-cell reference to a deleted row keeps its text (it now means the row that moved up).
 */
export function shiftFormula(formula: string, home: string, shift: FormulaShift, anchored = false): string {
  const target = shift.sheet.toLowerCase();
  return formula.replace(TOKEN, (match, prefix: string | undefined, ref: string | undefined) => {
    if (ref === undefined) return match; // a string literal or structured reference
    const sheet = prefix ? prefix.slice(0, -1).replace(/^'(.*)'$/, '$1').replace(/''/g, "'") : home;
    if (sheet.toLowerCase() !== target) return match;
    const parsed = parseRef(ref);
    if (!parsed) return match;
    const shifted = shift.deletion.area(parsed);
    if (!shifted) return anchored && parsed.single ? match : '#REF!';
    return `${prefix ?? ''}${formatRef(shifted)}`;
  });
}
