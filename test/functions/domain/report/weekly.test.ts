import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { weeklyReport, type WeekSnapshot } from '../../../../functions/domain/report';
import { flag, history, ofWeek, period, snap, UNITS } from './history';

/** As the handler calls it: every snapshot up to the week (a project missing a week is carried forward). */
const upTo = (week: string) => history().filter((s) => s.week <= week);
const report = (week: string, current?: WeekSnapshot[], previous?: WeekSnapshot[]) => {
  const p = period(week);
  return weeklyReport(current ?? upTo(week), previous ?? upTo(p.previousWeek), p, { units: UNITS });
};
const ids = (xs: Array<{ id: string } | { project: { id: string } }>) => xs.map((x) => ('project' in x ? x.project.id : x.id));

describe('weeklyReport on a four-week history', () => {
  it('W48: per-unit rows in configured order, others by pinyin, no-unit last; an empty unit still listed', () => {
    const r = report('2026-W48');
    expect(r.units.map((u) => u.unit)).toEqual(['平邑街道', '地方镇', '仲村镇', '经济开发区', '']);
    const [pingyi, difang, zhongcun, zone, none] = r.units;
    // P7 has no W48 snapshot: carried forward from W47, counted, and it did not update its progress.
    expect(pingyi!.lists.signed).toEqual({ count: 2, amount: 1.4, red: 1, yellow: 0, entered: 0, noUpdate: 2 });
    expect(pingyi!.lists.landed).toEqual({ count: 1, amount: 2.5, red: 0, yellow: 0, entered: 0, noUpdate: 0 });
    expect(pingyi!.total).toEqual({ count: 3, amount: 3.9, red: 1, yellow: 0, entered: 0, noUpdate: 2 });
    expect(difang!.lists.producing.count).toBe(1);
    expect(difang!.droppedThisWeek).toBe(0);
    expect(zhongcun!.total).toEqual({ count: 0, amount: 0, red: 0, yellow: 0, entered: 0, noUpdate: 0 });
    expect(zone!.lists.signed).toEqual({ count: 1, amount: 0.1, red: 0, yellow: 0, entered: 1, noUpdate: 0 });
    expect(none!.lists.clue.count).toBe(1);
  });

  it('W48: county totals are the sums of the unit rows, exact to 万元', () => {
    const r = report('2026-W48');
    expect(r.county.total).toEqual({ count: 6, amount: 15, red: 1, yellow: 0, entered: 1, noUpdate: 2 });
    expect(r.county.lists.signed.amount).toBe(1.5);
    for (const l of ['clue', 'signed', 'landed', 'producing'] as const) {
      expect(r.county.lists[l].count).toBe(r.units.reduce((n, u) => n + u.lists[l].count, 0));
    }
    expect(r.county.droppedThisWeek).toBe(0);
    expect(r.county.droppedTotal).toBe(1);
  });

  it('W48: a new project entered its list; coordination items of active projects in unit order', () => {
    const r = report('2026-W48');
    expect(ids(r.entered.signed)).toEqual(['P5']);
    expect(r.movements).toEqual([expect.objectContaining({ from: null, to: 'signed', passed: [], on: '2026-11-25' })]);
    expect(r.coordination.map((c) => [c.project.id, c.project.unit, c.project.leader, c.text])).toEqual([
      ['P2', '平邑街道', '张三', '用地指标需县里协调'],
      ['P6', '', null, '需协调电力增容'],
    ]);
    expect(ids(r.noUpdate)).toEqual(['P2', 'P7']);
  });

  it('W48: change against W47 — deltas per list, a cleared flag, no new red', () => {
    const c = report('2026-W48').change!;
    expect(c.lists.signed.count).toEqual({ previous: 2, current: 3, delta: 1 });
    expect(c.lists.signed.amount).toEqual({ previous: 1.4, current: 1.5, delta: 0.1 });
    expect(c.lists.clue.yellow).toEqual({ previous: 1, current: 0, delta: -1 });
    expect(c.total.count).toEqual({ previous: 5, current: 6, delta: 1 });
    expect(c.total.amount).toEqual({ previous: 14.9, current: 15, delta: 0.1 });
    expect(c.newRed).toEqual([]);
    expect(c.newYellow).toEqual([]);
    expect(c.cleared).toEqual([expect.objectContaining({ from: 'yellow', to: 'none', project: expect.objectContaining({ id: 'P6' }) })]);
    expect(c.cleared[0]!.reasons[0]!.rule).toBe('weekly-update');
  });

  it('W47: a clue that landed in one week passes signed; a dropped project leaves the lists', () => {
    const r = report('2026-W47');
    expect(r.movements.map((m) => [m.project.id, m.from, m.to, m.passed, m.on])).toEqual([
      ['P1', 'clue', 'landed', ['signed'], '2026-11-18'],
      ['P3', 'clue', 'dropped', [], null],
    ]);
    expect(ids(r.entered.landed)).toEqual(['P1']);
    expect(r.entered.signed).toEqual([]);
    expect(ids(r.droppedThisWeek)).toEqual(['P3']);
    expect(r.units.find((u) => u.unit === '地方镇')!.droppedThisWeek).toBe(1);
    expect(r.units.find((u) => u.unit === '地方镇')!.lists.clue.count).toBe(0);
    expect(r.county.droppedThisWeek).toBe(1);
    const c = r.change!;
    expect(c.lists.clue.count).toEqual({ previous: 3, current: 1, delta: -2 });
    expect(c.lists.clue.amount.delta).toBe(-2.8);
    expect(c.lists.landed.count).toEqual({ previous: 0, current: 1, delta: 1 });
    expect(c.total.amount).toEqual({ previous: 15.2, current: 14.9, delta: -0.3 });
    expect(ids(c.newRed)).toEqual(['P2']);
    expect(c.newRed[0]!.from).toBe('yellow');
    expect(ids(c.newYellow)).toEqual(['P6']);
    expect(c.cleared).toEqual([]);
  });

  it("later weeks are ignored; a week's own snapshots suffice when every project has one", () => {
    for (const week of ['2026-W46', '2026-W47', '2026-W48']) {
      expect(report(week, history(), history())).toEqual(report(week));
    }
    expect(report('2026-W47', ofWeek('2026-W47'), ofWeek('2026-W46'))).toEqual(report('2026-W47'));
    expect(report('2026-W48', ofWeek('2026-W48')).units[0]!.lists.signed.count).toBe(1); // P7 not carried
  });

  it('the first week with data has nothing to compare: entered only by the stage date in the week', () => {
    const p = period('2026-W45'); // local days 2026-10-31 … 2026-11-06
    const current = [
      snap({ id: 'A', week: p.week, stage: 'signed', dates: { clue: '2026-01-01', signed: '2026-11-06', landed: null, producing: null } }),
      snap({ id: 'B', week: p.week, stage: 'signed', dates: { clue: '2026-01-01', signed: '2026-10-30', landed: null, producing: null } }),
      snap({ id: 'C', week: p.week, stage: 'signed', dates: { clue: '2026-01-01', signed: '2026-11', landed: null, producing: null } }),
      snap({ id: 'D', week: p.week, stage: 'signed', dates: { clue: '2026-01-01', signed: null, landed: null, producing: null } }),
      snap({ id: 'E', week: p.week, stage: 'dropped' }),
    ];
    const r = weeklyReport(current, [], p);
    expect(ids(r.entered.signed)).toEqual(['A']);
    expect(r.droppedThisWeek).toEqual([]);
    expect(r.change).toBeNull();
    expect(r.empty).toBe(false);
  });

  it('once the previous week has data, a project first seen this week is new — even if already dropped', () => {
    const p = period('2026-W48');
    const r = weeklyReport([snap({ id: 'X', week: p.week, stage: 'dropped' }), snap({ id: 'Y', week: p.week })], ofWeek('2026-W47'), p);
    expect(r.movements.map((m) => [m.project.id, m.from, m.to])).toEqual([
      ['Y', null, 'clue'],
      ['X', null, 'dropped'],
    ]);
  });

  it('a reactivated project re-enters its list from dropped', () => {
    const p = period('2026-W48');
    const r = weeklyReport([snap({ id: 'R', week: p.week, stage: 'clue' })], [snap({ id: 'R', week: p.previousWeek, stage: 'dropped' })], p);
    expect(r.movements).toEqual([expect.objectContaining({ from: 'dropped', to: 'clue', passed: [] })]);
  });

  it('red that falls to yellow is neither new nor cleared; a new project flagged red is new red', () => {
    const p = period('2026-W48');
    const prev = [snap({ id: 'D', week: p.previousWeek, flag: flag('red') })];
    const cur = [snap({ id: 'D', week: p.week, flag: flag('yellow') }), snap({ id: 'N', week: p.week, flag: flag('red') })];
    const c = weeklyReport(cur, prev, p).change!;
    expect(ids(c.newRed)).toEqual(['N']);
    expect(c.newRed[0]!.from).toBe('none');
    expect(c.newYellow).toEqual([]);
    expect(c.cleared).toEqual([]);
  });

  it('a week with no data is an empty report, not an error; configured units are still listed', () => {
    const r = report('2026-W50', [], []);
    expect(r.empty).toBe(true);
    expect(r.change).toBeNull();
    expect(r.units.map((u) => u.unit)).toEqual(UNITS);
    expect(r.county.total).toEqual({ count: 0, amount: 0, red: 0, yellow: 0, entered: 0, noUpdate: 0 });
    expect(r.period).toMatchObject({ week: '2026-W50', previousWeek: '2026-W49' });
    expect(weeklyReport([], [], period('2026-W50')).units).toEqual([]);
  });

  it('duplicate snapshots of one week: the later one wins', () => {
    const p = period('2026-W48');
    const early = snap({ id: 'P', week: p.week, amount: 1, at: '2026-11-24T00:00:00.000Z' });
    const late = snap({ id: 'P', week: p.week, amount: 3, at: '2026-11-26T00:00:00.000Z' });
    expect(weeklyReport([late, early], [], p).county.total.amount).toBe(3);
    expect(weeklyReport([early, late], [], p).county.total.amount).toBe(3);
  });

  it('matches the golden reports', () => {
    for (const week of ['2026-W47', '2026-W48']) {
      const file = join(__dirname, 'golden', `weekly-${week}.json`);
      const actual = JSON.stringify(report(week), null, 2) + '\n';
      if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
      expect(actual).toBe(readFileSync(file, 'utf8'));
    }
  });
});
