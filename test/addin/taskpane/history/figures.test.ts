/**
 * Issue 21 in the pane: the selected row's project view shows its per-mu figures (用地面积, 投资强度, 亩均税收,
 * 亩均产值) as the server computed them — the wording (pure, zh/en), the state slice, and Office mode over the
 * fake Excel host against the real local stack, from a ledger whose 用地面积 column is in 平方米.
 */
import type { FetchLike } from '../../../../addin/app';
import type { ProjectFigures } from '../../../../contract';
import { figureLines } from '../../../../addin/taskpane/history/figures';
import { DEFAULT_SETTINGS } from '../../../../addin/taskpane/model';
import { officeServices } from '../../../../addin/taskpane/hosts/office-host';
import { initialState, reduce } from '../../../../addin/taskpane/state';
import { startLocalStack, type LocalStack } from '../../../../infra/local/stack';
import { FakeBook, FakeExcelHost } from '../../../support/fake-excel';
import { clickCell, installActiveCell } from '../../../support/fake-excel/active-cell';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
jest.setTimeout(60_000);
beforeAll(installActiveCell);

const FULL: ProjectFigures = { landArea: 30, investmentIntensity: 400, investmentBasis: 'fixedInvestment', taxPerMu: 20, outputPerMu: 1234.5 };
const NONE: ProjectFigures = { landArea: null, investmentIntensity: null, investmentBasis: null, taxPerMu: null, outputPerMu: null };

describe('per-mu figures: wording', () => {
  it('zh: land in 亩, the figures in 万元/亩 (tax per year), what the intensity was taken from', () => {
    const w = figureLines('zh', FULL);
    expect(w.kind === 'figures' && w.lines.map((l) => `${l.label}：${l.value}`)).toEqual([
      '用地面积：30 亩',
      '投资强度：400 万元/亩（按固定资产投资）',
      '亩均税收：20 万元/亩·年',
      '亩均产值：1,234.5 万元/亩',
    ]);
  });

  it('en, a figure the server could not compute is —, intensity from total investment says so', () => {
    const w = figureLines('en', { ...FULL, investmentBasis: 'amount', taxPerMu: null, outputPerMu: null });
    expect(w.kind === 'figures' && w.lines.map((l) => [l.key, l.value])).toEqual([
      ['landArea', '30 mu'],
      ['investmentIntensity', '400 × 10k CNY/mu (from total investment; no fixed-asset investment given)'],
      ['taxPerMu', '—'],
      ['outputPerMu', '—'],
    ]);
  });

  it('no land (missing or zero: the server sends null): one line, no figures', () => {
    expect(figureLines('zh', NONE)).toEqual({ kind: 'noLand', text: '未填用地面积（或为 0），算不出亩均指标。' });
    expect(figureLines('en', NONE)).toEqual({ kind: 'noLand', text: 'No land area (or zero): no per-mu figures.' });
  });
});

describe('per-mu figures: state', () => {
  it('a loaded history keeps its figures; a new request or a failure forgets them; an older server sends none', () => {
    const target = { sheet: '重点线索', row: 3, id: 'P-1', name: '光伏组件' };
    let s = reduce(reduce(initialState('office', 'zh'), { type: 'historyStarted' }), { type: 'historyTarget', target });
    s = reduce(s, { type: 'historyLoaded', events: [], figures: FULL });
    expect(s.history.figures).toEqual(FULL);
    s = reduce(s, { type: 'historyStarted' });
    expect(s.history.figures).toBeNull();
    s = reduce(s, { type: 'historyLoaded', events: [] });
    expect(s.history.figures).toBeNull();
    s = reduce(reduce(s, { type: 'historyStarted' }), { type: 'historyFailed', problem: { key: 'errHistoryNoId' } });
    expect(s.history.figures).toBeNull();
  });
});

describe('per-mu figures: Office mode against the local stack', () => {
  let stack: LocalStack;
  beforeAll(async () => (stack = await startLocalStack({ inMemory: true, mode: 'test' })));
  afterAll(() => stack.close());

  it('a 用地面积（平方米） column: 20000 m² is 30 亩; 固定资产投资 12000 万元 → 400 万元/亩; a row without land has none', async () => {
    const book = new FakeBook();
    book.addSheet('重点线索', [
      ['平邑县2026年重点线索台账'],
      ['序号', '项目编号', '项目名称', '总投资（亿元）', '责任单位', '包联领导', '本周进展', '用地面积（平方米）', '固定资产投资（万元）', '预计税收（万元）', '预计产值（亿元）'],
      [1, null, '光伏组件生产线', 3, '城关镇', '张县长', '洽谈中', 20000, 12000, 600, 3.7035],
      [2, null, '冷链物流园', 2, '仲村镇', '李县长', '洽谈中', null, null, 500, null],
    ]);
    book.name = '平邑县招商台账.xlsx';
    const host = new FakeExcelHost(book);
    const services = officeServices('zh-CN', { host: host.officeHost, fetch: globalThis.fetch as unknown as FetchLike, origin: stack.url });
    const settings = { ...DEFAULT_SETTINGS, token: stack.adminToken };
    await services.sync(settings, { signal: new AbortController().signal, onStep: () => undefined, onProgress: () => undefined });

    clickCell(host.book, '重点线索', 'D3');
    const found = await services.selectedProject!(settings);
    expect(found).toMatchObject({ kind: 'project', row: 3, name: '光伏组件生产线' });
    const h = await services.history!(settings, (found as { id: string }).id);
    expect(h.figures).toEqual({ landArea: 30, investmentIntensity: 400, investmentBasis: 'fixedInvestment', taxPerMu: 20, outputPerMu: 1234.5 });
    expect(figureLines('zh', h.figures!)).toMatchObject({ kind: 'figures', lines: [{ value: '30 亩' }, { value: '400 万元/亩（按固定资产投资）' }, { value: '20 万元/亩·年' }, { value: '1,234.5 万元/亩' }] });
    // Never written into the clerk's cells: the land cell still holds square metres.
    expect(host.book.value('重点线索', 3, 8)).toBe(20000);

    clickCell(host.book, '重点线索', 'C4');
    const other = await services.selectedProject!(settings);
    const h2 = await services.history!(settings, (other as { id: string }).id);
    expect(h2.figures).toEqual(NONE);
    expect(figureLines('en', h2.figures!).kind).toBe('noLand');
  });
});
