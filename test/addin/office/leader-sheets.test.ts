/**
 * Leader sheets through the Office gateway on the fake host: native charts, print settings and frozen rows where
 * the host supports them, protection, and the round trips of a full sync that writes them.
 */
import { EMPTY_PLAN, GatewayError, type WritePlan } from '../../../addin/core/gateway';
import { OfficeWorkbookGateway } from '../../../addin/office';
import { FakeExcelHost, PAYLOAD_LIMIT } from '../../support/fake-excel';
import { leaderPlans, protectedSheet } from './leaders';
import { ledgerBook, fullPlan } from './workbook';

const dump = (host: FakeExcelHost) => JSON.stringify(host.book.sheets.map((s) => [s.name, s.protected, [...s.cells].sort(), s.charts, s.pageLayout]));

describe('leader sheets in Excel', () => {
  test('领导看板 gets two native charts by columns over its unit tables, not overlapping, with titles', async () => {
    const host = new FakeExcelHost(ledgerBook(8));
    const [dashboard] = leaderPlans();
    await new OfficeWorkbookGateway({ host: host.officeHost }).apply({ ...EMPTY_PLAN, leaderSheets: [dashboard!] });
    const charts = host.book.sheet('领导看板')!.charts;
    expect(charts.map((c) => [c.type, c.title, c.seriesBy, c.source])).toEqual(dashboard!.charts!.map((c) => [c.type === 'columnStacked' ? 'ColumnStacked' : 'ColumnClustered', c.title, 'Columns', c.range]));
    const [a, b] = charts;
    const row = (cell: string) => Number(/\d+/.exec(cell)![0]);
    expect(row(a!.end!)).toBeLessThan(row(b!.anchor!));
    expect(a!.anchor).toBe(dashboard!.charts![0]!.anchor);
  });

  test('领导看板 section 七 (未按时调度) is written: the count line and each unit with its projects', async () => {
    const host = new FakeExcelHost(ledgerBook(8));
    const [dashboard] = leaderPlans();
    await new OfficeWorkbookGateway({ host: host.officeHost }).apply({ ...EMPTY_PLAN, leaderSheets: [dashboard!] });
    const h = dashboard!.rows.findIndex((r) => r[0] === '六、本周未按时调度的单位');
    expect(h).toBeGreaterThan(0);
    expect(dashboard!.rows.slice(h + 1, h + 4)).toEqual([['本周截至目前 1 个单位未按时调度（有在库项目，但没有一个项目更新本周进展）：'], ['序号', '单位', '在库项目数'], [1, '仲村镇', 2]]);
    const at = (row: number, col: number) => host.book.value('领导看板', row, col);
    expect(at(h + 1, 1)).toBe('六、本周未按时调度的单位');
    expect(at(h + 2, 1)).toBe('本周截至目前 1 个单位未按时调度（有在库项目，但没有一个项目更新本周进展）：');
    expect([1, 2, 3].map((c) => at(h + 4, c))).toEqual([1, '仲村镇', 2]);
  });

  test('on ExcelApi 1.6 hosts: values, charts and data bars; no freeze panes or page layout (which would fail the write)', async () => {
    const host = new FakeExcelHost(ledgerBook(8), { apiVersion: '1.6' });
    const [dashboard] = leaderPlans();
    await new OfficeWorkbookGateway({ host: host.officeHost }).apply({ ...EMPTY_PLAN, leaderSheets: [dashboard!] });
    const sheet = host.book.sheet('领导看板')!;
    expect(sheet.charts).toHaveLength(2);
    expect(sheet.dataBars).toEqual(dashboard!.dataBars);
    expect(sheet.frozenRows).toBe(0);
    expect(sheet.pageLayout).toMatchObject({ orientation: 'Portrait', printTitleRows: null });
  });

  test('a leader sheet a person protected with a password: a clear error naming it, nothing written', async () => {
    const host = new FakeExcelHost(ledgerBook(8));
    host.book.addSheet('全县项目', [['旧']]);
    Object.assign(host.book.sheet('全县项目')!, { protected: true, password: '1234' });
    const before = dump(host);
    const error = await new OfficeWorkbookGateway({ host: host.officeHost }).apply({ ...EMPTY_PLAN, leaderSheets: [...leaderPlans(), protectedSheet()] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'sheet_protected', sheet: '全县项目' });
    expect((error as GatewayError).msg.zh).toContain('密码');
    expect((error as GatewayError).msg.zh).toContain('没有写入');
    expect(dump(host)).toBe(before);
  });

  test('a full sync of 5,000 projects with the leader sheets: round trips per step, every request under 5 MB', async () => {
    const host = new FakeExcelHost(ledgerBook(5000));
    const gateway = new OfficeWorkbookGateway({ host: host.officeHost });
    const trips: Record<string, number> = {};
    const step = async (name: string, work: () => Promise<unknown>) => {
      const before = host.roundTrips;
      await work();
      trips[name] = host.roundTrips - before;
    };
    const plan = fullPlan(host.book);
    const ids: WritePlan = { ...EMPTY_PLAN, sheets: plan.sheets.map((s) => ({ ...s, columns: [s.columns[0]!], styles: [], notes: [] })), settings: plan.settings };
    const leaders = () => [...leaderPlans(), protectedSheet()];

    // As the task pane's sync does (name, settings and sheets read ahead, then runSync's two writes), with the leader
    // sheets in the final write.
    await step('readWorkbook', () => gateway.readWorkbook());
    await step('applyIds', () => gateway.apply(ids));
    await step('applyFlagsMovesLeaderSheets', () => gateway.apply({ ...plan, leaderSheets: leaders() }));
    // As refreshLeaderSheets (addin/core/leaders.ts) does: a plan of leader sheets only, replacing them (全县项目 is protected now).
    await step('refreshLeaderSheets', () => gateway.apply({ ...EMPTY_PLAN, leaderSheets: leaders() }));
    console.log(JSON.stringify({ trips, total: host.roundTrips, maxRequestMB: +(host.maxRequestBytes / 2 ** 20).toFixed(3), maxResponseMB: +(host.maxResponseBytes / 2 ** 20).toFixed(3) }));

    expect(trips).toEqual({ readWorkbook: 2, applyIds: 2, applyFlagsMovesLeaderSheets: 2, refreshLeaderSheets: 2 });
    // The budget: reading the lists and writing the whole plan (leader sheets included) in ≤ 4 round trips.
    expect(trips.readWorkbook! + trips.applyFlagsMovesLeaderSheets!).toBeLessThanOrEqual(4);
    expect(host.maxRequestBytes).toBeLessThan(PAYLOAD_LIMIT);
    expect(host.maxResponseBytes).toBeLessThan(PAYLOAD_LIMIT);
    expect(host.book.sheets.map((s) => s.name)).toEqual(['重点线索', '签约项目', '落地项目', '投产项目', '_invest_flags', '领导看板', '周调度', '全县项目']);
    expect(host.book.sheet('全县项目')).toMatchObject({ protected: true, protectionOptions: { allowFormatColumns: true, allowFormatRows: true } });
    expect(host.book.sheet('领导看板')!.charts).toHaveLength(2);
  });
});
