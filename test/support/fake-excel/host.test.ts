/** The fake Excel host's own behaviour: the parts the gateway tests rely on to fail when the gateway is wrong. */
import { FakeBook, FakeExcelHost } from '.';

type Ctx = Excel.RequestContext;
const run = (host: FakeExcelHost, batch: (ctx: Ctx) => Promise<void>) => host.officeHost.run(batch as (ctx: never) => Promise<void>);

function book(): FakeBook {
  const b = new FakeBook('台账.xlsx');
  b.addSheet('重点线索', [['a']]);
  b.addSheet('签约项目', [['b']]);
  b.addSheet('隐藏', [['c']], { visibility: 'Hidden' });
  return b;
}

describe('fake Excel host', () => {
  test('activate + select are deferred to sync and recorded; select on an inactive sheet fails', async () => {
    const host = new FakeExcelHost(book());
    expect(host.book.active()?.name).toBe('重点线索');
    await run(host, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('签约项目');
      ws.activate();
      ws.getRange('B2:C3').select();
      expect(host.book.selection).toBeNull(); // nothing happens before sync
      await ctx.sync();
    });
    expect(host.book.activeSheet).toBe('签约项目');
    expect(host.book.selection).toEqual({ sheet: '签约项目', address: 'B2:C3' });
    await expect(run(host, async (ctx) => ctx.workbook.worksheets.getItem('重点线索').getRange('A1').select())).rejects.toMatchObject({ code: 'InvalidSelection' });
    await expect(run(host, async (ctx) => ctx.workbook.worksheets.getItem('隐藏').activate())).rejects.toMatchObject({ code: 'InvalidOperation' });
  });

  test('workbook.name must be loaded; it needs ExcelApi 1.7; document url is Office.context.document.url', async () => {
    const host = new FakeExcelHost(book(), { documentUrl: 'C:\\台账.xlsx' });
    await run(host, async (ctx) => {
      expect(() => ctx.workbook.name).toThrow(/not available/);
      ctx.workbook.load('name');
      await ctx.sync();
      expect(ctx.workbook.name).toBe('台账.xlsx');
    });
    expect(host.Office.context.document.url).toBe('C:\\台账.xlsx');
    const old = new FakeExcelHost(book(), { apiVersion: '1.6' });
    await expect(run(old, async (ctx) => void ctx.workbook.load('name'))).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  test('pageLayout (1.9), freezePanes (1.7) and data bars (1.6) fail on older hosts at sync, like Excel', async () => {
    const cases: Array<[string, (ws: Excel.Worksheet) => void]> = [
      ['1.8', (ws) => void (ws.pageLayout.orientation = 'Landscape')],
      ['1.8', (ws) => ws.pageLayout.setPrintTitleRows('$1:$2')],
      ['1.6', (ws) => ws.freezePanes.freezeRows(1)],
      ['1.5', (ws) => void ws.getRange('A1:A3').conditionalFormats.add('DataBar')],
    ];
    for (const [version, call] of cases) {
      const host = new FakeExcelHost(book(), { apiVersion: version });
      await expect(run(host, async (ctx) => call(ctx.workbook.worksheets.getItem('重点线索')))).rejects.toMatchObject({ code: 'ApiNotFound' });
    }
  });

  test('pageLayout, charts and freeze panes are recorded on the sheet', async () => {
    const host = new FakeExcelHost(book());
    await run(host, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('重点线索');
      ws.pageLayout.orientation = 'Landscape';
      ws.pageLayout.paperSize = 'A4';
      ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      ws.pageLayout.setPrintTitleRows('$1:$2');
      ws.pageLayout.leftMargin = 28.8;
      ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = '&P / &N';
      ws.freezePanes.freezeRows(2);
      const chart = ws.charts.add('ColumnClustered', ws.getRange('A1:C5'), 'Columns');
      chart.title.text = '各单位红黄旗';
      chart.setPosition('E2', 'L17');
    });
    expect(host.book.sheet('重点线索')).toMatchObject({
      frozenRows: 2,
      pageLayout: { orientation: 'Landscape', paperSize: 'A4', zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: '$1:$2', margins: { leftMargin: 28.8 }, centerFooter: '&P / &N' },
      charts: [{ type: 'ColumnClustered', source: 'A1:C5', seriesBy: 'Columns', title: '各单位红黄旗', anchor: 'E2', end: 'L17' }],
    });
  });

  test('position moves a sheet in the tab order; protect/unprotect honour a password', async () => {
    const host = new FakeExcelHost(book());
    host.book.sheet('签约项目')!.password = 'secret';
    host.book.sheet('签约项目')!.protected = true;
    await run(host, async (ctx) => void (ctx.workbook.worksheets.getItem('隐藏').position = 0));
    expect(host.book.sheets.map((s) => s.name)).toEqual(['隐藏', '重点线索', '签约项目']);
    await expect(run(host, async (ctx) => ctx.workbook.worksheets.getItem('签约项目').protection.unprotect())).rejects.toMatchObject({ code: 'AccessDenied' });
    await run(host, async (ctx) => ctx.workbook.worksheets.getItem('重点线索').protection.protect({ allowFormatRows: true }));
    expect(host.book.sheet('重点线索')).toMatchObject({ protected: true, protectionOptions: { allowFormatRows: true } });
    await expect(run(host, async (ctx) => ctx.workbook.worksheets.getItem('重点线索').protection.protect())).rejects.toMatchObject({ code: 'InvalidOperation' });
  });

  test('deleting a row moves cells, notes, merged areas and autofitted rows up; spanning merges shrink, 1×1 ones go', async () => {
    const host = new FakeExcelHost(book());
    const sheet = host.book.sheet('重点线索')!;
    for (let r = 2; r <= 8; r++) sheet.cells.set(`${r},1`, { value: `r${r}`, hAlign: 'Center' });
    sheet.notes.set('A6', '下方').set('A3', '本行');
    sheet.merges = ['B6:C6', 'D2:D4', 'E3:E5', 'F3:F4', 'G1:G2'];
    sheet.autofitRows = new Set([2, 3, 7]);
    await run(host, async (ctx) => ctx.workbook.worksheets.getItem('重点线索').getRange('3:3').delete('Up'));
    expect([2, 3, 4, 5, 6, 7, 8].map((r) => host.book.value('重点线索', r, 1))).toEqual(['r2', 'r4', 'r5', 'r6', 'r7', 'r8', null]);
    expect(host.book.cell('重点线索', 3, 1)?.hAlign).toBe('Center');
    expect([...sheet.notes]).toEqual([['A5', '下方']]);
    expect(sheet.merges).toEqual(['B5:C5', 'D2:D3', 'E3:E4', 'G1:G2']);
    expect([...sheet.autofitRows]).toEqual([2, 6]);
  });

  test('alignment, wrap and autofit are recorded; a protected sheet refuses values, formats and row deletes', async () => {
    const host = new FakeExcelHost(book());
    await run(host, async (ctx) => {
      const ranges = ctx.workbook.worksheets.getItem('重点线索').getRanges('A1:A2,C3');
      ranges.format.horizontalAlignment = 'Center';
      ranges.format.verticalAlignment = 'Center';
      ranges.format.wrapText = true;
      ranges.format.autofitRows();
    });
    expect(host.book.cell('重点线索', 3, 3)).toMatchObject({ hAlign: 'Center', vAlign: 'Center', wrap: true });
    expect([...host.book.sheet('重点线索')!.autofitRows]).toEqual([1, 2, 3]);
    host.book.sheet('签约项目')!.protected = true;
    const ws = (ctx: Ctx) => ctx.workbook.worksheets.getItem('签约项目');
    await expect(run(host, async (ctx) => void (ws(ctx).getRange('A1').values = [['x']]))).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(run(host, async (ctx) => void (ws(ctx).getRanges('A1').format.wrapText = true))).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(run(host, async (ctx) => void ws(ctx).getRange('1:1').delete('Up'))).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(host.book.value('签约项目', 1, 1)).toBe('b');
  });

  test('text Excel would convert is converted unless it has the "\'" prefix', async () => {
    const host = new FakeExcelHost(book());
    const texts = ['00123', '$5', '￥1,000', 'Mar 5', '2026/3/5', 'TRUE'];
    await run(host, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('重点线索');
      ws.getRange(`B1:B${texts.length}`).values = texts.map((t) => [t]);
      ws.getRange(`C1:C${texts.length}`).values = texts.map((t) => [`'${t}`]);
    });
    expect(texts.map((_, i) => typeof host.book.value('重点线索', i + 1, 2))).toEqual(['number', 'number', 'number', 'number', 'number', 'boolean']);
    expect(texts.map((_, i) => host.book.value('重点线索', i + 1, 3))).toEqual(texts);
  });
});

describe('fake Excel host: tables (Insert → Table)', () => {
  /** 清单: title row 1, a table A2:C5 (header 序号|项目名称|总投资, two rows, totals row 5), a footnote in row 7. */
  function tableBook(showTotals = true): FakeBook {
    const b = new FakeBook('表格.xlsx');
    const rows: Array<Array<string | number | null>> = [['标题'], ['序号', '项目名称', '总投资'], [1, '甲', 2], [2, '乙', 3]];
    if (showTotals) rows.push(['合计', null, '=SUBTOTAL(109,清单表[总投资])']);
    rows.push([], ['注：说明']);
    b.addSheet('清单', rows);
    b.addTable('清单', '清单表', showTotals ? 'A2:C5' : 'A2:C4', { showTotals });
    return b;
  }
  const table = (host: FakeExcelHost) => host.book.table('清单表')!.table;
  const ws = (ctx: Ctx) => ctx.workbook.worksheets.getItem('清单');

  test('load: names, header/totals flags, sheet (workbook.tables) and ranges — header row, totals row', async () => {
    const host = new FakeExcelHost(tableBook());
    expect(table(host)).toMatchObject({ ref: 'A2:C5', columns: ['序号', '项目名称', '总投资'] });
    await run(host, async (ctx) => {
      const tables = ctx.workbook.tables;
      tables.load('items/name,items/showHeaders,items/showTotals,items/worksheet/name');
      await ctx.sync();
      const [t] = tables.items;
      expect([t!.name, t!.showHeaders, t!.showTotals, t!.worksheet.name]).toEqual(['清单表', true, true, '清单']);
      const ranges = [t!.getRange(), t!.getHeaderRowRange(), t!.getTotalRowRange()].map((r) => r.load('address,rowIndex,rowCount'));
      const sheetTables = ws(ctx).tables.load('items/name');
      await ctx.sync();
      expect(ranges.map((r) => r.address)).toEqual(["'清单'!A2:C5", "'清单'!A2:C2", "'清单'!A5:C5"]);
      expect(sheetTables.items.map((x) => x.name)).toEqual(['清单表']);
    });
    const none = new FakeExcelHost(tableBook(false));
    await expect(run(none, async (ctx) => void ctx.workbook.tables.getItem('清单表').getTotalRowRange().load('address'))).rejects.toMatchObject({ code: 'InvalidArgument' });
    const old = new FakeExcelHost(tableBook(), { apiVersion: '1.2' });
    await expect(run(old, async (ctx) => void ctx.workbook.tables.load('items/showTotals'))).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  test('whole rows inserted inside a table (up to its totals row) join it; right below it they do not; above, it moves', async () => {
    const host = new FakeExcelHost(tableBook());
    await run(host, async (ctx) => void ws(ctx).getRange('5:5').insert('Down')); // at the totals row
    expect(table(host).ref).toBe('A2:C6');
    await run(host, async (ctx) => void ws(ctx).getRange('1:1').insert('Down')); // above
    expect(table(host).ref).toBe('A3:C7');
    const none = new FakeExcelHost(tableBook(false));
    await run(none, async (ctx) => void ws(ctx).getRange('5:5').insert('Down')); // right below the last row: outside
    expect(table(none).ref).toBe('A2:C4');
    await run(none, async (ctx) => void ws(ctx).getRange('4:4').insert('Down')); // above the last row: inside
    expect(table(none).ref).toBe('A2:C5');
  });

  test('whole rows deleted: the table shrinks by the rows it loses and moves up', async () => {
    const host = new FakeExcelHost(tableBook());
    await run(host, async (ctx) => void ws(ctx).getRange('3:3').delete('Up'));
    expect(table(host).ref).toBe('A2:C4');
    await run(host, async (ctx) => void ws(ctx).getRange('1:1').delete('Up'));
    expect(table(host).ref).toBe('A1:C3');
    expect(host.book.value('清单', 1, 2)).toBe('项目名称');
  });

  test('resize (ExcelApi 1.13): new columns named by their header cells (blank → 列N, repeated → a suffix); the header row stays', async () => {
    const host = new FakeExcelHost(tableBook(), { apiVersion: '1.13' });
    await run(host, async (ctx) => {
      ws(ctx).getRange('D2:F2').values = [['项目编号', '', '序号']];
      ctx.workbook.tables.getItem('清单表').resize(ws(ctx).getRange('A2:F6'));
    });
    expect(table(host)).toMatchObject({ ref: 'A2:F6', columns: ['序号', '项目名称', '总投资', '项目编号', '列5', '序号2'] });
    await expect(run(host, async (ctx) => ctx.workbook.tables.getItem('清单表').resize('A3:F6'))).rejects.toMatchObject({ code: 'InvalidArgument' });
    const old = new FakeExcelHost(tableBook(), { apiVersion: '1.12' });
    await expect(run(old, async (ctx) => ctx.workbook.tables.getItem('清单表').resize('A2:D5'))).rejects.toMatchObject({ code: 'ApiNotFound' });
    expect(table(old).ref).toBe('A2:C5');
    await expect(run(host, async (ctx) => ctx.workbook.tables.getItem('没有').resize('A2:D5'))).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  test('a header cell written renames its column; columns.add appends one, moving cells right of the table in its rows', async () => {
    const host = new FakeExcelHost(tableBook());
    host.book.sheet('清单')!.cells.set('3,4', { value: '旁边' });
    host.book.sheet('清单')!.cells.set('7,4', { value: '表外' });
    await run(host, async (ctx) => {
      ws(ctx).getRange('C2').values = [['总投资（亿元）']];
      ctx.workbook.tables.getItem('清单表').columns.add();
    });
    expect(table(host)).toMatchObject({ ref: 'A2:D5', columns: ['序号', '项目名称', '总投资（亿元）', '列4'] });
    expect([host.book.value('清单', 2, 4), host.book.value('清单', 3, 4), host.book.value('清单', 3, 5), host.book.value('清单', 7, 4)]).toEqual(['列4', null, '旁边', '表外']);
  });
});
