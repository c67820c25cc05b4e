import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dashboard } from '../../../../functions/domain/report';
import { flag, history, reason, snap, UNITS } from './history';

const AS_OF = '2026-11-27T04:00:00.000Z'; // the W48 cut-off
const board = () => dashboard(history(), { asOf: AS_OF, week: '2026-W48', units: UNITS });

describe('dashboard on a four-week history (each project as of its latest snapshot)', () => {
  it('county totals per list with contribution; dropped projects only in `dropped`', () => {
    const d = board();
    expect(d.lists.clue).toEqual({ count: 1, amount: 1, red: 0, yellow: 0, outputValue: 0, tax: 0, jobs: 0 });
    expect(d.lists.signed).toMatchObject({ count: 3, amount: 1.5, red: 1 });
    expect(d.lists.producing).toEqual({ count: 1, amount: 10, red: 0, yellow: 0, outputValue: 20, tax: 1.5, jobs: 300 });
    expect(d.total).toEqual({ count: 6, amount: 15, red: 1, yellow: 0, outputValue: 20, tax: 1.5, jobs: 300 });
    expect(d.dropped).toBe(1);
    expect(d.empty).toBe(false);
    expect(d.week).toBe('2026-W48');
  });

  it('projects and flags per unit, configured units first even when empty', () => {
    const d = board();
    expect(d.units.map((u) => [u.unit, u.lists.clue, u.lists.signed, u.lists.landed, u.lists.producing, u.total, u.amount, u.red, u.yellow])).toEqual([
      ['平邑街道', 0, 2, 1, 0, 3, 3.9, 1, 0],
      ['地方镇', 0, 0, 0, 1, 1, 10, 0, 0],
      ['仲村镇', 0, 0, 0, 0, 0, 0, 0, 0],
      ['经济开发区', 0, 1, 0, 0, 1, 0.1, 0, 0],
      ['', 1, 0, 0, 0, 1, 1, 0, 0],
    ]);
  });

  it('cycle-time medians: odd count, even count, single, and projects missing a date left out', () => {
    const { cycleTimes } = board();
    // clue→signed: P7 30, P2 30, P5 55, P4 60, P1 76 (P3, P6 never signed)
    expect(cycleTimes.clueToSigned).toEqual({ median: 55, count: 5 });
    // signed→landed: P1 2, P4 120
    expect(cycleTimes.signedToLanded).toEqual({ median: 61, count: 2 });
    expect(cycleTimes.landedToProducing).toEqual({ median: 305, count: 1 });
  });

  it('priority investors per list', () => {
    const { priority } = board();
    expect(priority.centralSoe.lists.producing).toEqual({ count: 1, amount: 10 });
    expect(priority.centralSoe.total).toEqual({ count: 1, amount: 10 });
    expect(priority.fortune500.lists.signed).toEqual({ count: 1, amount: 0.1 });
    expect(priority.nationalBrand.total).toEqual({ count: 0, amount: 0 });
  });

  it('red-flag list: project, unit, leader, reasons red first, days flagged; longest first', () => {
    const week = '2026-W48';
    const mixed = { level: 'red' as const, reasons: [reason('yellow', 'problem-open'), reason('red', 'weekly-update')] };
    const d = dashboard(
      [
        ...history(),
        snap({ id: 'Q', week, unit: '地方镇', leader: '王五', flag: mixed, flagSince: '2026-10-01T00:00:00.000Z' }),
        snap({ id: 'U', week, flag: flag('red'), flagSince: null }),
        snap({ id: 'F', week, flag: flag('red'), flagSince: '2026-11-28T00:00:00.000Z' }), // after asOf: never negative
      ],
      { asOf: AS_OF, week, units: UNITS },
    );
    expect(d.redFlags.map((r) => [r.project.id, r.project.unit, r.project.leader, r.daysFlagged])).toEqual([
      ['Q', '地方镇', '王五', 57],
      ['P2', '平邑街道', '张三', 7],
      ['F', '平邑街道', '张三', 0],
      ['U', '平邑街道', '张三', null],
    ]);
    expect(d.redFlags[0]!.reasons.map((r) => r.level)).toEqual(['red', 'yellow']);
    expect(d.redFlags[0]!.reasons[0]!.message).toEqual({ zh: 'weekly-update red', en: 'weekly-update red' });
  });

  it('no projects: an empty dashboard, zero totals, null medians', () => {
    const d = dashboard([], { asOf: AS_OF, week: '2026-W48' });
    expect(d.empty).toBe(true);
    expect(d.units).toEqual([]);
    expect(d.total.count).toBe(0);
    expect(d.cycleTimes.clueToSigned).toEqual({ median: null, count: 0 });
    expect(d.redFlags).toEqual([]);
  });

  it('matches the golden dashboard', () => {
    const file = join(__dirname, 'golden', 'dashboard-2026-W48.json');
    const actual = JSON.stringify(board(), null, 2) + '\n';
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});
