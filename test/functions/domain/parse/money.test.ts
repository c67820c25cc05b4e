import { columnUnit, MAX_MONEY, parseMoney } from '../../../../functions/domain/parse';

describe('parseMoney', () => {
  test('bare numbers use the given unit, written units override it', () => {
    expect(parseMoney(12000, 0.0001)).toEqual({ ok: true, value: 1.2 });
    expect(parseMoney('12000', 0.0001)).toEqual({ ok: true, value: 1.2 });
    expect(parseMoney('2亿', 0.0001)).toEqual({ ok: true, value: 2 });
    expect(parseMoney('5000万', 1)).toEqual({ ok: true, value: 0.5 });
    expect(parseMoney('', 1)).toEqual({ ok: true, value: null });
  });

  test('float noise is removed', () => {
    expect(parseMoney(5000, 0.0001)).toEqual({ ok: true, value: 0.5 }); // 5000 × 0.0001 = 0.5000000000000001 in binary
    expect(parseMoney('0.1亿', 1)).toEqual({ ok: true, value: 0.1 });
    expect(parseMoney('700万', 1)).toEqual({ ok: true, value: 0.07 });
  });

  test('the upper bound is inclusive', () => {
    expect(parseMoney(MAX_MONEY, 1)).toEqual({ ok: true, value: MAX_MONEY });
    expect(parseMoney(MAX_MONEY + 0.01, 1)).toMatchObject({ ok: false, code: 'invalid_money', reason: 'too_large' });
  });

  test('ranges and negatives are errors with their reason', () => {
    expect(parseMoney('2-3亿', 1)).toMatchObject({ ok: false, code: 'invalid_money', reason: 'range' });
    expect(parseMoney('3000到5000万', 1)).toMatchObject({ ok: false, code: 'invalid_money', reason: 'range' });
    expect(parseMoney('-5', 1)).toMatchObject({ ok: false, code: 'invalid_money', reason: 'negative' });
  });

  test('a figure written with an exponent is one figure: out of range, never a range (its "-" is the exponent\'s)', () => {
    expect(parseMoney('1e-200亿', 1)).toMatchObject({ ok: false, code: 'invalid_money', reason: 'too_small' });
    expect(parseMoney('1E-200', 1)).toMatchObject({ ok: false, code: 'invalid_money', reason: 'too_small' });
    expect(parseMoney('1.5e+20元', 1)).toMatchObject({ ok: false, code: 'invalid_money', reason: 'too_large' });
    expect(parseMoney('2.5e3万', 1)).toEqual({ ok: true, value: 0.25 });
    expect(parseMoney('1e5-2e5元', 1)).toMatchObject({ ok: false, code: 'invalid_money', reason: 'range' });
  });
});

describe('columnUnit', () => {
  test('the header unit wins, else the catalogue default', () => {
    expect(columnUnit('amount', { dateSystem: 1900, units: { amount: 0.0001 } })).toBe(0.0001);
    expect(columnUnit('amount', { dateSystem: 1900 })).toBe(1);
  });

  test.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('a nonsensical header unit %p is ignored', (unit) => {
    expect(columnUnit('tax', { dateSystem: 1900, units: { tax: unit } })).toBe(1);
  });
});
