/**
 * Issue 20, sheets a leader reads: every generated cell in the workbook's font (no nameless <font> a viewer draws in
 * a serif), money under a 亿元 header shown with two decimals, a dash for a figure a list does not have, 领导看板's
 * red-flag list on a page of its own with its title and header repeated on every printed page, 全县项目 with an
 * autofilter that still works while protected, 预警原因 always wrapped. The plans (core), the .xlsx gateway (read
 * back with ExcelJS and from styles.xml) and the Office gateway (the fake Excel host).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { EMPTY_PLAN, type LeaderSheetPlan } from '../../../addin/core';
import { countyProjectsSheet, dashboardSheet } from '../../../addin/core/leader-sheets';
import { OfficeWorkbookGateway } from '../../../addin/office';
import { XlsxGateway } from '../../../addin/xlsx';
import type { ProjectSummary } from '../../../contract';
import { dashboard } from '../../../functions/domain/report';
import { flag, history, UNITS } from '../../functions/domain/report/history';
import { FakeExcelHost } from '../../support/fake-excel';
import { ledgerBook } from '../office/workbook';

const project = (id: string, level: 'none' | 'red', amount: number): ProjectSummary => ({
  id, name: `项目${id}`, unit: '地方镇', leader: '王明远', stage: 'signed', amount, flag: flag(level), flagSince: null,
  updatedAt: '2026-11-20T02:00:00.000Z', version: 1,
  fields: {},
  ...(level === 'red' ? { flag: { level: 'red', reasons: [{ rule: 'signed-not-started', level: 'red', message: { zh: '签约后200天仍未开工', en: 'Not started 200 days after signing' } }] } } : {}),
} as ProjectSummary);

function plans(): { board: LeaderSheetPlan; county: LeaderSheetPlan } {
  const d = dashboard(history().filter((s) => s.week <= '2026-W48'), { asOf: '2026-11-27T04:00:00.000Z', week: '2026-W48', units: UNITS });
  return {
    board: dashboardSheet({ ...d, notReported: [] }, { county: '平邑县' }),
    county: countyProjectsSheet([{ projects: [project('P-1', 'red', 3.7521), project('P-2', 'none', 1), project('P-3', 'none', 0.05)] }], { county: '平邑县' }),
  };
}

const rowOf = (p: LeaderSheetPlan, text: string) => p.rows.findIndex((r) => r[0] === text) + 1;

describe('the plans (core)', () => {
  const { board, county } = plans();

  it('money under a 亿元 header is formatted 0.00 — figures and totals — and nothing else is', () => {
    const h = rowOf(board, '一、四个清单总览') + 1;
    const money = new Set(board.numberFormats!.find((f) => f.format === '0.00')!.cells.map((c) => `${c.row}:${c.col}`));
    for (const col of [3, 6, 7]) for (let r = h + 1; r <= h + 5; r++) if (typeof board.rows[r - 1]![col - 1] === 'number') expect(money.has(`${r}:${col}`)).toBe(true);
    for (const col of [2, 4, 5, 8]) for (let r = h + 1; r <= h + 5; r++) expect(money.has(`${r}:${col}`)).toBe(false);
    const header = county.frozenRows;
    expect(county.rows[header - 1]![6]).toBe('总投资（亿元）');
    expect(county.numberFormats).toEqual([{ format: '0.00', cells: [4, 5, 6, 7].map((row) => ({ row: header + row - 3, col: 7 })) }]);
  });

  it('a contribution a list does not have is a dash, not 0', () => {
    const h = rowOf(board, '一、四个清单总览') + 1;
    const clue = board.rows[h]!;
    expect(clue[0]).toBe('重点线索');
    expect(clue.slice(5)).toEqual(['—', '—', '—']);
  });

  it('领导看板: the red-flag list comes last, starts a printed page (its title and header at the top), its header repeated on every page', () => {
    const title = rowOf(board, '附：红旗项目清单');
    expect(board.pageBreaks).toEqual([title]);
    expect(board.rows[title]![0]).toBe('序号');
    expect(board.printTitles).toEqual({ top: title + 1, bottom: title + 1 });
    // The list (or its "(none)") ends the sheet: every row after its header is one of its numbered rows.
    expect(board.rows.slice(title + 1).every((r) => typeof r[0] === 'number' || r[0] === '（无）')).toBe(true);
    expect(rowOf(board, '六、本周未按时调度的单位')).toBeLessThan(title);
  });

  it('全县项目: an autofilter over the header and the projects (not the total); every 预警原因 wraps', () => {
    const header = county.frozenRows;
    expect(county.autoFilter).toBe(`A${header}:J${header + 3}`);
    expect(county.protect).toBe(true);
    expect(county.wrap).toContainEqual({ row: header + 1, col: 9 });
  });
});

describe('.xlsx', () => {
  let wb: ExcelJS.Workbook;
  let styles: string;
  let sheetXml: string;
  beforeAll(async () => {
    const src = new ExcelJS.Workbook();
    const ws = src.addWorksheet('签约项目');
    ws.addRow(['序号', '项目名称', '总投资（亿元）']);
    ws.addRow([1, '光伏组件', 2.3]);
    ws.addRow([2, '新材料', 1.1]);
    ws.eachRow((r) => r.eachCell((c) => (c.font = { name: '宋体', size: 11, charset: 134 })));
    const gw = await XlsxGateway.load(new Uint8Array(await src.xlsx.writeBuffer()));
    const { board, county } = plans();
    await gw.apply({ ...EMPTY_PLAN, leaderSheets: [board, county] });
    const bytes = await gw.save();
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const zip = await JSZip.loadAsync(bytes);
    styles = await zip.file('xl/styles.xml')!.async('string');
    sheetXml = (await Promise.all(zip.file(/^xl\/worksheets\/sheet\d+\.xml$/).map((f) => f.async('string')))).join('\n');
  });

  it('every generated cell is in the ledger\'s font (宋体 11), bold and coloured ones too; styles.xml has no nameless font', () => {
    for (const name of ['领导看板', '全县项目']) {
      wb.getWorksheet(name)!.eachRow((row) => row.eachCell((cell) => expect([name, cell.address, cell.font?.name, cell.font?.size]).toEqual([name, cell.address, '宋体', 11])));
    }
    const fonts = /<fonts[^>]*>(.*?)<\/fonts>/s.exec(styles)![1]!.match(/<font>.*?<\/font>|<font\/>/gs)!;
    // Font 0 is the workbook's default (ExcelJS writes Calibri); every other font names itself.
    for (const f of fonts) expect(f).toMatch(/<name val="/);
  });

  it('money shows two decimals: 3.7521 → numFmt 0.00 on the cell, the value kept exact', () => {
    const ws = wb.getWorksheet('全县项目')!;
    let found = false;
    ws.eachRow((row) => row.eachCell((cell) => {
      if (cell.value === 3.7521) {
        found = true;
        expect(cell.numFmt).toBe('0.00');
      }
    }));
    expect(found).toBe(true);
  });

  it('a plan\'s print titles and page breaks are written; 全县项目 is filterable and sortable while protected', async () => {
    const { board } = plans();
    const gw = await XlsxGateway.load(new Uint8Array(await wb.xlsx.writeBuffer()));
    await gw.apply({ ...EMPTY_PLAN, leaderSheets: [{ ...board, name: 'T', printTitles: { top: 5, bottom: 6 } }] });
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await gw.save()) as unknown as ArrayBuffer);
    expect(again.getWorksheet('T')!.pageSetup.printTitlesRow).toBe('5:6');
    expect(sheetXml).toContain(`<rowBreaks count="1" manualBreakCount="1"><brk id="${board.pageBreaks![0]! - 1}"`);
    const county = wb.getWorksheet('全县项目')!;
    expect(county.autoFilter).toBe(plans().county.autoFilter);
    // ExcelJS's options say what is allowed; in the file, sort="0" autoFilter="0" means "not locked".
    const protection = (county as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true, autoFilter: true, sort: true });
    expect(sheetXml).toMatch(/<sheetProtection sheet="1"[^>]* sort="0" autoFilter="0"/);
  });
});

describe('Office (fake Excel host)', () => {
  it('writes the number formats, page break, print titles and autofilter, and protects 全县项目 allowing filter and sort', async () => {
    const host = new FakeExcelHost(ledgerBook(3));
    const { board, county } = plans();
    await new OfficeWorkbookGateway({ host: host.officeHost }).apply({ ...EMPTY_PLAN, leaderSheets: [board, county] });
    await new OfficeWorkbookGateway({ host: host.officeHost }).apply({ ...EMPTY_PLAN, leaderSheets: [{ ...board, name: 'T', printTitles: { top: 5, bottom: 6 } }] });
    expect(host.book.sheet('T')!.pageLayout.printTitleRows).toBe('$5:$6');
    const b = host.book.sheet('领导看板')!;
    expect(b.pageLayout.printTitleRows).toBe(`$${board.printTitles!.top}:$${board.printTitles!.bottom}`); // the red-flag list's header
    expect(b.pageBreaks).toEqual([`A${board.pageBreaks![0]}`]);
    const c = host.book.sheet('全县项目')!;
    const header = county.frozenRows;
    expect(c.cells.get(`${header + 1},7`)).toMatchObject({ value: 3.7521, numberFormat: '0.00' });
    expect(c.cells.get(`${header + 1},2`)?.numberFormat).toBeUndefined();
    expect(c.autoFilter).toBe(county.autoFilter);
    expect(c).toMatchObject({ protected: true, protectionOptions: { allowAutoFilter: true, allowSort: true, allowFormatColumns: true, allowFormatRows: true } });
  });
});
