/**
 * The contract of WorkbookGateway: the same WritePlan gives the same workbook through the Office gateway (on the
 * fake Excel host) and through the .xlsx gateway (ExcelJS, saved to a real .xlsx and read back). Compared cell by
 * cell — values, fill colours, font colours (black = automatic), bold, alignment, wrap, notes — and sheet by sheet —
 * tab order, visibility, merged areas, frozen rows, print settings, leader-sheet column widths and grown rows, data
 * bars, protection — plus the settings. The plan moves rows out from above notes and merged areas, so both
 * gateways must delete rows as Excel does. Two county ledgers more: a move inside the target list (above its 合计,
 * 注： and 填报人 rows, the SUM grown), and lists kept as Excel tables (owned columns as table columns, a move into a
 * table with and without a totals row) — cells, merged areas and each table's range and columns agree.
 */
import ExcelJS from 'exceljs';
import type { CellRef, SheetPlan, WritePlan } from '../../../addin/core/gateway';
import { OfficeWorkbookGateway } from '../../../addin/office';
import { XlsxGateway } from '../../../addin/xlsx';
import { tableModels } from '../../../addin/xlsx/read';
import { FakeBook, FakeExcelHost, type CellValue, type FakeSheet } from '../../support/fake-excel';
import { ledgerXlsx, twoLists } from '../../fixtures/county-ledgers';
import { tablePlans } from '../../fixtures/table-ledger';
import { leaderPlans, protectedSheet } from './leaders';
import { moveInsidePlans } from './move-plans';
import { fakeBookFromXlsx, tableLedger } from './table-books';
import { COL, FIRST_ROW, fullPlan, ledgerBook } from './workbook';

/** A starting workbook, described once and built both ways. */
interface SheetSpec {
  name: string;
  rows: CellValue[][];
  fills?: Record<string, string>;
  fonts?: Record<string, string>;
  notes?: Record<string, string>;
  /** Merged areas; the value is in the spec's top-left cell. */
  merges?: string[];
  protect?: boolean;
}

/** The row the plan moves out of 重点线索 (fullPlan's first move), with notes and merged areas around it. */
const MOVED = FIRST_ROW + 7;
const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;
const hex = (a: string | undefined) => (a ? `#${a.slice(-6).toUpperCase()}` : null);
const automatic = (colour: string | null | undefined) => (!colour || colour.toUpperCase() === '#000000' ? null : colour.toUpperCase());
const rc = (address: string): [number, number] => {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  return [Number(m[2]), [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)];
};
const a1 = (row: number, col: number) => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row}`;
};

/** Four ledger lists from the shared generator, with an old 领导看板 between them and an old protected 全县项目. */
function startingSpec(): SheetSpec[] {
  const ledger = ledgerBook(48);
  const specs: SheetSpec[] = ledger.sheets.map((s) => ({ name: s.name, rows: rowsOf(s) }));
  const clue = specs[0]!;
  // Old flags to clear (row 5), a moved row holding text Excel would convert, a note to update and one to delete.
  clue.fills = { [a1(5, COL.flag)]: '#FFC7CE', [a1(5, COL.reason)]: '#FFC7CE', [a1(6, 10)]: '#E2EFDA', [a1(7, 10)]: '#E2EFDA' };
  clue.fonts = { [a1(5, COL.flag)]: '#9C0006' };
  clue.rows[FIRST_ROW + 7 - 1]![3] = '00123';
  clue.rows[FIRST_ROW + 7 - 1]![8] = '2026/3/5';
  clue.notes = { [a1(4, COL.id)]: '旧批注', [a1(6, COL.id)]: '要删除的批注', [a1(MOVED, COL.name)]: '随行删除的批注', [a1(14, COL.name)]: '下方的批注' };
  // Merged areas below the moved row (moves up), spanning it (shrinks) and starting on it (shrinks, its value goes with the row).
  clue.merges = ['N12:O12', 'P9:P11', 'Q10:Q12'];
  for (const [address, text] of [['N12', '合并单元格'], ['P9', '跨行合并'], ['Q10', '起于移走的行']] as const) {
    const [r, c] = rc(address);
    (clue.rows[r - 1] ??= [])[c - 1] = text;
  }
  specs.splice(1, 0, { name: '领导看板', rows: [['上次的看板'], ['旧', '内容']] });
  specs.push({ name: '全县项目', rows: [['旧的全县项目']], protect: true });
  return specs;
}

function rowsOf(sheet: FakeSheet): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const [k, cell] of sheet.cells) {
    const [r, c] = k.split(',').map(Number) as [number, number];
    (rows[r - 1] ??= [])[c - 1] = cell.value;
  }
  return Array.from(rows, (row) => Array.from(row ?? [], (v) => v ?? null));
}

function fakeBook(specs: SheetSpec[]): FakeBook {
  const book = new FakeBook('平邑县招商台账.xlsx');
  for (const spec of specs) {
    const sheet = book.addSheet(spec.name, spec.rows);
    for (const [address, fill] of Object.entries(spec.fills ?? {})) {
      const [r, c] = rc(address);
      sheet.cells.set(`${r},${c}`, { ...(sheet.cells.get(`${r},${c}`) ?? { value: null }), fill });
    }
    for (const [address, font] of Object.entries(spec.fonts ?? {})) {
      const [r, c] = rc(address);
      sheet.cells.set(`${r},${c}`, { ...(sheet.cells.get(`${r},${c}`) ?? { value: null }), font });
    }
    for (const [address, text] of Object.entries(spec.notes ?? {})) sheet.notes.set(address, text);
    sheet.merges = [...(spec.merges ?? [])];
    sheet.protected = spec.protect ?? false;
  }
  return book;
}

async function xlsxBytes(specs: SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const spec of specs) {
    const ws = wb.addWorksheet(spec.name);
    spec.rows.forEach((row, i) => row.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v)));
    for (const [address, fill] of Object.entries(spec.fills ?? {})) ws.getCell(address).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(fill) } };
    for (const [address, font] of Object.entries(spec.fonts ?? {})) ws.getCell(address).font = { color: { argb: argb(font) } };
    for (const [address, text] of Object.entries(spec.notes ?? {})) ws.getCell(address).note = text;
    for (const range of spec.merges ?? []) ws.mergeCells(range);
    if (spec.protect) await ws.protect('', {});
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The plan: ids, flags, reasons, fills, clears, notes, a created column copying formats, moves, leader sheets. */
function writePlan(book: FakeBook): WritePlan {
  const plan = fullPlan(book, 1);
  const clue = plan.sheets[0]!;
  const cleared: CellRef[] = [{ row: 5, col: COL.flag }, { row: 5, col: COL.reason }];
  clue.styles.push({ style: { fill: null, font: null }, cells: cleared });
  clue.columns[1]!.values[5 - FIRST_ROW] = null;
  clue.columns[2]!.values[5 - FIRST_ROW] = null;
  clue.notes = [
    { row: 3, col: COL.id, text: '签约时间无法识别：2026.13.5（H3）' },
    { row: 4, col: COL.id, text: '项目名称重复（C4、C9）' },
    { row: 6, col: COL.id, text: null },
  ];
  // A column core creates: header + values, formats copied from column J, a width.
  const created: SheetPlan['columns'][number] = { col: 13, top: 2, values: ['需协调事项（系统）', '用地', null, '资金', '环评', '用地', null], formatFrom: 10, width: 18 };
  clue.columns.push(created);
  plan.leaderSheets = [...leaderPlans(), protectedSheet()];
  return plan;
}

interface CellView {
  v: CellValue;
  fill: string | null;
  font: string | null;
  bold: boolean;
  /** Alignment in one vocabulary: 'center' or null (General / Bottom). */
  h: string | null;
  v2: string | null;
  wrap: boolean;
  note: string | null;
}
type SheetView = Map<string, CellView>;

const keep = (c: CellView) => c.v !== null || c.fill !== null || c.font !== null || c.bold || c.h !== null || c.v2 !== null || c.wrap || c.note !== null;
/** Office.js 'Center' and ExcelJS 'center' / 'middle' are the same alignment. */
const align = (a: string | undefined) => (a === undefined ? null : a.toLowerCase() === 'middle' ? 'center' : a.toLowerCase());

function fakeView(sheet: FakeSheet): SheetView {
  const out: SheetView = new Map();
  for (const [k, cell] of sheet.cells) {
    const [r, c] = k.split(',').map(Number) as [number, number];
    const view = { v: cell.value === '' ? null : cell.value, fill: cell.fill?.toUpperCase() ?? null, font: automatic(cell.font), bold: cell.bold === true };
    out.set(a1(r, c), { ...view, h: align(cell.hAlign), v2: align(cell.vAlign), wrap: cell.wrap === true, note: null });
  }
  for (const [address, text] of sheet.notes) out.set(address, { ...(out.get(address) ?? { v: null, fill: null, font: null, bold: false, h: null, v2: null, wrap: false }), note: text });
  return new Map([...out].filter(([, c]) => keep(c)));
}

function xlsxValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'object') {
    if ('formula' in v) return `=${v.formula}`;
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    throw new Error(`unexpected cell value ${JSON.stringify(v)}`);
  }
  return v as CellValue;
}

function xlsxView(ws: ExcelJS.Worksheet): SheetView {
  const out: SheetView = new Map();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const fill = cell.fill?.type === 'pattern' && cell.fill.pattern === 'solid' ? hex(cell.fill.fgColor?.argb) : null;
      const note = typeof cell.note === 'string' ? cell.note : cell.note ? cell.note.texts?.map((t) => t.text).join('') ?? null : null;
      // A merged area's other cells are empty in Excel; ExcelJS reports the master's value for them.
      const v = cell.type === ExcelJS.ValueType.Merge ? null : xlsxValue(cell.value);
      const a = cell.alignment ?? {};
      const view = { v, fill, font: automatic(hex(cell.font?.color?.argb)), bold: cell.font?.bold === true, h: align(a.horizontal), v2: align(a.vertical), wrap: a.wrapText === true, note };
      if (keep(view)) out.set(cell.address, view);
    }),
  );
  return out;
}

/** Addresses whose views differ, with both sides, for a readable failure. */
function diff(office: SheetView, xlsx: SheetView): Array<{ address: string; office?: CellView; xlsx?: CellView }> {
  const out: Array<{ address: string; office?: CellView; xlsx?: CellView }> = [];
  for (const address of new Set([...office.keys(), ...xlsx.keys()])) {
    const o = office.get(address);
    const x = xlsx.get(address);
    if (JSON.stringify(o) !== JSON.stringify(x)) out.push({ address, office: o, xlsx: x });
  }
  return out;
}

/** Sheet-level settings in one vocabulary (Office.js names; .xlsx units converted). */
function officeSheet(s: FakeSheet) {
  const p = s.pageLayout;
  return {
    visibility: s.visibility,
    frozenRows: s.frozenRows,
    orientation: p.orientation,
    paperSize: p.paperSize,
    fit: p.zoom,
    printTitleRows: p.printTitleRows,
    margins: p.margins,
    centerHorizontally: p.centerHorizontally,
    footer: p.centerFooter,
    dataBars: s.dataBars,
    protected: s.protected,
  };
}

function xlsxSheet(ws: ExcelJS.Worksheet) {
  const ps = ws.pageSetup;
  const view = ws.views?.[0] as { state?: string; ySplit?: number } | undefined;
  const inches = (n: number | undefined) => Math.round((n ?? 0) * 72 * 10) / 10;
  const m = ps.margins;
  const visibility = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' }[ws.state];
  const cfs = (ws as unknown as { conditionalFormattings?: Array<{ ref: string; rules: Array<{ type: string }> }> }).conditionalFormattings ?? [];
  return {
    visibility,
    frozenRows: view?.state === 'frozen' ? (view.ySplit ?? 0) : 0,
    orientation: ps.orientation === 'landscape' ? 'Landscape' : 'Portrait',
    paperSize: ps.paperSize === 9 ? 'A4' : ps.paperSize === undefined ? 'Letter' : `#${ps.paperSize}`,
    fit: ps.fitToPage ? { horizontalFitToPages: ps.fitToWidth, verticalFitToPages: ps.fitToHeight } : { scale: ps.scale ?? 100 },
    printTitleRows: ps.printTitlesRow ? ps.printTitlesRow.split(':').map((r) => `$${r.replace(/\$/g, '')}`).join(':') : null,
    margins: m && (ps.fitToPage || ps.horizontalCentered)
      ? { leftMargin: inches(m.left), rightMargin: inches(m.right), topMargin: inches(m.top), bottomMargin: inches(m.bottom), headerMargin: inches(m.header), footerMargin: inches(m.footer) }
      : {},
    centerHorizontally: ps.horizontalCentered === true,
    footer: ws.headerFooter?.oddFooter?.replace(/^&C/, '') ?? '',
    dataBars: cfs.filter((cf) => cf.rules.some((r) => r.type === 'dataBar')).map((cf) => cf.ref),
    protected: Boolean((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet),
  };
}

describe('Office gateway ≡ .xlsx gateway for the same plan', () => {
  let office: FakeExcelHost;
  let back: ExcelJS.Workbook;
  let plan: WritePlan;
  let xlsx: XlsxGateway;

  beforeAll(async () => {
    const specs = startingSpec();
    office = new FakeExcelHost(fakeBook(specs), { apiVersion: '1.18' }); // notes need ExcelApi 1.18
    xlsx = await XlsxGateway.load(await xlsxBytes(specs));
    plan = writePlan(office.book);
    // Both gateways read first, as a sync does; then the same plan goes through each.
    const og = new OfficeWorkbookGateway({ host: office.officeHost });
    await og.readSheets();
    await xlsx.readSheets();
    await og.apply(plan);
    await xlsx.apply(plan);
    back = new ExcelJS.Workbook();
    await back.xlsx.load((await xlsx.save()) as unknown as ArrayBuffer);
  });

  const sheetNames = () => office.book.sheets.map((s) => s.name).filter((n) => n !== '_invest_flags');

  test('the same sheets in the same tab order (replaced leader sheets keep their place)', () => {
    const xlsxNames = back.worksheets.filter((ws) => ws.name !== '_invest_flags').map((ws) => ws.name);
    expect(sheetNames()).toEqual(['重点线索', '领导看板', '签约项目', '落地项目', '投产项目', '全县项目', '周调度']);
    expect(xlsxNames).toEqual(sheetNames());
  });

  test('every cell: values, fills, font colours, bold and notes', () => {
    let cells = 0;
    for (const name of sheetNames()) {
      const o = fakeView(office.book.sheet(name)!);
      const x = xlsxView(back.getWorksheet(name)!);
      cells += o.size;
      expect({ sheet: name, differences: diff(o, x) }).toEqual({ sheet: name, differences: [] });
    }
    expect(cells).toBeGreaterThan(600);
  });

  test('the plan really changed things: flags, a cleared flag, notes, a moved row, leader content', () => {
    const clue = fakeView(office.book.sheet('重点线索')!);
    expect(clue.get(a1(FIRST_ROW, COL.flag))).toMatchObject({ v: '红旗', fill: '#FFC7CE', font: '#9C0006' });
    expect(clue.get(a1(5, COL.flag))).toBeUndefined(); // value, fill and font all cleared
    expect(clue.get(a1(3, COL.id))?.note).toBe('签约时间无法识别：2026.13.5（H3）');
    expect(clue.get(a1(4, COL.id))?.note).toBe('项目名称重复（C4、C9）');
    expect(clue.get(a1(6, COL.id))?.note).toBeNull();
    expect(clue.get(a1(6, 13))).toMatchObject({ v: '环评', fill: '#E2EFDA' }); // formats copied from J6
    const moved = plan.moves[0]!;
    const signed = [...fakeView(office.book.sheet(moved.to.sheet)!).values()];
    expect(signed.some((c) => c.v === moved.id)).toBe(true);
    expect(signed.some((c) => c.v === '00123')).toBe(true); // text stays text after the move
    expect(fakeView(office.book.sheet('领导看板')!).get('A1')?.v).toBe('平邑县招商引资四个清单 · 领导看板');
  });

  test('sheet settings: frozen rows, A4 landscape one page wide, print titles, margins, footer, data bars, protection', () => {
    for (const name of sheetNames()) {
      expect({ sheet: name, ...officeSheet(office.book.sheet(name)!) }).toEqual({ sheet: name, ...xlsxSheet(back.getWorksheet(name)!) });
    }
    const board = plan.leaderSheets.find((l) => l.name === '领导看板')!;
    // Print titles: the red-flag list's header (the list is the sheet's last section), not the frozen rows.
    expect(officeSheet(office.book.sheet('领导看板')!)).toMatchObject({ frozenRows: 2, orientation: 'Landscape', paperSize: 'A4', printTitleRows: `$${board.printTitles!.top}:$${board.printTitles!.bottom}` });
    expect(office.book.sheet('全县项目')!.protected).toBe(true);
  });

  test('leader-sheet column widths agree (Office points = (characters × 7 + 5) × 0.75)', () => {
    for (const l of plan.leaderSheets) {
      const widths = l.columnWidths.map((_, i) => [office.book.sheet(l.name)!.columnWidths.get(i + 1), back.getWorksheet(l.name)!.getColumn(i + 1).width]);
      expect(widths.map(([points]) => Math.round(points! * 100) / 100)).toEqual(widths.map(([, chars]) => Math.round((chars! * 7 + 5) * 0.75 * 100) / 100));
    }
  });

  test('merged areas after the moves: moved up, shrunk where they spanned a moved row, as Excel deletes rows', () => {
    for (const name of sheetNames()) {
      const xlsxMerges = [...(back.getWorksheet(name)!.model as { merges: string[] }).merges].sort();
      expect({ sheet: name, merges: [...office.book.sheet(name)!.merges].sort() }).toEqual({ sheet: name, merges: xlsxMerges });
    }
    expect(plan.moves[0]!.from).toEqual({ sheet: '重点线索', row: MOVED });
    expect([...office.book.sheet('重点线索')!.merges].sort()).toEqual(['N11:O11', 'P9:P10', 'Q10:Q11']);
    const clue = fakeView(office.book.sheet('重点线索')!);
    expect([clue.get('N11')?.v, clue.get('P9')?.v, clue.get('Q10')?.v]).toEqual(['合并单元格', '跨行合并', undefined]);
  });

  test('notes after the moves: below a moved row they moved up with their cells; on it they went with it', () => {
    const clue = fakeView(office.book.sheet('重点线索')!);
    expect(clue.get(a1(13, COL.name))?.note).toBe('下方的批注');
    expect([...office.book.sheet('重点线索')!.notes.values()]).not.toContain('随行删除的批注');
  });

  test('leader sheets: centred and wrapped cells agree; every row .xlsx makes taller is autofitted in Excel', () => {
    let centred = 0;
    let wrapped = 0;
    for (const l of plan.leaderSheets) {
      const o = fakeView(office.book.sheet(l.name)!);
      for (const ref of l.center ?? []) expect(o.get(a1(ref.row, ref.col))).toMatchObject({ h: 'center', v2: 'center' });
      for (const ref of l.wrap ?? []) expect(o.get(a1(ref.row, ref.col))).toMatchObject({ wrap: true, v2: 'center' });
      centred += l.center?.length ?? 0;
      wrapped += l.wrap?.length ?? 0;
      const ws = back.getWorksheet(l.name)!;
      const taller = l.rows.map((_, i) => i + 1).filter((r) => ws.getRow(r).height !== undefined);
      const autofit = office.book.sheet(l.name)!.autofitRows;
      expect(taller.filter((r) => !autofit.has(r))).toEqual([]);
      expect([...autofit].sort((a, b) => a - b)).toEqual([...new Set((l.wrap ?? []).map((c) => c.row))].sort((a, b) => a - b));
    }
    expect(centred).toBeGreaterThan(50);
    expect(wrapped).toBeGreaterThan(0);
  });

  test('the same settings read back through each gateway', async () => {
    const fromOffice = await new OfficeWorkbookGateway({ host: office.officeHost }).readSettings();
    const fromXlsx = await (await XlsxGateway.load((await xlsx.save()) as Uint8Array)).readSettings();
    expect(fromOffice).toEqual(plan.settings);
    expect(fromXlsx).toEqual(fromOffice);
  });
});

/** Both gateways from the same starting workbook, both reading first, then the same plans in order. */
async function bothApply(bytes: Uint8Array, book: FakeBook, plansOf: (x: XlsxGateway) => Promise<WritePlan[]>, apiVersion = '1.18') {
  const xlsx = await XlsxGateway.load(bytes);
  const host = new FakeExcelHost(book, { apiVersion });
  const office = new OfficeWorkbookGateway({ host: host.officeHost });
  const plans = await plansOf(xlsx);
  const snapshots = { office: await office.readSheets(), xlsx: await xlsx.readSheets() };
  for (const plan of plans) {
    await xlsx.apply(plan);
    await office.apply(plan);
  }
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await xlsx.save()) as unknown as ArrayBuffer);
  return { host, back, plans, snapshots };
}

const officeTables = (s: FakeSheet) => s.tables.map((t) => ({ name: t.name, ref: t.ref, columns: t.columns }));
const xlsxTables = (ws: ExcelJS.Worksheet) => tableModels(ws).map((t) => ({ name: t.name, ref: t.tableRef, columns: t.columns.map((c) => c.name) }));

/** Cells (values, formulas as text, fills, fonts, bold, alignment, notes), merged areas and tables, sheet by sheet. */
function expectSameSheets(host: FakeExcelHost, back: ExcelJS.Workbook, names: string[]): void {
  for (const name of names) {
    const fake = host.book.sheet(name)!;
    const ws = back.getWorksheet(name)!;
    expect({ sheet: name, differences: diff(fakeView(fake), xlsxView(ws)) }).toEqual({ sheet: name, differences: [] });
    expect({ sheet: name, merges: [...fake.merges].sort() }).toEqual({ sheet: name, merges: [...(ws.model as { merges: string[] }).merges].sort() });
    expect({ sheet: name, tables: officeTables(fake) }).toEqual({ sheet: name, tables: xlsxTables(ws) });
  }
}

describe('Office ≡ .xlsx: a move lands inside the target list (issue 16)', () => {
  test('after the last project, above 合计/注：/填报人, the SUM grown, 序号 renumbered: every cell and merge agrees', async () => {
    // The fake workbook is read from the .xlsx, so both start with the same formats (alignment included).
    const bytes = await ledgerXlsx(twoLists());
    const { host, back } = await bothApply(bytes, await fakeBookFromXlsx(bytes), async (x) => {
      const p = await moveInsidePlans(x);
      return [p.ids, p.moves];
    });
    expectSameSheets(host, back, ['重点线索', '签约项目']);
    expect(host.book.value('签约项目', 7, 4)).toBe('=SUM(D4:D6)');
    expect(host.book.value('签约项目', 6, 2)).toBe('新能源电池隔膜项目');
    expect([4, 5].map((r) => host.book.value('重点线索', r, 1))).toEqual([1, 2]);
    expect([...host.book.sheet('签约项目')!.notes.keys()]).toEqual([]);
  });
});

describe('Office ≡ .xlsx: lists kept as Excel tables (issue 16)', () => {
  for (const totals of [true, false]) {
    test(`owned columns become table columns; the moved row joins the target table ${totals ? 'above its totals row' : '(no totals row: resized over it)'}`, async () => {
      const bytes = await tableLedger(totals);
      const { host, back, plans, snapshots } = await bothApply(bytes, await fakeBookFromXlsx(bytes), async (x) => {
        const p = await tablePlans(x);
        return [p.ids, p.flags];
      });
      // The Office gateway reads the tables as the .xlsx gateway does (ranges, totals rows), in the same read.
      expect(snapshots.office.map((s) => s.tables)).toEqual(snapshots.xlsx.map((s) => s.tables));
      expect(plans[1]!.sheets.find((s) => s.sheet === '签约项目')!.table).toBeDefined();
      expectSameSheets(host, back, ['重点线索', '签约项目']);
      const signed = host.book.sheet('签约项目')!.tables[0]!;
      // 签约表: header row 2, rows 3..5 (the moved row is 5), then the totals row 6 when there is one.
      expect(signed).toMatchObject({ ref: totals ? 'A2:J6' : 'A2:J5', columns: ['序号', '项目名称', '投资方', '总投资（亿元）', '签约时间', '所属单位', '项目编号', '旗帜', '预警原因', '线索时间'] });
      expect(host.book.value('签约项目', 5, 2)).toBe('锂电池正极材料项目');
      expect(host.book.sheet('重点线索')!.tables[0]!.ref).toBe(totals ? 'A2:J5' : 'A2:J4');
    });
  }
});
