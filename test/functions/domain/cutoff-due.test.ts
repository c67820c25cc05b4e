/**
 * "Is anything due now?" — domain/cutoff.ts cutoffDue, the one decision the cloud's 15-minute tick (through the
 * job) and the local timer make: from the stored cut-off, the reminder setting and the closed / reminded markers.
 */
import { cutoffDue, dueWeeks, nextRunAt, reminderDue } from '../../../functions/domain/cutoff';

const FRI_NOON = { weekday: 5, time: '12:00', timeZone: 'Asia/Shanghai' };
const WED_1700 = { weekday: 3, time: '17:00', timeZone: 'Asia/Shanghai' };
const none = { closed: new Set<string>(), reminded: new Set<string>() };

describe('cutoffDue', () => {
  it('a cut-off is due from its instant until its week is closed; then nothing until the next', () => {
    expect(cutoffDue('2026-03-06T03:59:59.000Z', FRI_NOON, null, { ...none, closed: new Set(['2026-W09']) }).close).toBe(false);
    expect(cutoffDue('2026-03-06T04:00:00.000Z', FRI_NOON, null, { ...none, closed: new Set(['2026-W09']) }).close).toBe(true);
    expect(cutoffDue('2026-03-06T04:15:00.000Z', FRI_NOON, null, { ...none, closed: new Set(['2026-W09', '2026-W10']) })).toEqual({ close: false, remind: null, next: '2026-03-13T04:00:00.000Z' });
  });

  it('follows the configured cut-off, not Friday noon', () => {
    const closed = { ...none, closed: new Set(['2026-W09']) };
    expect(cutoffDue('2026-03-04T09:15:00.000Z', WED_1700, null, closed).close).toBe(true);
    expect(cutoffDue('2026-03-04T09:15:00.000Z', FRI_NOON, null, { ...none, closed: new Set(['2026-W09']) }).close).toBe(false);
    expect(dueWeeks('2026-03-04T09:15:00.000Z', new Set(['2026-W09']), '2026-03-02T02:00:00.000Z', WED_1700)).toEqual(['2026-W10']);
  });

  it('a reminder is due within the hours before the cut-off, once', () => {
    const done = { ...none, closed: new Set(['2026-W09']) };
    expect(cutoffDue('2026-03-05T03:59:00.000Z', FRI_NOON, 24, done).remind).toBeNull();
    expect(cutoffDue('2026-03-05T04:00:00.000Z', FRI_NOON, 24, done).remind).toBe('2026-W10');
    expect(cutoffDue('2026-03-05T04:15:00.000Z', FRI_NOON, 24, { ...done, reminded: new Set(['2026-W10']) }).remind).toBeNull();
    expect(cutoffDue('2026-03-05T04:15:00.000Z', FRI_NOON, null, done).remind).toBeNull();
    expect(reminderDue('2026-03-05T04:00:00.000Z', FRI_NOON, 24)).toBe('2026-W10');
  });

  it('next: the reminder when it is still ahead, else the cut-off', () => {
    expect(nextRunAt('2026-03-02T02:00:00.000Z', FRI_NOON, 24)).toBe('2026-03-05T04:00:00.000Z');
    expect(nextRunAt('2026-03-05T05:00:00.000Z', FRI_NOON, 24)).toBe('2026-03-06T04:00:00.000Z');
    expect(nextRunAt('2026-03-02T02:00:00.000Z', FRI_NOON, null)).toBe('2026-03-06T04:00:00.000Z');
    expect(cutoffDue('2026-03-02T02:00:00.000Z', WED_1700, 2, none).next).toBe('2026-03-04T07:00:00.000Z');
  });
});
