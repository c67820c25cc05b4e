import { chartBoxes, CHART_ROWS, MIN_CHART_ROWS } from '../../../addin/office/charts';

describe('chartBoxes', () => {
  test('a lone chart: 8 columns by CHART_ROWS rows from its anchor', () => {
    expect(chartBoxes(['J5'])).toEqual([{ start: 'J5', end: `Q${5 + CHART_ROWS - 1}` }]);
  });

  test('stacked charts stop a row above the next one; far-apart ones keep full height; other columns do not count', () => {
    expect(chartBoxes(['J5', 'J14', 'J40', 'A20'])).toEqual([
      { start: 'J5', end: 'Q12' },
      { start: 'J14', end: `Q${14 + CHART_ROWS - 1}` },
      { start: 'J40', end: `Q${40 + CHART_ROWS - 1}` },
      { start: 'A20', end: `H${20 + CHART_ROWS - 1}` },
    ]);
  });

  test('never flatter than MIN_CHART_ROWS, even when the next chart is very close', () => {
    expect(chartBoxes(['B2', 'B4'])[0]).toEqual({ start: 'B2', end: `I${2 + MIN_CHART_ROWS - 1}` });
  });

  test('a bad anchor is a programming error', () => {
    expect(() => chartBoxes(['not a cell'])).toThrow(/A1/);
  });
});
