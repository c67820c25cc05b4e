/**
 * A generated four-week history (2026-W45 … W48) of one county, for the report tests. Each project is a row
 * of per-week states; a week left out means the project had no snapshot that week.
 *
 *   P1 平邑街道  clue → (W47) landed in one week, passing signed
 *   P2 平邑街道  signed; yellow W46, red W47–W48
 *   P3 地方镇    clue, dropped in W47
 *   P4 地方镇    producing, central SOE, with contribution figures
 *   P5 经济开发区 new in W48 (signed, Fortune 500), 0.1 亿
 *   P6 (no unit) clue; yellow W47, cleared W48; needs coordination
 *   P7 平邑街道  signed, 0.2 亿; no snapshot in W48 (carried forward from W47)
 *   仲村镇 is configured and has no projects.
 */
import type { Flag, FlagLevel, FlagReason, ListKey, Stage } from '../../../../contract';
import { DEFAULT_CONFIG } from '../../../../functions/domain/config';
import { reportPeriod, type WeekSnapshot } from '../../../../functions/domain/report';

export const UNITS = ['平邑街道', '地方镇', '仲村镇'];
export const WEEKS = ['2026-W45', '2026-W46', '2026-W47', '2026-W48'] as const;
export type Week = (typeof WEEKS)[number];

export const period = (week: string) => reportPeriod(week, DEFAULT_CONFIG.cutoff)!;

export function reason(level: Exclude<FlagLevel, 'none'>, rule: FlagReason['rule'] = 'weekly-update'): FlagReason {
  return { rule, level, figures: { weeks: level === 'red' ? 2 : 1 }, message: { zh: `${rule} ${level}`, en: `${rule} ${level}` } };
}

export function flag(level: FlagLevel): Flag {
  return { level, reasons: level === 'none' ? [] : [reason(level)] };
}

/** A snapshot with every field defaulted; `over` wins. */
export function snap(over: Partial<WeekSnapshot> & { id: string; week: string }): WeekSnapshot {
  const stage: Stage = over.stage ?? 'clue';
  const dates: Record<ListKey, string | null> = { clue: '2026-09-01', signed: null, landed: null, producing: null, ...over.dates };
  return {
    name: `项目${over.id}`,
    unit: '平邑街道',
    leader: '张三',
    stage,
    amount: 1,
    outputValue: null,
    tax: null,
    jobs: null,
    investorType: null,
    flag: flag('none'),
    flagSince: null,
    progressUpdated: true,
    coordination: null,
    enteredStageOn: stage === 'dropped' ? null : dates[stage],
    dates,
    version: 1,
    at: `${period(over.week).end}`,
    ...over,
  };
}

type Row = Partial<Record<Week, Partial<WeekSnapshot>>>;
const P: Record<string, { base: Partial<WeekSnapshot>; weeks: Row }> = {
  P1: {
    base: { unit: '平邑街道', amount: 2.5, leader: '李四' },
    weeks: {
      '2026-W45': {},
      '2026-W46': { progressUpdated: false },
      '2026-W47': { stage: 'landed', dates: { clue: '2026-09-01', signed: '2026-11-16', landed: '2026-11-18', producing: null } },
      '2026-W48': { stage: 'landed', dates: { clue: '2026-09-01', signed: '2026-11-16', landed: '2026-11-18', producing: null } },
    },
  },
  P2: {
    base: { unit: '平邑街道', stage: 'signed', amount: 1.2, dates: { clue: '2026-06-01', signed: '2026-07-01', landed: null, producing: null } },
    weeks: {
      '2026-W45': {},
      '2026-W46': { flag: flag('yellow'), flagSince: '2026-11-13T04:00:00.000Z', progressUpdated: false },
      '2026-W47': { flag: flag('red'), flagSince: '2026-11-20T04:00:00.000Z', progressUpdated: false },
      '2026-W48': { flag: flag('red'), flagSince: '2026-11-20T04:00:00.000Z', progressUpdated: false, coordination: '用地指标需县里协调' },
    },
  },
  P3: {
    base: { unit: '地方镇', amount: 0.3 },
    weeks: { '2026-W45': {}, '2026-W46': {}, '2026-W47': { stage: 'dropped' }, '2026-W48': { stage: 'dropped' } },
  },
  P4: {
    base: {
      unit: '地方镇',
      stage: 'producing',
      amount: 10,
      outputValue: 20,
      tax: 1.5,
      jobs: 300,
      investorType: 'centralSoe',
      dates: { clue: '2025-01-01', signed: '2025-03-02', landed: '2025-06-30', producing: '2026-05-01' },
    },
    weeks: { '2026-W45': {}, '2026-W46': {}, '2026-W47': {}, '2026-W48': {} },
  },
  P5: {
    base: { unit: '经济开发区', stage: 'signed', amount: 0.1, investorType: 'fortune500', dates: { clue: '2026-10-01', signed: '2026-11-25', landed: null, producing: null } },
    weeks: { '2026-W48': {} },
  },
  P6: {
    base: { unit: '', leader: null },
    weeks: {
      '2026-W45': {},
      '2026-W46': {},
      '2026-W47': { flag: flag('yellow'), flagSince: '2026-11-20T04:00:00.000Z', progressUpdated: false },
      '2026-W48': { coordination: '  需协调电力增容  '.trim() },
    },
  },
  P7: {
    base: { unit: '平邑街道', stage: 'signed', amount: 0.2, dates: { clue: '2026-08-01', signed: '2026-08-31', landed: null, producing: null } },
    weeks: { '2026-W45': {}, '2026-W46': {}, '2026-W47': {} },
  },
};

/** Every snapshot of the history, all weeks mixed (as a store query over several weeks returns them). */
export function history(): WeekSnapshot[] {
  return Object.entries(P).flatMap(([id, { base, weeks }]) =>
    WEEKS.filter((w) => weeks[w]).map((week) => snap({ id, week, ...base, ...weeks[week] })),
  );
}

export const ofWeek = (week: string) => history().filter((s) => s.week === week);
