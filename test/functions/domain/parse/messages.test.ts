import { FIELD_BY_KEY } from '../../../../contract';
import { parseCell } from '../../../../functions/domain/parse';
import { fieldError, quote } from '../../../../functions/domain/parse/messages';

const ctx = { dateSystem: 1900 } as const;

describe('quote', () => {
  test.each([
    ['2026-02-30', '2026-02-30'],
    [46086, '46086'],
    [true, 'TRUE'],
    [null, ''],
    ['第一行\n第二行', '第一行 第二行'],
    ['一'.repeat(31), `${'一'.repeat(30)}…`],
    ['一'.repeat(30), '一'.repeat(30)],
    ['𠀀'.repeat(31), `${'𠀀'.repeat(30)}…`], // counts characters, never splits a surrogate pair
    [{}, '[object]'],
  ])('%p → %p', (raw, expected) => expect(quote(raw)).toBe(expected));
});

describe('messages', () => {
  test('money errors name the column unit', () => {
    const r = parseCell('很多', 'amount', { dateSystem: 1900, units: { amount: 0.0001 } });
    expect(r).toMatchObject({ ok: false, error: { message: { zh: '总投资“很多”不是有效金额，请填写数字（单位：万元）或如 2.3亿、5000万 的金额' } } });
    if (!r.ok) expect(r.error.message.en).toContain('in 万元 (10 thousand yuan)');
  });

  test('an odd column unit is still named', () => {
    const r = parseCell('很多', 'amount', { dateSystem: 1900, units: { amount: 0.5 } });
    expect(r).toMatchObject({ ok: false, error: { message: { zh: expect.stringContaining('单位：0.5 亿元') } } });
  });

  test('integer too large and range messages', () => {
    expect(parseCell(2e7, 'jobs', ctx)).toMatchObject({ ok: false, error: { message: { zh: '预计就业“20000000”超过 10000000，请检查' } } });
    expect(parseCell('300~500', 'jobs', ctx)).toMatchObject({ ok: false, error: { message: { en: 'Expected jobs "300~500" is a range; enter a single number, such as 300' } } });
  });

  test('ids, unreadable values and unknown codes', () => {
    expect(parseCell(false, 'id', ctx)).toMatchObject({ ok: false, error: { code: 'invalid_id', message: { zh: '项目编号“FALSE”不是有效的编号' } } });
    expect(parseCell({} as never, 'name', ctx)).toMatchObject({ ok: false, error: { code: 'invalid_value', message: { zh: '项目名称“[object]”无法识别' } } });
    expect(fieldError(FIELD_BY_KEY.leader, { ok: false, code: 'something_new' }, 'x').message.en).toBe('Leader in charge "x" cannot be read');
  });

  test('a field outside the catalogue is a row-level error, not a crash', () => {
    expect(parseCell('x', 'nope' as never, ctx)).toEqual({
      ok: false,
      error: { field: null, code: 'unknown_field', message: { zh: '未知字段“nope”', en: 'Unknown field "nope"' } },
    });
    expect(parseCell('x', 'toString' as never, ctx)).toMatchObject({ ok: false, error: { code: 'unknown_field' } });
  });
});
