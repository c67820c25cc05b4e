/** Values on their way into Excel, and the size of what a request carries. Pure. */
import type { RawCell } from '../../contract';
import { isFormula, type LeaderCell } from '../core/gateway';

/**
 * Excel converts text it can read as a number, date, boolean or formula ("00123" → 123, "2026/3/5" → a date,
 * "=x", "+x", "-x", "@x", " =x" → a formula). Every string the add-in writes (ids, reasons, moved cells, leader
 * sheets) must stay text, so such strings get Excel's text prefix "'" (kept out of the cell's value: reading the
 * cell back gives the string as written). The only formulas are the plan's own `Formula` cells (leaderValue).
 * null (no value) becomes "" — in Office.js a null in `values` would leave the old value in place.
 */
export function toExcelValue(value: RawCell): string | number | boolean {
  if (value === null) return '';
  if (typeof value !== 'string') return value;
  return needsTextPrefix(value) ? `'${value}` : value;
}

/** A leader-sheet cell for `range.values`: a plan Formula as "=…", anything else as toExcelValue. */
export function leaderValue(value: LeaderCell | undefined): string | number | boolean {
  return isFormula(value) ? `=${value.formula}` : toExcelValue(value ?? null);
}

function needsTextPrefix(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  // Formulas, the prefix itself, error literals ("#N/A" would become an error value).
  if (/^[=+\-@'#]/.test(t)) return true;
  if (/^(true|false)$/i.test(t)) return true;
  // Currency amounts Excel reads as numbers ("$5", "¥1,000", "￥3.5", "€2").
  if (/^[$¥￥€£]\s*[\d.]/.test(t)) return true;
  // English month names Excel reads as dates ("Mar 5", "5-Mar" is caught below as starting with a digit).
  if (/^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s\-/.]*\d/i.test(t)) return true;
  // Anything that starts like a number, date, time, percentage or fraction.
  return /^[\d.,]/.test(t) || /^\(?\d/.test(t);
}

/** The UTF-8 size of a value as JSON: what it adds to an Office.js request. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** Excel on the web rejects requests over 5 MB; keep ours under 4 MB, leaving room for Office.js' envelope. */
export const REQUEST_BUDGET = 4 * 1024 * 1024;
