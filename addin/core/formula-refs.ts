/**
 * A1 references inside formula text, and what inserting a row does to them. Pure text arithmetic shared by both
 * gateways: the .xlsx gateway shifts every formula by hand (ExcelJS does not), the Office gateway lets Excel shift
 * them and writes only the total rows' formulas, whose ranges must also grow over a row inserted right below them.
 */
import { colLetter, colNumber, type Area } from './a1';

/** An A1 area with which of its parts are absolute ($), so a reference is written back as it was. */
export interface Ref extends Area {
  /** [left, top, right, bottom] absolute; for a row range ("3:7") left/right are 0 and `rows` is set. */
  abs: [boolean, boolean, boolean, boolean];
  single: boolean;
  rows?: boolean;
}

const CELL = /^(\$?)([A-Z]{1,3})(\$?)(\d+)$/i;
const ROWS = /^(\$?)(\d+):(\$?)(\d+)$/;

export function parseRef(text: string): Ref | null {
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

export function formatRef(r: Ref): string {
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

/**
 * Rewrites every reference to `sheet` in a formula that lives on `home`: `f` gets the parsed reference and returns
 * its replacement text (or null to keep it as it was); an error value such as "#REF!" replaces the prefix too.
 */
export function mapRefs(formula: string, home: string, sheet: string, f: (ref: Ref) => string | null): string {
  const target = sheet.toLowerCase();
  return formula.replace(TOKEN, (match, prefix: string | undefined, ref: string | undefined) => {
    if (ref === undefined) return match; // a string literal or structured reference
    const on = prefix ? prefix.slice(0, -1).replace(/^'(.*)'$/, '$1').replace(/''/g, "'") : home;
    if (on.toLowerCase() !== target) return match;
    const parsed = parseRef(ref);
    if (!parsed) return match;
    const out = f(parsed);
    return out === null ? match : out.startsWith('#') ? out : `${prefix ?? ''}${out}`;
  });
}

/**
 * An area's rows after a row is inserted at `row`: below it they move down, spanning it they grow. With `grow`,
 * an area of more than one row ending right above the inserted row grows over it too (a total's SUM over a list
 * whose new last row is the inserted one).
 */
export function areaAfterInsert<A extends { top: number; bottom: number }>(a: A, row: number, grow = false): A {
  if (a.top >= row) return { ...a, top: a.top + 1, bottom: a.bottom + 1 };
  if (a.bottom >= row || (grow && a.bottom === row - 1 && a.bottom > a.top)) return { ...a, bottom: a.bottom + 1 };
  return a;
}

/** A formula's text after a row of `sheet` is inserted at `row` (see areaAfterInsert for `grow`). */
export function formulaAfterInsert(formula: string, home: string, sheet: string, row: number, grow = false): string {
  return mapRefs(formula, home, sheet, (ref) => {
    const moved = areaAfterInsert(ref, row, grow);
    return moved.top === ref.top && moved.bottom === ref.bottom ? null : formatRef(moved);
  });
}
