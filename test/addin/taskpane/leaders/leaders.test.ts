/**
 * The task pane's "refresh leaders' sheets" action: its reducer slice, and the services call through
 * workbookServices against the real local stack (the same services a sync uses).
 */
import { runSync } from '../../../../addin/app';
import { buildSample } from '../../../../addin/cli/sample';
import { XlsxGateway } from '../../../../addin/xlsx';
import { isWeekOrEmpty } from '../../../../addin/taskpane/leaders/state';
import { DEFAULT_SETTINGS } from '../../../../addin/taskpane/model';
import { canDownload, canSync, initialState, reduce, type PaneState } from '../../../../addin/taskpane/state';
import { workbookServices } from '../../../../addin/taskpane/sync/workbook-services';
import type { FetchLike } from '../../../../addin/app';
import { startLocalStack, type LocalStack } from '../../../../infra/local/stack';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
jest.setTimeout(60_000);

const result = { week: '2026-W23', sheets: ['领导看板', '周调度'], count: 3, red: 1, yellow: 0, countyProjects: null };

describe('leaders state', () => {
  it('one workbook action at a time: no sync while refreshing, no refresh while syncing; a file is needed in file mode', () => {
    let s: PaneState = initialState('office', 'zh');
    s = reduce(s, { type: 'leadersStarted' });
    expect(s.leaders).toMatchObject({ busy: true, step: 'fetch' });
    expect(canSync(s)).toBe(false);
    expect(reduce(s, { type: 'syncStarted' }).phase).toBe('idle');
    s = reduce(s, { type: 'leadersStep', step: 'projects', received: 1000 });
    expect(s.leaders).toMatchObject({ step: 'projects', received: 1000 });
    s = reduce(s, { type: 'leadersDone', result });
    expect(s.leaders).toMatchObject({ busy: false, step: null, result });
    expect(canDownload(s)).toBe(false); // Office mode: nothing to download
    const syncing = reduce(initialState('office', 'zh'), { type: 'syncStarted' });
    expect(reduce(syncing, { type: 'leadersStarted' }).leaders.busy).toBe(false);
    expect(reduce(initialState('file', 'zh'), { type: 'leadersStarted' }).leaders.busy).toBe(false);
  });

  it('file mode: a refreshed workbook can be downloaded; opening another file forgets the result; the week is checked', () => {
    let s = reduce(initialState('file', 'en'), { type: 'fileOpened', name: 'a.xlsx' });
    s = reduce(reduce(s, { type: 'leadersStarted' }), { type: 'leadersDone', result });
    expect(canDownload(s)).toBe(true);
    s = reduce(s, { type: 'leadersChanged', patch: { week: '2026-W22', countyProjects: true } });
    expect(s.leaders).toMatchObject({ week: '2026-W22', countyProjects: true });
    expect(reduce(s, { type: 'fileOpened', name: 'b.xlsx' }).leaders.result).toBeNull();
    expect(['', '2026-W01', '2026-W53'].every(isWeekOrEmpty)).toBe(true);
    expect(['2026-48', '2026-W54', '2026-W00', 'W48'].some(isWeekOrEmpty)).toBe(false);
  });
});

it('a week that is no ISO week is refused at the week box, until the week is changed (not by the 全县项目 box)', () => {
  let s = reduce(initialState('file', 'zh'), { type: 'fileOpened', name: 'a.xlsx' });
  s = reduce(reduce(s, { type: 'leadersChanged', patch: { week: 'W50' } }), { type: 'leadersWeekRefused' });
  expect(s.leaders.weekRefused).toBe(true);
  expect(s.problem).toBeNull(); // not the message bar at the top
  expect(reduce(s, { type: 'leadersChanged', patch: { countyProjects: true } }).leaders.weekRefused).toBe(true);
  expect(reduce(s, { type: 'leadersChanged', patch: { week: '2026-W50' } }).leaders.weekRefused).toBe(false);
  expect(reduce(s, { type: 'leadersStarted' }).leaders.weekRefused).toBe(false);
});

describe('workbookServices.refreshLeaders against the local stack', () => {
  let stack: LocalStack;
  beforeAll(async () => (stack = await startLocalStack({ inMemory: true, mode: 'test' })));
  afterAll(() => stack.close());

  it('writes the leaders’ sheets into the open workbook with the settings’ backend and token, reporting each step', async () => {
    const gw = XlsxGateway.of(await buildSample({ projects: 20, seed: 5, asOf: '2026-06-01', messy: false }));
    const synced = await runSync({ gateway: gw, api: { url: stack.url, token: stack.adminToken }, options: { asOf: '2026-06-01' } });
    const services = workbookServices({
      mode: 'file', displayLanguage: 'zh-CN', gateway: () => gw, workbookName: () => 'a.xlsx', defaultApiUrl: 'http://127.0.0.1:1',
      fetch: globalThis.fetch as unknown as FetchLike, fallbackToken: async () => '',
    });
    const steps: string[] = [];
    const out = await services.refreshLeaders!({ ...DEFAULT_SETTINGS, apiUrl: stack.url, token: stack.adminToken }, { week: '2026-W23', countyProjects: true }, {
      signal: new AbortController().signal,
      onStep: (step, n) => steps.push(n === undefined ? step : `${step}:${n}`),
    });
    expect(out).toEqual({ week: '2026-W23', sheets: ['领导看板', '周调度', '全县项目'], count: synced.rows, red: expect.any(Number), yellow: expect.any(Number), countyProjects: synced.rows });
    expect(steps).toEqual(['fetch', 'projects:0', `projects:${synced.rows}`, 'write']);
    expect((await gw.readSheets()).map((s) => s.name)).toEqual(['重点线索', '签约项目', '落地项目', '投产项目', '领导看板', '周调度', '全县项目']);
  });
});
