/**
 * 领导看板 sections 八–十一 (issue 21) through both gateways: the .xlsx gateway (ExcelJS, saved and read back) and
 * the Office gateway (on the fake Excel host) write every cell of the sections as core planned it — numbers stay
 * numbers, "—" and percentages text — with the 十一 totals row bold; the per-mu figures in 万元 with two decimals, as
 * the 亿元 figures.
 */
import ExcelJS from 'exceljs';
import { EMPTY_PLAN, type LeaderCell, type LeaderSheetPlan } from '../../../addin/core';
import { dashboardSheet } from '../../../addin/core/leader-sheets';
import { OfficeWorkbookGateway } from '../../../addin/office';
import { XlsxGateway } from '../../../addin/xlsx';
import { FakeBook, FakeExcelHost } from '../../support/fake-excel';
import { contributionDashboard } from '../core/leader-sheets/contribution-fixture';
import { rowOf } from '../core/leader-sheets/sheet-helpers';

const plan = (lang: 'zh' | 'en'): LeaderSheetPlan => dashboardSheet(contributionDashboard(), { county: '平邑县', lang });

/** The rows of sections 八–十一, as planned: from 八's title to the last row. */
function sectionRows(p: LeaderSheetPlan, lang: 'zh' | 'en'): { top: number; rows: LeaderCell[][] } {
  const top = rowOf(p, lang === 'zh' ? '七、招商方式成效（线索→签约转化）' : '7. Investment methods (clue → signed conversion)');
  return { top, rows: p.rows.slice(top - 1) };
}

const asWritten = (v: LeaderCell) => (v === null || v === undefined ? null : v);

describe.each(['zh', 'en'] as const)('领导看板 contribution sections through the gateways (%s)', (lang) => {
  const p = plan(lang);
  const { top, rows } = sectionRows(p, lang);
  const landTitle = rowOf(p, lang === 'zh' ? '十、落地投产项目亩均效益（按单位）' : '10. Per-mu figures of landed and producing projects, by unit');
  const totalsRow = rowOf(p, lang === 'zh' ? '合计' : 'Total', landTitle);

  /** The sheet as the .xlsx gateway saved it, read back with ExcelJS. */
  async function savedSheet(): Promise<ExcelJS.Worksheet> {
    const wb0 = new ExcelJS.Workbook();
    wb0.addWorksheet('重点线索').addRow(['项目名称', '总投资（亿元）']);
    const gw = await XlsxGateway.load(new Uint8Array(await wb0.xlsx.writeBuffer()));
    await gw.apply({ ...EMPTY_PLAN, leaderSheets: [p] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await gw.save()) as unknown as ArrayBuffer);
    return wb.getWorksheet(p.name)!;
  }

  it('.xlsx: every cell as planned, the totals row of 十一 bold', async () => {
    const ws = await savedSheet();
    rows.forEach((r, i) => r.forEach((v, c) => expect({ at: [top + i, c + 1], v: ws.getCell(top + i, c + 1).value ?? null }).toEqual({ at: [top + i, c + 1], v: asWritten(v) })));
    expect(ws.getCell(totalsRow, 1).font?.bold).toBe(true);
    expect(typeof ws.getCell(totalsRow, 6).value).toBe('number');
  });

  it('.xlsx: 投资强度, 亩均税收 and 亩均产值 have two decimals, the number format of the 亿元 figures', async () => {
    const ws = await savedSheet();
    const perMu: Array<[number, number]> = []; // columns 6–8 of section 十's units and totals, where a figure is
    for (let r = landTitle + 2; r <= totalsRow; r++) for (const c of [6, 7, 8]) if (typeof ws.getCell(r, c).value === 'number') perMu.push([r, c]);
    expect(perMu.length).toBeGreaterThan(3);
    const moneyFormat = ws.getCell(totalsRow, 3).numFmt; // 总投资（亿元） of the same totals row
    expect(moneyFormat).toBe('0.00');
    for (const [r, c] of perMu) expect({ at: [r, c], numFmt: ws.getCell(r, c).numFmt }).toEqual({ at: [r, c], numFmt: moneyFormat });
  });

  it('Office: every cell as planned, the totals row of 十一 bold', async () => {
    const book = new FakeBook();
    book.addSheet('重点线索', [['项目名称', '总投资（亿元）']]);
    const host = new FakeExcelHost(book);
    await new OfficeWorkbookGateway({ host: host.officeHost }).apply({ ...EMPTY_PLAN, leaderSheets: [p] });
    rows.forEach((r, i) => r.forEach((v, c) => expect({ at: [top + i, c + 1], v: host.book.value(p.name, top + i, c + 1) ?? null }).toEqual({ at: [top + i, c + 1], v: asWritten(v) })));
    const cellAt = host.book.sheet(p.name)!.cells.get(`${totalsRow},1`);
    expect(cellAt?.bold).toBe(true);
  });
});
