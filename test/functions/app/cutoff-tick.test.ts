/**
 * The cloud's schedule is a tick (every 15 minutes); the job decides from the stored configuration whether a
 * cut-off or a reminder is due. A county that moves its cut-off with PUT /v1/config is followed from the next tick,
 * the reminder is sent once, and a tick with nothing due answers without reading a single project.
 */
import type { CutoffResult } from '../../../contract/channels';
import { call, request, row, sync, useTestStack } from '../handlers/api';

let clock = '2026-03-02T02:00:00.000Z';
const stack = useTestStack({ clock: () => clock, sleep: async () => {} });

const tick = async (at: string): Promise<CutoffResult> => {
  clock = at;
  const a = await call<CutoffResult>(stack, 'POST', '/v1/cutoff', stack.adminToken, {});
  if (a.status !== 200) throw new Error(`cutoff answered ${a.status}: ${JSON.stringify(a.body)}`);
  return a.body;
};

describe('the cut-off tick follows the stored configuration', () => {
  beforeAll(async () => {
    // Monday 2 March 2026. The county then moves its cut-off to Wednesday 17:00 (the default is Friday 12:00).
    await sync(stack, stack.adminToken, request([row('T-1', { name: '光伏组件项目', unit: '温水镇', leader: '张县长', progress: '洽谈' })], { asOf: '2026-03-02' }));
    const put = await call(stack, 'PUT', '/v1/config', stack.adminToken, { cutoff: { weekday: 3, time: '17:00', timeZone: 'Asia/Shanghai' } });
    expect(put.status).toBe(200);
  });

  it('the first tick after the new cut-off closes the week (under the default Friday cut-off it would still be open)', async () => {
    const res = await tick('2026-03-04T09:15:00.000Z'); // Wednesday 17:15
    expect(res.weeks).toEqual([expect.objectContaining({ status: 'closed', projects: 1 })]);
    const report = await call<{ period: { end: string } }>(stack, 'GET', `/v1/reports/weekly?week=${res.weeks[0]!.week}`, stack.adminToken);
    expect(report.body.period.end).toBe('2026-03-04T09:00:00.000Z');
  });

  it('later ticks, Friday noon included, find nothing due and read no project', async () => {
    const allStates = jest.spyOn(stack.store, 'allStates');
    try {
      for (const at of ['2026-03-04T09:30:00.000Z', '2026-03-06T04:00:00.000Z', '2026-03-06T04:15:00.000Z']) {
        expect(await tick(at)).toMatchObject({ weeks: [], push: null, reminder: null });
      }
      expect(allStates).not.toHaveBeenCalled();
    } finally {
      allStates.mockRestore();
    }
  });

  it('the reminder falls due 24 h before the new cut-off and is run once: the next tick reads nothing', async () => {
    const first = await tick('2026-03-10T09:15:00.000Z'); // Tuesday 17:15, 23 h 45 min before Wednesday 17:00
    expect(first.weeks).toEqual([]);
    expect(first.reminder).toMatchObject({ kind: 'reminder', week: '2026-W11' });
    const allStates = jest.spyOn(stack.store, 'allStates');
    try {
      expect(await tick('2026-03-10T09:30:00.000Z')).toMatchObject({ weeks: [], push: null, reminder: null });
      expect(allStates).not.toHaveBeenCalled();
    } finally {
      allStates.mockRestore();
    }
  });

  it('the next Wednesday 17:00 closes the next week', async () => {
    const res = await tick('2026-03-11T09:00:30.000Z');
    expect(res.weeks.map((w) => w.status)).toEqual(['closed']);
  });
});
