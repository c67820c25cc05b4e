/** The pane's pending-move card names each move's cycle days (issue 16), in both languages. */
import { moveLine } from '../../../../addin/taskpane/sync/result-view';
import type { PendingMove } from '../../../../addin/taskpane/model';

const move: PendingMove = { id: 'P-1', name: '年产5万吨果蔬罐头项目', from: 'clue', to: 'signed', sheet: '重点线索', row: 6, cycleDays: 54 };

describe('pending-move card', () => {
  it('names the days the step took', () => {
    expect(moveLine('zh', move)).toBe('年产5万吨果蔬罐头项目：重点线索 → 签约项目，用时 54 天');
    expect(moveLine('en', move)).toBe('年产5万吨果蔬罐头项目: Clue → Signed in 54 days');
  });

  it('says nothing of days it does not know', () => {
    expect(moveLine('zh', { ...move, cycleDays: null })).toBe('年产5万吨果蔬罐头项目：重点线索 → 签约项目');
    expect(moveLine('en', { ...move, name: '', cycleDays: null })).toBe('P-1: Clue → Signed');
  });
});
