import * as fc from 'fast-check';
import { FIELD_KEYS, FIELD_BY_KEY, type RawCell } from '../../../../contract';
import { isoToDay } from '../../../../functions/domain/days';
import { parseCell, parseLedgerDate, parseMoney, parseRow } from '../../../../functions/domain/parse';

/** Strings that look like ledger input (dates, money, units, placeholders) as well as arbitrary ones. */
const ledgerish = fc.stringMatching(/^[0-9０-９.,，\-/年月日号亿万元约余人:T ¥￥~至无]{0,16}$/);
const rawCell: fc.Arbitrary<RawCell | undefined> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  ledgerish,
  fc.double(),
  fc.integer({ min: -1e9, max: 1e12 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const context = fc.record(
  { dateSystem: fc.constantFrom(1900 as const, 1904 as const), units: fc.dictionary(fc.constantFrom(...FIELD_KEYS), fc.double()) },
  { requiredKeys: ['dateSystem'] },
);

describe('parser properties', () => {
  test('every number a row parses to is one DynamoDB and Excel can hold: 0, or between 1e-8 and 1e15 in magnitude, finite', () => {
    const tiny = fc.oneof(fc.double({ min: -1e-100, max: 1e-100 }), fc.constantFrom(1e-200, 5e-324, -1e-200, 1e-131, 1e-9));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FIELD_KEYS), fc.oneof(rawCell, tiny)), context, (cells, ctx) => {
        const row = parseRow(cells as Record<string, RawCell>, ctx);
        for (const v of Object.values(row.fields)) {
          if (typeof v !== 'number') continue;
          expect(Number.isFinite(v)).toBe(true);
          if (v !== 0) expect(Math.abs(v) >= 1e-8 && Math.abs(v) <= 1e15).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('parseCell never throws, and every error names its field in zh and en', () => {
    fc.assert(
      fc.property(rawCell, fc.constantFrom(...FIELD_KEYS), context, (raw, field, ctx) => {
        const r = parseCell(raw, field, ctx);
        if (!r.ok) {
          expect(r.error.field).toBe(field);
          expect(r.error.message.zh).toContain(FIELD_BY_KEY[field].zh);
          expect(r.error.message.en).toContain(FIELD_BY_KEY[field].en);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('parseRow never throws and always returns every field', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FIELD_KEYS), rawCell), context, (cells, ctx) => {
        const row = parseRow(cells as Record<string, RawCell>, ctx);
        expect(Object.keys(row.fields)).toHaveLength(FIELD_KEYS.length);
        for (const e of row.errors) expect(row.fields[e.field!]).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  test('every valid date, in every supported format, parses back to the same ISO date', () => {
    const fullWidth = (s: string): string => s.replace(/[0-9\-.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
        const mm = String(m).padStart(2, '0');
        const dd = String(d).padStart(2, '0');
        const serial1900 = isoToDay(iso) + 25569;
        const texts: RawCell[] = [
          iso,
          `${iso}T08:30:00Z`,
          `${iso} 23:59:59`,
          `${y}.${m}.${d}`,
          `${y}/${m}/${d}`,
          `${y}-${m}-${d}`,
          `${y}年${m}月${d}日`,
          `${y}年${m}月${d}号`,
          `${y}${mm}${dd}`,
          fullWidth(`${y}-${mm}-${dd}`),
          `  ${y}年${m}月${d}日  `,
          serial1900,
          serial1900 + 0.75,
          String(serial1900),
        ];
        for (const t of texts) expect([t, parseLedgerDate(t, 1900)]).toEqual([t, { ok: true, value: iso }]);
        expect(parseLedgerDate(serial1900 - 1462, 1904)).toEqual({ ok: true, value: iso });
        for (const t of [`${y}年${m}月`, `${y}.${m}`, `${y}-${mm}`]) expect(parseLedgerDate(t, 1900)).toEqual({ ok: true, value: iso.slice(0, 7) });
      }),
      { numRuns: 1000 },
    );
  });

  test('dates that do not exist are errors', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
        expect(parseLedgerDate(`${y}-${m}-${last + 1}`, 1900)).toMatchObject({ ok: false, code: 'invalid_date' });
        expect(parseLedgerDate(`${y}年${m}月${last}日`, 1900).ok).toBe(true);
      }),
    );
  });

  test('`${n}万` is n / 10000 亿, exactly, and `${n}亿` is n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (n) => {
        expect(parseMoney(`${n}万`, 1)).toEqual({ ok: true, value: n / 10000 });
        expect(parseMoney(`${n}万元`, 1)).toEqual({ ok: true, value: n / 10000 });
        expect(parseMoney(n, 0.0001)).toEqual({ ok: true, value: n / 10000 });
        if (n <= 100_000) expect(parseMoney(`${n}亿`, 0.0001)).toEqual({ ok: true, value: n });
      }),
      { numRuns: 2000 },
    );
  });

  test('decimal amounts come out as the nearest double to the decimal written, free of float noise', () => {
    // k / 10^s 万 (up to 10^9 万 = the 10^5 亿 bound, up to 14 digits) written out; its value in 亿 is k / 10^(s+4), and one division gives the nearest double to that.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }).chain((s) => fc.tuple(fc.integer({ min: 0, max: 10 ** (9 + s) }), fc.constant(s))), ([k, s]) => {
        const text = String(k / 10 ** s);
        expect(parseMoney(`${text}万`, 1)).toEqual({ ok: true, value: k / 10 ** (s + 4) });
        expect(parseMoney(k / 10 ** s, 0.0001)).toEqual({ ok: true, value: k / 10 ** (s + 4) });
      }),
      { numRuns: 2000 },
    );
  });

  test('thousands separators and approximation words do not change an amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (n) => {
        const grouped = n.toLocaleString('en-US');
        expect(parseMoney(`约${grouped}万元左右`, 1)).toEqual(parseMoney(`${n}万`, 1));
      }),
    );
  });
});
