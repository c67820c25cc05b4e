import { GatewayError } from '../../../addin/core/gateway';
import { OfficeWorkbookGateway } from '../../../addin/office';
import { FakeExcelHost, PAYLOAD_LIMIT } from '../../support/fake-excel';
import { COL, FIRST_ROW, fullPlan, ledgerBook, LISTS } from './workbook';

function gatewayOn(host: FakeExcelHost, requestBudget?: number) {
  return new OfficeWorkbookGateway({ host: host.officeHost, ...(requestBudget ? { requestBudget } : {}) });
}

/** Every cell's value/fill/font, for before/after comparisons. */
function dump(host: FakeExcelHost): string {
  return JSON.stringify(host.book.sheets.map((s) => [s.name, s.visibility, [...s.cells].sort(), [...s.notes]]));
}

describe('Office gateway on the fake Excel host', () => {
  test('5,000 projects on 4 sheets: read + full apply in ≤ 4 round trips, no request over 5 MB', async () => {
    const host = new FakeExcelHost(ledgerBook(5000));
    const gateway = gatewayOn(host);
    await gateway.readSettings(); // the task pane reads these when it opens
    host.resetCounters();

    const snapshots = await gateway.readSheets();
    expect(snapshots.map((s) => s.name)).toEqual([...LISTS]);
    expect(snapshots.reduce((n, s) => n + s.values.length - 2, 0)).toBe(5000);
    const readTrips = host.roundTrips;
    const plan = fullPlan(host.book);
    const result = await gateway.apply(plan);

    const trips = host.roundTrips;
    const figures = {
      readTrips,
      applyTrips: trips - readTrips,
      maxRequestMB: +(host.maxRequestBytes / 2 ** 20).toFixed(3),
      maxResponseMB: +(host.maxResponseBytes / 2 ** 20).toFixed(3),
      requests: host.syncs,
    };
    console.log(JSON.stringify(figures));
    expect(trips).toBeLessThanOrEqual(4);
    expect(host.maxRequestBytes).toBeLessThan(PAYLOAD_LIMIT);
    expect(host.maxResponseBytes).toBeLessThan(PAYLOAD_LIMIT);
    expect(result.rowsMoved).toBe(9);

    // Spot checks: ids, flags with fills, moved rows at their targets and gone from their sources.
    const clue = host.book.sheet('重点线索')!;
    expect(host.book.value('重点线索', FIRST_ROW, COL.id)).toBe('P-00000000');
    expect(host.book.cell('重点线索', FIRST_ROW, COL.flag)).toMatchObject({ value: '红旗', fill: '#FFC7CE', font: '#9C0006' });
    expect(host.book.cell('重点线索', FIRST_ROW + 1, COL.reason)).toMatchObject({ fill: '#FFEB9C', font: '#9C5700' });
    expect(host.book.cell('重点线索', FIRST_ROW + 2, COL.flag)).toEqual({ value: null });
    const moved = plan.moves[0]!;
    // Rows are deleted after all writes, so the appended row moves up by the target sheet's own deleted rows.
    const finalRow = moved.to.row - plan.moves.filter((m) => m.from.sheet === moved.to.sheet && m.from.row < moved.to.row).length;
    expect(finalRow).toBe(moved.to.row - 3);
    expect(host.book.value(moved.to.sheet, finalRow, COL.id)).toBe(moved.id);
    expect(host.book.value(moved.to.sheet, finalRow, COL.name)).toBe(moved.cells[COL.name - 1]!.value);
    const ids = [...clue.cells].filter(([k]) => k.endsWith(`,${COL.id}`) && Number(k.split(',')[0]) >= FIRST_ROW).map(([, c]) => c.value);
    expect(ids).not.toContain(moved.id);
    expect(ids.length).toBe(1250 - 3);
    // Every moved row left its source, and only those: rows are deleted bottom-up, so earlier numbers stay valid.
    for (const m of plan.moves.filter((x) => x.from.sheet === '重点线索')) expect(ids).not.toContain(m.id);
    const kept = plan.moves.filter((x) => x.from.sheet === '重点线索').map((x) => x.from.row + 1);
    for (const row of kept) expect(ids).toContain(plan.sheets[0]!.columns.find((c) => c.col === COL.id)!.values[row - FIRST_ROW]);
    // Settings went to the very hidden sheet and read back.
    expect(host.book.sheet('_invest_flags')!.visibility).toBe('VeryHidden');
    expect(await gatewayOn(host).readSettings()).toEqual(plan.settings);
  });

  test('a smaller request budget splits the write into more requests with the same result', async () => {
    const a = new FakeExcelHost(ledgerBook(1200));
    const b = new FakeExcelHost(ledgerBook(1200));
    const plan = fullPlan(a.book);
    await gatewayOn(a).apply(plan);
    await gatewayOn(b, 64 * 1024).apply(plan);
    expect(b.roundTrips).toBeGreaterThan(a.roundTrips);
    expect(b.maxRequestBytes).toBeLessThan(a.maxRequestBytes);
    expect(dump(b)).toBe(dump(a));
  });

  test('getRanges addresses stay under 8,000 characters for scattered cells', async () => {
    const host = new FakeExcelHost(ledgerBook(4000));
    const cells = Array.from({ length: 900 }, (_, i) => ({ row: FIRST_ROW + i * 2, col: COL.flag }));
    await gatewayOn(host).apply({ sheets: [{ sheet: '重点线索', columns: [], styles: [{ style: { fill: '#FFC7CE', font: '#9C0006' }, cells }], notes: [] }], moves: [], leaderSheets: [] });
    expect(cells.every((c) => host.book.cell('重点线索', c.row, c.col)?.fill === '#FFC7CE')).toBe(true);
    expect(host.book.cell('重点线索', FIRST_ROW + 1, COL.flag)?.fill).toBeUndefined();
  });

  test('text that Excel would convert stays text; null empties a cell', async () => {
    const host = new FakeExcelHost(ledgerBook(8));
    const values = ['00123', '2026/3/5', '=1+1', 'TRUE', '-5', '$5', '￥1,000', 'Mar 5', '红旗', null];
    host.book.sheet('重点线索')!.cells.set(`${FIRST_ROW + 6},${COL.reason}`, { value: 'old' });
    await gatewayOn(host).apply({ sheets: [{ sheet: '重点线索', columns: [{ col: COL.reason, top: FIRST_ROW, values }], styles: [], notes: [] }], moves: [], leaderSheets: [] });
    expect(values.map((_, i) => host.book.value('重点线索', FIRST_ROW + i, COL.reason))).toEqual(values);
    expect(host.book.cell('重点线索', FIRST_ROW + 2, COL.reason)?.formula).toBeUndefined();
  });

  describe('writes nothing when a sheet changed since the read', () => {
    const plan = () => fullPlan(ledgerBook(40), 1);
    test.each([
      ['renamed', (h: FakeExcelHost) => void (h.book.sheet('签约项目')!.name = '签约项目（旧）'), 'sheet_missing', '签约项目'],
      ['deleted', (h: FakeExcelHost) => void h.book.sheets.splice(2, 1), 'sheet_missing', '落地项目'],
      ['protected', (h: FakeExcelHost) => void (h.book.sheet('投产项目')!.protected = true), 'sheet_protected', '投产项目'],
    ])('%s', async (_what, change, code, sheet) => {
      const host = new FakeExcelHost(ledgerBook(40));
      const gateway = gatewayOn(host);
      await gateway.readSettings();
      host.resetCounters();
      change(host);
      const before = dump(host);
      const error = await gateway.apply(plan()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayError);
      expect(error).toMatchObject({ code, sheet });
      expect((error as GatewayError).msg.zh).toContain(sheet);
      expect((error as GatewayError).msg.zh).toContain('没有写入');
      expect(host.roundTrips).toBe(1); // the pre-check only
      expect(dump(host)).toBe(before);
    });
  });

  test('a cell in edit mode → edit_mode error, nothing written', async () => {
    const host = new FakeExcelHost(ledgerBook(40));
    host.editMode = true;
    const before = dump(host);
    await expect(gatewayOn(host).apply(fullPlan(host.book, 1))).rejects.toMatchObject({ code: 'edit_mode', msg: { zh: expect.stringContaining('Enter') } });
    await expect(gatewayOn(host).readSheets()).rejects.toMatchObject({ code: 'edit_mode' });
    expect(dump(host)).toBe(before);
  });

  test('a request over 5 MB → too_large (a single value block the budget cannot split)', async () => {
    const host = new FakeExcelHost(ledgerBook(8));
    const huge = 'x'.repeat(6 * 1024 * 1024);
    const error = await gatewayOn(host)
      .apply({ sheets: [{ sheet: '重点线索', columns: [{ col: COL.reason, top: FIRST_ROW, values: [huge] }], styles: [], notes: [] }], moves: [], leaderSheets: [] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too_large' });
  });

  test('notes on ExcelApi 1.18 are added, updated and removed; older hosts skip them', async () => {
    const host = new FakeExcelHost(ledgerBook(12), { apiVersion: '1.18' });
    host.book.sheet('重点线索')!.notes.set('B4', '旧批注');
    host.book.sheet('重点线索')!.notes.set('B5', '要删除');
    const notes = [
      { row: 3, col: 2, text: '签约时间无法识别：2026.13.5（H3）' },
      { row: 4, col: 2, text: '新批注' },
      { row: 5, col: 2, text: null },
    ];
    const plan = { sheets: [{ sheet: '重点线索', columns: [], styles: [], notes }], moves: [], leaderSheets: [] };
    await gatewayOn(host).apply(plan);
    expect([...host.book.sheet('重点线索')!.notes]).toEqual([
      ['B4', '新批注'],
      ['B3', '签约时间无法识别：2026.13.5（H3）'],
    ]);
    expect(host.roundTrips).toBe(2);

    const old = new FakeExcelHost(ledgerBook(12));
    await gatewayOn(old).apply(plan);
    expect(old.book.sheet('重点线索')!.notes.size).toBe(0);
  });

  test('leader sheets are replaced whole with values, formulas, bold, widths, frozen rows, print settings and charts', async () => {
    const host = new FakeExcelHost(ledgerBook(12));
    host.book.addSheet('领导看板', [['旧内容'], ['x', 'y', 'z']]);
    const plan = {
      sheets: [],
      moves: [],
      leaderSheets: [
        {
          name: '领导看板',
          rows: [['清单', '项目数'], ['重点线索', 3], ['签约项目', 4], ['合计', { formula: 'SUM(B2:B3)' }]],
          frozenRows: 1,
          columnWidths: [12, 8],
          styles: [{ style: { fill: '#FFC7CE', font: '#9C0006' }, cells: [{ row: 2, col: 2 }] }],
          bold: [{ row: 1, col: 1 }, { row: 1, col: 2 }],
          dataBars: ['B2:B3'],
          charts: [{ title: '各清单项目数', type: 'columnClustered' as const, range: 'A1:B3', anchor: 'D2' }],
          landscape: true,
        },
      ],
    };
    await gatewayOn(host).apply(plan);
    const sheet = host.book.sheet('领导看板')!;
    expect(host.book.value('领导看板', 3, 1)).toBe('签约项目');
    expect(host.book.cell('领导看板', 4, 2)).toMatchObject({ value: '=SUM(B2:B3)', formula: true });
    expect(host.book.value('领导看板', 2, 3)).toBeNull(); // old content gone
    expect(host.book.cell('领导看板', 1, 2)?.bold).toBe(true);
    expect(sheet).toMatchObject({
      frozenRows: 1,
      pageLayout: { orientation: 'Landscape', paperSize: 'A4', zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: '$1:$1' },
      dataBars: ['B2:B3'],
    });
    // By columns: column A names the categories, each further column is a series; 8 columns × 16 rows from the anchor.
    expect(sheet.charts).toEqual([{ type: 'ColumnClustered', source: 'A1:B3', seriesBy: 'Columns', title: '各清单项目数', anchor: 'D2', end: 'K17' }]);
    expect(sheet.columnWidths.get(1)).toBeCloseTo((12 * 7 + 5) * 0.75);
    expect(host.roundTrips).toBe(2);
  });

  test('readSheets: hidden sheets, empty sheets, error cells; the settings sheet is not a snapshot', async () => {
    const host = new FakeExcelHost();
    host.book.addSheet('签约项目', [[null, null], [null, '项目名称', '#N/A']], { top: 2 });
    host.book.addSheet('空表');
    host.book.addSheet('隐藏', [['a']], { visibility: 'Hidden' });
    host.book.addSheet('_invest_flags', [['{"workbookId":"W-1"}']], { visibility: 'VeryHidden' });
    const gateway = gatewayOn(host);
    const snaps = await gateway.readSheets();
    expect(snaps).toEqual([
      { name: '签约项目', top: 3, left: 2, values: [['项目名称', null]], visible: true, cellErrors: [{ address: 'C3', error: '#N/A' }] },
      { name: '空表', top: 1, left: 1, values: [], visible: true },
      { name: '隐藏', top: 1, left: 1, values: [['a']], visible: false },
    ]);
    expect(host.roundTrips).toBe(2);
    expect(await gateway.readSettings()).toEqual({ workbookId: 'W-1' });
    expect(host.roundTrips).toBe(3);
  });

  test('readSettings on a workbook that never synced: {} in one round trip', async () => {
    const host = new FakeExcelHost(ledgerBook(4));
    expect(await gatewayOn(host).readSettings()).toEqual({});
    expect(host.roundTrips).toBe(1);
  });
});
