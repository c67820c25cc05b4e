import { excelSerialToIso, parseLedgerDate } from '../../../../functions/domain/parse';

describe('excelSerialToIso', () => {
  test.each([
    [1, 1900, '1900-01-01'],
    [59, 1900, '1900-02-28'],
    [60, 1900, null], // Lotus's 1900-02-29, kept by Excel for compatibility
    [61, 1900, '1900-03-01'],
    [25569, 1900, '1970-01-01'],
    [46086, 1900, '2026-03-05'],
    [46086.9999, 1900, '2026-03-05'],
    [2958465, 1900, '9999-12-31'],
    [0, 1904, '1904-01-01'],
    [1, 1904, '1904-01-02'],
    [44624, 1904, '2026-03-05'],
  ] as const)('serial %p in the %p system is %p', (serial, system, iso) => {
    expect(excelSerialToIso(serial, system)).toBe(iso);
  });

  test.each([[0, 1900], [-1, 1900], [-1, 1904], [0.5, 1900], [2958466, 1900], [Number.NaN, 1900], [Number.POSITIVE_INFINITY, 1904]] as const)(
    'serial %p in the %p system is no day',
    (serial, system) => expect(excelSerialToIso(serial, system)).toBeNull(),
  );

  test('the two systems are 1462 days apart for every modern serial', () => {
    for (let s = 32874; s <= 73415; s += 97) expect(excelSerialToIso(s - 1462, 1904)).toBe(excelSerialToIso(s, 1900));
  });
});

describe('parseLedgerDate', () => {
  test('returns the ISO day, month, null for blank, or an error code', () => {
    expect(parseLedgerDate('2026年3月5日', 1900)).toEqual({ ok: true, value: '2026-03-05' });
    expect(parseLedgerDate('2026年3月', 1904)).toEqual({ ok: true, value: '2026-03' });
    expect(parseLedgerDate(44624, 1904)).toEqual({ ok: true, value: '2026-03-05' });
    expect(parseLedgerDate(null, 1900)).toEqual({ ok: true, value: null });
    expect(parseLedgerDate('待定', 1900)).toMatchObject({ ok: false, code: 'invalid_date' });
    expect(parseLedgerDate(true, 1900)).toMatchObject({ ok: false, code: 'invalid_date' });
  });

  test('the same serial means different days in the two systems', () => {
    expect(parseLedgerDate(46086, 1900)).toEqual({ ok: true, value: '2026-03-05' });
    expect(parseLedgerDate(46086, 1904)).toEqual({ ok: true, value: '2030-03-06' });
  });

  test('an unknown date system falls back to 1900 (the Windows default)', () => {
    expect(parseLedgerDate(46086, 1901 as 1900)).toEqual({ ok: true, value: '2026-03-05' });
  });
});
