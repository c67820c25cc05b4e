/**
 * The domain cell parser: raw ledger cells (what Excel hands over) → typed project fields, with bilingual field
 * errors instead of exceptions. Pure: no I/O. One parser for every client — the server parses what they send.
 *
 * Blank cells (empty, whitespace, "-", "—", "/") are null everywhere; "无" is null in typed fields but kept in text.
 * Dates → "YYYY-MM-DD" or "YYYY-MM"; money → 亿元; ranges ("2-3亿") are errors, not guesses.
 */
export { parseCell, type CellResult } from './parse/cell';
export { parseRow } from './parse/row';
export { parseLedgerDate, excelSerialToIso, MIN_YEAR, MAX_YEAR } from './parse/dates';
export { parseMoney, MAX_MONEY } from './parse/money';
export { columnUnit } from './parse/numbers';
export { meansNone } from './parse/blank';
