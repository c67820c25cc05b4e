import fc from 'fast-check';
import { cycleDays, median } from '../../../../functions/domain/report';
import { snap } from './history';

describe('median', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[5, 1, 3], 3],
    [[1, 2], 1.5],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 0, 10], 10],
  ])('median(%j) = %p', (xs, m) => expect(median(xs)).toBe(m));

  it('lies between the smallest and largest value and does not reorder its input', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1 }), (xs) => {
        const copy = [...xs];
        const m = median(xs)!;
        expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(m).toBeLessThanOrEqual(Math.max(...xs));
        expect(xs).toEqual(copy);
      }),
    );
  });
});

describe('cycleDays', () => {
  const s = (clue: string | null, signed: string | null) => snap({ id: 'X', week: '2026-W48', dates: { clue, signed, landed: null, producing: null } });
  it.each([
    ['2026-03-01', '2026-03-31', 30],
    ['2026-02', '2026-03-15', 42], // month precision counts from the 1st
    ['2026-03-10', '2026-03-10', 0],
    [null, '2026-03-10', null],
    ['2026-03-10', null, null],
    ['2026-04-01', '2026-03-01', null], // impossible order: left out of the median
  ])('%p → %p = %p', (a, b, d) => expect(cycleDays(s(a, b), ['clue', 'signed'])).toBe(d));
});
