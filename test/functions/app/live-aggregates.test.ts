/**
 * The dashboard's live aggregates (functions/app/aggregates.ts): the same figures as the scan of every project,
 * kept by each sync's committed events (each once), the red list paged with a bound cursor, the trend.
 */
import type { Dashboard } from '../../../contract';
import { aggregatesOf, dashboardAnswer, weeksEndingWith } from '../../../functions/app/aggregates';
import { dashboardFor } from '../../../functions/app/reports';
import { DEFAULT_CONFIG } from '../../../functions/domain/config';
import { dashboard, resolveWeek } from '../../../functions/domain/report';
import { addCounters, contributionOf, liveDashboard, type UnitCounters } from '../../../functions/domain/report/live';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, ensureTable } from '../../../functions/store';
import { createLiveAggregates } from '../../../functions/store/live-aggregates';
import { history, UNITS } from '../domain/report/history';
import { call, request, row, sync, useTestStack } from '../handlers/api';

const strip = ({ redFlagsTotal: _t, redFlagsNext: _n, trend: _tr, ...d }: Dashboard) => d;

describe('live dashboard = scanned dashboard (pure, on the four-week history)', () => {
  it('every figure, the red list and notReported', () => {
    const week = '2026-W48';
    const snaps = resolveWeek(history(), week);
    const units = new Map<string, UnitCounters>();
    const red = [];
    for (const s of snaps) {
      const c = contributionOf(s, s.progressUpdated ? week : null);
      addCounters((units.get(c.unit) ?? units.set(c.unit, { unit: c.unit, counters: {} }).get(c.unit)!).counters, c.counters);
      if (c.red) red.push(c.red);
    }
    const opts = { asOf: '2026-11-27T04:00:00.000Z', week, units: UNITS };
    const live = liveDashboard([...units.values()], red, opts);
    expect(strip(live)).toEqual(dashboard(snaps, opts));
    expect(live.redFlagsTotal).toBe(live.redFlags.length);
  });
});

describe('on dynalite, through POST /v1/sync and GET /v1/dashboard', () => {
  const CLOCK = '2026-03-25T02:00:00.000Z';
  const stack = useTestStack({ clock: () => CLOCK });
  const aggregates = () => createLiveAggregates(createDocumentClient({ endpoint: stack.dynamoEndpoint, region: 'local' }), { tableName: 'invest-flags' });
  const deps = () => ({ store: stack.store, mode: 'test' as const, clock: () => CLOCK, log: () => {}, aggregates: aggregates() });
  const board = async (q = '') => {
    const a = await call<Dashboard>(stack, 'GET', `/v1/dashboard${q}`, stack.adminToken);
    expect(a.status).toBe(200);
    return a.body;
  };

  it('kept by deltas after the first build: equal to the scan and to a rebuild; a re-sync changes nothing', async () => {
    const rows = (progress: string, over: Record<string, unknown> = {}) => [
      row('A', { unit: '温水镇', progress: `A ${progress}`, amount: 2, investorType: '央企' }),
      row('B', { unit: '临涧镇', progress: 'B 签约', signedDate: '2026-02-20', amount: 1.5, ...over }, 'signed'),
      row('C', { unit: '温水镇', progress: 'C 考察', coordination: '需协调用地指标', amount: 0.3 }),
      row('D', { unit: '临涧镇', progress: 'D 初洽' }),
    ];
    await sync(stack, stack.adminToken, request(rows('洽谈'), { asOf: '2026-03-02' }));
    await board(); // builds the aggregates (never built before) from STATE
    // Later weeks: progress for A only, B moves unit and amount, D dropped, E new; flags age.
    await sync(stack, stack.adminToken, request([...rows('开工', { unit: '温水镇', amount: 3 }).slice(0, 3), row('D', { unit: '临涧镇', progress: 'D 初洽', status: '终止' })], { asOf: '2026-03-17' }));
    await sync(stack, stack.adminToken, request([row('E', { unit: '保太镇', progress: 'E 新线索', amount: 0.7 }), row('C', { unit: '温水镇', progress: 'C 考察', coordination: '需协调用地指标', amount: 0.4 })], { asOf: '2026-03-24' }));
    const before = await aggregates().unitCounters();
    const again = await sync(stack, stack.adminToken, request([row('E', { unit: '保太镇', progress: 'E 新线索', amount: 0.7 })], { asOf: '2026-03-24' }));
    expect(again.summary.unchanged).toBe(1);
    const after = await aggregates().unitCounters();
    expect(after).toEqual(before);

    const live = await dashboardAnswer(deps(), {});
    expect(strip(live)).toEqual(await dashboardFor(deps(), undefined));
    // The counters kept by deltas are the counters a rebuild computes from STATE (zeros aside).
    const nonZero = (us: UnitCounters[]) => Object.fromEntries(us.map((u) => [u.unit, Object.fromEntries(Object.entries(u.counters).filter(([, v]) => v !== 0))]).filter(([, c]) => Object.keys(c as object).length));
    expect(nonZero(after.units)).toEqual(nonZero(aggregatesOf(await stack.store.allStates(), DEFAULT_CONFIG.cutoff).units));
    expect(live.total.count).toBe(4);
    expect(live.dropped).toBe(1);
  });

  it('the red list in pages bound to the caller; the trend covers 12 weeks ending now', async () => {
    // Progress unchanged for weeks: a change elsewhere re-evaluates the flags (weekly-update turns red).
    await sync(stack, stack.adminToken, request([row('C', { unit: '温水镇', progress: 'C 考察', coordination: '需协调用地指标', amount: 0.5 }), row('D2', { unit: '临涧镇', progress: 'D2' })], { asOf: '2026-03-02' }));
    await sync(stack, stack.adminToken, request([row('C', { unit: '温水镇', progress: 'C 考察', coordination: '需协调用地指标', amount: 0.6 }), row('D2', { unit: '临涧镇', progress: 'D2', amount: 1 })], { asOf: '2026-03-24' }));
    const full = await board();
    expect(full.redFlagsTotal).toBeGreaterThanOrEqual(2);
    expect(full.redFlags.length).toBe(full.redFlagsTotal);
    const first = await board('?redLimit=1');
    expect(first.redFlags).toHaveLength(1);
    expect(first.redFlagsNext).toEqual(expect.any(String));
    const second = await board(`?redLimit=1&nextToken=${first.redFlagsNext}`);
    expect(second.redFlags[0]!.project.id).not.toBe(first.redFlags[0]!.project.id);
    await stack.putUser({ subject: 'leader-1', email: 'leader@county.gov.cn', role: 'leader', units: [] });
    const other = await stack.issueToken({ sub: 'leader-1', email: 'leader@county.gov.cn' });
    expect((await call(stack, 'GET', '/v1/dashboard?redLimit=1', other)).status).toBe(200);
    // Another caller's cursor is a 400 naming nextToken.
    const foreign = await call<{ error: { details: unknown } }>(stack, 'GET', `/v1/dashboard?redLimit=1&nextToken=${first.redFlagsNext}`, other);
    expect(foreign.status).toBe(400);
    expect((await call(stack, 'GET', '/v1/dashboard?nextToken=bogus!', stack.adminToken)).status).toBe(400);

    expect(full.trend!.weeks).toEqual(weeksEndingWith('2026-W13', 12, DEFAULT_CONFIG.cutoff));
    expect(full.trend!.weeks[0]).toBe('2026-W02');
    // No week is closed here: only the current week has figures.
    expect(full.trend!.total.red.slice(0, 11).every((v) => v === null)).toBe(true);
    expect(full.trend!.total.red[11]).toBe(full.total.red);
    expect(full.trend!.units.find((u) => u.unit === '温水镇')!.red[11]).toBe(full.units.find((u) => u.unit === '温水镇')!.red);
  });
});

describe('a unit\'s counters on dynalite (store/live-aggregates.ts)', () => {
  const stack = useTestStack();
  let table = 0;
  /** A fresh table of the stack's dynalite, and the aggregates over it. */
  const fresh = async () => {
    const doc = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: 'local' });
    const tableName = `live-${++table}`;
    await ensureTable(doc, tableName);
    return { doc, tableName, agg: createLiveAggregates(doc, { tableName }) };
  };
  const noRed = { put: [], remove: [] };
  const counters = async (agg: ReturnType<typeof createLiveAggregates>) => Object.fromEntries((await agg.unitCounters()).units.map((u) => [u.unit, u.counters]));

  it('chunks applying at once to the same units each count, once', async () => {
    const { agg } = await fresh();
    await Promise.all(Array.from({ length: 12 }, (_, i) => agg.applyDeltas(`c-${i}`, new Map<string, Record<string, number>>([['温水镇', { n: 1, 'clue.wan': 10 }], ['临涧镇', { n: 2 }]]), noRed)));
    expect(await counters(agg)).toEqual({ 温水镇: { n: 12, 'clue.wan': 120 }, 临涧镇: { n: 24 } });
  });

  it('a chunk applied again (its answer lost after the put landed) is not counted twice; counters that reach 0 leave', async () => {
    const { agg } = await fresh();
    const delta = new Map([['温水镇', { n: 1, 'clue.red': 1 }]]);
    await agg.applyDeltas('c-1', delta, noRed);
    await agg.applyDeltas('c-1', delta, noRed);
    expect(await counters(agg)).toEqual({ 温水镇: { n: 1, 'clue.red': 1 } });
    await agg.applyDeltas('c-2', new Map([['温水镇', { 'clue.red': -1 }]]), noRed);
    expect(await counters(agg)).toEqual({ 温水镇: { n: 1 } });
  });

  it('a unit item of an earlier release (one number attribute per counter) is read, and rewritten with the delta added', async () => {
    const { doc, tableName, agg } = await fresh();
    await doc.send(new PutCommand({ TableName: tableName, Item: { PK: 'LIVE', SK: 'UNIT#保太镇', unit: '保太镇', n: 5, 'landed.wan': 300 } }));
    expect(await counters(agg)).toEqual({ 保太镇: { n: 5, 'landed.wan': 300 } });
    await agg.applyDeltas('c-1', new Map([['保太镇', { n: 1, 'landed.wan': 20 }]]), noRed);
    expect(await counters(agg)).toEqual({ 保太镇: { n: 6, 'landed.wan': 320 } });
    const item = (await doc.send(new GetCommand({ TableName: tableName, Key: { PK: 'LIVE', SK: 'UNIT#保太镇' } }))).Item!;
    expect(Object.keys(item).sort()).toEqual(['PK', 'SK', 'applied', 'counters', 'unit', 'version']);
  });

  it('an ADD of an earlier release beside the JSON (a deploy under way) is counted, and folded in by the next put', async () => {
    const { doc, tableName, agg } = await fresh();
    await agg.applyDeltas('c-1', new Map([['温水镇', { n: 2 }]]), noRed);
    await doc.send(new UpdateCommand({ TableName: tableName, Key: { PK: 'LIVE', SK: 'UNIT#温水镇' }, UpdateExpression: 'ADD n :one, #r :one', ExpressionAttributeNames: { '#r': 'clue.red' }, ExpressionAttributeValues: { ':one': 1 } }));
    expect(await counters(agg)).toEqual({ 温水镇: { n: 3, 'clue.red': 1 } });
    await agg.applyDeltas('c-2', new Map([['温水镇', { n: 1 }]]), noRed);
    expect(await counters(agg)).toEqual({ 温水镇: { n: 4, 'clue.red': 1 } });
    const item = (await doc.send(new GetCommand({ TableName: tableName, Key: { PK: 'LIVE', SK: 'UNIT#温水镇' } }))).Item!;
    expect([item.n, JSON.parse(String(item.counters))]).toEqual([undefined, { n: 4, 'clue.red': 1 }]);
  });

  it('a rebuild replaces the counters under a version no chunk holds: a chunk that read before it reads again', async () => {
    const { agg } = await fresh();
    await agg.applyDeltas('c-1', new Map([['温水镇', { n: 1 }]]), noRed);
    await agg.rebuild([{ unit: '温水镇', counters: { n: 7 } }], [], '2026-03-25T02:00:00.000Z');
    await agg.applyDeltas('c-2', new Map([['温水镇', { n: 1 }]]), noRed);
    expect(await counters(agg)).toEqual({ 温水镇: { n: 8 } });
  });
});
