/**
 * Nothing a clerk types becomes code (issue 17, DESIGN §4). The hostile-text corpus goes through the list sheets
 * (reason cells written in place, name and reason cells of moved rows), the three leaders' sheets (领导看板, 周调度,
 * 全县项目 built by core from report data carrying the corpus as unit, project name, leader and coordination text)
 * on both gateways — Office.js (fake Excel host, which takes "=", "+", "-", "@" and whitespace before "=" as
 * formulas, as Excel does) and .xlsx (saved to a real file and loaded again): every written cell is text, and reads
 * back equal to the input. Only a plan's explicit Formula becomes a formula.
 */
import ExcelJS from 'exceljs';
import type { ProjectSummary } from '../../../contract';
import { EMPTY_PLAN, type LeaderCell, type LeaderSheetPlan, type WritePlan } from '../../../addin/core/gateway';
import { countyProjectsSheet, dashboardSheet, weeklySheet } from '../../../addin/core/leader-sheets';
import { OfficeWorkbookGateway } from '../../../addin/office';
import { toExcelValue } from '../../../addin/office/values';
import { XlsxGateway } from '../../../addin/xlsx';
import { dashboard, weeklyReport } from '../../../functions/domain/report';
import { history, period, UNITS } from '../../functions/domain/report/history';
import { FakeBook, FakeExcelHost } from '../../support/fake-excel';
import { HOSTILE_TEXT } from '../../fixtures/hostile-text';

const N = HOSTILE_TEXT.length;
const HEADER = ['序号', '项目编号', '项目名称', '旗帜', '预警原因'];
const COL = { id: 2, name: 3, reason: 5 } as const;
const WEEK = '2026-W48';

/** 重点线索 with N rows whose reason cells get the corpus; 落地项目's N rows move to 签约项目 with the corpus as name and reason. */
function listRows(first: number): Array<Array<string | number | null>> {
  return [['台账'], HEADER, ...HOSTILE_TEXT.map((_, i) => [i + 1, `P-${first + i}`, `项目${first + i}`, null, null])];
}

function listPlan(): WritePlan {
  return {
    ...EMPTY_PLAN,
    sheets: [{ sheet: '重点线索', columns: [{ col: COL.reason, top: 3, values: [...HOSTILE_TEXT] }], styles: [], notes: [] }],
    moves: HOSTILE_TEXT.map((text, i) => ({
      id: `P-${1000 + i}`,
      from: { sheet: '落地项目', row: 3 + i },
      to: { sheet: '签约项目', row: 3 + i },
      cells: [
        { col: 1, value: i + 1 },
        { col: COL.id, value: `P-${1000 + i}` },
        { col: COL.name, value: text },
        { col: COL.reason, value: text },
      ],
    })),
  };
}

/** The three leaders' sheets as core builds them, from report data carrying the corpus. */
function leaderPlans(): LeaderSheetPlan[] {
  const upTo = (week: string) => history().filter((s) => s.week <= week);
  const p = period(WEEK);
  const d = dashboard(history(), { asOf: '2026-11-27T04:00:00.000Z', week: WEEK, units: UNITS });
  d.units = HOSTILE_TEXT.map((unit, i) => ({ ...d.units[i % d.units.length]!, unit }));
  const w = weeklyReport(upTo(WEEK), upTo(p.previousWeek), p, { units: UNITS });
  const like = w.coordination[0] ?? { project: { id: 'P-1', name: '', unit: '', leader: '', stage: 'clue', flag: 'none', amount: null }, text: '' };
  w.coordination = HOSTILE_TEXT.map((text, i) => ({ ...like, project: { ...like.project, id: `P-${i}`, name: text, leader: text, unit: HOSTILE_TEXT[N - 1 - i]! }, text })) as typeof w.coordination;
  const projects: ProjectSummary[] = HOSTILE_TEXT.map((text, i) => ({
    id: `P-${i}`,
    name: text,
    unit: HOSTILE_TEXT[(i + 1) % N]!,
    leader: text,
    stage: 'clue',
    amount: i,
    flag: { level: 'none', reasons: [] },
    flagSince: null,
    updatedAt: '2026-11-27T04:00:00.000Z',
    version: 1,
    fields: {},
  }));
  return [
    dashboardSheet(d, { county: '平邑县' }),
    weeklySheet(w, { county: '平邑县' }),
    countyProjectsSheet([{ projects, nextToken: null } as never], { county: '平邑县', asOf: '2026-11-27T04:00:00.000Z' }),
  ];
}

function book(): FakeBook {
  const b = new FakeBook();
  b.addSheet('重点线索', listRows(1));
  b.addSheet('签约项目', [['台账'], HEADER]);
  b.addSheet('落地项目', listRows(1000));
  return b;
}

async function xlsxOf(b: FakeBook): Promise<XlsxGateway> {
  const wb = new ExcelJS.Workbook();
  for (const name of ['重点线索', '签约项目', '落地项目']) {
    const ws = wb.addWorksheet(name);
    for (const [k, cell] of b.sheet(name)!.cells) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      ws.getCell(r, c).value = cell.value;
    }
  }
  return XlsxGateway.of(wb);
}

/** Every string cell a plan writes, with where it lands: list cells and leader-sheet cells. */
function expectedCells(plan: WritePlan, leaders: LeaderSheetPlan[]): Array<{ sheet: string; row: number; col: number; value: string }> {
  const out: Array<{ sheet: string; row: number; col: number; value: string }> = [];
  for (const sp of plan.sheets) for (const cw of sp.columns) cw.values.forEach((v, i) => typeof v === 'string' && out.push({ sheet: sp.sheet, row: cw.top + i, col: cw.col, value: v }));
  // 落地项目's rows all move out (deleted), so 签约项目's rows are as the moves wrote them.
  for (const m of plan.moves) for (const c of m.cells) if (typeof c.value === 'string') out.push({ sheet: m.to.sheet, row: m.to.row, col: c.col, value: c.value });
  for (const l of leaders) l.rows.forEach((r, i) => r.forEach((v: LeaderCell, j) => typeof v === 'string' && v !== '' && out.push({ sheet: l.name, row: i + 1, col: j + 1, value: v })));
  return out;
}

describe('hostile text is written as text and reads back unchanged', () => {
  const leaders = leaderPlans();
  const plan: WritePlan = { ...listPlan(), leaderSheets: leaders };
  const expected = expectedCells(plan, leaders);

  it('the corpus (≥ 30 strings) reaches every list and leader sheet the test checks', () => {
    expect(N).toBeGreaterThanOrEqual(30);
    for (const sheet of ['重点线索', '签约项目', '领导看板', '周调度', '全县项目']) {
      const texts = new Set(expected.filter((e) => e.sheet === sheet).map((e) => e.value));
      expect({ sheet, missing: HOSTILE_TEXT.filter((s) => !texts.has(s)) }).toEqual({ sheet, missing: [] });
    }
  });

  it('Office.js: no cell becomes a formula; each cell holds the string as written', async () => {
    const host = new FakeExcelHost(book());
    await new OfficeWorkbookGateway({ host: host.officeHost }).apply(plan);
    const bad = expected.filter((e) => {
      const cell = host.book.sheet(e.sheet)!.cells.get(`${e.row},${e.col}`);
      return cell?.formula || cell?.value !== e.value;
    });
    expect(bad.map((e) => ({ ...e, got: host.book.sheet(e.sheet)!.cells.get(`${e.row},${e.col}`) }))).toEqual([]);
    const formulas = host.book.sheets.flatMap((s) => [...s.cells.values()].filter((c) => c.formula));
    expect(formulas).toEqual([]);
  });

  it('.xlsx: saved and loaded again, no cell is a formula; each cell reads back as the string written', async () => {
    const gateway = await xlsxOf(book());
    await gateway.apply(plan);
    const bytes = await gateway.save();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const formulas: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void (cell.type === ExcelJS.ValueType.Formula && formulas.push(`${ws.name}!${cell.address}`)))));
    expect(formulas).toEqual([]);
    const read = await (await XlsxGateway.load(bytes)).readSheets();
    const at = (e: { sheet: string; row: number; col: number }) => {
      const s = read.find((x) => x.name === e.sheet)!;
      return s.values[e.row - s.top]?.[e.col - s.left];
    };
    expect(expected.filter((e) => at(e) !== e.value).map((e) => ({ ...e, got: at(e) }))).toEqual([]);
    // The workbook in memory keeps the text as typed too (escaping is for the file only).
    expect(gateway.workbook.getWorksheet('签约项目')!.getCell(3, COL.name).value).toBe(HOSTILE_TEXT[0]);
  });

  it('.xlsx: notes (the add-in’s reason notes) holding the corpus read back as written from the saved file', async () => {
    const gateway = await xlsxOf(book());
    const notes = HOSTILE_TEXT.map((text, i) => ({ row: 3 + i, col: COL.id, text }));
    await gateway.apply({ ...EMPTY_PLAN, sheets: [{ sheet: '重点线索', columns: [], styles: [], notes }] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await gateway.save()) as unknown as ArrayBuffer);
    const text = (n: unknown) => (typeof n === 'string' ? n : ((n as { texts?: Array<{ text: string }> } | undefined)?.texts ?? []).map((t) => t.text).join(''));
    const ws = wb.getWorksheet('重点线索')!;
    expect(notes.filter((n) => text(ws.getCell(n.row, n.col).note) !== n.text).map((n) => ({ want: n.text, got: text(ws.getCell(n.row, n.col).note) }))).toEqual([]);
  });

  it('toExcelValue prefixes every string Excel would take as a formula with the text marker', () => {
    for (const s of HOSTILE_TEXT.filter((x) => /^\s*[=+\-@]/.test(x))) expect(toExcelValue(s)).toBe(`'${s}`);
  });

  it('only a plan Formula becomes a formula, on both gateways', async () => {
    const sheet: LeaderSheetPlan = { name: '全县项目', rows: [['合计', 1, 2, { formula: 'SUM(B1:C1)' }, '=SUM(B1:C1)']], frozenRows: 0, columnWidths: [8, 8, 8, 8, 8], styles: [], bold: [], landscape: true };
    const host = new FakeExcelHost(book());
    await new OfficeWorkbookGateway({ host: host.officeHost }).apply({ ...EMPTY_PLAN, leaderSheets: [sheet] });
    const cells = host.book.sheet('全县项目')!.cells;
    expect(cells.get('1,4')).toMatchObject({ value: '=SUM(B1:C1)', formula: true });
    expect(cells.get('1,5')?.formula).toBeFalsy();
    expect(cells.get('1,5')?.value).toBe('=SUM(B1:C1)');
    const gateway = await xlsxOf(book());
    await gateway.apply({ ...EMPTY_PLAN, leaderSheets: [sheet] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await gateway.save()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('全县项目')!;
    expect(ws.getCell(1, 4).type).toBe(ExcelJS.ValueType.Formula);
    expect(ws.getCell(1, 4).formula).toBe('SUM(B1:C1)');
    expect(ws.getCell(1, 5).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(1, 5).value).toBe('=SUM(B1:C1)');
  });
});
