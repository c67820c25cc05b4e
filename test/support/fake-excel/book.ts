/**
 * The in-memory workbook behind the fake Excel host: sheets of cells with values, fills, font colours, bold, notes.
 * Plain data and small helpers, no Office.js semantics (those live in host.ts). Browser-safe: no Node APIs.
 */
export type CellValue = string | number | boolean | null;

export interface FakeCell {
  value: CellValue;
  /** Set when the cell holds a formula (a string that started with "="); value keeps the formula text. */
  formula?: boolean;
  fill?: string;
  font?: string;
  bold?: boolean;
  /** format.horizontalAlignment / verticalAlignment as set ('Center'…); unset means Excel's General / Bottom. */
  hAlign?: string;
  vAlign?: string;
  wrap?: boolean;
  /** range.numberFormat as set ('0.00'…); unset means General. */
  numberFormat?: string;
}

export interface FakeChart {
  type: string;
  /** The data range (A1, no sheet) as it was when the chart was added. */
  source: string;
  seriesBy: string;
  title: string;
  /** setPosition(start, end): the top-left cell and, when given, the bottom-right one. */
  anchor?: string;
  end?: string;
}

/** What worksheet.pageLayout holds (ExcelApi 1.9); the defaults are a new sheet's. */
export interface FakePageLayout {
  orientation: 'Portrait' | 'Landscape';
  paperSize: string;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  /** setPrintTitleRows's address ("$1:$2"), null when none. */
  printTitleRows: string | null;
  /** leftMargin, topMargin, headerMargin… in points, as set. */
  margins: Record<string, number>;
  centerHorizontally: boolean;
  /** headersFooters.defaultForAllPages.centerFooter. */
  centerFooter: string;
}

/**
 * An Excel table (Insert → Table) on a sheet: its range (A1, header row to totals row), whether it shows a header row
 * and a totals row, and its column names (Excel keeps them equal to the header cells).
 */
export interface FakeTable {
  name: string;
  ref: string;
  showHeaders: boolean;
  showTotals: boolean;
  columns: string[];
}

export interface FakeSheet {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  protected: boolean;
  /** The protection password a person set ('' or undefined: none); unprotect() must give it. */
  password?: string;
  /** The options of the last protect() (allowFormatColumns…). */
  protectionOptions?: Record<string, unknown>;
  /** "row,col" → cell, 1-based. */
  cells: Map<string, FakeCell>;
  /** "A5" → note text. */
  notes: Map<string, string>;
  frozenRows: number;
  /** Column (1-based) → width in points. */
  columnWidths: Map<number, number>;
  pageLayout: FakePageLayout;
  charts: FakeChart[];
  dataBars: string[];
  /** Merged areas in A1 ("D5:E5"); the value lives in the top-left cell, the others are empty. */
  merges: string[];
  /** Rows (1-based) whose height was autofitted (format.autofitRows); the fake cannot measure text. */
  autofitRows: Set<number>;
  /** Excel tables on the sheet. */
  tables: FakeTable[];
  /** autoFilter.apply's range (A1), ExcelApi 1.9; unset when none. */
  autoFilter?: string;
  /** horizontalPageBreaks.add's cells (A1): a new printed page starts at each one's row (ExcelApi 1.9). */
  pageBreaks?: string[];
}

export function newSheet(name: string, visibility: FakeSheet['visibility'] = 'Visible'): FakeSheet {
  return {
    name,
    visibility,
    protected: false,
    cells: new Map(),
    notes: new Map(),
    frozenRows: 0,
    columnWidths: new Map(),
    pageLayout: { orientation: 'Portrait', paperSize: 'Letter', zoom: { scale: 100 }, printTitleRows: null, margins: {}, centerHorizontally: false, centerFooter: '' },
    charts: [],
    dataBars: [],
    merges: [],
    autofitRows: new Set(),
    tables: [],
  };
}

export class FakeBook {
  readonly sheets: FakeSheet[] = [];
  /** The active sheet's name (worksheet.activate()); null means the first visible sheet. */
  activeSheet: string | null = null;
  /** The selection in Excel's UI (range.select()), null until something is selected. */
  selection: { sheet: string; address: string } | null = null;

  /** `name` is what workbook.name gives (ExcelApi 1.7): the file name, with its extension once saved. */
  constructor(public name = 'Book1.xlsx') {}

  /** Adds a sheet with values from A1 (or from `top`,`left`). */
  addSheet(name: string, rows: CellValue[][] = [], opts: { top?: number; left?: number; visibility?: FakeSheet['visibility'] } = {}): FakeSheet {
    if (this.sheet(name)) throw new Error(`sheet exists: ${name}`);
    const sheet = newSheet(name, opts.visibility);
    rows.forEach((row, i) =>
      row.forEach((value, j) => {
        if (value !== null && value !== '') sheet.cells.set(key((opts.top ?? 1) + i, (opts.left ?? 1) + j), { value });
      }),
    );
    this.sheets.push(sheet);
    return sheet;
  }

  /** Adds an Excel table over `ref` (A1) of a sheet, its columns named by the header cells, as Insert → Table does. */
  addTable(sheet: string, name: string, ref: string, opts: { showTotals?: boolean; showHeaders?: boolean } = {}): FakeTable {
    const s = this.sheet(sheet);
    if (!s) throw new Error(`no sheet: ${sheet}`);
    if (this.table(name)) throw new Error(`table exists: ${name}`);
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
    if (!m) throw new Error(`bad table range: ${ref}`);
    const col = (l: string) => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const [left, top, right] = [col(m[1]!), Number(m[2]), col(m[3]!)];
    const showHeaders = opts.showHeaders ?? true;
    const headers = Array.from({ length: right - left + 1 }, (_, i) => (showHeaders ? s.cells.get(key(top, left + i))?.value ?? null : null));
    const table: FakeTable = { name, ref, showHeaders, showTotals: opts.showTotals ?? false, columns: tableColumnNames(headers) };
    s.tables.push(table);
    return table;
  }

  /** A table anywhere in the book, by name (case-insensitive, as Excel's table names are). */
  table(name: string): { sheet: FakeSheet; table: FakeTable } | undefined {
    const lower = name.toLowerCase();
    for (const sheet of this.sheets) {
      const table = sheet.tables.find((t) => t.name.toLowerCase() === lower);
      if (table) return { sheet, table };
    }
    return undefined;
  }

  sheet(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase(); // Excel sheet names are case-insensitive
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  cell(sheet: string, row: number, col: number): FakeCell | undefined {
    return this.sheet(sheet)?.cells.get(key(row, col));
  }

  /** The sheet Excel shows: the activated one while it exists, else the first visible one. */
  active(): FakeSheet | undefined {
    return (this.activeSheet !== null ? this.sheet(this.activeSheet) : undefined) ?? this.sheets.find((s) => s.visibility === 'Visible');
  }

  value(sheet: string, row: number, col: number): CellValue {
    return this.cell(sheet, row, col)?.value ?? null;
  }
}

/**
 * Table column names from header cells, as Excel names them: the cell's text; a blank header gets 列N (N its place in
 * the table, Excel's zh default); a repeated name gets a number suffix (名称2, 名称3…). `keep` are names already taken.
 */
export function tableColumnNames(headers: CellValue[], keep: string[] = []): string[] {
  const taken = new Set(keep.map((n) => n.toLowerCase()));
  return headers.map((h, i) => {
    const base = (h === null || typeof h === 'boolean' ? '' : String(h)).trim() || `列${keep.length + i + 1}`;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

export function key(row: number, col: number): string {
  return `${row},${col}`;
}

export function parseKey(k: string): [number, number] {
  const [r, c] = k.split(',');
  return [Number(r), Number(c)];
}

/** The used range: rows/cols that hold a value (valuesOnly) or also formatting; null when empty. */
export function usedArea(sheet: FakeSheet, valuesOnly: boolean): { top: number; left: number; bottom: number; right: number } | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const [k, cell] of sheet.cells) {
    const hasValue = cell.value !== null && cell.value !== '';
    if (!hasValue && (valuesOnly || (!cell.fill && !cell.font && !cell.bold && !cell.hAlign && !cell.vAlign && !cell.wrap))) continue;
    const [r, c] = parseKey(k);
    top = Math.min(top, r);
    left = Math.min(left, c);
    bottom = Math.max(bottom, r);
    right = Math.max(right, c);
  }
  return bottom ? { top, left, bottom, right } : null;
}
