/** 用地面积 → 亩 (golden cases and properties), and 招商方式 against the county's list. */
import * as fc from 'fast-check';
import { headerAreaUnit } from '../../../../contract';
import { DEFAULT_CONFIG } from '../../../../functions/domain/config';
import { parseCell, parseRow } from '../../../../functions/domain/parse';
import { MAX_AREA, MU_PER_HECTARE, MU_PER_SQUARE_METRE, parseArea } from '../../../../functions/domain/parse/area';
import { columnUnit } from '../../../../functions/domain/parse/numbers';
import { parseChoice } from '../../../../functions/domain/parse/choice';

describe('parseArea: 亩, 平方米 and 公顷 → 亩', () => {
  test.each<[string | number, number, number | null]>([
    [120, 1, 120],
    ['120', 1, 120],
    ['120亩', 1, 120],
    ['约120亩', 1, 120],
    ['120亩（一期）', 1, 120],
    ['1,200亩', 1, 1200],
    ['8公顷', 1, 120],
    ['8 ha', 1, 120],
    ['80000平方米', 1, 120],
    ['80000㎡', 1, 120],
    ['80000m²', 1, 120],
    ['8万平方米', 1, 120],
    ['2000平方米', 1, 3],
    ['1平方米', 1, 0.0015],
    [80000, MU_PER_SQUARE_METRE, 120],
    [8, MU_PER_HECTARE, 120],
    ['50亩', MU_PER_SQUARE_METRE, 50], // a written unit wins over the column's
    ['0', 1, 0],
    ['', 1, null],
    ['无', 1, null],
    ['-', 1, null],
  ])('%p in a column of %p 亩/unit → %p 亩', (raw, unit, mu) => {
    expect(parseArea(raw, unit)).toEqual({ ok: true, value: mu });
  });

  test.each<[string | number, string | undefined]>([
    ['100-200亩', 'range'],
    ['100至200亩', 'range'],
    ['-5', 'negative'],
    ['一百亩', undefined],
    ['120平方公里', undefined],
    [MAX_AREA + 1, 'too_large'],
  ])('%p is a field error (%p)', (raw, reason) => {
    const r = parseArea(raw, 1);
    expect(r).toMatchObject({ ok: false, code: 'invalid_area' });
    if (reason) expect(r).toMatchObject({ reason });
  });

  test('the error names the field, the value and the column unit, in zh and en', () => {
    const r = parseCell('一百亩', 'landArea', { dateSystem: 1900, units: { landArea: MU_PER_SQUARE_METRE } });
    expect(r).toEqual({
      ok: false,
      error: {
        field: 'landArea',
        code: 'invalid_area',
        message: {
          zh: '用地面积（亩）“一百亩”不是有效面积，请填写数字（单位：平方米）或如 120亩、8公顷、80000平方米 的面积',
          en: 'Land area (mu) "一百亩" is not a valid area; enter a number in 平方米 (square metres) or an area such as 120亩, 8公顷 or 80000平方米',
        },
      },
    });
  });

  test('a header names the unit of its bare numbers', () => {
    expect(headerAreaUnit('用地面积（亩）')).toBe(1);
    expect(headerAreaUnit('占地面积(平方米)')).toBe(MU_PER_SQUARE_METRE);
    expect(headerAreaUnit('用地（公顷）')).toBe(MU_PER_HECTARE);
    expect(headerAreaUnit('用地面积')).toBeUndefined();
    expect(columnUnit('landArea', { dateSystem: 1900 })).toBe(1);
    expect(columnUnit('landArea', { dateSystem: 1900, units: { landArea: 15 } })).toBe(15);
  });

  test('property: the same land in 亩, 平方米 and 公顷 parses to the same 亩 (to 0.0001)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (tenths) => {
        const mu = tenths / 10;
        const fromMu = parseArea(`${mu}亩`, 1);
        const fromSqm = parseArea(`${(mu * 2000) / 3}平方米`, 1);
        const fromHa = parseArea(`${mu / 15}公顷`, 1);
        for (const r of [fromMu, fromSqm, fromHa]) {
          expect(r.ok).toBe(true);
          if (r.ok) expect(Math.abs(r.value! - mu)).toBeLessThanOrEqual(1e-4 + mu * 1e-12);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('property: a bare number times its column unit is the text with that unit written', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom<[number, string]>([1, '亩'], [MU_PER_SQUARE_METRE, '平方米'], [MU_PER_HECTARE, '公顷']), (n, [unit, name]) => {
        const bare = parseArea(n, unit);
        const written = parseArea(`${n}${name}`, 1);
        expect(bare).toEqual(written);
        if (bare.ok && bare.value !== null) expect(bare.value).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseChoice: 招商方式 against the county list', () => {
  test.each<[string, string | null]>([
    ['以商招商', '以商招商'],
    [' 以商 招商 ', '以商招商'],
    ['以商', '以商招商'],
    ['产业链', '产业链招商'],
    ['基金招商、以商招商', '基金招商'],
    ['其它', null],
    ['', null],
  ])('%p → %p', (raw, value) => {
    if (raw === '其它') expect(parseChoice(raw)).toMatchObject({ ok: false, code: 'unknown_choice' });
    else expect(parseChoice(raw)).toEqual({ ok: true, value });
  });

  test('the county list is the one used; an unknown value is an error listing it', () => {
    const methods = ['小分队招商', '乡贤招商'];
    expect(parseRow({ name: 'x', investmentMethod: '乡贤' }, { dateSystem: 1900, investmentMethods: methods }).fields.investmentMethod).toBe('乡贤招商');
    const row = parseRow({ name: 'x', investmentMethod: '以商招商' }, { dateSystem: 1900, investmentMethods: methods });
    expect(row.fields.investmentMethod).toBeNull();
    expect(row.errors).toEqual([
      {
        field: 'investmentMethod',
        code: 'unknown_choice',
        message: { zh: '招商方式“以商招商”不在本县配置的可选项中，请填写：小分队招商、乡贤招商', en: 'Investment method "以商招商" is not one of the county\'s options; use one of: 小分队招商, 乡贤招商' },
      },
    ]);
    expect(parseRow({ name: 'x', investmentMethod: '展会' }, { dateSystem: 1900 }).fields.investmentMethod).toBe('展会招商');
    expect(DEFAULT_CONFIG.investmentMethods).toContain('网络招商');
  });

  test('固定资产投资 parses like money (亿元; 万 written or in the header)', () => {
    expect(parseRow({ name: 'x', fixedInvestment: '3000万' }, { dateSystem: 1900 }).fields.fixedInvestment).toBe(0.3);
    expect(parseRow({ name: 'x', fixedInvestment: 3000 }, { dateSystem: 1900, units: { fixedInvestment: 0.0001 } }).fields.fixedInvestment).toBe(0.3);
  });
});
