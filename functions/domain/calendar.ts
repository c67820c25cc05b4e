/**
 * The weekly cut-off calendar (周调度截止时间). Instants are ISO-8601 UTC strings; the cut-off is a local
 * weekday + time in the county's IANA zone. Local time comes from Intl, so any zone works (Asia/Shanghai has
 * no DST today but had it in 1986–1991; other counties' zones may). Cut-offs are handled as *local day
 * numbers* (days since 1970-01-01 of the local calendar): one cut-off per local week, so counting and
 * stepping is arithmetic on day numbers and only the final local→UTC conversion asks Intl.
 *
 * A week is the half-open interval (previous cut-off, this cut-off]: something recorded exactly at 12:00:00
 * on Friday still belongs to the week that closes then. Its label is the ISO week ("2026-W48") of the local
 * date of the cut-off that closes it; each ISO week holds exactly one of each weekday, so labels are unique.
 */
import type { CutoffConfig } from '../../contract/vocabulary';
import { isoToDay, isValidYmd, MS_PER_DAY, ymdToDay } from './days';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_WEEK = 7 * MS_PER_DAY;

/** More cut-offs than this in one `cutoffsBetween` call (≈ 190 years) is a caller's bug, not a query. */
const MAX_LISTED_CUTOFFS = 10_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** What `formatter` prints for years 1000–9999 ("6/1/2026, 08:00:00"): read as it is, about 4× faster than formatToParts. */
const PRINTED = /^(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{1,2}):(\d{2}):(\d{2})$/;

/** Local time minus UTC, in ms, at instant `ms` (e.g. +8 h for Asia/Shanghai). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const f = formatter(timeZone);
  const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
  const m = PRINTED.exec(f.format(ms));
  if (m) return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])) - wholeSecond;
  // Any other shape (another year range, an ICU that prints otherwise): by parts.
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  for (const p of f.formatToParts(ms)) {
    switch (p.type) {
      case 'year': y = Number(p.value); break;
      case 'month': mo = Number(p.value); break;
      case 'day': d = Number(p.value); break;
      case 'hour': h = Number(p.value); break;
      case 'minute': mi = Number(p.value); break;
      case 'second': s = Number(p.value); break;
    }
  }
  return Date.UTC(y, mo - 1, d, h, mi, s) - wholeSecond;
}

/**
 * The UTC instant of a local wall-clock time (given as ms "as if UTC"). A wall time skipped by a DST jump
 * maps to the instant the jump lands on ± the jump; a repeated one to one of its two instants.
 */
export function localToUtcMs(localMs: number, timeZone: string): number {
  const guess = zoneOffsetMs(localMs, timeZone);
  const utc = localMs - guess;
  const actual = zoneOffsetMs(utc, timeZone);
  return actual === guess ? utc : localMs - actual;
}

/** The local calendar day (days since 1970-01-01) an instant falls on. */
export function localDayOf(ms: number, timeZone: string): number {
  return Math.floor((ms + zoneOffsetMs(ms, timeZone)) / MS_PER_DAY);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** "HH:MM" → minutes after midnight. The config validator guarantees the format. */
export function cutoffMinutes(cfg: CutoffConfig): number {
  return Number(cfg.time.slice(0, 2)) * 60 + Number(cfg.time.slice(3, 5));
}

/**
 * Cut-off instants already computed, per zone and time, by local day: every evaluation as of a new instant
 * needs the same past cut-offs again, and each costs two Intl calls. Bounded by clearing.
 */
const cutoffMemo = new Map<string, Map<number, number>>();
const CUTOFF_MEMO_LIMIT = 20_000;

/** The UTC instant (ms) of the cut-off on local day `day`. */
export function cutoffMsOnDay(day: number, cfg: CutoffConfig): number {
  const key = `${cfg.timeZone}|${cfg.time}`;
  let memo = cutoffMemo.get(key);
  if (!memo) {
    if (cutoffMemo.size >= 16) cutoffMemo.clear();
    memo = new Map();
    cutoffMemo.set(key, memo);
  }
  let ms = memo.get(day);
  if (ms === undefined) {
    if (memo.size >= CUTOFF_MEMO_LIMIT) memo.clear();
    ms = localToUtcMs(day * MS_PER_DAY + cutoffMinutes(cfg) * MS_PER_MINUTE, cfg.timeZone);
    memo.set(day, ms);
  }
  return ms;
}

/** Local day number of the last cut-off at or before instant `ms`. */
export function lastCutoffDay(ms: number, cfg: CutoffConfig): number {
  let day = localDayOf(ms, cfg.timeZone);
  day -= (isoWeekday(day) - cfg.weekday + 7) % 7;
  if (cutoffMsOnDay(day, cfg) > ms) day -= 7;
  return day;
}

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The decimal digit at i, or NaN. */
function digit(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  return a >= 0 && a <= 9 ? a : NaN;
}

/** Two decimal digits at i, or NaN. */
function digits2(s: string, i: number): number {
  return digit(s, i) * 10 + digit(s, i + 1);
}

/**
 * The canonical form "YYYY-MM-DDTHH:MM:SS.sssZ" (what toISOString writes and the store keeps), parsed with
 * arithmetic: the flag engine parses several instants per project and Date.parse is its slowest step.
 * Undefined when the text is not of that shape; NaN when it is but names no real instant (Date.parse would
 * quietly turn "2026-02-29" into 1 March).
 */
function parseCanonicalInstant(s: string): number | undefined {
  if (s.length !== 24 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || s[19] !== '.' || s[23] !== 'Z') {
    return undefined;
  }
  const y = digits2(s, 0) * 100 + digits2(s, 2);
  const mo = digits2(s, 5);
  const d = digits2(s, 8);
  const h = digits2(s, 11);
  const mi = digits2(s, 14);
  const se = digits2(s, 17);
  const ms = digits2(s, 20) * 10 + digit(s, 22);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= MONTH_DAYS[mo - 1]! && h <= 23 && mi <= 59 && se <= 59 && ms >= 0)) return NaN;
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return NaN;
  return daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + se) * 1000 + ms;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; a third of Date.UTC's cost). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

export function parseInstant(instant: string): number {
  const ms = parseCanonicalInstant(instant) ?? Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO instant: ${JSON.stringify(instant)}`);
  return ms;
}

export function msToInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** The end of local day `date` ("YYYY-MM-DD"): its last millisecond, so that day's cut-off is included. */
export function asOfInstant(date: string, cfg: CutoffConfig): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  }
  return msToInstant(localToUtcMs((isoToDay(date) + 1) * MS_PER_DAY, cfg.timeZone) - 1);
}

export function lastCutoffAtOrBefore(instant: string, cfg: CutoffConfig): string {
  return msToInstant(cutoffMsOnDay(lastCutoffDay(parseInstant(instant), cfg), cfg));
}

/** How many cut-offs lie in (from, to]; O(1). */
export function countCutoffsBetween(fromExclusive: string, toInclusive: string, cfg: CutoffConfig): number {
  const weeks = (lastCutoffDay(parseInstant(toInclusive), cfg) - lastCutoffDay(parseInstant(fromExclusive), cfg)) / 7;
  return Math.max(0, weeks);
}

/** The cut-offs in (from, to], oldest first. Work is proportional to the number of cut-offs, not of days. */
export function cutoffsBetween(fromExclusive: string, toInclusive: string, cfg: CutoffConfig): string[] {
  const first = lastCutoffDay(parseInstant(fromExclusive), cfg) + 7;
  const last = lastCutoffDay(parseInstant(toInclusive), cfg);
  if ((last - first) / 7 + 1 > MAX_LISTED_CUTOFFS) {
    throw new RangeError(`More than ${MAX_LISTED_CUTOFFS} cut-offs between ${fromExclusive} and ${toInclusive}`);
  }
  const out: string[] = [];
  for (let day = first; day <= last; day += 7) out.push(msToInstant(cutoffMsOnDay(day, cfg)));
  return out;
}

/** "YYYY-Www" of the ISO week holding local day `day`. */
export function isoWeekLabel(day: number): string {
  const thursday = day - isoWeekday(day) + 4;
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const week = Math.floor((thursday - ymdToDay(year, 1, 1)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Local day number of the Monday of ISO week 1 of `year`. */
function isoWeekOneMonday(year: number): number {
  const jan4 = ymdToDay(year, 1, 4);
  return jan4 - isoWeekday(jan4) + 1;
}

/** The week label of an instant: the ISO week of the cut-off that closes its (previous, this] week. */
export function weekOf(instant: string, cfg: CutoffConfig): string {
  const ms = parseInstant(instant);
  let day = lastCutoffDay(ms, cfg);
  if (cutoffMsOnDay(day, cfg) !== ms) day += 7;
  return isoWeekLabel(day);
}

/** Local day of the cut-off closing `week`, or null when the label is not a real ISO week. */
export function weekCutoffDay(week: string, cfg: CutoffConfig): number | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const w = Number(m[2]);
  const weeksInYear = (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7;
  if (w < 1 || w > weeksInYear) return null;
  return isoWeekOneMonday(year) + (w - 1) * 7 + cfg.weekday - 1;
}

export function isValidWeek(week: string, cfg: CutoffConfig): boolean {
  return weekCutoffDay(week, cfg) !== null;
}

/** The instants a week label covers: (start, end] = (previous cut-off, its cut-off]. */
export function weekRange(week: string, cfg: CutoffConfig): { start: string; end: string } {
  const day = weekCutoffDay(week, cfg);
  if (day === null) throw new RangeError(`Not an ISO week: ${JSON.stringify(week)}`);
  return { start: msToInstant(cutoffMsOnDay(day - 7, cfg)), end: msToInstant(cutoffMsOnDay(day, cfg)) };
}
