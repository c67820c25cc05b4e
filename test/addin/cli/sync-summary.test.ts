/** The CLI's sync summary names each move's cycle days (issue 16): the transitions and rows-to-move tables (--json prints the same MoveReport, cycleDays included). */
import type { SyncOutcome } from '../../../addin/app';
import { formatSummary } from '../../../addin/cli/sync-command';

const outcome = (over: Partial<SyncOutcome> = {}): SyncOutcome => ({
  workbookId: 'W-1', asOf: '2026-03-02', lists: [{ sheet: '重点线索', list: 'clue', rows: 2, headerRow: 3, nameColumn: 'C' }],
  rows: 2, created: 2, updated: 0, unchanged: 0, rejected: 0, red: 0, yellow: 0, idsAssigned: 2,
  skipped: { blank: 0, total: 0, note: 0 },
  transitions: [{ id: 'P-1', name: '果蔬罐头', sheet: '重点线索', row: 5, cell: 'C5', from: 'clue', to: 'signed', on: '2026-03-01', cycleDays: 50 }],
  moved: [],
  flagged: [],
  pendingMoves: [
    { id: 'P-1', name: '果蔬罐头', from: { sheet: '重点线索', row: 5, list: 'clue' }, to: { list: 'signed', sheet: null, row: null }, cycleDays: 50 },
    { id: 'P-2', name: '光伏支架', from: { sheet: '重点线索', row: 6, list: 'clue' }, to: { list: 'signed', sheet: null, row: null }, cycleDays: null },
  ],
  pendingResults: [], errors: [], warnings: [], matched: 0, headerIssues: [], sheetsWithoutHeader: [], missing: [], cellsWritten: 0,
  ...over,
});

describe('sync summary: cycle days', () => {
  it('the tables say how long each step took, and nothing when a date is missing', () => {
    const zh = formatSummary(outcome(), 'out.xlsx', 'zh');
    const toMove = zh.slice(zh.indexOf('待移动的行'));
    expect(toMove.split('\n').find((l) => l.includes('P-1'))).toContain('用时 50 天');
    expect(toMove.split('\n').find((l) => l.includes('P-2'))).not.toContain('用时');
    expect(zh.slice(zh.indexOf('阶段变化\n'), zh.indexOf('待移动的行'))).toContain('用时 50 天');
    expect(formatSummary(outcome(), 'out.xlsx', 'en')).toContain('50 days');
  });

  it('a stage change and a row to move are named by the row\'s name cell (重点线索!C5), as errors are, not by sheet!row', () => {
    const zh = formatSummary(outcome(), 'out.xlsx', 'zh');
    const transitions = zh.slice(zh.indexOf('阶段变化\n'), zh.indexOf('待移动的行'));
    expect(transitions).toContain('重点线索!C5');
    expect(zh.slice(zh.indexOf('待移动的行'))).toContain('重点线索!C6');
    expect(zh).not.toMatch(/重点线索!\d/);
    // A list without a known name column: the row's first cell.
    expect(formatSummary(outcome({ lists: [{ sheet: '重点线索', list: 'clue', rows: 2, headerRow: 3 }] }), 'out.xlsx', 'en')).toContain('重点线索!A5');
  });

});
