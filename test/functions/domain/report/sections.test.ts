/** The dashboard's contribution sections: by 招商方式, 责任专班, industry × chain role, and per-unit land figures. */
import { addCounters, contributionOf } from '../../../../functions/domain/report/live';
import { contributionSections, sectionCounters, sectionsFromCounters } from '../../../../functions/domain/report/sections';
import { CONTRIBUTION_SNAPS as SNAPS, SECTION_OPTIONS as OPTIONS, W, x } from './contribution-snaps';
import { snap } from './history';

describe('contributionSections', () => {
  const s = contributionSections(SNAPS, OPTIONS);

  test('by 招商方式: configured first, then blank; conversion and median clue → signed days', () => {
    expect(s.methods.map((m) => [m.method, m.total, m.amount, m.all, m.signed, m.conversion, m.clueToSigned.median])).toEqual([
      ['以商招商', 3, 6, 4, 2, 0.5, 75],
      ['产业链招商', 0, 0, 0, 0, null, null],
      ['基金招商', 2, 5, 2, 2, 1, 59],
      ['', 1, 0.5, 1, 0, 0, null],
    ]);
    expect(s.methods[0]!.lists).toEqual({ clue: 1, signed: 1, landed: 1, producing: 0 });
  });

  test('by 责任专班: active projects, red and yellow', () => {
    expect(s.teams).toEqual([
      { team: '食品专班', lists: { clue: 1, signed: 1, landed: 1, producing: 0 }, total: 3, amount: 6, red: 1, yellow: 0 },
      { team: '新能源专班', lists: { clue: 0, signed: 0, landed: 0, producing: 1 }, total: 1, amount: 4, red: 0, yellow: 1 },
      { team: '', lists: { clue: 1, signed: 0, landed: 0, producing: 1 }, total: 2, amount: 1.5, red: 0, yellow: 0 },
    ]);
  });

  test('by industry and chain role, per list', () => {
    const canned = s.chains.find((c) => c.industry === '罐头食品')!;
    expect(canned.roles.build).toEqual({ clue: 1, signed: 0, landed: 0, producing: 0 });
    expect(canned.roles.fill).toEqual({ clue: 0, signed: 1, landed: 1, producing: 0 });
    expect(canned.total).toBe(3);
    expect(s.chains.map((c) => [c.industry, c.total, c.unmarked])).toEqual([
      ['罐头食品', 3, 0],
      ['光伏储能', 2, 1],
      ['新材料', 0, 0],
      ['', 1, 1],
    ]);
  });

  test('per unit: totals and per-mu figures of landed and producing; no land or zero land counts in totals only', () => {
    expect(s.land.map((l) => l.unit)).toEqual(['地方镇', '经济开发区']);
    const town = s.land[0]!;
    expect(town.landed).toEqual({ count: 1, amount: 3, outputValue: 5, tax: 0.1, withLand: 1, landArea: 100, investmentIntensity: 200, taxPerMu: 10, outputPerMu: 500 });
    expect(town.total).toMatchObject({ count: 2, withLand: 2, landArea: 150, investmentIntensity: 600 / 1.5, taxPerMu: 20, outputPerMu: 866.67 });
    expect(s.land[1]!.producing).toEqual({ count: 1, amount: 1, outputValue: 0, tax: 0.05, withLand: 0, landArea: 0, investmentIntensity: null, taxPerMu: null, outputPerMu: null });
    expect(s.landTotal.total).toMatchObject({ count: 3, withLand: 2, landArea: 150, amount: 8 });
  });

  test('live = scan: the sections from the units\' live counters equal the scanned ones', () => {
    const units = new Map<string, Record<string, number>>();
    for (const snapshot of SNAPS) {
      const c = contributionOf(snapshot, null);
      addCounters(units.get(c.unit) ?? units.set(c.unit, {}).get(c.unit)!, c.counters);
    }
    expect(sectionsFromCounters([...units].map(([unit, counters]) => ({ unit, counters })), OPTIONS)).toEqual(s);
  });

  test('a dot in a name is kept (free text is last in every counter name)', () => {
    const c = sectionCounters(snap({ id: 'Z', week: W, stage: 'clue', contribution: x({ investmentMethod: 'a.b', team: '专班.一', industry: '木业.家居' }) }));
    const out = sectionsFromCounters([{ unit: 'u', counters: c }]);
    expect(out.methods.map((m) => m.method)).toEqual(['a.b']);
    expect(out.teams.map((t) => t.team)).toEqual(['专班.一']);
    expect(out.chains.map((t) => t.industry)).toEqual(['木业.家居']);
  });
});
