import { parseCell, meansNone } from '../../../../functions/domain/parse';

describe('blank cells', () => {
  test.each(['无', '暂无', ' 没有 ', 'N/A', 'none'])('%p means none', (text) => expect(meansNone(text)).toBe(true));
  test.each(['无法落地', '有', '', null, undefined, 0])('%p does not mean none', (raw) => expect(meansNone(raw)).toBe(false));

  test('"无" is blank in typed fields but the clerk’s answer in text fields', () => {
    const ctx = { dateSystem: 1900 } as const;
    expect(parseCell('无', 'problemType', ctx)).toEqual({ ok: true, value: null });
    expect(parseCell('无', 'tax', ctx)).toEqual({ ok: true, value: null });
    expect(parseCell('无', 'coordination', ctx)).toEqual({ ok: true, value: '无' });
  });

  test.each(['-', '－', '—', '——', '/', '／', '\\', '…', '  ', '\n'])('placeholder %p is blank in every field', (raw) => {
    for (const field of ['name', 'id', 'progress', 'amount', 'jobs', 'signedDate', 'status'] as const) {
      expect(parseCell(raw, field, { dateSystem: 1900 })).toEqual({ ok: true, value: null });
    }
  });
});
