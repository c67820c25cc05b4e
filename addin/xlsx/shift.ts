/**
 * Where things go when Excel deletes whole rows of a sheet: rows below move up, areas spanning a deleted row
 * shrink, areas wholly inside deleted rows disappear, and formula references follow (a reference to a deleted
 * cell becomes #REF!). Pure arithmetic over row numbers, A1 areas and formula text, for the .xlsx gateway, which
 * has to do by hand what Excel's own row delete does.
 */
import { areaAfterInsert, formatRef, mapRefs, parseRef } from '../core/formula-refs';

/** What deleting or inserting whole rows does to row numbers and areas of one sheet. */
export interface RowShift {
  /** The first row that moves. */
  readonly first: number;
  /** A row's new number; null for a deleted row. */
  row(r: number): number | null;
  /** An area's rows afterwards; null when none of its rows survive. */
  area<A extends { top: number; bottom: number }>(a: A): A | null;
  /** A space-separated list of A1 areas, shifted; null when all are gone. */
  ref(ref: string): string | null;
}

/** Excel's Insert → Entire row at `at`: rows from it down move down one, areas spanning it grow. */
export class RowInsertion implements RowShift {
  constructor(readonly at: number) {}

  get first(): number {
    return this.at;
  }

  row(r: number): number {
    return r >= this.at ? r + 1 : r;
  }

  area<A extends { top: number; bottom: number }>(a: A): A {
    return areaAfterInsert(a, this.at);
  }

  ref(ref: string): string {
    return ref
      .split(/\s+/)
      .filter(Boolean)
      .map((part) => {
        const parsed = parseRef(part);
        return parsed ? formatRef(this.area(parsed)) : part;
      })
      .join(' ');
  }
}

export class RowDeletion implements RowShift {
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
  return mapRefs(formula, home, shift.sheet, (parsed) => {
    const shifted = shift.deletion.area(parsed);
    if (!shifted) return anchored && parsed.single ? null : '#REF!';
    return formatRef(shifted);
  });
}
