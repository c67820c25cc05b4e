/**
 * Ledger dates: Excel serials of either date system, and the ways clerks type dates ("2026.3.5", "2026年3月5日",
 * "2026年3月"). Month-only dates keep month precision ("YYYY-MM") instead of inventing a day.
 */
import type { RawCell } from '../../../contract/vocabulary';
import { dayToIso, isValidYmd, ymdToIso } from '../days';
import type { LedgerDate } from '../types';
import { isTypedBlank, normalize } from './blank';
import { fail, ok, type Parsed } from './result';

/** Years a project ledger can sensibly hold; outside them the cell is a slip (a bare number, a wrong serial). */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

/** Serial of 1970-01-01: 25569 in the 1900 system (it counts Lotus's fictitious 1900-02-29), 24107 in 1904's. */
const EPOCH = { 1900: 25569, 1904: 24107 } as const;
/** Serial of 9999-12-31 in the 1900 system: Excel's last date, and a bound that keeps Date arithmetic safe. */
const MAX_SERIAL = 2_958_465;

/**
 * The calendar day of an Excel serial (its time-of-day fraction dropped); null when there is none: serials below
 * the system's first day, and the 1900 system's serial 60, the 1900-02-29 that never existed.
 */
export function excelSerialToIso(serial: number, dateSystem: 1900 | 1904): string | null {
  if (!Number.isFinite(serial) || serial > MAX_SERIAL) return null;
  const whole = Math.floor(serial);
  if (dateSystem === 1904) return whole >= 0 ? dayToIso(whole - EPOCH[1904]) : null;
  if (whole < 1 || whole === 60) return null;
  // Serials before the fictitious leap day are one day "early" relative to the real calendar.
  return dayToIso(whole - EPOCH[1900] + (whole < 60 ? 1 : 0));
}

const inRange = (y: number): boolean => y >= MIN_YEAR && y <= MAX_YEAR;

function day(y: number, m: number, d: number): Parsed<LedgerDate> {
  if (!isValidYmd(y, m, d)) return fail('invalid_date');
  return inRange(y) ? ok(ymdToIso(y, m, d)) : fail('invalid_date', 'year');
}

function month(y: number, m: number): Parsed<LedgerDate> {
  if (!Number.isInteger(m) || m < 1 || m > 12) return fail('invalid_date');
  return inRange(y) ? ok(ymdToIso(y, m, 1).slice(0, 7)) : fail('invalid_date', 'year');
}

/** A time of day after the date ("2026-03-05T08:00:00Z", "2026/3/5 8:00", "2026年3月5日10:30"): ignored. */
const TIME = /(?:t|\s+|(?<=[日号]))\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?$/i;
/** Day-precision spellings: "2026-03-05", "2026.3.5", "2026/3/5", "2026年3月5日/号", "20260305". */
const DAY_FORMATS = [
  /^(?<y>\d{4})(?<sep>[-./])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})$/,
  /^(?<y>\d{4})年(?<m>\d{1,2})月(?<d>\d{1,2})[日号]?$/,
  /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
];
/** Month-precision spellings: "2026-03", "2026.3", "2026年3月", "2026年3月份", "2026年3月底". */
const MONTH_FORMATS = [
  /^(?<y>\d{4})[-./](?<m>\d{1,2})$/,
  /^(?<y>\d{4})年(?<m>\d{1,2})月份?(?:上旬|中旬|下旬|初|中|底|末)?$/,
];
/** "2026年6月底前", "2026年6月左右": a planned date's hedge; the date stands. */
const HEDGE = /(?:以前|之前|前后|左右|前)$/;
/** "2026年底" / "2026年末": the year's last month. */
const YEAR_END = /^(?<y>\d{4})年(?:底|末)$/;
const SERIAL_TEXT = /^\d+(?:\.\d+)?$/;

function fromText(text: string, dateSystem: 1900 | 1904): Parsed<LedgerDate> {
  const t = normalize(text).replace(TIME, '').replace(/\s+/g, '').replace(HEDGE, '');
  for (const format of DAY_FORMATS) {
    const g = format.exec(t)?.groups;
    if (g) return day(Number(g.y), Number(g.m), Number(g.d));
  }
  for (const format of MONTH_FORMATS) {
    const g = format.exec(t)?.groups;
    if (g) return month(Number(g.y), Number(g.m));
  }
  const yearEnd = YEAR_END.exec(t)?.groups;
  if (yearEnd) return month(Number(yearEnd.y), 12);
  // A serial that arrived as text (a copied value, a CSV).
  if (SERIAL_TEXT.test(t)) return fromNumber(Number(t), dateSystem);
  return fail('invalid_date');
}

function fromNumber(n: number, dateSystem: 1900 | 1904): Parsed<LedgerDate> {
  if (!Number.isFinite(n)) return fail('invalid_date');
  // 20260305 typed without separators: far above any serial of the years we accept.
  if (Number.isInteger(n) && n >= 10_000_000 && n <= 99_999_999) {
    return day(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100);
  }
  // 2026.3 typed into a number cell: year.month. 2026.1 may have been 2026.10 — Excel dropped the zero.
  if (!Number.isInteger(n) && n >= MIN_YEAR && n < MAX_YEAR + 1) {
    const fraction = String(n).split('.')[1]!;
    if (fraction === '1') return fail('invalid_date', 'ambiguous');
    return fraction.length <= 2 ? month(Math.floor(n), Number(fraction)) : fail('invalid_date');
  }
  const iso = excelSerialToIso(n, dateSystem);
  if (iso === null) return fail('invalid_date');
  return inRange(Number(iso.slice(0, 4))) ? ok(iso) : fail('invalid_date', 'year');
}

/** Parses a ledger date: "YYYY-MM-DD", or "YYYY-MM" when only the month is known; null when blank. */
export function parseLedgerDate(raw: RawCell, dateSystem: 1900 | 1904): Parsed<LedgerDate> {
  if (isTypedBlank(raw)) return ok(null);
  const system = dateSystem === 1904 ? 1904 : 1900;
  if (typeof raw === 'number') return fromNumber(raw, system);
  if (typeof raw === 'string') return fromText(raw, system);
  return fail('invalid_date');
}
