import type { ProjectFields, ProjectState } from '../../../../functions/domain/types';
import { FIELD_KEYS } from '../../../../contract';
import { resolveWeek, snapshotOf } from '../../../../functions/domain/report';
import { flag, period, snap } from './history';

function state(fields: Partial<ProjectFields>, over: Partial<ProjectState> = {}): ProjectState {
  const blank = Object.fromEntries(FIELD_KEYS.map((k) => [k, null])) as unknown as ProjectFields;
  return {
    id: 'P-1',
    stage: 'signed',
    fields: { ...blank, id: 'P-1', name: '年产5万吨罐头项目', ...fields },
    version: 4,
    list: 'signed',
    flag: flag('yellow'),
    flagSince: '2026-11-20T04:00:00.000Z',
    history: {
      firstSeenAt: '2026-09-01T00:00:00.000Z',
      stageChangedAt: '2026-10-01T00:00:00.000Z',
      progressChangedAt: '2026-11-25T00:00:00.000Z',
      problemChangedAt: null,
      cutoffLevels: [],
    },
    workbooks: ['wb'],
    contentHash: 'h',
    updatedAt: '2026-11-25T00:00:00.000Z',
    updatedBy: 'clerk',
    ...over,
  };
}

describe('snapshotOf', () => {
  const W48 = period('2026-W48');
  const at = '2026-11-27T04:00:00.000Z';

  it('copies what the reports need from the state', () => {
    const s = snapshotOf(
      state({
        unit: ' 地方镇 ',
        leader: '张三',
        amount: 2.3,
        outputValue: 5,
        tax: 0.4,
        jobs: 120,
        investorType: 'centralSoe',
        progress: '完成设备招标',
        coordination: '用地指标',
        clueDate: '2026-06-01',
        signedDate: '2026-10',
      }),
      W48,
      at,
    );
    expect(s).toEqual({
      id: 'P-1',
      week: '2026-W48',
      name: '年产5万吨罐头项目',
      unit: '地方镇',
      leader: '张三',
      stage: 'signed',
      amount: 2.3,
      outputValue: 5,
      tax: 0.4,
      jobs: 120,
      investorType: 'centralSoe',
      flag: flag('yellow'),
      flagSince: '2026-11-20T04:00:00.000Z',
      progressUpdated: true,
      newThisWeek: false,
      coordination: '用地指标',
      enteredStageOn: '2026-10',
      dates: { clue: '2026-06-01', signed: '2026-10', landed: null, producing: null },
      version: 4,
      at,
      contribution: { investmentMethod: null, team: null, industry: null, chainRole: null, landArea: null, fixedInvestment: null },
    });
  });

  it('progress counts as updated only when set and changed within (start, end]', () => {
    const changedAt = (t: string, progress: string | null = '进展') =>
      snapshotOf(state({ progress }, { history: { ...state({}).history, progressChangedAt: t } }), W48, at).progressUpdated;
    expect(changedAt(W48.end)).toBe(true); // the cut-off instant belongs to the week it closes
    expect(changedAt(W48.start)).toBe(false);
    expect(changedAt('2026-11-27T04:00:00.001Z')).toBe(false);
    expect(changedAt('2026-11-25T00:00:00.000Z', '   ')).toBe(false);
    expect(changedAt('2026-11-25T00:00:00.000Z', null)).toBe(false);
  });

  it('blank unit, leader, name and coordination; a dropped project has no stage date', () => {
    const s = snapshotOf(state({ name: null, unit: '  ', leader: '', coordination: ' ', clueDate: '2026-01-01' }, { stage: 'dropped', list: null }), W48, at);
    expect([s.name, s.unit, s.leader, s.coordination, s.enteredStageOn]).toEqual(['', '', null, null, null]);
  });
});

describe('resolveWeek', () => {
  it('carries a project forward from its latest earlier week, with no progress update; ignores later weeks', () => {
    const out = resolveWeek(
      [
        snap({ id: 'A', week: '2026-W45', amount: 1 }),
        snap({ id: 'A', week: '2026-W46', amount: 2 }),
        snap({ id: 'A', week: '2026-W48', amount: 9 }),
        snap({ id: 'B', week: '2026-W47', amount: 5 }),
      ],
      '2026-W47',
    );
    expect(out.map((s) => [s.id, s.week, s.amount, s.progressUpdated])).toEqual([
      ['A', '2026-W47', 2, false],
      ['B', '2026-W47', 5, true],
    ]);
  });
});
