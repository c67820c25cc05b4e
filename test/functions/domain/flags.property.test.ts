/**
 * Properties of the flag engine over generated projects and histories:
 * - with nothing recorded (no progress, same row), the level never decreases as time moves forward;
 * - removing a cause removes its reason, and the flag clears when that was the only cause.
 */
import fc from 'fast-check';
import type { FlagLevel, RuleId, Stage } from '../../../contract';
import { DEFAULT_CONFIG } from '../../../functions/domain/config';
import { dayToIso } from '../../../functions/domain/days';
import { evaluate } from '../../../functions/domain/flags';
import { advanceHistory } from '../../../functions/domain/history';
import { deriveStage } from '../../../functions/domain/stage';
import type { FlagHistory, ProjectFields, ProjectSnapshot } from '../../../functions/domain/types';
import { fields } from './flag-fixtures';

const RANK: Record<FlagLevel, number> = { none: 0, yellow: 1, red: 2 };
const BASE_DAY = 20_454; // 2026-01-01
const MS_DAY = 86_400_000;

const dateArb = (from: number, span: number) =>
  fc.tuple(fc.integer({ min: from, max: from + span }), fc.boolean()).map(([d, month]) => (month ? dayToIso(d).slice(0, 7) : dayToIso(d)));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });

/** A consistent active project: dates in chain order, stage implied by them. */
const projectArb: fc.Arbitrary<ProjectSnapshot> = fc
  .record({
    stage: fc.constantFrom<Stage>('clue', 'signed', 'landed', 'producing'),
    clueDate: maybe(dateArb(BASE_DAY - 400, 100)),
    signedDate: dateArb(BASE_DAY - 300, 100),
    startDate: dateArb(BASE_DAY - 150, 60),
    productionDate: dateArb(BASE_DAY - 60, 30),
    plannedStartDate: maybe(dateArb(BASE_DAY - 200, 300)),
    plannedProductionDate: maybe(dateArb(BASE_DAY - 100, 300)),
    leader: maybe(fc.constant('张三')),
    unit: maybe(fc.constant('温水镇')),
    problem: maybe(fc.constantFrom('用地指标未落实', '环评手续')),
    coordination: fc.option(fc.constant('需县级协调'), { nil: null, freq: 1 }),
  })
  .map((r) => {
    const idx = ['clue', 'signed', 'landed', 'producing'].indexOf(r.stage);
    const f = fields({
      clueDate: r.clueDate, signedDate: idx >= 1 ? r.signedDate : null, startDate: idx >= 2 ? r.startDate : null,
      productionDate: idx >= 3 ? r.productionDate : null, plannedStartDate: r.plannedStartDate,
      plannedProductionDate: r.plannedProductionDate, leader: r.leader, unit: r.unit, problem: r.problem, coordination: r.coordination,
    });
    return { id: 'P-PROP', stage: r.stage, fields: f };
  });

/** Instants from 2026-01-01 on, in ms. */
const instantArb = (spanDays: number) => fc.integer({ min: BASE_DAY * MS_DAY, max: (BASE_DAY + spanDays) * MS_DAY });
const iso = (ms: number) => new Date(ms).toISOString();

function historyArb(): fc.Arbitrary<FlagHistory> {
  return fc.tuple(instantArb(60), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })).map(
    ([first, a, b, c]) => ({
      firstSeenAt: iso(first),
      stageChangedAt: iso(first + a * MS_DAY),
      progressChangedAt: iso(first + b * MS_DAY),
      problemChangedAt: iso(first + c * MS_DAY),
      cutoffLevels: [],
    }),
  );
}

describe('no progress recorded → the flag never goes down', () => {
  test('as asOf moves forward over one stored history', () => {
    fc.assert(
      fc.property(projectArb, historyArb(), fc.integer({ min: 0, max: 400 * MS_DAY }), fc.integer({ min: 0, max: 60 * MS_DAY }), (p, h, d1, d2) => {
        const t1 = Date.parse(h.firstSeenAt) + 41 * MS_DAY + d1;
        const a = evaluate(p, h, iso(t1), DEFAULT_CONFIG).level;
        const b = evaluate(p, h, iso(t1 + d2), DEFAULT_CONFIG).level;
        expect(RANK[b]).toBeGreaterThanOrEqual(RANK[a]);
      }),
      { numRuns: 300 },
    );
  });

  test('through repeated syncs of the same row (history advancing, cut-off levels recorded)', () => {
    fc.assert(
      fc.property(projectArb, instantArb(30), fc.array(fc.integer({ min: 1, max: 20 * MS_DAY }), { minLength: 1, maxLength: 12 }), (p, first, steps) => {
        let now = first;
        let h = advanceHistory(null, p, iso(now), DEFAULT_CONFIG);
        let flag = evaluate(p, h, iso(now), DEFAULT_CONFIG);
        for (const step of steps) {
          now += step;
          h = advanceHistory({ ...p, history: h, flag }, p, iso(now), DEFAULT_CONFIG);
          const next = evaluate(p, h, iso(now), DEFAULT_CONFIG);
          expect(RANK[next.level]).toBeGreaterThanOrEqual(RANK[flag.level]);
          flag = next;
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('a flag clears when its cause is removed', () => {
  const whenAt = (h: FlagHistory) => fc.integer({ min: 0, max: 300 * MS_DAY }).map((d) => Date.parse(h.firstSeenAt) + 41 * MS_DAY + d);

  type Gone = (reason: { rule: RuleId; figures: Record<string, number | string> }) => boolean;

  /** Applies `fix` as a sync at `at`: no reason `gone` is left; if nothing else was wrong, no flag at all. */
  function check(p: ProjectSnapshot, h: FlagHistory, at: number, fix: (f: ProjectFields) => ProjectFields, gone: Gone) {
    const before = evaluate(p, h, iso(at), DEFAULT_CONFIG);
    const fixedFields = fix(p.fields);
    const stage = deriveStage(p.stage as 'clue', fixedFields, { stage: p.stage, fields: p.fields }).stage;
    const fixed = { id: p.id, stage, fields: fixedFields };
    const h2 = advanceHistory({ ...p, history: h, flag: before }, fixed, iso(at), DEFAULT_CONFIG);
    const after = evaluate(fixed, h2, iso(at), DEFAULT_CONFIG);
    expect(after.reasons.filter(gone)).toEqual([]);
    if (before.reasons.every((r) => gone(r) || r.rule === 'escalation') && fixed.stage === p.stage) {
      expect(after).toEqual({ level: 'none', reasons: [] });
    }
  }
  const rules = (...ids: RuleId[]): Gone => (r) => ids.includes(r.rule);

  test('progress updated → weekly-update and clue-stalled clear', () => {
    fc.assert(fc.property(projectArb, historyArb().chain((h) => fc.tuple(fc.constant(h), whenAt(h))), (p, [h, at]) => {
      check(p, h, at, (f) => ({ ...f, progress: `${f.progress ?? ''}，本周完成土地摘牌` }), rules('weekly-update', 'clue-stalled'));
    }), { numRuns: 200 });
  });

  test('start date filled → signed-not-started and the overdue start clear (planned production may now be due)', () => {
    const signed = projectArb.filter((p) => p.stage === 'signed');
    fc.assert(fc.property(signed, historyArb().chain((h) => fc.tuple(fc.constant(h), whenAt(h))), (p, [h, at]) => {
      const today = dayToIso(Math.floor(at / MS_DAY));
      check(p, h, at, (f) => ({ ...f, startDate: today }), (r) => r.rule === 'signed-not-started' || (r.rule === 'milestone-overdue' && r.figures.milestone === 'start'));
    }), { numRuns: 100 });
  });

  test('production date filled → the overdue production clears', () => {
    const landed = projectArb.filter((p) => p.stage === 'landed');
    fc.assert(fc.property(landed, historyArb().chain((h) => fc.tuple(fc.constant(h), whenAt(h))), (p, [h, at]) => {
      check(p, h, at, (f) => ({ ...f, productionDate: dayToIso(Math.floor(at / MS_DAY)) }), rules('milestone-overdue'));
    }), { numRuns: 100 });
  });

  test('problem and coordination cleared → problem-open clears', () => {
    fc.assert(fc.property(projectArb, historyArb().chain((h) => fc.tuple(fc.constant(h), whenAt(h))), (p, [h, at]) => {
      check(p, h, at, (f) => ({ ...f, problem: null, coordination: null }), rules('problem-open'));
    }), { numRuns: 200 });
  });

  test('leader and unit filled → missing-owner clears', () => {
    fc.assert(fc.property(projectArb, historyArb().chain((h) => fc.tuple(fc.constant(h), whenAt(h))), (p, [h, at]) => {
      check(p, h, at, (f) => ({ ...f, leader: '李四', unit: '仲村镇' }), rules('missing-owner'));
    }), { numRuns: 200 });
  });
});
