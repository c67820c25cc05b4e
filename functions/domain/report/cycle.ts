/** Cycle times between the four lists' ledger dates (线索→签约→开工→投产), as medians in days. */
import type { CycleKey, CycleTime, ListKey } from '../../../contract/vocabulary';
import { ledgerDateToDay } from '../days';
import type { WeekSnapshot } from './snapshot';

const CYCLES: Readonly<Record<CycleKey, readonly [ListKey, ListKey]>> = {
  clueToSigned: ['clue', 'signed'],
  signedToLanded: ['signed', 'landed'],
  landedToProducing: ['landed', 'producing'],
};

/** The median of a list of numbers (mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Days from one stage's date to the next; null when either is missing or they are in impossible order (the
 * stage machine reports that as a row error; a negative cycle would only skew the median).
 * Month-precision dates count from the month's first day.
 */
export function cycleDays(s: WeekSnapshot, [from, to]: readonly [ListKey, ListKey]): number | null {
  const a = s.dates[from];
  const b = s.dates[to];
  if (!a || !b) return null;
  const days = ledgerDateToDay(b, 'start') - ledgerDateToDay(a, 'start');
  return days >= 0 ? days : null;
}

/** Medians over every project (dropped ones too: their past cycles happened). */
export function cycleTimes(snapshots: readonly WeekSnapshot[]): Record<CycleKey, CycleTime> {
  const out = {} as Record<CycleKey, CycleTime>;
  for (const [key, pair] of Object.entries(CYCLES) as Array<[CycleKey, readonly [ListKey, ListKey]]>) {
    const days = snapshots.map((s) => cycleDays(s, pair)).filter((d): d is number => d !== null);
    out[key] = { median: median(days), count: days.length };
  }
  return out;
}
