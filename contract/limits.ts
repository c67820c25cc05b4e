/** Input limits shared by the parser, the API and the add-in: what a cell, a row and a request may hold. */

/** Input limits: requests beyond them get 413 (too many rows / bytes) or 400 (too long a string). */
export const LIMITS = {
  rowsPerRequest: 1000,
  requestBytes: 5_000_000,
  stringLength: 4000,
  idLength: 40,
  workbookIds: 50_000,
  /** UTF-8 bytes of one row's cells as JSON: keeps every stored item (event = state + changes) far below 400 KB. */
  rowBytes: 100_000,
  /** Characters of 所属单位: it is part of index keys (≤ 1,024 bytes with the id). */
  unitLength: 100,
  /** Largest magnitude of a number cell or money unit (DynamoDB stores at most 38 digits, 1e126). */
  maxNumber: 1e15,
} as const;

/**
 * The one ID grammar, for the API (contract/api.ts) and the add-in (addin/core/ids.ts): printable text — no control
 * (C0, DEL, C1), format (zero-width, bidi overrides), line/paragraph separator, private-use or lone-surrogate
 * character, which a file format drops or a screen hides, so the ID shown would differ from the one stored — no "#"
 * (the store's key separator: PROJECT#<id>), no whitespace around it, 1 to `max` characters.
 */
const ID_PATTERN = /^(?!\s)[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}#]+(?<!\s)$/u;

export function isValidId(id: unknown, max: number = LIMITS.idLength): id is string {
  return typeof id === 'string' && id.length >= 1 && id.length <= max && ID_PATTERN.test(id);
}

/** The longest workbook id the sync API takes (a project id: LIMITS.idLength). */
export const WORKBOOK_ID_MAX = 100;

/** What the grammar asks, for a 400's message. */
export const ID_RULE = (max: number = LIMITS.idLength) => `1–${max} printable characters, without "#", control characters or surrounding spaces`;

/**
 * Why the sync API refuses one cell's value, or null when it takes it. The request schema (api.ts) refuses exactly
 * these, and the add-in asks the same before sending, so one refused cell is that row's error, not a 400 for all.
 * `number`: beyond ±LIMITS.maxNumber, or not finite (a date-formatted cell whose number is no date reads as NaN).
 */
export type CellRefusal = { kind: 'number' | 'length'; limit: number };

export function cellRefusal(field: string, value: unknown): CellRefusal | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= LIMITS.maxNumber ? null : { kind: 'number', limit: LIMITS.maxNumber };
  }
  if (typeof value !== 'string') return null;
  const limit = field === 'unit' ? LIMITS.unitLength : LIMITS.stringLength;
  return value.length > limit ? { kind: 'length', limit } : null;
}

/** UTF-8 bytes of a row's cells as sent (JSON), the measure of LIMITS.rowBytes. */
export function rowCellBytes(cells: unknown): number {
  return new TextEncoder().encode(JSON.stringify(cells)).length;
}
