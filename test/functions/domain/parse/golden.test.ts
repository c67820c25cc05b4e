import { FIELD_BY_KEY } from '../../../../contract';
import { parseCell } from '../../../../functions/domain/parse';
import type { ParseContext } from '../../../../functions/domain/types';
import { GOLDEN } from './golden-cases';

const title = (raw: unknown): string => (typeof raw === 'string' ? JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw) : String(raw));
const rows = GOLDEN.map((c) => ({ ...c, label: `${c.field} ${title(c.raw)} → ${c.error ?? JSON.stringify(c.value)}` }));

describe('parseCell golden table', () => {
  test('the table is large and at least a third of it is bad input', () => {
    expect(GOLDEN.length).toBeGreaterThanOrEqual(80);
    expect(GOLDEN.filter((c) => c.error).length * 3).toBeGreaterThanOrEqual(GOLDEN.length);
  });

  test.each(rows)('$label', ({ field, raw, ctx, value, error, zh, en }) => {
    const context: ParseContext = { dateSystem: 1900, ...ctx };
    const result = parseCell(raw, field, context);
    if (error === undefined) {
      expect(result).toEqual({ ok: true, value });
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.field).toBe(field);
    expect(result.error.code).toBe(error);
    // Every message names the field in both languages.
    expect(result.error.message.zh).toContain(FIELD_BY_KEY[field].zh);
    expect(result.error.message.en).toContain(FIELD_BY_KEY[field].en);
    if (zh !== undefined) expect(result.error.message.zh).toBe(zh);
    if (en !== undefined) expect(result.error.message.en).toBe(en);
  });
});
