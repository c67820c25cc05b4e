import type { CountyConfig, Flag, FlagLevel } from '../../../contract';
import { DEFAULT_CONFIG } from '../../../functions/domain/config';
import { evaluate } from '../../../functions/domain/flags';
import type { FlagHistory, ProjectSnapshot } from '../../../functions/domain/types';
import { day, history, local, only, project } from './flag-fixtures';

const OLD = local('2025-06-01T09:00:00');

function levelOf(p: ProjectSnapshot, h: FlagHistory, asOf: string, config: CountyConfig): FlagLevel {
  return evaluate(p, h, asOf, config).level;
}

function reasonOf(flag: Flag, rule: string) {
  return flag.reasons.find((r) => r.rule === rule);
}

describe('weekly-update: cut-offs passed since the progress text last changed', () => {
  const config = only('weeklyUpdate');
  // Changed Friday 2026-11-06 10:00, before that day's 12:00 cut-off.
  const h = history(OLD, { progressChangedAt: local('2026-11-06T10:00:00') });
  const p = project('landed', { startDate: '2026-05-01' });
  test.each([
    ['2026-11-06T11:59:59', 'none'],
    ['2026-11-06T12:00:00', 'yellow'],
    ['2026-11-06T12:01:00', 'yellow'],
    ['2026-11-13T11:59:00', 'yellow'],
    ['2026-11-13T12:00:00', 'red'],
    ['2026-11-13T12:01:00', 'red'],
    ['2027-03-05T12:00:00', 'red'],
  ])('as of %s → %s', (asOf, level) => {
    expect(levelOf(p, h, local(asOf), config)).toBe(level);
  });

  test('the reason carries the count, the local date of the last update and both languages', () => {
    const flag = evaluate(p, h, local('2026-11-13T12:00:00'), config);
    expect(flag).toEqual({
      level: 'red',
      reasons: [{
        rule: 'weekly-update',
        level: 'red',
        figures: { cutoffs: 2, lastUpdated: '2026-11-06' },
        message: {
          zh: '本周进展已连续2个调度周期未更新（上次更新 2026-11-06）',
          en: 'Progress unchanged across 2 weekly cut-offs (last updated 2026-11-06)',
        },
      }],
    });
    expect(evaluate(p, h, local('2026-11-06T12:00:00'), config).reasons[0]!.message.en).toBe(
      'Progress unchanged across 1 weekly cut-off (last updated 2026-11-06)',
    );
  });

  test('a change at exactly the cut-off belongs to the week it closes', () => {
    const atCutoff = history(OLD, { progressChangedAt: local('2026-11-06T12:00:00') });
    expect(levelOf(p, atCutoff, local('2026-11-06T12:00:00'), config)).toBe('none');
    expect(levelOf(p, atCutoff, local('2026-11-13T12:00:00'), config)).toBe('yellow');
  });

  test('the last update is shown as a local date (01:00 Shanghai is the previous day in UTC)', () => {
    const early = history(OLD, { progressChangedAt: local('2026-11-02T01:00:00') });
    expect(evaluate(p, early, local('2026-11-06T12:00:00'), config).reasons[0]!.figures.lastUpdated).toBe('2026-11-02');
  });

  test('counts cut-offs beyond the ten-year window exactly', () => {
    const ancient = history(local('2010-01-01T09:00:00'), { progressChangedAt: local('2010-01-01T09:00:00') });
    const reason = evaluate(p, ancient, local('2026-11-27T12:00:00'), config).reasons[0]!;
    // 2010-01-01 was a Friday: its 12:00 cut-off and every Friday up to 2026-11-27.
    expect(reason.figures.cutoffs).toBe((Date.UTC(2026, 10, 27) - Date.UTC(2010, 0, 1)) / 604_800_000 + 1);
    expect(reason.figures.lastUpdated).toBe('2010-01-01');
  });

  test('thresholds come from config', () => {
    const lax = only('weeklyUpdate', (r) => { r.weeklyUpdate.yellow = 2; r.weeklyUpdate.red = 4; });
    expect(levelOf(p, h, local('2026-11-06T12:00:00'), lax)).toBe('none');
    expect(levelOf(p, h, local('2026-11-13T12:00:00'), lax)).toBe('yellow');
    expect(levelOf(p, h, local('2026-11-27T12:00:00'), lax)).toBe('red');
  });
});

describe('clue-stalled: whole weeks with no stage change or progress (clues only)', () => {
  const config = only('clueStalled');
  const t0 = local('2026-01-02T12:00:00');
  const h = history(OLD, { stageChangedAt: OLD, progressChangedAt: t0 });
  const weeksAfter = (weeks: number, ms = 0) => new Date(Date.parse(t0) + weeks * 604_800_000 + ms).toISOString();
  test.each([
    [8, -1, 'none'],
    [8, 0, 'yellow'],
    [8, 1, 'yellow'],
    [13, -1, 'yellow'],
    [13, 0, 'red'],
    [13, 1, 'red'],
  ] as const)('%i weeks %i ms → %s', (weeks, ms, level) => {
    expect(levelOf(project('clue'), h, weeksAfter(weeks, ms), config)).toBe(level);
  });

  test.each([
    [26, -1, undefined],
    [26, 0, 1],
    [26, 1, 1],
  ] as const)('suggests dropping from %i weeks (%i ms → %s)', (weeks, ms, suggest) => {
    const reason = reasonOf(evaluate(project('clue'), h, weeksAfter(weeks, ms), config), 'clue-stalled')!;
    expect(reason.figures.suggestDrop).toBe(suggest);
    expect(reason.message.zh.includes('建议研究是否放弃')).toBe(suggest === 1);
  });

  test('counts from the later of stage change and progress', () => {
    const staged = history(OLD, { stageChangedAt: weeksAfter(5), progressChangedAt: t0 });
    expect(levelOf(project('clue'), staged, weeksAfter(12), config)).toBe('none');
    expect(levelOf(project('clue'), staged, weeksAfter(13), config)).toBe('yellow');
    const reason = evaluate(project('clue'), h, weeksAfter(8), config).reasons[0]!;
    expect(reason.figures).toEqual({ weeks: 8, since: '2026-01-02' });
    expect(reason.message).toEqual({ zh: '线索已8周无阶段变化或进展（自 2026-01-02）', en: 'No stage change or progress for 8 weeks (since 2026-01-02)' });
  });

  test('applies to clues only', () => {
    expect(levelOf(project('signed', { signedDate: '2026-01-01' }), h, weeksAfter(20), config)).toBe('none');
  });
});

describe('signed-not-started: days since signing (signed only)', () => {
  const config = only('signedNotStarted');
  const h = history(OLD);
  const signed = project('signed', { signedDate: '2026-01-01' });
  test.each([
    ['2026-03-31', 89, 'none'],
    ['2026-04-01', 90, 'none'],
    ['2026-04-02', 91, 'yellow'],
    ['2026-06-29', 179, 'yellow'],
    ['2026-06-30', 180, 'yellow'],
    ['2026-07-01', 181, 'red'],
  ] as const)('as of %s (%i days) → %s', (date, days, level) => {
    const flag = evaluate(signed, h, day(date), config);
    expect(flag.level).toBe(level);
    if (level !== 'none') expect(flag.reasons[0]!.figures).toEqual({ days, signedDate: '2026-01-01' });
  });

  test('a month-precision signing date counts from the first of the month', () => {
    expect(levelOf(project('signed', { signedDate: '2026-01' }), h, day('2026-04-01'), config)).toBe('none');
    expect(levelOf(project('signed', { signedDate: '2026-01' }), h, day('2026-04-02'), config)).toBe('yellow');
  });

  test('without a signing date it counts from when the stage was recorded', () => {
    const h2 = history(OLD, { stageChangedAt: local('2026-01-01T09:00:00') });
    const flag = evaluate(project('signed'), h2, day('2026-04-02'), config);
    expect(flag.level).toBe('yellow');
    expect(flag.reasons[0]!.figures).toEqual({ days: 91, since: '2026-01-01' });
    expect(flag.reasons[0]!.message.zh).toBe('列入签约项目已91天仍未开工（签约时间未填，自 2026-01-01 起算）');
  });

  test('the message', () => {
    expect(evaluate(signed, h, day('2026-04-02'), config).reasons[0]!.message).toEqual({
      zh: '签约已91天仍未开工（签约时间 2026-01-01）',
      en: 'Signed 91 days ago and not started (signed 2026-01-01)',
    });
  });
});

describe('milestone-overdue: planned date passed with no actual date', () => {
  const config = only('milestoneOverdue');
  const h = history(OLD);
  const signed = project('signed', { signedDate: '2026-01-01', plannedStartDate: '2026-03-10' });
  test.each([
    ['2026-03-16', 'none'],
    ['2026-03-17', 'none'], // 7 days past
    ['2026-03-18', 'yellow'],
    ['2026-04-08', 'yellow'],
    ['2026-04-09', 'yellow'], // 30 days past
    ['2026-04-10', 'red'],
  ])('planned start 2026-03-10, as of %s → %s', (date, level) => {
    expect(levelOf(signed, h, day(date), config)).toBe(level);
  });

  test('planned production for a landed project; a month-precision plan is due at the month end', () => {
    const landed = project('landed', { startDate: '2026-01-05', plannedProductionDate: '2026-03' });
    expect(levelOf(landed, h, day('2026-04-07'), config)).toBe('none');
    expect(levelOf(landed, h, day('2026-04-08'), config)).toBe('yellow');
    const flag = evaluate(landed, h, day('2026-05-01'), config);
    expect(flag.reasons[0]).toEqual({
      rule: 'milestone-overdue',
      level: 'red',
      figures: { milestone: 'production', days: 31, plannedDate: '2026-03' },
      message: { zh: '计划投产时间 2026-03 已逾期31天，投产时间仍未填写', en: 'Planned production 2026-03 overdue by 31 days with no production date' },
    });
  });

  test('clears when the actual date is there, and ignores plans of other stages', () => {
    expect(levelOf(project('landed', { startDate: '2026-03-20', plannedStartDate: '2026-03-10' }), h, day('2026-06-01'), config)).toBe('none');
    expect(levelOf(project('signed', { plannedProductionDate: '2026-01-10' }), h, day('2026-06-01'), config)).toBe('none');
    expect(levelOf(project('producing', { plannedProductionDate: '2026-01-10', productionDate: '2026-05-01' }), h, day('2026-06-01'), config)).toBe('none');
    expect(evaluate(signed, h, day('2026-03-18'), config).reasons[0]!.message.en).toBe('Planned start 2026-03-10 overdue by 8 days with no start date');
  });
});

describe('problem-open: a standing problem, or county-level coordination', () => {
  const config = only('problemOpen');
  const h = history(OLD, { problemChangedAt: local('2026-03-01T10:00:00') });
  const p = project('signed', { signedDate: '2026-01-01', problem: '用地指标未落实' });
  test.each([
    ['2026-03-14', 'none'],
    ['2026-03-15', 'none'], // 14 days
    ['2026-03-16', 'yellow'],
    ['2026-03-29', 'yellow'], // 28 days
    ['2026-03-30', 'red'],
  ])('problem since 2026-03-01 10:00, as of %s → %s', (date, level) => {
    expect(levelOf(p, h, day(date), config)).toBe(level);
  });

  test('coordination is red at once, with a snippet of the text', () => {
    const coord = project('landed', { startDate: '2026-01-01', coordination: '需县政府协调解决220千伏变电站接入问题' });
    const flag = evaluate(coord, history(OLD), day('2026-03-02'), config);
    expect(flag.level).toBe('red');
    expect(flag.reasons[0]!.figures).toEqual({ coordination: 1 });
    expect(flag.reasons[0]!.message.zh).toBe('需县级协调：需县政府协调解决220千伏变电站接入问题');
    const long = project('landed', { coordination: 'x'.repeat(50) });
    expect(evaluate(long, history(OLD), day('2026-03-02'), config).reasons[0]!.message.en).toBe(`Needs county-level coordination: ${'x'.repeat(40)}…`);
    const calm = only('problemOpen', (r) => { r.problemOpen.coordinationIsRed = false; });
    expect(levelOf(coord, history(OLD), day('2026-03-02'), calm)).toBe('none');
  });

  test('both causes in one reason', () => {
    const both = project('landed', { problem: '资金缺口', coordination: '协调银行贷款' });
    const flag = evaluate(both, h, day('2026-03-16'), config);
    expect(flag.reasons).toHaveLength(1);
    expect(flag.reasons[0]!.figures).toEqual({ days: 15, since: '2026-03-01', coordination: 1 });
    expect(flag.reasons[0]!.message.zh).toBe('存在问题已15天未解决（自 2026-03-01）；需县级协调：协调银行贷款');
    expect(flag.reasons[0]!.message.en).toBe('Open problem unchanged for 15 days (since 2026-03-01); Needs county-level coordination: 协调银行贷款');
  });

  test('no problem text, no flag (even with a stale timestamp); a problem the history missed counts from first sight', () => {
    expect(levelOf(project('landed', { problem: '  ' }), h, day('2026-06-01'), config)).toBe('none');
    expect(levelOf(project('landed', { problem: '环评' }), history(local('2026-03-01T10:00:00')), day('2026-03-16'), config)).toBe('yellow');
  });
});

describe('missing-owner', () => {
  const config = only('missingOwner');
  test.each([
    [{ leader: null }, 'leader', '未明确包联领导', 'No leader in charge'],
    [{ unit: ' ' }, 'unit', '未明确所属单位', 'No responsible unit'],
    [{ leader: '', unit: null }, 'leader,unit', '未明确包联领导和所属单位', 'No leader in charge or responsible unit'],
  ])('%j → yellow (%s)', (overrides, missing, zh, en) => {
    const flag = evaluate(project('clue', overrides), history(OLD), day('2026-03-01'), config);
    expect(flag).toEqual({ level: 'yellow', reasons: [{ rule: 'missing-owner', level: 'yellow', figures: { missing }, message: { zh, en } }] });
  });
  test('both present → none', () => {
    expect(levelOf(project('clue'), history(OLD), day('2026-03-01'), config)).toBe('none');
  });
});

describe('escalation: yellow at the last N cut-offs and now becomes red', () => {
  // Signed 2026-01-01: yellow from day 91 (Thu 04-02); Friday cut-offs 04-03 (day 92) and 04-10 (day 99).
  const config = only('signedNotStarted', (r) => { r.escalation.enabled = true; });
  const signed = project('signed', { signedDate: '2026-01-01' });
  const h = history(OLD);
  test.each([
    ['2026-04-09', 'yellow'], // cut-offs 03-27 (day 85, none) and 04-03
    ['2026-04-10T11:59:59', 'yellow'],
    ['2026-04-10T12:00:00', 'red'], // cut-offs 04-03 and 04-10, both yellow
    ['2026-04-11', 'red'],
  ])('as of %s → %s', (asOf, level) => {
    const instant = asOf.length === 10 ? day(asOf) : local(asOf);
    expect(levelOf(signed, h, instant, config)).toBe(level);
  });

  test('the reason comes last, with the cut-off count and the first of them', () => {
    const flag = evaluate(signed, h, day('2026-04-11'), config);
    expect(flag.reasons.map((r) => r.rule)).toEqual(['signed-not-started', 'escalation']);
    expect(flag.reasons[1]).toEqual({
      rule: 'escalation',
      level: 'red',
      figures: { cutoffs: 2, since: '2026-04-03' },
      message: { zh: '黄旗已连续2个调度周期未消除（自 2026-04-03 起），升级为红旗', en: 'Yellow at 2 consecutive weekly cut-offs (since 2026-04-03); escalated to red' },
    });
  });

  const owner = only('missingOwner', (r) => { r.escalation.enabled = true; });
  const noLeader = project('clue', { leader: null });
  const c1 = local('2026-04-03T12:00:00');
  const c2 = local('2026-04-10T12:00:00');
  test.each([
    ['recorded yellow, yellow', [['yellow', 'yellow']], 'red'],
    ['recorded yellow, red', [['yellow', 'red']], 'red'],
    ['recorded none at the last cut-off', [['yellow', 'none']], 'yellow'],
    ['recorded none at the one before', [['none', 'yellow']], 'yellow'],
    ['no records: evaluated as of each cut-off', [], 'red'],
  ] as const)('%s → %s', (_name, records, level) => {
    const cutoffLevels = records.flatMap(([a, b]) => [{ cutoff: c1, level: a }, { cutoff: c2, level: b }]);
    expect(levelOf(noLeader, history(OLD, { cutoffLevels }), day('2026-04-11'), owner)).toBe(level);
  });

  test('records spelled differently still match', () => {
    const cutoffLevels = [{ cutoff: '2026-04-03T12:00:00+08:00', level: 'none' as const }, { cutoff: c2, level: 'yellow' as const }];
    expect(levelOf(noLeader, history(OLD, { cutoffLevels }), day('2026-04-11'), owner)).toBe('yellow');
  });

  test('cut-offs before the project was first seen count as unflagged', () => {
    expect(levelOf(noLeader, history(local('2026-04-05T09:00:00')), day('2026-04-11'), owner)).toBe('yellow');
    expect(levelOf(noLeader, history(c1), day('2026-04-11'), owner)).toBe('red');
  });

  test('N comes from config; escalation can be switched off; a red base needs none', () => {
    const three = only('missingOwner', (r) => { r.escalation.enabled = true; r.escalation.consecutiveCutoffs = 3; });
    expect(levelOf(noLeader, history(local('2026-03-30T09:00:00')), day('2026-04-11'), three)).toBe('yellow');
    expect(levelOf(noLeader, history(local('2026-03-27T09:00:00')), day('2026-04-11'), three)).toBe('red');
    expect(levelOf(noLeader, history(OLD), day('2026-04-11'), only('missingOwner'))).toBe('yellow');
    const red = evaluate(project('clue', { leader: null, coordination: '协调' }), history(OLD), day('2026-04-11'), DEFAULT_CONFIG);
    expect(red.reasons.map((r) => r.rule)).not.toContain('escalation');
  });
});

describe('stages and the whole flag', () => {
  const h = history(OLD, { progressChangedAt: local('2026-11-01T10:00:00') });
  test('dropped projects get no flag at all', () => {
    const dropped = project('dropped', { leader: null, coordination: '协调', status: 'dropped' });
    expect(evaluate(dropped, h, day('2026-12-31'), DEFAULT_CONFIG)).toEqual({ level: 'none', reasons: [] });
  });

  test('producing projects get the "all active" rules only', () => {
    const p = project('producing', { startDate: '2025-01-01', productionDate: '2026-06-01', leader: null, problem: '达产慢' });
    const flag = evaluate(p, history(OLD, { progressChangedAt: local('2026-11-01T10:00:00'), problemChangedAt: OLD }), day('2026-11-27'), DEFAULT_CONFIG);
    expect(flag.reasons.map((r) => r.rule)).toEqual(['weekly-update', 'problem-open', 'missing-owner']);
  });

  test('every reason that fired, in rule order, the highest level wins', () => {
    const p = project('signed', { signedDate: '2026-01-01', plannedStartDate: '2026-06-01', problem: '审批慢', leader: null });
    const flag = evaluate(p, history(OLD, { problemChangedAt: local('2026-11-20T09:00:00'), progressChangedAt: local('2026-11-25T09:00:00') }), day('2026-11-27'), DEFAULT_CONFIG);
    expect(flag.level).toBe('red');
    expect(flag.reasons.map((r) => [r.rule, r.level])).toEqual([
      ['weekly-update', 'yellow'],
      ['signed-not-started', 'red'],
      ['milestone-overdue', 'red'],
      ['missing-owner', 'yellow'],
    ]);
  });

  test('a quiet project has no flag', () => {
    const p = project('landed', { signedDate: '2026-01-01', startDate: '2026-03-01', plannedProductionDate: '2027-06' });
    expect(evaluate(p, history(OLD, { progressChangedAt: local('2026-11-25T09:00:00') }), day('2026-11-26'), DEFAULT_CONFIG)).toEqual({ level: 'none', reasons: [] });
  });

  test('the same asOf with a different config object uses that config', () => {
    const p = project('clue', { leader: null });
    const asOf = day('2026-11-27');
    const h = history(local('2026-11-27T13:00:00'));
    expect(levelOf(p, h, asOf, DEFAULT_CONFIG)).toBe('yellow');
    expect(levelOf(p, h, asOf, only('weeklyUpdate'))).toBe('none');
    expect(levelOf(p, h, asOf, structuredClone(DEFAULT_CONFIG))).toBe('yellow');
  });
});

describe('a county in a zone with DST', () => {
  const config = only('weeklyUpdate', (r) => { r.weeklyUpdate.red = 3; });
  config.cutoff = { weekday: 1, time: '09:00', timeZone: 'America/New_York' };
  const p = project('clue');
  test.each([
    // 2026-03-08 02:00 EST → 03:00 EDT. 23:30 local on Saturday 03-07 is 04:30Z on 03-08.
    ['2026-03-08T04:30:00.000Z', '2026-03-07'],
    // 23:30 EDT on Sunday 03-08 is 03:30Z on 03-09, before Monday's cut-off.
    ['2026-03-09T03:30:00.000Z', '2026-03-08'],
    // 2026-11-01 02:00 EDT (06:00Z) → 01:00 EST: 03:30Z is 23:30 EDT on 10-31, 05:30Z is 01:30 EDT on 11-01.
    ['2026-11-01T03:30:00.000Z', '2026-10-31'],
    ['2026-11-01T05:30:00.000Z', '2026-11-01'],
    ['2026-11-02T04:30:00.000Z', '2026-11-01'],
  ])('progress at %s shows as local date %s', (changed, date) => {
    const flag = evaluate(p, history(OLD, { progressChangedAt: changed }), '2026-12-31T12:00:00.000Z', config);
    expect(flag.reasons[0]!.figures.lastUpdated).toBe(date);
  });

  test('cut-offs are counted at local 09:00 on both sides of the change', () => {
    const h = history(OLD, { progressChangedAt: '2026-03-02T13:59:00.000Z' }); // Monday 08:59 EST
    expect(evaluate(p, h, '2026-03-02T14:00:00.000Z', config).reasons[0]!.figures.cutoffs).toBe(1); // 09:00 EST
    expect(evaluate(p, h, '2026-03-09T12:59:59.999Z', config).reasons[0]!.figures.cutoffs).toBe(1);
    expect(evaluate(p, h, '2026-03-09T13:00:00.000Z', config).reasons[0]!.figures.cutoffs).toBe(2); // 09:00 EDT
  });
});

test('a config edited in place between evaluations is honoured', () => {
  const config = only('weeklyUpdate');
  const p = project('clue');
  const h = history(OLD, { progressChangedAt: local('2026-11-04T09:00:00') }); // Wednesday
  const asOf = local('2026-11-05T18:00:00'); // Thursday evening
  expect(evaluate(p, h, asOf, config).level).toBe('none');
  config.cutoff.weekday = 4; // Thursday 12:00 has passed
  expect(evaluate(p, h, asOf, config).level).toBe('yellow');
});
