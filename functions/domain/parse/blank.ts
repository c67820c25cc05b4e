/**
 * What counts as "nothing in this cell". Clerks fill unknown cells with dashes or slashes; those are blank in
 * every field (contract's isBlankCell, the one predicate the add-in uses too). "无" (none) is blank for typed fields (a date, an amount, a category) but kept as written in text
 * fields, where "存在问题：无" is the clerk's answer — see `meansNone` for readers that need to know.
 */
import { isBlankCell, type RawCell } from '../../../contract/vocabulary';

export { isBlankCell };

const NONE_WORDS = new Set(['无', '暂无', '没有', '尚无', '空', 'n/a', 'none', 'nil']);
/** Excel error values as Office.js and ExcelJS hand them over. */
const EXCEL_ERROR = /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;

/** NFKC (full-width digits and punctuation → ASCII) and trimmed. */
export function normalize(text: string): string {
  return text.normalize('NFKC').trim();
}

/** True when a text says "none" ("无", "暂无", "n/a"…). Typed fields read it as blank. */
export function meansNone(raw: RawCell | undefined): boolean {
  return typeof raw === 'string' && NONE_WORDS.has(normalize(raw).toLowerCase());
}

/** Blank for a typed field: blank or "none". */
export function isTypedBlank(raw: RawCell | undefined): boolean {
  return isBlankCell(raw) || meansNone(raw);
}

export function isExcelError(raw: RawCell | undefined): boolean {
  return typeof raw === 'string' && EXCEL_ERROR.test(raw.trim());
}
