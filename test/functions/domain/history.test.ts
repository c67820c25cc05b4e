import type { Flag, Stage } from '../../../contract';
import { DEFAULT_CONFIG } from '../../../functions/domain/config';
import { evaluate } from '../../../functions/domain/flags';
import { advanceHistory } from '../../../functions/domain/history';
import type { FlagHistory, ProjectFields } from '../../../functions/domain/types';
import { fields, history, local, only } from './flag-fixtures';

const NONE: Flag = { level: 'none', reasons: [] };
const T0 = local('2026-11-02T09:00:00'); // Monday
const T1 = local('2026-11-04T09:00:00'); // Wednesday, same week

function prev(f: ProjectFields, h: FlagHistory, stage: Stage = 'clue') {
  return { fields: f, stage, history: h, flag: NONE };
}

describe('timestamps', () => {
  test('first sight starts every clock now; no problem, no problem clock', () => {
    expect(advanceHistory(null, { fields: fields(), stage: 'clue' }, T0, DEFAULT_CONFIG)).toEqual(history(T0));
    expect(advanceHistory(null, { fields: fields({ problem: '用地' }), stage: 'clue' }, T0, DEFAULT_CONFIG).problemChangedAt).toBe(T0);
  });

  test('progress: a real change moves the clock, whitespace does not', () => {
    const before = prev(fields({ progress: '完成设计' }), history(T0));
    expect(advanceHistory(before, { fields: fields({ progress: ' 完成设计\n' }), stage: 'clue' }, T1, DEFAULT_CONFIG).progressChangedAt).toBe(T0);
    expect(advanceHistory(before, { fields: fields({ progress: '开始施工' }), stage: 'clue' }, T1, DEFAULT_CONFIG).progressChangedAt).toBe(T1);
    expect(advanceHistory(before, { fields: fields({ progress: null }), stage: 'clue' }, T1, DEFAULT_CONFIG).progressChangedAt).toBe(T1);
    const blank = prev(fields({ progress: null }), history(T0));
    expect(advanceHistory(blank, { fields: fields({ progress: '  ' }), stage: 'clue' }, T1, DEFAULT_CONFIG).progressChangedAt).toBe(T0);
  });

  test('stage: a change moves the clock', () => {
    const before = prev(fields(), history(T0));
    expect(advanceHistory(before, { fields: fields(), stage: 'clue' }, T1, DEFAULT_CONFIG).stageChangedAt).toBe(T0);
    expect(advanceHistory(before, { fields: fields(), stage: 'signed' }, T1, DEFAULT_CONFIG).stageChangedAt).toBe(T1);
  });

  test('problem: new text moves the clock, the same text keeps it, no text clears it', () => {
    const before = prev(fields({ problem: '用地指标' }), history(T0, { problemChangedAt: T0 }));
    const next = (problem: string | null) => advanceHistory(before, { fields: fields({ problem }), stage: 'clue' }, T1, DEFAULT_CONFIG).problemChangedAt;
    expect(next('用地指标 ')).toBe(T0);
    expect(next('环评手续')).toBe(T1);
    expect(next('')).toBeNull();
    expect(next(null)).toBeNull();
    const none = prev(fields(), history(T0));
    expect(advanceHistory(none, { fields: fields({ problem: '资金' }), stage: 'clue' }, T1, DEFAULT_CONFIG).problemChangedAt).toBe(T1);
    // A problem the history lost track of starts its clock now.
    const lost = prev(fields({ problem: '资金' }), history(T0));
    expect(advanceHistory(lost, { fields: fields({ problem: '资金' }), stage: 'clue' }, T1, DEFAULT_CONFIG).problemChangedAt).toBe(T1);
  });

  test('the previous history is not changed', () => {
    const h = history(T0, { cutoffLevels: [] });
    advanceHistory(prev(fields({ leader: null }), h), { fields: fields(), stage: 'clue' }, local('2026-11-30T09:00:00'), DEFAULT_CONFIG);
    expect(h).toEqual(history(T0));
  });
});

describe('levels at cut-offs', () => {
  test('none within the week of first sight', () => {
    expect(advanceHistory(prev(fields(), history(T0)), { fields: fields(), stage: 'clue' }, T1, DEFAULT_CONFIG).cutoffLevels).toEqual([]);
  });

  test('the next sync records the cut-off passed, at the level the stored state had then', () => {
    // Stored Monday with no leader → yellow; Friday's cut-off passes; the clerk fills the leader next Monday.
    const before = prev(fields({ leader: null }), history(T0));
    const h = advanceHistory(before, { fields: fields(), stage: 'clue' }, local('2026-11-09T09:00:00'), only('missingOwner'));
    expect(h.cutoffLevels).toEqual([{ cutoff: local('2026-11-06T12:00:00'), level: 'yellow' }]);
  });

  test('evaluated at the cut-off, not at the previous sync: a threshold crossed in between counts', () => {
    // Signed 2026-08-05: day 89 at the Monday sync (no flag), day 93 at the Friday cut-off (yellow).
    const config = only('signedNotStarted');
    const signed = fields({ signedDate: '2026-08-05' });
    const before = prev(signed, history(T0), 'signed');
    expect(evaluate({ id: 'P', stage: 'signed', fields: signed }, before.history, T0, config).level).toBe('none');
    const h = advanceHistory(before, { fields: signed, stage: 'signed' }, local('2026-11-09T09:00:00'), config);
    expect(h.cutoffLevels).toEqual([{ cutoff: local('2026-11-06T12:00:00'), level: 'yellow' }]);
  });

  test('weeks without a sync are filled oldest first, so escalation sees them', () => {
    const before = prev(fields({ leader: null }), history(T0));
    const h = advanceHistory(before, { fields: fields({ leader: null }), stage: 'clue' }, local('2026-11-24T09:00:00'), only('missingOwner', (r) => { r.escalation.enabled = true; }));
    expect(h.cutoffLevels).toEqual([
      { cutoff: local('2026-11-06T12:00:00'), level: 'yellow' },
      { cutoff: local('2026-11-13T12:00:00'), level: 'red' },
      { cutoff: local('2026-11-20T12:00:00'), level: 'red' },
    ]);
  });

  test('a cut-off already recorded is not recorded twice; cut-offs before first sight never are', () => {
    const recorded = history(local('2026-10-01T09:00:00'), { cutoffLevels: [{ cutoff: local('2026-11-06T12:00:00'), level: 'red' }] });
    const h = advanceHistory(prev(fields(), recorded), { fields: fields(), stage: 'clue' }, local('2026-11-09T09:00:00'), DEFAULT_CONFIG);
    expect(h.cutoffLevels).toEqual(recorded.cutoffLevels);
    const late = history(local('2026-11-06T12:00:01'));
    expect(advanceHistory(prev(fields({ leader: null }), late), { fields: fields(), stage: 'clue' }, local('2026-11-09T09:00:00'), DEFAULT_CONFIG).cutoffLevels).toEqual([]);
  });

  test('a sync exactly at the cut-off records it from the new state', () => {
    const cutoff = local('2026-11-06T12:00:00');
    const before = prev(fields({ leader: null }), history(T0));
    const h = advanceHistory(before, { fields: fields(), stage: 'clue' }, cutoff, only('missingOwner'));
    expect(h.cutoffLevels).toEqual([{ cutoff, level: 'none' }]);
  });

  test('keeps the last eight, oldest first', () => {
    const start = local('2026-01-05T09:00:00');
    const h = advanceHistory(prev(fields({ leader: null }), history(start)), { fields: fields(), stage: 'clue' }, local('2026-11-30T09:00:00'), DEFAULT_CONFIG);
    expect(h.cutoffLevels).toHaveLength(8);
    expect(h.cutoffLevels[0]!.cutoff).toBe(local('2026-10-09T12:00:00'));
    expect(h.cutoffLevels[7]!.cutoff).toBe(local('2026-11-27T12:00:00'));
    const more = advanceHistory(prev(fields(), h), { fields: fields(), stage: 'clue' }, local('2026-12-07T09:00:00'), DEFAULT_CONFIG);
    expect(more.cutoffLevels.map((r) => r.cutoff)).toEqual([...h.cutoffLevels.slice(1).map((r) => r.cutoff), local('2026-12-04T12:00:00')]);
  });
});
