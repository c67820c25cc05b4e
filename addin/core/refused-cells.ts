/**
 * Cells the sync API would refuse become their row's error before anything is sent: the request schema refuses a
 * whole request for one bad cell (an ID-card number typed as a number, a 200-character unit), and the rule is
 * contract's — cellRefusal and LIMITS.rowBytes, the very checks of that schema — so nothing is restated here.
 *
 * The row is not synced (blocking). Sending it without the cell would clear the value stored for it, whereas a
 * cell the server cannot parse keeps the stored value: the row waits, unchanged, until the clerk fixes the cell.
 */
import { cellRefusal, FIELD_BY_KEY, LIMITS, rowCellBytes, type FieldKey, type FieldType, type RawCell } from '../../contract';
import { MSG } from './messages';
import type { RowIssue } from './rows';

const NUMERIC_TYPES: ReadonlySet<FieldType> = new Set(['money', 'integer', 'area']);

/** The issue of a cell the API would refuse, or null when it takes the value. */
export function refusedCellIssue(field: FieldKey, value: RawCell, cell: string): RowIssue | null {
  const refusal = cellRefusal(field, value);
  if (!refusal) return null;
  const type = FIELD_BY_KEY[field].type;
  const message =
    typeof value !== 'number'
      ? MSG.tooLongToSync(refusal.limit)
      : type === 'date'
        ? MSG.notADate(value)
        : MSG.numberOutOfRange(value, refusal.limit, !NUMERIC_TYPES.has(type));
  return { field, cell, message, blocking: true };
}

/** The issue of a row whose cells together exceed what one row may send (LIMITS.rowBytes), or null. */
export function oversizedRowIssue(cells: Partial<Record<FieldKey, RawCell>>, cell: string): RowIssue | null {
  return rowCellBytes(cells) > LIMITS.rowBytes ? { field: null, cell, message: MSG.rowTooLarge(LIMITS.rowBytes), blocking: true } : null;
}
