/**
 * 领导看板 section 十二 (issue 19): the 12-week red/yellow trend as a table a clerk can chart — rows = weeks (oldest
 * first, the current week marked), columns = 红旗/黄旗 county-wide then per list, blank where a week has no data —
 * built by core, written by both gateways (.xlsx: the table; Office: the table and a native column chart of the
 * county's counts); absent when the dashboard has no trend.
 */
import ExcelJS from 'exceljs';
import { EMPTY_PLAN } from '../../../../addin/core/gateway';
import { dashboardSheet } from '../../../../addin/core/leader-sheets';
import { OfficeWorkbookGateway } from '../../../../addin/office';
import { XlsxGateway } from '../../../../addin/xlsx';
import type { Dashboard, Trend } from '../../../../contract';
import { FakeExcelHost } from '../../../support/fake-excel';
import { ledgerBook } from '../../office/workbook';
import { contributionDashboard } from './contribution-fixture';
import { rowOf } from './sheet-helpers';

const WEEKS = Array.from({ length: 12 }, (_, i) => `2026-W${String(37 + i).padStart(2, '0')}`);
/** Week i's count of a series: `base + i`, none before the third week (no data yet). */
const series = (base: number) => ({ red: WEEKS.map((_, i) => (i < 2 ? null : base + i)), yellow: WEEKS.map((_, i) => (i < 2 ? null : 2 * base + i)) });
const TREND: Trend = {
  weeks: WEEKS,
  units: [{ unit: '平邑街道', ...series(1) }],
  lists: { clue: series(10), signed: series(20), landed: series(30), producing: series(40) },
  total: series(100),
};
const d: Dashboard = { ...contributionDashboard(), trend: TREND };
const TITLE = '十一、近12周红黄旗趋势';

describe('领导看板 十二: the 12-week trend', () => {
  const p = dashboardSheet(d, { county: '平邑县' });
  const h = rowOf(p, TITLE) + 1;

  it('rows = weeks oldest first, the current week marked; 红旗/黄旗 county-wide then per list; blank before data', () => {
    expect(p.rows[h - 1]).toEqual(['周', '全县红旗', '全县黄旗', '重点线索红旗', '重点线索黄旗', '签约项目红旗', '签约项目黄旗', '落地项目红旗', '落地项目黄旗', '投产项目红旗', '投产项目黄旗']);
    expect(p.rows[h]).toEqual(['2026-W37', null, null, null, null, null, null, null, null, null, null]);
    expect(p.rows[h + 2]).toEqual(['2026-W39', 102, 202, 12, 22, 22, 42, 32, 62, 42, 82]);
    expect(p.rows[h + 11]).toEqual(['2026-W48（本周）', 111, 211, 21, 31, 31, 51, 41, 71, 51, 91]);
    expect(String(p.rows[h + 12]?.[0])).toMatch(/^每周数为该周截止时/);
  });

  it('a native column chart of the county counts (week, 红旗, 黄旗) right of the table, after the other charts', () => {
    const chart = p.charts!.at(-1)!;
    expect(chart).toEqual({ title: TITLE, type: 'columnClustered', range: `A${h}:C${h + 12}`, anchor: `M${h}` });
    expect(p.charts).toHaveLength(3);
  });

  it('English, and no section without a trend', () => {
    const en = dashboardSheet(d, { county: 'Pingyi', lang: 'en' });
    const e = rowOf(en, '11. Red and yellow flags, last 12 weeks') + 1;
    expect(en.rows[e - 1]!.slice(0, 5)).toEqual(['Week', 'County red', 'County yellow', expect.stringMatching(/ red$/), expect.stringMatching(/ yellow$/)]);
    expect(en.rows[e + 11]![0]).toBe('2026-W48 (this week)');
    const none = dashboardSheet({ ...d, trend: undefined }, { county: '平邑县' });
    expect(none.rows.some((r) => r[0] === TITLE)).toBe(false);
  });

  it('.xlsx gateway: the table as written, numbers as numbers, blanks empty', async () => {
    const wb0 = new ExcelJS.Workbook();
    wb0.addWorksheet('重点线索').addRow(['项目名称']);
    const gw = await XlsxGateway.load(new Uint8Array(await wb0.xlsx.writeBuffer()));
    await gw.apply({ ...EMPTY_PLAN, leaderSheets: [p] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await gw.save()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('领导看板')!;
    expect(ws.getCell(h - 1, 1).value).toBe(TITLE);
    expect([1, 2, 3, 11].map((c) => ws.getCell(h, c).value)).toEqual(['周', '全县红旗', '全县黄旗', '投产项目黄旗']);
    expect([1, 2, 3].map((c) => ws.getCell(h + 1, c).value)).toEqual(['2026-W37', null, null]);
    expect([1, 2, 3, 11].map((c) => ws.getCell(h + 12, c).value)).toEqual(['2026-W48（本周）', 111, 211, 91]);
  });

  it('Office gateway: the table and a native chart over it', async () => {
    const host = new FakeExcelHost(ledgerBook(4));
    await new OfficeWorkbookGateway({ host: host.officeHost }).apply({ ...EMPTY_PLAN, leaderSheets: [p] });
    expect([1, 2, 3, 11].map((c) => host.book.value('领导看板', h + 12, c))).toEqual(['2026-W48（本周）', 111, 211, 91]);
    expect(host.book.value('领导看板', h + 1, 2)).toBeNull();
    const chart = host.book.sheet('领导看板')!.charts.find((c) => c.title === TITLE)!;
    expect(chart).toMatchObject({ type: 'ColumnClustered', seriesBy: 'Columns', source: `A${h}:C${h + 12}`, anchor: `M${h}` });
  });
});
