import fc from 'fast-check';
import { RowDeletion, shiftFormula } from '../../../addin/xlsx/shift';

/** The obvious model: number the surviving rows 1, 2, 3… */
function naive(deleted: number[], max: number): Map<number, number> {
  const out = new Map<number, number>();
  let n = 0;
  for (let r = 1; r <= max; r++) if (!deleted.includes(r)) out.set(r, ++n);
  return out;
}

describe('RowDeletion', () => {
  const rowsArb = fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 });

  test('a row moves up by the deleted rows above it; a deleted row has no place', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 1, max: 50 }), (deleted, r) => {
        const expected = naive(deleted, 50).get(r) ?? null;
        expect(new RowDeletion(deleted).row(r)).toBe(expected);
      }),
    );
  });

  test('a row lands where it moves; a deleted row lands on the next surviving row below it', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 1, max: 50 }), (deleted, r) => {
        const map = naive(deleted, 60);
        let below = r;
        while (!map.has(below)) below++;
        expect(new RowDeletion(deleted).landing(r)).toBe(map.get(below));
      }),
    );
  });

  test('an area keeps exactly its surviving rows, renumbered (shrinks; null when none survive)', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 1, max: 45 }), fc.integer({ min: 0, max: 6 }), (deleted, top, h) => {
        const map = naive(deleted, 60);
        const surviving = Array.from({ length: h + 1 }, (_, i) => map.get(top + i)).filter((r): r is number => r !== undefined);
        const area = new RowDeletion(deleted).area({ top, bottom: top + h, left: 2, right: 3 });
        expect(area).toEqual(surviving.length ? { top: surviving[0], bottom: surviving.at(-1), left: 2, right: 3 } : null);
      }),
    );
  });

  test('refs: lists of areas and cells shift, shrink and drop; whole columns stay', () => {
    const d = new RowDeletion([3]);
    expect(d.ref('C4:D4')).toBe('C3:D3');
    expect(d.ref('E2:E4 B9 A3')).toBe('E2:E3 B8');
    expect(d.ref('A3:C3')).toBeNull();
    expect(d.ref('A3:B4')).toBe('A3:B3');
    expect(d.ref('B:B')).toBe('B:B');
    expect(d.ref('1:2')).toBe('1:2');
    expect(d.ref('2:9')).toBe('2:8');
  });
});

describe('shiftFormula', () => {
  const shift = { sheet: '重点线索', deletion: new RowDeletion([5]) };

  test.each([
    ['SUM(E3:E20)', 'SUM(E3:E19)'],
    ['SUM($E$3:$E$20)/COUNT(E6:E7)', 'SUM($E$3:$E$19)/COUNT(E5:E6)'],
    ['E4+E6', 'E4+E5'],
    ['E5*2', '#REF!*2'],
    ['IF(A7="A7",LOG10(B9),0)', 'IF(A6="A7",LOG10(B8),0)'], // strings and function names untouched
    ['SUM(6:8)', 'SUM(5:7)'],
    ['SUM(A:A)', 'SUM(A:A)'],
    ['Table1[金额]+B6', 'Table1[金额]+B5'],
  ])('on its own sheet: %s → %s', (before, after) => {
    expect(shiftFormula(before, '重点线索', shift)).toBe(after);
  });

  test('other sheets: qualified references to the sheet shift, others and unqualified ones do not', () => {
    expect(shiftFormula("重点线索!B9+'重点线索'!$C$10+B9+签约项目!B9", '领导看板', shift)).toBe("重点线索!B8+'重点线索'!$C$9+B9+签约项目!B9");
    const quoted = { sheet: "Bob's list", deletion: new RowDeletion([2]) };
    expect(shiftFormula("SUM('Bob''s list'!A3:A9)", 'Other', quoted)).toBe("SUM('Bob''s list'!A2:A8)");
  });

  test('anchored (conditional formats, validation): a reference to a deleted row keeps its text', () => {
    expect(shiftFormula('E5>10', '重点线索', shift, true)).toBe('E5>10');
    expect(shiftFormula('E6>10', '重点线索', shift, true)).toBe('E5>10');
  });
});
