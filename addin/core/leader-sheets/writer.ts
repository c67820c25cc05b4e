/**
 * Accumulates a LeaderSheetPlan row by row: values, bold cells, styles grouped by colour, data bars, charts,
 * and column widths measured from the content (a CJK character is two columns wide, as Excel draws it).
 */
import type { RawCell } from '../../../contract';
import { cellAddress } from '../a1';
import { isFormula, type CellRef, type CellStyle, type LeaderCell, type LeaderSheetPlan } from '../gateway';
import { StyleGroups } from '../styles';
import { isMoneyHeader, isWrappedHeader, MONEY_FORMAT } from './formats';

const HEADER_STYLE: CellStyle = { fill: '#D9E1F2', font: '#1F3864' };
const TOTALS_STYLE: CellStyle = { fill: '#F2F2F2', font: '#000000' };

const MIN_WIDTH = 6;
/** Wide enough for a reason or a coordination text, narrow enough for a few columns on A4 landscape. */
const MAX_WIDTH = 48;

/** Width given to a generated total's formula, whose figure is not known until Excel computes it. */
const FORMULA_WIDTH = 10;

/** Display width of a value in Excel character units: full-width (CJK) characters count two. */
export function displayWidth(v: LeaderCell): number {
  if (isFormula(v)) return FORMULA_WIDTH;
  if (v === null || v === '') return 0;
  let w = 0;
  for (const ch of String(v)) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
}

export class SheetWriter {
  private readonly rows: LeaderCell[][] = [];
  private readonly bold: CellRef[] = [];
  private readonly styles = new StyleGroups();
  private readonly bars: string[] = [];
  private readonly charts: NonNullable<LeaderSheetPlan['charts']> = [];
  /** Rows (titles, notes) whose text may overflow into empty neighbours: not measured for widths. */
  private readonly unmeasured = new Set<number>();
  private readonly center: CellRef[] = [];
  /** Columns of the current table (since its header) holding money, and long text that always wraps. */
  private moneyCols = new Set<number>();
  private wrapCols = new Set<number>();
  private readonly formats = new Map<string, CellRef[]>();
  private readonly alwaysWrap: CellRef[] = [];
  private printTitles: LeaderSheetPlan['printTitles'];
  private readonly breaks: number[] = [];

  private push(cells: LeaderCell[]): number {
    this.rows.push(cells);
    return this.rows.length;
  }

  title(text: string): number {
    this.moneyCols = new Set();
    this.wrapCols = new Set();
    const row = this.push([text]);
    this.unmeasured.add(row);
    this.bold.push({ row, col: 1 });
    return row;
  }

  note(text: string): number {
    const row = this.push([text]);
    this.unmeasured.add(row);
    return row;
  }

  blank(): number {
    return this.push([]);
  }

  header(cells: RawCell[]): number {
    const row = this.push(cells);
    this.emphasise(row, cells.length, HEADER_STYLE);
    cells.forEach((_, i) => this.center.push({ row, col: i + 1 }));
    this.moneyCols = new Set(cells.flatMap((c, i) => (isMoneyHeader(c) ? [i + 1] : [])));
    this.wrapCols = new Set(cells.flatMap((c, i) => (isWrappedHeader(c) ? [i + 1] : [])));
    return row;
  }

  line(cells: RawCell[], style?: CellStyle | null): number {
    const row = this.push(cells);
    if (style) this.style(style, row, 1, cells.length);
    this.centerFigures(row, cells);
    this.formatFigures(row, cells);
    return row;
  }

  /** The totals row: the only row that may hold a formula (the product's own, e.g. { formula: 'SUM(G4:G9)' }). */
  totals(cells: LeaderCell[]): number {
    const row = this.push(cells);
    this.emphasise(row, cells.length, TOTALS_STYLE);
    this.centerFigures(row, cells);
    this.formatFigures(row, cells);
    return row;
  }

  /** Money under a 亿元 header gets MONEY_FORMAT; text under a reasons/coordination header always wraps. */
  private formatFigures(row: number, cells: LeaderCell[]): void {
    cells.forEach((v, i) => {
      const col = i + 1;
      if (this.moneyCols.has(col) && (typeof v === 'number' || isFormula(v))) this.numberFormat(MONEY_FORMAT, row, col);
      if (this.wrapCols.has(col) && typeof v === 'string' && v !== '') this.alwaysWrap.push({ row, col });
    });
  }

  numberFormat(format: string, row: number, col: number): void {
    const cells = this.formats.get(format) ?? [];
    this.formats.set(format, cells);
    cells.push({ row, col });
  }

  /** Rows top..bottom (a list's title and header) printed at the top of every page, instead of the frozen rows. */
  repeatOnEveryPage(top: number, bottom = top): void {
    this.printTitles = { top, bottom };
  }

  /** The next row starts a new printed page. */
  pageBreak(): void {
    this.breaks.push(this.rows.length + 1);
  }

  /** Numbers and the "no comparison" dash sit centred under their centred headers. */
  private centerFigures(row: number, cells: LeaderCell[]): void {
    cells.forEach((v, i) => {
      if (typeof v === 'number' || v === '—' || isFormula(v)) this.center.push({ row, col: i + 1 });
    });
  }

  private emphasise(row: number, width: number, style: CellStyle): void {
    for (let col = 1; col <= width; col++) this.bold.push({ row, col });
    this.style(style, row, 1, width);
  }

  style(style: CellStyle, row: number, fromCol: number, toCol = fromCol): void {
    for (let col = fromCol; col <= toCol; col++) this.styles.add(style, { row, col });
  }

  /** A data bar over rows top..bottom of a column (skipped when the range is empty). */
  dataBar(col: number, top: number, bottom: number): void {
    if (bottom >= top) this.bars.push(`${cellAddress(top, col)}:${cellAddress(bottom, col)}`);
  }

  chart(title: string, type: 'columnClustered' | 'columnStacked' | 'barClustered', top: number, left: number, bottom: number, right: number, anchor: CellRef): void {
    if (bottom > top) this.charts.push({ title, type, range: `${cellAddress(top, left)}:${cellAddress(bottom, right)}`, anchor: cellAddress(anchor.row, anchor.col) });
  }

  build(name: string, frozenRows: number): LeaderSheetPlan {
    const columns = this.rows.reduce((n, r) => Math.max(n, r.length), 0);
    const columnWidths = Array.from({ length: columns }, (_, i) => {
      let w = 0;
      this.rows.forEach((r, j) => {
        if (!this.unmeasured.has(j + 1)) w = Math.max(w, displayWidth(r[i] ?? null));
      });
      return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2));
    });
    const wrap: CellRef[] = [];
    const always = new Set(this.alwaysWrap.map((c) => `${c.row}:${c.col}`));
    this.rows.forEach((r, j) => {
      if (this.unmeasured.has(j + 1)) return;
      r.forEach((v, i) => {
        if (displayWidth(v) + 2 > columnWidths[i]! || always.has(`${j + 1}:${i + 1}`)) wrap.push({ row: j + 1, col: i + 1 });
      });
    });
    return {
      name,
      rows: this.rows,
      frozenRows,
      columnWidths,
      styles: this.styles.list(),
      bold: this.bold,
      dataBars: this.bars,
      charts: this.charts,
      landscape: true,
      center: this.center,
      wrap,
      ...(this.formats.size ? { numberFormats: [...this.formats].map(([format, cells]) => ({ format, cells })) } : {}),
      ...(this.printTitles ? { printTitles: this.printTitles } : {}),
      ...(this.breaks.length ? { pageBreaks: this.breaks } : {}),
    };
  }
}
