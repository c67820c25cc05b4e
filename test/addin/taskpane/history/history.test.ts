/**
 * "History of the selected row": the timeline's wording (pure), the state slice, and Office mode's services over
 * the fake Excel host against the real local stack — sync, select a row, read its project's history; change a
 * cell, sync again, the change is there.
 */
import type { FetchLike } from '../../../../addin/app';
import type { HistoryEvent } from '../../../../contract';
import { fieldValue, timelineOf } from '../../../../addin/taskpane/history/timeline';
import { DEFAULT_SETTINGS } from '../../../../addin/taskpane/model';
import { officeServices } from '../../../../addin/taskpane/hosts/office-host';
import { canShowHistory, initialState, reduce, type PaneState } from '../../../../addin/taskpane/state';
import { startLocalStack, type LocalStack } from '../../../../infra/local/stack';
import { FakeExcelHost } from '../../../support/fake-excel';
import { clickCell, installActiveCell } from '../../../support/fake-excel/active-cell';
import { ledgerBook } from '../../office/workbook';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
jest.setTimeout(60_000);
beforeAll(installActiveCell);

const user = { subject: 'u-1', email: 'wang@pingyi.gov.cn', name: '王明远' };
const EVENTS: HistoryEvent[] = [
  {
    version: 1, at: '2026-03-02T01:00:00.000Z', kind: 'created', by: user.email, workbook: 'W-1', user, workbookName: '平邑县招商台账.xlsx',
    changes: { name: { from: null, to: '光伏组件' }, amount: { from: null, to: 2.5 }, investorType: { from: null, to: 'private' } },
    flag: { from: 'none', to: 'yellow', rules: ['missing-owner'] },
  },
  { version: 3, at: '2026-03-16T01:00:00.000Z', kind: 'transition', by: 'sub-2', workbook: 'W-2', transition: { from: 'clue', to: 'signed', on: '2026-03-15', cycleDays: 13 }, changes: { signedDate: { from: null, to: '2026-03-15' } } },
  { version: 2, at: '2026-03-09T01:00:00.000Z', kind: 'fields', by: user.email, workbook: 'W-1', user: { ...user, name: null }, workbookName: '', changes: { progress: { from: '洽谈', to: '已签约' }, leader: { from: null, to: '陈思远' } }, flag: { from: 'yellow', to: 'none', rules: [] } },
];

describe('history timeline', () => {
  it('lists newest first: who, from which workbook, field names from the contract, old → new, transitions, flags', () => {
    const [v3, v2, v1] = timelineOf('zh', EVENTS);
    expect([v3!.version, v2!.version, v1!.version]).toEqual([3, 2, 1]);
    expect(v1).toMatchObject({
      kindLabel: '新建', who: '王明远', whoDetail: 'wang@pingyi.gov.cn', workbook: '平邑县招商台账.xlsx',
      changes: [
        { field: 'name', label: '项目名称', from: '（空）', to: '光伏组件' },
        { field: 'investorType', label: '投资方类型', from: '（空）', to: '民营企业' },
        { field: 'amount', label: '总投资', from: '（空）', to: '2.5 亿元' },
      ],
      flag: { from: 'none', to: 'yellow', rules: ['缺少包联领导或责任人'] },
    });
    // No name recorded: the e-mail; no workbook name: the workbook's id.
    expect(v2).toMatchObject({ kindLabel: '修改', who: 'wang@pingyi.gov.cn', whoDetail: '', workbook: '工作簿 W-1', transition: null });
    expect(v2!.changes.map((c) => `${c.label}：${c.from} → ${c.to}`)).toEqual(['包联领导：（空） → 陈思远', '本周进展：洽谈 → 已签约']);
    // An event from before users were recorded: the label the server kept.
    expect(v3).toMatchObject({ kindLabel: '阶段变化', who: 'sub-2', transition: '重点线索 → 签约项目（2026-03-15）', flag: null });
  });

  it('speaks English too', () => {
    const [v3, , v1] = timelineOf('en', EVENTS);
    expect(v1).toMatchObject({ kindLabel: 'Created', flag: { rules: ['no leader or contact in charge'] } });
    expect(v1!.changes.map((c) => `${c.label}: ${c.to}`)).toEqual(['Project name: 光伏组件', 'Investor type: Private', 'Total investment: 2.5 × 100M CNY']);
    expect(v3).toMatchObject({ kindLabel: 'Stage change', transition: 'Clue → Signed (2026-03-15)' });
    expect(fieldValue('en', 'progress', null)).toBe('(empty)');
    expect(fieldValue('zh', 'investorType', 'unknown-kind')).toBe('unknown-kind');
    expect(timelineOf('en', [{ ...EVENTS[1]!, workbook: '' }])[0]!.workbook).toBe('unknown workbook');
  });
});

describe('history state', () => {
  const target = { sheet: '重点线索', row: 3, id: 'P-1', name: '光伏组件' };

  it('one workbook action at a time; a new request forgets the last history; problems stay in the card', () => {
    let s: PaneState = initialState('office', 'zh');
    expect(canShowHistory(s)).toBe(true);
    s = reduce(s, { type: 'historyStarted' });
    expect(s.history).toEqual({ busy: true, target: null, events: null, figures: null, problem: null });
    expect(canShowHistory(s)).toBe(false);
    s = reduce(reduce(s, { type: 'historyTarget', target }), { type: 'historyLoaded', events: EVENTS });
    expect(s.history).toEqual({ busy: false, target, events: EVENTS, figures: null, problem: null });
    s = reduce(s, { type: 'historyStarted' });
    s = reduce(s, { type: 'historyFailed', problem: { key: 'errHistoryNoId' } });
    expect(s.history).toEqual({ busy: false, target: null, events: null, figures: null, problem: { key: 'errHistoryNoId' } });
    expect(s.problem).toBeNull();
  });

  it('not in file mode, not while syncing, not signed out in the cloud', () => {
    expect(canShowHistory(initialState('file', 'zh'))).toBe(false);
    expect(reduce(initialState('file', 'zh'), { type: 'historyStarted' }).history.busy).toBe(false);
    const syncing = reduce(initialState('office', 'zh'), { type: 'syncStarted' });
    expect(canShowHistory(syncing)).toBe(false);
    const cloud = reduce(initialState('office', 'zh'), { type: 'authFlow', flow: 'naa' });
    expect(canShowHistory(cloud)).toBe(false);
    expect(canShowHistory(reduce(cloud, { type: 'signedIn', user: { name: '王', username: 'w@x' } }))).toBe(true);
  });
});

describe('Office mode services: the selected row’s history from the local stack', () => {
  let stack: LocalStack;
  beforeAll(async () => (stack = await startLocalStack({ inMemory: true, mode: 'test' })));
  afterAll(() => stack.close());

  it('sync, select a row, see who created it from which workbook; change a cell, sync, see the change', async () => {
    const host = new FakeExcelHost(ledgerBook(8));
    host.book.name = '平邑县招商台账.xlsx';
    const services = officeServices('zh-CN', { host: host.officeHost, fetch: globalThis.fetch as unknown as FetchLike, origin: stack.url });
    const settings = { ...DEFAULT_SETTINGS, token: stack.adminToken };
    const hooks = { signal: new AbortController().signal, onStep: () => undefined, onProgress: () => undefined };
    await services.sync(settings, hooks);

    clickCell(host.book, '签约项目', 'I4'); // 本周进展 of the second signed project
    const found = await services.selectedProject!(settings);
    expect(found).toMatchObject({ kind: 'project', sheet: '签约项目', row: 4, name: host.book.value('签约项目', 4, 3) });
    const id = (found as { id: string }).id;
    expect(id).toBe(host.book.value('签约项目', 4, 2));
    const first = await services.history!(settings, id);
    expect(first.id).toBe(id);
    expect(first.events).toHaveLength(1);
    expect(first.events[0]).toMatchObject({ version: 1, kind: 'created', user: { name: '本地管理员', email: 'admin@localhost' }, workbookName: '平邑县招商台账.xlsx' });
    expect(timelineOf('zh', first.events)[0]).toMatchObject({ who: '本地管理员', workbook: '平邑县招商台账.xlsx' });

    const before = host.book.value('签约项目', 4, 9);
    host.book.sheet('签约项目')!.cells.set('4,9', { value: '第23周：环评批复已取得，施工队进场' });
    await services.sync(settings, hooks);
    const second = await services.history!(settings, id);
    expect(second.events.map((e) => e.version)).toEqual([1, 2]);
    expect(second.events[1]).toMatchObject({ kind: 'fields', changes: { progress: { from: before, to: '第23周：环评批复已取得，施工队进场' } } });
    expect(timelineOf('zh', second.events)[0]!.changes).toContainEqual({ field: 'progress', label: '本周进展', from: before, to: '第23周：环评批复已取得，施工队进场' });
  });

  it('an id the backend has never seen is a 404 with the backend’s own message', async () => {
    const services = officeServices('zh-CN', { host: new FakeExcelHost(ledgerBook(4)).officeHost, fetch: globalThis.fetch as unknown as FetchLike, origin: stack.url });
    await expect(services.history!({ ...DEFAULT_SETTINGS, token: stack.adminToken }, 'P-NEVERSEEN')).rejects.toMatchObject({ name: 'ApiCallError', kind: 'http', status: 404, code: 'not_found' });
  });
});
