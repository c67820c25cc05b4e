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

/** UTF-8 bytes of a row's cells as sent (JSON), the measure of LIMITS.rowBytes. */
export function rowCellBytes(cells: unknown): number {
  return new TextEncoder().encode(JSON.stringify(cells)).length;
}
