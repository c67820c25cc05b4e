/**
 * Calendar-day arithmetic on ISO dates, in whole days since 1970-01-01 (no time zones: ledger dates are
 * local calendar days). Shared by the parser (Excel serials) and the flag engine (day counts).
 */
export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of y-m-d (month 1–12; a day 0 is the previous month's last, as Date.UTC reads it). */
export function ymdToDay(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** "YYYY-MM-DD" → days since 1970-01-01. */
export function isoToDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return ymdToDay(y!, m!, d!);
}

/** Days since 1970-01-01 → "YYYY-MM-DD". */
export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** True when y-m-d is a real calendar date. */
export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function ymdToIso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The day a ledger date stands for. Month-precision dates ("YYYY-MM") are read as the month's first day
 * for things that happened (`start`) and its last day for deadlines (`end`), so a vague date never raises
 * a flag earlier than a precise one would.
 */
export function ledgerDateToDay(date: string, edge: 'start' | 'end'): number {
  if (date.length === 10) return isoToDay(date);
  const [y, m] = date.split('-').map(Number);
  return edge === 'start' ? ymdToDay(y!, m!, 1) : ymdToDay(y!, m! + 1, 0);
}
