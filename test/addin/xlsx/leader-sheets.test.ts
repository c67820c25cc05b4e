/**
 * LeaderSheetPlans through XlsxGateway into a real .xlsx, read back with ExcelJS: print setup (A4 landscape,
 * one page wide, print titles), frozen rows, widths, fills, bold, data bars, protection of 全县项目, tab order
 * kept on replace, no duplicates, and every other sheet untouched cell by cell.
 */
import ExcelJS from 'exceljs';
import { EMPTY_PLAN, GatewayError, SETTINGS_SHEET, type LeaderSheetPlan } from '../../../addin/core';
import { countyProjectsSheet, dashboardSheet, displayWidth, weeklySheet } from '../../../addin/core/leader-sheets';
import { XlsxGateway } from '../../../addin/xlsx';
import { FLAG_STYLE } from '../../../addin/core/flag-style';
import type { ProjectSummary } from '../../../contract';
import { dashboard, weeklyReport } from '../../../functions/domain/report';
import { flag, history, period, UNITS } from '../../functions/domain/report/history';

async function load(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function plans(county = '平邑县'): LeaderSheetPlan[] {
  const h = history();
  const p = period('2026-W48');
  const weekly = weeklyReport(h.filter((s) => s.week <= '2026-W48'), h.filter((s) => s.week <= p.previousWeek), p, { units: UNITS });
  const d = dashboard(h.filter((s) => s.week <= '2026-W48'), { asOf: '2026-11-27T04:00:00.000Z', week: '2026-W48', units: UNITS });
  const project = (id: string, level: 'none' | 'red'): ProjectSummary => ({
    id, name: `项目${id}`, unit: '地方镇', leader: '王明远', stage: 'signed', amount: 2.5, flag: flag(level), flagSince: null,
    updatedAt: '2026-11-20T02:00:00.000Z', version: 1, fields: {},
  });
  return [
    // One unit that has not reported (section 七 with a row; its figures are the gateway's to copy, not to check).
    dashboardSheet({ ...d, notReported: [{ unit: '仲村镇', active: 2 }] }, { county }),
    weeklySheet(weekly, { county }),
    countyProjectsSheet([{ projects: [project('P-1', 'red'), project('P-2', 'none')] }], { county, asOf: '2026-11-27T04:00:00.000Z' }),
  ];
}

/** A ledger whose old 领导看板 sits between two list sheets (a clerk moved it there). */
async function ledger(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const clues = wb.addWorksheet('重点线索');
  clues.addRow(['平邑县重点招商线索台账']);
  clues.addRow(['序号', '项目名称', '总投资（亿元）', '线索时间']);
  clues.addRow([1, '光伏组件', 2.3, '2026.3.5']);
  clues.getCell('B3').style = { font: { italic: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } } };
  clues.getColumn(2).width = 30;
  const old = wb.addWorksheet('领导看板');
  for (let r = 1; r <= 200; r++) old.getCell(r, 12).value = `旧内容${r}`;
  const signed = wb.addWorksheet('签约项目');
  signed.addRow(['项目名称', '签约时间']);
  signed.addRow(['新材料', { formula: 'DATE(2026,1,5)', result: 46027 }]);
  signed.addConditionalFormatting({ ref: 'B2:B9', rules: [{ type: 'expression', priority: 1, formulae: ['B2<DATE(2026,6,1)'], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } } }] });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function applied(bytes: Uint8Array, leaderSheets = plans()): Promise<Uint8Array> {
  const gw = await XlsxGateway.load(bytes);
  await gw.apply({ ...EMPTY_PLAN, leaderSheets });
  return gw.save();
}

const cellText = (c: ExcelJS.Cell) => JSON.stringify({ v: c.value, s: c.style, n: c.note ?? null });

/** Every cell of every sheet not named in `skip`, plus widths and conditional formats, as text. */
function fingerprint(wb: ExcelJS.Workbook, skip: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const ws of wb.worksheets) {
    if (skip.includes(ws.name) || ws.name === SETTINGS_SHEET) continue;
    const cells: string[] = [];
    for (let r = 1; r <= ws.rowCount; r++) for (let c = 1; c <= ws.columnCount; c++) cells.push(`${ws.getCell(r, c).address} ${cellText(ws.getCell(r, c))}`);
    for (let c = 1; c <= ws.columnCount; c++) cells.push(`width ${c} ${ws.getColumn(c).width}`);
    cells.push(`cf ${JSON.stringify((ws as unknown as { conditionalFormattings: unknown }).conditionalFormattings)}`);
    cells.push(`page ${JSON.stringify(ws.pageSetup)} views ${JSON.stringify(ws.views)}`);
    out[ws.name] = cells;
  }
  return out;
}

describe('leader sheets in an .xlsx (XlsxGateway)', () => {
  let before: ExcelJS.Workbook;
  let after: ExcelJS.Workbook;
  let bytes: Uint8Array;
  const expected = plans();
  beforeAll(async () => {
    const original = await ledger();
    // The baseline went through the same load and save (ExcelJS normalises a few page-setup attributes).
    before = await load(await applied(original, []));
    bytes = await applied(original);
    after = await load(bytes);
  });

  it('领导看板 carries section 七 (未按时调度): the count line and the unit row, in yellow', () => {
    const ws = after.getWorksheet('领导看板')!;
    let h = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(1).value === '六、本周未按时调度的单位') h = r;
    });
    expect(h).toBeGreaterThan(0);
    expect(ws.getCell(h + 1, 1).value).toBe('本周截至目前 1 个单位未按时调度（有在库项目，但没有一个项目更新本周进展）：');
    expect([1, 2, 3].map((c) => ws.getCell(h + 3, c).value)).toEqual([1, '仲村镇', 2]);
    expect((ws.getCell(h + 3, 2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${FLAG_STYLE.yellow.fill.slice(1)}`);
  });

  it('replaces 领导看板 in its place in the tab order and appends the new ones', () => {
    expect(after.worksheets.map((w) => w.name)).toEqual(['重点线索', '领导看板', '签约项目', '周调度', '全县项目']);
  });

  it('prints A4 landscape, one page wide (any number of pages tall), title rows repeated, with margins and page numbers', () => {
    for (const p of expected) {
      const ws = after.getWorksheet(p.name)!;
      expect([p.name, ws.pageSetup]).toMatchObject([p.name, {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: p.printTitles ? `${p.printTitles.top}:${p.printTitles.bottom}` : `1:${p.frozenRows}`,
        margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6 },
      }]);
      expect(ws.headerFooter.oddFooter).toBe('&C&P / &N');
    }
  });

  it('freezes the title rows and writes every value, width, fill and bold cell of the plan', () => {
    for (const p of expected) {
      const ws = after.getWorksheet(p.name)!;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: p.frozenRows });
      p.rows.forEach((row, r) => row.forEach((v, c) => expect([p.name, r + 1, c + 1, ws.getCell(r + 1, c + 1).value]).toEqual([p.name, r + 1, c + 1, v])));
      expect(ws.rowCount).toBe(p.rows.length);
      p.columnWidths.forEach((w, i) => expect(ws.getColumn(i + 1).width).toBe(w));
      for (const s of p.styles) {
        for (const ref of s.cells) {
          const cell = ws.getCell(ref.row, ref.col);
          expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${s.style.fill!.slice(1)}`);
          expect(cell.font.color?.argb).toBe(`FF${s.style.font!.slice(1)}`);
        }
      }
      for (const ref of p.bold) expect(ws.getCell(ref.row, ref.col).font.bold).toBe(true);
      expect(p.center!.length).toBeGreaterThan(0);
      for (const ref of p.center!) expect(ws.getCell(ref.row, ref.col).alignment?.horizontal).toBe('center');
      for (const ref of p.wrap!) {
        expect(ws.getCell(ref.row, ref.col).alignment?.wrapText).toBe(true);
        // A text longer than its column is at least two lines tall (a short reason wraps too, on one line).
        if (displayWidth(p.rows[ref.row - 1]![ref.col - 1] ?? null) + 2 > p.columnWidths[ref.col - 1]!) expect(ws.getRow(ref.row).height).toBeGreaterThanOrEqual(30);
      }
    }
  });

  it('wraps a reason longer than its (capped) column instead of letting it spill past the print width', async () => {
    const long = '计划投产时间 2026-07-01 已逾期148天，投产时间未填写；存在问题 28 天未更新，且需县级协调解决用地指标和电力增容问题';
    const p = countyProjectsSheet([{ projects: [{
      id: 'P-9', name: '长原因项目', unit: '地方镇', leader: '王明远', stage: 'landed', amount: 3, flagSince: null, updatedAt: '2026-11-20T02:00:00.000Z', version: 1, fields: {},
      flag: { level: 'red', reasons: [{ rule: 'milestone-overdue', level: 'red', figures: {}, message: { zh: long, en: long } }] },
    }] }]);
    expect(p.wrap).toEqual([{ row: 4, col: 9 }]);
    const ws = (await load(await applied(await ledger(), [p]))).getWorksheet('全县项目')!;
    expect(ws.getCell('I4').alignment).toMatchObject({ wrapText: true });
    expect(ws.getRow(4).height).toBe(15 * Math.ceil(displayWidth(long) / (p.columnWidths[8]! - 1)));
    expect(ws.getCell('B4').alignment).toMatchObject({ vertical: 'middle' }); // level with the wrapped text
    expect(ws.getRow(3).height).toBeUndefined(); // rows without wrapped text keep the default height
  });

  it('draws a data bar (Excel 2010 rule, from 0 to the max) over each plan.dataBars range', () => {
    for (const p of expected) {
      const cfs = (after.getWorksheet(p.name) as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<Record<string, unknown>> }> }).conditionalFormattings;
      expect(p.dataBars!.length).toBeGreaterThan(0);
      expect(cfs.map((c) => c.ref)).toEqual(p.dataBars);
      for (const cf of cfs) {
        expect(cf.rules).toHaveLength(1);
        expect(cf.rules[0]).toMatchObject({ type: 'dataBar', gradient: false, cfvo: [{ type: 'num', value: 0 }, { type: 'max' }] });
        expect(String(cf.rules[0]!.x14Id)).toMatch(/^\{[0-9A-F-]{36}\}$/);
      }
      const priorities = cfs.map((c) => c.rules[0]!.priority);
      expect(new Set(priorities).size).toBe(priorities.length);
    }
  });

  it('protects 全县项目 without a password (read-only by mistake-proofing), and only it', () => {
    const prot = (name: string) => (after.getWorksheet(name) as unknown as { sheetProtection: Record<string, unknown> | null }).sheetProtection;
    expect(prot('全县项目')).toMatchObject({ sheet: true });
    expect(prot('全县项目')!.hashValue).toBeUndefined();
    expect(prot('领导看板')).toBeFalsy();
    expect(prot('周调度')).toBeFalsy();
  });

  it('leaves every other sheet as it was, cell by cell', () => {
    const names = expected.map((p) => p.name);
    expect(fingerprint(after, names)).toEqual(fingerprint(before, names));
  });

  it('re-applying replaces the sheets (protected 全县项目 included): no duplicates, same order, new content only', async () => {
    const changed = plans('费县');
    const again = await load(await applied(bytes, changed));
    expect(again.worksheets.map((w) => w.name)).toEqual(['重点线索', '领导看板', '签约项目', '周调度', '全县项目']);
    expect(again.getWorksheet('领导看板')!.getCell(1, 1).value).toBe('费县招商引资四个清单 · 领导看板');
    expect(again.getWorksheet('领导看板')!.getCell(1, 12).value).toBeNull(); // the old sheet's content is gone
    for (const p of changed) expect((again.getWorksheet(p.name) as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings).toHaveLength(p.dataBars!.length);
    const names = changed.map((p) => p.name);
    expect(fingerprint(again, names)).toEqual(fingerprint(before, names));
  });

  it('refuses, before any change, to replace a leader sheet someone locked with a password', async () => {
    const wb = await load(bytes);
    await wb.getWorksheet('周调度')!.protect('secret', {});
    const gw = XlsxGateway.of(wb);
    const snapshot = fingerprint(wb, []);
    const err = await gw.apply({ ...EMPTY_PLAN, leaderSheets: plans('费县') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect(err).toMatchObject({ code: 'sheet_protected', sheet: '周调度' });
    expect((err as GatewayError).msg.zh).toContain('周调度');
    expect(fingerprint(wb, [])).toEqual(snapshot);
  });
});
