/**
 * The embedded stack's cut-off timer (`npm start`) with an injected clock and timers — nothing waits for real and
 * nothing is timed: at start it runs the job, then arms itself for the next cut-off or reminder the shared
 * decision (domain cutoffDue) names, capped at an hour so a changed cut-off is picked up; fired, it runs the same
 * job (the week is closed); stop() disarms it.
 */
import type { Deps } from '../../../functions/handlers/deps';
import { createClients, DEFAULT_TABLE_NAME, DynamoStore } from '../../../functions/store';
import { createCutoffStore } from '../../../functions/store/weeks-closed';
import { LATE_MS, MAX_WAIT_MS, startCutoffTimer, waitMs, type CutoffTimer, type TimerHost } from '../../../infra/local/cutoff-timer';
import { call, request, row, sync, useTestStack } from '../../functions/handlers/api';

let clock = '2026-03-02T02:00:00.000Z';
const stack = useTestStack({ clock: () => clock });

/** Timers that only fire when the test says so; `armed()` resolves when the timer has set its next one. */
function fakeTimers() {
  const set: { fn: () => void; ms: number; handle: number }[] = [];
  const cleared: unknown[] = [];
  let waiters: (() => void)[] = [];
  const host: TimerHost = {
    setTimeout: (fn, ms) => {
      set.push({ fn, ms, handle: set.length + 1 });
      for (const w of waiters.splice(0)) w();
      return set.length;
    },
    clearTimeout: (h) => void cleared.push(h),
  };
  const armed = () => new Promise<void>((ok) => waiters.push(ok));
  return {
    host, set, cleared, armed,
    /** Fires the last timer set at the instant `at`, and waits until the timer has armed itself again. */
    fire: async (at: string) => {
      clock = at;
      const again = armed();
      set.at(-1)!.fn();
      await again;
    },
  };
}

describe('waitMs: from now until a second after the next due instant, within [1 s, 1 h]', () => {
  it.each([
    ['2026-03-06T03:59:00.000Z', '2026-03-06T04:00:00.000Z', 61_000],
    ['2026-03-06T04:00:00.000Z', '2026-03-06T04:00:00.000Z', LATE_MS],
    ['2026-03-06T04:00:05.000Z', '2026-03-06T04:00:00.000Z', LATE_MS],
    ['2026-03-02T02:00:00.000Z', '2026-03-05T04:00:00.000Z', MAX_WAIT_MS],
  ])('now %s, next %s → %i ms', (now, next, ms) => expect(waitMs(now, next)).toBe(ms));
});

describe('the local cut-off timer', () => {
  const timers = fakeTimers();
  const logs: string[] = [];
  let deps: Deps;
  let timer: CutoffTimer;
  let closedWeeks: () => Promise<Set<string>>;

  beforeAll(async () => {
    // Monday 2 March 2026 (week 2026-W10 closes Friday 6 March 12:00 Asia/Shanghai = 04:00Z).
    await sync(stack, stack.adminToken, request([row('L-1', { name: '冷链物流中心', unit: '郑城镇', leader: '李副县长', progress: '选址' })], { asOf: '2026-03-02' }));
    const { doc, put } = createClients({ endpoint: stack.dynamoEndpoint, region: 'local' });
    const cutoff = createCutoffStore(doc, { tableName: DEFAULT_TABLE_NAME, putClient: put });
    closedWeeks = () => cutoff.closedWeeks();
    deps = { store: new DynamoStore(doc, { tableName: DEFAULT_TABLE_NAME, putClient: put }), cutoff, mode: 'test', clock: () => clock, log: (l) => void logs.push(l), sleep: async () => {} };
  });
  afterAll(() => timer?.stop());

  it('runs the job at start, then waits for the reminder 24 h before the cut-off (at most an hour at a time)', async () => {
    const armed = timers.armed();
    timer = startCutoffTimer(deps, timers.host);
    await armed;
    expect(timer.waitingFor).toBe('2026-03-05T04:00:00.000Z'); // Thursday 12:00 in Shanghai
    expect(timers.set.map((t) => t.ms)).toEqual([MAX_WAIT_MS]);
    expect(await closedWeeks()).toEqual(new Set());
  });

  it('fired shortly before the cut-off, it waits until just after it', async () => {
    await timers.fire('2026-03-06T03:59:30.000Z');
    expect(timer.waitingFor).toBe('2026-03-06T04:00:00.000Z');
    expect(timers.set.at(-1)!.ms).toBe(31_000);
    expect(await closedWeeks()).toEqual(new Set());
  });

  it('fired after the cut-off, it runs the job: the week is closed, and the timer waits for the next reminder', async () => {
    await timers.fire('2026-03-06T04:00:01.000Z');
    expect(await closedWeeks()).toEqual(new Set(['2026-W10']));
    expect(logs.some((l) => JSON.parse(l).job === 'cutoff' && JSON.stringify(JSON.parse(l).closed) === '["2026-W10"]')).toBe(true);
    expect(timer.waitingFor).toBe('2026-03-12T04:00:00.000Z');
  });

  it('a cut-off moved in the stored config is followed from the next (hourly) wake-up', async () => {
    const put = await call(stack, 'PUT', '/v1/config', stack.adminToken, { cutoff: { weekday: 3, time: '17:00', timeZone: 'Asia/Shanghai' } });
    expect(put.status).toBe(200);
    await timers.fire('2026-03-06T05:00:01.000Z');
    expect(timer.waitingFor).toBe('2026-03-10T09:00:00.000Z'); // Tuesday 17:00, 24 h before Wednesday 17:00
  });

  it('stop() clears the armed timer and sets no other', async () => {
    const count = timers.set.length;
    await timer.stop();
    expect(timers.cleared).toEqual([timers.set.at(-1)!.handle]);
    expect(timers.set).toHaveLength(count);
  });
});
