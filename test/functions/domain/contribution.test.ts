/** Per-mu figures (投资强度, 亩均税收, 亩均产值) and the rule contribution-below-standard: golden cases. */
import type { CountyConfig } from '../../../contract';
import { DEFAULT_CONFIG, validateConfig } from '../../../functions/domain/config';
import { contributionFigures, hasStandards, perMuOfTotals, standardFor } from '../../../functions/domain/contribution';
import { evaluate, escalatingLevel } from '../../../functions/domain/flags';
import { parseRow } from '../../../functions/domain/parse';
import { day, history, local, project } from './flag-fixtures';

const none = { amount: null, fixedInvestment: null, landArea: null, tax: null, outputValue: null };

describe('contributionFigures', () => {
  test('固定资产投资 first, else 总投资; money in 亿元 → 万元 per 亩', () => {
    expect(contributionFigures({ ...none, amount: 5, fixedInvestment: 3, landArea: 100, tax: 0.08, outputValue: 6 })).toEqual({
      landArea: 100, investmentIntensity: 300, investmentBasis: 'fixedInvestment', taxPerMu: 8, outputPerMu: 600,
    });
    expect(contributionFigures({ ...none, amount: 5, landArea: 100 })).toMatchObject({ investmentIntensity: 500, investmentBasis: 'amount', taxPerMu: null, outputPerMu: null });
  });

  test('units: the same land written in 亩, 平方米 and 公顷 gives the same figures', () => {
    const rows = ['120亩', '80000平方米', '8公顷'].map((land) => parseRow({ name: 'x', amount: '3亿', tax: '1200万', landArea: land }, { dateSystem: 1900 }).fields);
    for (const f of rows) expect(contributionFigures(f)).toEqual({ landArea: 120, investmentIntensity: 250, investmentBasis: 'amount', taxPerMu: 10, outputPerMu: null });
    const sqmColumn = parseRow({ name: 'x', amount: 3, landArea: 80000 }, { dateSystem: 1900, units: { landArea: 3 / 2000 } }).fields;
    expect(contributionFigures(sqmColumn).investmentIntensity).toBe(250);
  });

  test('missing land, zero land: no figure (never Infinity or NaN)', () => {
    for (const landArea of [null, 0]) {
      expect(contributionFigures({ ...none, amount: 5, tax: 0.1, outputValue: 2, landArea })).toEqual({
        landArea: null, investmentIntensity: null, investmentBasis: null, taxPerMu: null, outputPerMu: null,
      });
    }
    expect(perMuOfTotals({ land: 0, investmentWan: 5000, taxWan: 10, outputWan: 10 })).toEqual({ investmentIntensity: null, taxPerMu: null, outputPerMu: null });
    expect(perMuOfTotals({ land: 200, investmentWan: 50000, taxWan: 1000, outputWan: 90000 })).toEqual({ investmentIntensity: 250, taxPerMu: 5, outputPerMu: 450 });
  });

  test('rounded to 2 decimals', () => {
    expect(contributionFigures({ ...none, amount: 1, landArea: 3 }).investmentIntensity).toBe(3333.33);
  });
});

const INDUSTRIAL = { name: '工业项目', investmentIntensity: 200, taxPerMu: 10 };
const LOGISTICS = { name: '物流项目', investmentIntensity: 120, taxPerMu: 5 };

function withStandards(standards: unknown): CountyConfig {
  const r = validateConfig({ rules: Object.fromEntries(Object.keys(DEFAULT_CONFIG.rules).map((k) => [k, { enabled: false }])), standards });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.config;
}

const AS_OF = day('2026-11-20');
const H = history(local('2026-11-01T09:00:00'));
const reasonOf = (config: CountyConfig, stage: Parameters<typeof project>[0], f: Parameters<typeof project>[1]) =>
  evaluate(project(stage, f), H, AS_OF, config).reasons.find((r) => r.rule === 'contribution-below-standard');

describe('contribution-below-standard', () => {
  const config = withStandards({ default: INDUSTRIAL, industries: { 现代物流: LOGISTICS } });

  test('off by default: no standard is configured', () => {
    expect(hasStandards(DEFAULT_CONFIG)).toBe(false);
    const p = project('clue', { amount: 0.1, landArea: 100, tax: 0 });
    expect(evaluate(p, H, AS_OF, DEFAULT_CONFIG).reasons.map((r) => r.rule)).not.toContain('contribution-below-standard');
  });

  test('below the default (industrial) standard: yellow, with the figures and the standard (zh/en)', () => {
    const flag = evaluate(project('signed', { industry: '罐头食品', amount: 2, fixedInvestment: 1.5, landArea: 100, tax: 0.08 }), H, AS_OF, config);
    expect(flag.level).toBe('yellow');
    expect(flag.reasons).toEqual([
      {
        rule: 'contribution-below-standard',
        level: 'yellow',
        figures: { landArea: 100, standard: '工业项目', investmentIntensity: 150, standardIntensity: 200, taxPerMu: 8, standardTax: 10 },
        message: {
          zh: '亩均贡献低于准入标准（工业项目）：投资强度 150 万元/亩（按固定资产投资），低于 200 万元/亩；亩均税收 8 万元/亩·年，低于 10 万元/亩·年（用地 100 亩）',
          en: 'Below the admission standard (工业项目): investment intensity 150 万元/mu (fixed-asset investment), below 200 万元/mu; tax per mu 8 万元/mu a year, below 10 万元/mu a year (land 100 mu)',
        },
      },
    ]);
    expect(escalatingLevel(flag)).toBe('none');
  });

  test.each<[string, string, Record<string, unknown>, string | null]>([
    ['at the standard exactly', 'clue', { amount: 2, landArea: 100, tax: 0.1 }, null],
    ['intensity only below', 'clue', { amount: 1.99, landArea: 100, tax: 0.1 }, '投资强度 199 万元/亩（按总投资），低于 200 万元/亩'],
    ['tax only below (no tax figure is not below)', 'clue', { amount: 3, landArea: 100, tax: 0.05 }, '亩均税收 5 万元/亩·年，低于 10 万元/亩·年'],
    ['no tax figure, intensity fine', 'clue', { amount: 3, landArea: 100, tax: null }, null],
    ['missing land: no figure, no reminder', 'clue', { amount: 0.1, landArea: null, tax: 0 }, null],
    ['zero land: no figure, no reminder', 'signed', { amount: 0.1, landArea: 0, tax: 0 }, null],
    ['landed: land granted, no reminder', 'landed', { amount: 0.1, landArea: 100, startDate: '2026-10-01' }, null],
    ['producing: no reminder', 'producing', { amount: 0.1, landArea: 100, startDate: '2026-01-01', productionDate: '2026-10-01' }, null],
    ['land in 平方米 parsed to 亩 (66,666.67 m² = 100 亩)', 'clue', { amount: 1, landArea: parseRow({ name: 'x', landArea: '66666.67平方米' }, { dateSystem: 1900 }).fields.landArea, tax: 0.1 }, '投资强度 100 万元/亩'],
  ])('%s', (_name, stage, f, text) => {
    const r = reasonOf(config, stage as 'clue', f);
    if (text === null) expect(r).toBeUndefined();
    else expect(r?.message.zh).toContain(text);
  });

  test('thresholds per industry class: its own entry, else the default class', () => {
    const logistics = { industry: '现代物流', amount: 1.5, landArea: 100, tax: 0.06 };
    expect(reasonOf(config, 'clue', logistics)).toBeUndefined(); // 150 ≥ 120, 6 ≥ 5
    expect(reasonOf(config, 'clue', { ...logistics, industry: '新材料' })?.figures).toMatchObject({ standard: '工业项目', investmentIntensity: 150, taxPerMu: 6 });
    expect(reasonOf(config, 'clue', { ...logistics, industry: ' 现代物流 ', amount: 1 })?.message.en).toBe(
      'Below the admission standard (物流项目): investment intensity 100 万元/mu (total investment), below 120 万元/mu (land 100 mu)',
    );
    expect(standardFor('现代物流', config)).toMatchObject({ investmentIntensity: 120, industry: '现代物流' });
    expect(standardFor(null, config)).toMatchObject({ investmentIntensity: 200, industry: null });
  });

  test('only some classes configured: others are not judged; an unnamed class is named by its industry', () => {
    const c = withStandards({ industries: { 罐头食品: { investmentIntensity: 200 } } });
    expect(reasonOf(c, 'clue', { industry: '新材料', amount: 0.1, landArea: 100 })).toBeUndefined();
    expect(reasonOf(c, 'clue', { industry: '罐头食品', amount: 0.1, landArea: 100, tax: 0 })?.message.zh).toBe('亩均贡献低于准入标准（罐头食品）：投资强度 10 万元/亩（按总投资），低于 200 万元/亩（用地 100 亩）');
    const d = withStandards({ default: { taxPerMu: 10 } });
    expect(reasonOf(d, 'clue', { amount: 0.1, landArea: 100, tax: 0.01 })?.message.en).toBe('Below the admission standard (default standard): tax per mu 1 万元/mu a year, below 10 万元/mu a year (land 100 mu)');
  });

  test('never escalates: yellow at every cut-off stays yellow', () => {
    const c = structuredClone(config);
    c.rules.escalation.enabled = true;
    const h = history(local('2026-01-01T09:00:00'), { cutoffLevels: [{ cutoff: local('2026-11-13T12:00:00'), level: 'yellow' }, { cutoff: local('2026-11-20T12:00:00'), level: 'yellow' }] });
    expect(evaluate(project('clue', { amount: 0.1, landArea: 100 }), h, local('2026-11-20T18:00:00'), c).level).toBe('yellow');
  });
});

describe('standards configuration', () => {
  test('validated: positive floors, known keys, at least one figure', () => {
    const bad = validateConfig({ standards: { default: { investmentIntensity: -1 }, industries: { 罐头食品: { taxPer: 3 }, 新材料: {} } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.path)).toEqual(['standards.default.investmentIntensity', 'standards.industries.罐头食品.taxPer', 'standards.industries.罐头食品', 'standards.industries.新材料']);
    expect(validateConfig({ standards: { industries: [] } }).ok).toBe(false);
    expect(validateConfig({ investmentMethods: ['以商招商', '以商招商'] }).ok).toBe(false);
    const good = validateConfig({ standards: { default: INDUSTRIAL }, investmentMethods: [' 乡贤招商 '] });
    expect(good.ok && good.config.standards).toEqual({ default: INDUSTRIAL, industries: {} });
    expect(good.ok && good.config.investmentMethods).toEqual(['乡贤招商']);
  });
});
