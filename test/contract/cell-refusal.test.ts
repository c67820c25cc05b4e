/**
 * One rule for a cell's bounds: the sync request schema refuses a row's cell exactly when cellRefusal does (the
 * add-in asks cellRefusal before sending), naming the cell's path.
 */
import { cellRefusal, LIMITS, syncRowSchema, type FieldKey, type RawCell } from '../../contract';

const row = (field: FieldKey, value: RawCell) => ({ ref: { sheet: '重点线索', row: 3 }, list: 'clue', id: 'P-1', cells: { [field]: value } });

const CASES: Array<[FieldKey, RawCell]> = [
  ['contact', 370_123_198_001_011_234],
  ['amount', 1e20],
  ['amount', -1e16],
  ['amount', LIMITS.maxNumber],
  ['amount', -LIMITS.maxNumber],
  ['jobs', 1e-200],
  ['unit', '镇'.repeat(LIMITS.unitLength)],
  ['unit', '镇'.repeat(LIMITS.unitLength + 1)],
  ['progress', 'x'.repeat(LIMITS.stringLength)],
  ['progress', 'x'.repeat(LIMITS.stringLength + 1)],
  ['name', '镇'.repeat(LIMITS.unitLength + 1)],
  ['name', true],
  ['name', null],
];

describe('cellRefusal is the request schema\'s rule for a cell', () => {
  test.each(CASES.map(([f, v]) => [f, typeof v === 'string' ? `${v.length} characters` : v, v] as const))('%s = %p', (field, _label, value) => {
    const parsed = syncRowSchema.safeParse(row(field, value));
    const refusal = cellRefusal(field, value);
    expect(parsed.success).toBe(refusal === null);
    if (!parsed.success) expect(parsed.error.issues.map((i) => i.path.join('.'))).toEqual([`cells.${field}`]);
  });

  it('refuses numbers no store holds (beyond LIMITS.maxNumber, NaN, infinities) and over-long text', () => {
    expect(cellRefusal('amount', 1e20)).toEqual({ kind: 'number', limit: LIMITS.maxNumber });
    expect(cellRefusal('signedDate', Number.NaN)).toEqual({ kind: 'number', limit: LIMITS.maxNumber });
    expect(cellRefusal('amount', Number.NEGATIVE_INFINITY)).toEqual({ kind: 'number', limit: LIMITS.maxNumber });
    expect(cellRefusal('unit', '镇'.repeat(LIMITS.unitLength + 1))).toEqual({ kind: 'length', limit: LIMITS.unitLength });
    expect(cellRefusal('progress', 'x'.repeat(LIMITS.stringLength + 1))).toEqual({ kind: 'length', limit: LIMITS.stringLength });
  });
});
