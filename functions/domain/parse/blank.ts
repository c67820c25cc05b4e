/**
 * What counts as "nothing in this cell". Clerks fill unknown cells with dashes or slashes; those are blank in
 * every field. "无" (none) is blank for typed fields (a date, an amount, a category) but kept as written in text
 * fields, where "存在问题：无" is the clerk's answer — see `meansNone` for readers that need to know.
 */
import type { RawCell } from '../../../contract/vocabulary';

/** Dashes, slashes, dots and the like, alone in a cell (after NFKC, so "－" and "／" are included). */
const PLACEHOLDER = /^[-—–―‐~_/\\.。…、]+$/;
const NONE_WORDS = new Set(['无', '暂无', '没有', '尚无', '空', 'n/a', 'none', 'nil']);
/** Excel error values as Office.js and ExcelJS hand them over. */
const EXCEL_ERROR = /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;

/** NFKC (full-width digits and punctuation → ASCII) and trimmed. */
export function normalize(text: string): string {
  return text.normalize('NFKC').trim();
}

/** Empty, whitespace-only or a placeholder such as "-", "—", "/". */
export function isBlank(raw: RawCell | undefined): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw !== 'string') return false;
  const t = normalize(raw);
  return t === '' || PLACEHOLDER.test(t);
}

/** True when a text says "none" ("无", "暂无", "n/a"…). Typed fields read it as blank. */
export function meansNone(raw: RawCell | undefined): boolean {
  return typeof raw === 'string' && NONE_WORDS.has(normalize(raw).toLowerCase());
}

/** Blank for a typed field: blank or "none". */
export function isTypedBlank(raw: RawCell | undefined): boolean {
  return isBlank(raw) || meansNone(raw);
}

export function isExcelError(raw: RawCell | undefined): boolean {
  return typeof raw === 'string' && EXCEL_ERROR.test(raw.trim());
}
