import fc from 'fast-check';
import {
  asOfInstant, countCutoffsBetween, cutoffsBetween, isValidWeek, lastCutoffAtOrBefore, parseInstant, weekOf, weekRange, zoneOffsetMs,
} from '../../../functions/domain/calendar';
import { CUTOFF, local } from './flag-fixtures';

describe('Friday 12:00 Asia/Shanghai', () => {
  test.each([
    ['2026-11-27T11:59:00', '2026-11-20T12:00:00', '2026-W48'],
    ['2026-11-27T11:59:59.999', '2026-11-20T12:00:00', '2026-W48'],
    ['2026-11-27T12:00:00', '2026-11-27T12:00:00', '2026-W48'],
    ['2026-11-27T12:00:00.001', '2026-11-27T12:00:00', '2026-W49'],
    ['2026-11-27T12:01:00', '2026-11-27T12:00:00', '2026-W49'],
    ['2026-11-28T00:00:00', '2026-11-27T12:00:00', '2026-W49'],
    ['2026-11-23T08:00:00', '2026-11-20T12:00:00', '2026-W48'],
  ])('%s: last cut-off %s, week %s', (at, cutoff, week) => {
    expect(lastCutoffAtOrBefore(local(at), CUTOFF)).toBe(local(cutoff));
    expect(weekOf(local(at), CUTOFF)).toBe(week);
  });

  test('a week is (previous cut-off, its cut-off]', () => {
    expect(weekRange('2026-W48', CUTOFF)).toEqual({ start: '2026-11-20T04:00:00.000Z', end: '2026-11-27T04:00:00.000Z' });
  });

  test('asOf a date is the end of that local day', () => {
    expect(asOfInstant('2026-11-27', CUTOFF)).toBe('2026-11-27T15:59:59.999Z');
    expect(asOfInstant('2024-02-29', CUTOFF)).toBe('2024-02-29T15:59:59.999Z');
    expect(() => asOfInstant('2026-02-30', CUTOFF)).toThrow(RangeError);
    expect(() => asOfInstant('2026/11/27', CUTOFF)).toThrow(RangeError);
  });
});

describe('weeks across year ends', () => {
  test.each([
    // 2026 has 53 ISO weeks (it starts on a Thursday): Friday 2027-01-01 closes 2026-W53.
    ['2026-12-31T09:00:00', '2026-W53'],
    ['2027-01-01T12:00:00', '2026-W53'],
    ['2027-01-01T12:00:01', '2027-W01'],
    ['2027-01-08T12:00:00', '2027-W01'],
    // 2025 has 52: Friday 2026-01-02 closes 2026-W01.
    ['2025-12-26T12:00:00', '2025-W52'],
    ['2025-12-29T09:00:00', '2026-W01'],
    ['2026-01-02T12:00:00', '2026-W01'],
    // 2020 (leap, starts on a Wednesday) has 53.
    ['2021-01-01T10:00:00', '2020-W53'],
  ])('%s → %s', (at, week) => {
    expect(weekOf(local(at), CUTOFF)).toBe(week);
  });

  test('W53 only where the year has it', () => {
    expect(weekRange('2026-W53', CUTOFF)).toEqual({ start: '2026-12-25T04:00:00.000Z', end: '2027-01-01T04:00:00.000Z' });
    expect(weekRange('2027-W01', CUTOFF)).toEqual({ start: '2027-01-01T04:00:00.000Z', end: '2027-01-08T04:00:00.000Z' });
    expect(isValidWeek('2026-W53', CUTOFF)).toBe(true);
    expect(isValidWeek('2025-W53', CUTOFF)).toBe(false);
    expect(isValidWeek('2026-W00', CUTOFF)).toBe(false);
    expect(isValidWeek('2026-48', CUTOFF)).toBe(false);
    expect(() => weekRange('2025-W53', CUTOFF)).toThrow(RangeError);
  });

  test('a Sunday cut-off labels the ISO week it ends', () => {
    const sunday = { weekday: 7, time: '18:00', timeZone: 'Asia/Shanghai' };
    expect(weekOf(local('2026-11-29T18:00:00'), sunday)).toBe('2026-W48');
    expect(weekOf(local('2026-11-23T08:00:00'), sunday)).toBe('2026-W48');
    expect(weekRange('2026-W48', sunday).end).toBe(local('2026-11-29T18:00:00'));
  });
});

describe('cutoffsBetween and countCutoffsBetween', () => {
  test('cut-offs in (from, to], oldest first', () => {
    expect(cutoffsBetween(local('2026-11-06T12:00:00'), local('2026-11-27T12:00:00'), CUTOFF)).toEqual([
      '2026-11-13T04:00:00.000Z', '2026-11-20T04:00:00.000Z', '2026-11-27T04:00:00.000Z',
    ]);
    expect(cutoffsBetween(local('2026-11-06T11:59:00'), local('2026-11-13T11:59:00'), CUTOFF)).toEqual(['2026-11-06T04:00:00.000Z']);
    expect(cutoffsBetween(local('2026-11-07T00:00:00'), local('2026-11-12T00:00:00'), CUTOFF)).toEqual([]);
    expect(cutoffsBetween(local('2026-11-27T00:00:00'), local('2026-11-01T00:00:00'), CUTOFF)).toEqual([]);
  });

  test('ten years is 522 cut-offs, counted without listing them', () => {
    const from = local('2016-11-25T12:00:00');
    const to = local('2026-11-27T12:00:00');
    expect(countCutoffsBetween(from, to, CUTOFF)).toBe(522);
    expect(cutoffsBetween(from, to, CUTOFF)).toHaveLength(522);
    expect(countCutoffsBetween(to, from, CUTOFF)).toBe(0);
  });

  test('refuses to list an absurd range', () => {
    expect(() => cutoffsBetween('1800-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z', CUTOFF)).toThrow(RangeError);
  });

  test('listing and counting agree, and every listed instant is a cut-off', () => {
    const instant = fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 * 86_400_000 }), (from, span) => {
        const to = new Date(Date.parse(from) + span).toISOString();
        const list = cutoffsBetween(from, to, CUTOFF);
        expect(list).toHaveLength(countCutoffsBetween(from, to, CUTOFF));
        for (const c of list) {
          expect(c > from && c <= to).toBe(true);
          expect(lastCutoffAtOrBefore(c, CUTOFF)).toBe(c);
        }
      }),
    );
  });
});

describe('any zone, with DST', () => {
  const ny = { weekday: 7, time: '12:00', timeZone: 'America/New_York' };
  test('cut-offs stay at local noon across the DST changes', () => {
    expect(cutoffsBetween('2026-02-28T00:00:00Z', '2026-03-16T00:00:00Z', ny)).toEqual(['2026-03-01T17:00:00.000Z', '2026-03-08T16:00:00.000Z', '2026-03-15T16:00:00.000Z']);
    expect(cutoffsBetween('2026-10-26T00:00:00Z', '2026-11-09T00:00:00Z', ny)).toEqual(['2026-11-01T17:00:00.000Z', '2026-11-08T17:00:00.000Z']);
    expect(asOfInstant('2026-07-04', ny)).toBe('2026-07-05T03:59:59.999Z');
  });

  test('a UTC Monday-midnight cut-off', () => {
    const utc = { weekday: 1, time: '00:00', timeZone: 'UTC' };
    expect(lastCutoffAtOrBefore('2026-11-30T00:00:00.000Z', utc)).toBe('2026-11-30T00:00:00.000Z');
    expect(lastCutoffAtOrBefore('2026-11-29T23:59:59.999Z', utc)).toBe('2026-11-23T00:00:00.000Z');
    expect(weekOf('2026-11-30T00:00:00.000Z', utc)).toBe('2026-W49');
  });

  test.each(['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'UTC'])(
    '%s: every instant lies in the week its label names',
    (timeZone) => {
      const cfg = { weekday: 5, time: '12:00', timeZone };
      fc.assert(
        fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2060-01-01'), noInvalidDate: true }), (d) => {
          const at = d.toISOString();
          const { start, end } = weekRange(weekOf(at, cfg), cfg);
          expect(Date.parse(start) < d.getTime() && d.getTime() <= Date.parse(end)).toBe(true);
        }),
      );
    },
  );
});

describe('parseInstant', () => {
  test('the canonical form, other ISO spellings, and garbage', () => {
    expect(parseInstant('2026-11-27T04:00:00.000Z')).toBe(Date.UTC(2026, 10, 27, 4));
    expect(parseInstant('2026-11-27T12:00:00+08:00')).toBe(Date.UTC(2026, 10, 27, 4));
    expect(parseInstant('2024-02-29T00:00:00.000Z')).toBe(Date.UTC(2024, 1, 29));
    expect(() => parseInstant('2026-02-29T00:00:00.000Z')).toThrow(RangeError);
    expect(() => parseInstant('2026-13-01T00:00:00.000Z')).toThrow(RangeError);
    expect(() => parseInstant('soon')).toThrow('Not an ISO instant: "soon"');
  });

  test('agrees with Date on every canonical instant', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }), (d) => {
      expect(parseInstant(d.toISOString())).toBe(d.getTime());
    }));
  });
});

/** zoneOffsetMs reads the formatter's printed text where it can: the same answer as reading its parts, any zone, any year. */
describe('zoneOffsetMs', () => {
  const byParts = (ms: number, timeZone: string) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(ms);
    const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    const local = new Date(0);
    local.setUTCFullYear(n('year'), n('month') - 1, n('day'));
    local.setUTCHours(n('hour'), n('minute'), n('second'));
    return local.getTime() - (ms - (((ms % 1000) + 1000) % 1000));
  };
  const ZONES = ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];

  it('agrees with the parts around DST changes, in half-hour zones, and outside the years it reads as text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(2200, 0, 1) }), (zone, ms) => zoneOffsetMs(ms, zone) === byParts(ms, zone)),
      { numRuns: 2000 },
    );
    for (const ms of [Date.UTC(999, 11, 31, 20), Date.UTC(10_000, 0, 1, 3), Date.UTC(2026, 2, 8, 7, 0, 0, 500), Date.UTC(2026, 10, 1, 5, 59, 59)]) {
      for (const zone of ZONES) expect(zoneOffsetMs(ms, zone)).toBe(byParts(ms, zone));
    }
  });
});
