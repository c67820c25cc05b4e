import { cellsToAreas, joinAreas, runs } from '../../../addin/office/addresses';

describe('runs', () => {
  it('splits an ascending list into runs of consecutive integers, as index ranges', () => {
    expect(runs([3, 4, 5, 9, 11, 12])).toEqual([
      { from: 0, to: 2 },
      { from: 3, to: 3 },
      { from: 4, to: 5 },
    ]);
    expect(runs([7])).toEqual([{ from: 0, to: 0 }]);
    expect(runs([])).toEqual([]);
  });
});

describe('cellsToAreas', () => {
  it('merges consecutive rows of one column, columns in order, duplicates once', () => {
    const cells = [5, 6, 7, 9, 6].map((row) => ({ row, col: 3 })).concat([{ row: 2, col: 1 }]);
    expect(cellsToAreas(cells)).toEqual(['A2', 'C5:C7', 'C9']);
  });
});

describe('joinAreas', () => {
  it('joins with commas and starts a new string before passing the limit', () => {
    expect(joinAreas(['A1', 'B2:B4', 'C9'], 8)).toEqual(['A1,B2:B4', 'C9']);
  });
});
