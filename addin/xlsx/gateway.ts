/**
 * A WorkbookGateway over an .xlsx file held in memory (ExcelJS), for the command line and the browser's file
 * mode: it takes and returns bytes, never touches the file system. Applying a plan changes only the cells the
 * plan names; everything else ExcelJS round-trips stays as it was (other sheets, formulas, merges, styles,
 * column widths, data validation, conditional formats, comments, pictures, whose anchoring load puts right where
 * ExcelJS misreads it: anchors.ts). What ExcelJS cannot round-trip (charts, pivot tables, macros…) is listed at
 * load in `unkept`, so callers can warn before they write.
 */
import ExcelJS from 'exceljs';
import {
  decodeSettings,
  encodeSettings,
  GatewayError,
  isFormula,
  SETTINGS_SHEET,
  type ApplyResult,
  type CellRef,
  type CellStyle,
  type LeaderSheetPlan,
  type SheetSnapshot,
  type WorkbookGateway,
  type WorkbookSettings,
  type WritePlan,
} from '../core/gateway';
import { displayWidth } from '../core/leader-sheets';
import { readAnchors, restoreAnchoring } from './anchors';
import { deleteRows, insertRow } from './delete-rows';
import { Package } from './package';
import { readWorksheet } from './read';
import { resizeTable } from './tables';
import { findUnkept, type UnkeptPart } from './unkept';
import { escapeXmlText, needsXmlEscape } from './xml-text';
import { DEFAULT_FONT, workbookFont } from './workbook-font';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
/** Points per line of 11-point text (Excel's default row height). */
const LINE_HEIGHT = 15;
/** ExcelJS/OOXML paper size 9 = A4. */
const A4 = 9;
/** ExcelJS sorts worksheets (and writes them) by this untyped field. */
type Ordered = ExcelJS.Worksheet & { orderNo: number };
/** Excel's default data bar blue. */
const DATA_BAR = 'FF638EC6';

/** Protection a clerk set with a password (hash or legacy password attribute): not the add-in's to lift. */
function hasPassword(ws: ExcelJS.Worksheet): boolean {
  const p = (ws as unknown as { sheetProtection?: { sheet?: boolean; hashValue?: string; password?: string } | null }).sheetProtection;
  return Boolean(p?.sheet && (p.hashValue || p.password));
}

export class XlsxGateway implements WorkbookGateway {
  private constructor(
    readonly workbook: ExcelJS.Workbook,
    /** Parts of the loaded file that save() will not write (unkept.ts); empty for a workbook built in memory. */
    readonly unkept: readonly UnkeptPart[],
  ) {}

  /**
   * `fileName` (when known) names the file in the error for one that is not an .xlsx (an .xls, a password,
   * a Word document…: a NotWorkbookError, told apart before ExcelJS reads it).
   */
  static async load(data: ArrayBuffer | Uint8Array, fileName?: string): Promise<XlsxGateway> {
    const pkg = await Package.open(data, fileName);
    const wb = new ExcelJS.Workbook();
    try {
      // ExcelJS unzips the bytes itself (it takes no opened zip); findUnkept and readAnchors share pkg's parts.
      const [, unkept, anchors] = await Promise.all([wb.xlsx.load(data as ArrayBuffer), findUnkept(pkg), readAnchors(pkg)]);
      restoreAnchoring(wb, anchors);
      return new XlsxGateway(wb, unkept);
    } catch (e) {
      throw new GatewayError('io', `无法读取该 .xlsx 文件：${(e as Error).message}`, `Cannot read the .xlsx file: ${(e as Error).message}`);
    }
  }

  /** Wraps a workbook built in memory (tests, the sample generator). */
  static of(workbook: ExcelJS.Workbook): XlsxGateway {
    return new XlsxGateway(workbook, []);
  }

  /**
   * The file's bytes. Text cells and notes holding characters XML cannot carry are escaped for the write only
   * (xml-text.ts) and restored after, so the workbook in memory keeps the text as typed and the file reads back the same.
   * `stored`: entries uncompressed, for a caller that compresses them faster itself (deflate-zip.ts, in Node).
   */
  async save(opts: { stored?: boolean } = {}): Promise<Uint8Array> {
    const escaped: Array<[ExcelJS.Cell, string]> = [];
    const notes: Array<[ExcelJS.Cell, string]> = [];
    for (const ws of this.workbook.worksheets) {
      ws.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: false }, (cell) => {
          const v = cell.value;
          if (typeof v === 'string' && needsXmlEscape(v)) {
            escaped.push([cell, v]);
            cell.value = escapeXmlText(v);
          }
          const n = cell.note;
          if (typeof n === 'string' && needsXmlEscape(n)) {
            notes.push([cell, n]);
            cell.note = escapeXmlText(n);
          }
        }),
      );
    }
    try {
      return new Uint8Array(await this.workbook.xlsx.writeBuffer(opts.stored ? { zip: { compression: 'STORE' } } : {}));
    } finally {
      for (const [cell, v] of escaped) cell.value = v;
      for (const [cell, n] of notes) cell.note = n;
    }
  }

  private get system(): 1900 | 1904 {
    return this.workbook.properties.date1904 ? 1904 : 1900;
  }

  async readDateSystem(): Promise<1900 | 1904> {
    return this.system;
  }

  async readSheets(): Promise<SheetSnapshot[]> {
    return this.workbook.worksheets.filter((ws) => ws.name !== SETTINGS_SHEET).map((ws) => readWorksheet(ws, this.system));
  }

  async readSettings(): Promise<WorkbookSettings> {
    const ws = this.workbook.getWorksheet(SETTINGS_SHEET);
    return ws ? decodeSettings(ws.getColumn(1).values.slice(1)) : {};
  }

  async apply(plan: WritePlan): Promise<ApplyResult> {
    // Check everything first: a plan that cannot be applied changes nothing.
    const named = new Set([...plan.sheets.map((s) => s.sheet), ...plan.moves.flatMap((m) => [m.from.sheet, m.to.sheet])]);
    for (const name of named) {
      const ws = this.workbook.getWorksheet(name);
      if (!ws) throw new GatewayError('sheet_missing', `找不到工作表“${name}”（可能已改名或删除），请重新同步。`, `Sheet "${name}" is gone (renamed or deleted); sync again.`, name);
      if ((ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection?.sheet) throw new GatewayError('sheet_protected', `工作表“${name}”受保护，无法写入旗帜，请先撤销保护。`, `Sheet "${name}" is protected; unprotect it to write flags.`, name);
    }
    // A leader sheet the add-in protected (no password) is replaced; one a person locked with a password is not.
    for (const { name } of plan.leaderSheets) {
      const ws = this.workbook.getWorksheet(name);
      if (ws && hasPassword(ws)) throw new GatewayError('sheet_protected', `工作表“${name}”设有密码保护，无法刷新，请先撤销保护。`, `Sheet "${name}" is password-protected; unprotect it to refresh it.`, name);
    }
    let cellsWritten = 0;
    // One copy per distinct source style: cells loaded from a file share style objects, and this gateway
    // never mutates a style in place (setStyle assigns a new object), so sharing the copy is safe.
    const copies = new Map<object, Partial<ExcelJS.Style>>();
    const copyOf = (style: Partial<ExcelJS.Style>) => copies.get(style) ?? copies.set(style, structuredClone(style)).get(style)!;
    for (const sp of plan.sheets) {
      const ws = this.workbook.getWorksheet(sp.sheet)!;
      for (const cw of sp.columns) {
        if (cw.width !== undefined) ws.getColumn(cw.col).width = cw.width;
        cw.values.forEach((value, i) => {
          const cell = ws.getCell(cw.top + i, cw.col);
          if (cw.formatFrom !== undefined) cell.style = copyOf(ws.getCell(cw.top + i, cw.formatFrom).style ?? {}) as ExcelJS.Style;
          cell.value = value;
          cellsWritten++;
        });
      }
      for (const sw of sp.styles) for (const ref of sw.cells) setStyle(ws.getCell(ref.row, ref.col), sw.style);
      for (const n of sp.notes) {
        const cell = ws.getCell(n.row, n.col);
        if (n.text !== null) cell.note = n.text;
        else if ((cell as unknown as { _comment?: unknown })._comment) delete (cell as unknown as { _comment?: unknown })._comment; // ExcelJS has no public "remove note"
      }
    }
    for (const sp of plan.sheets) {
      const ws = this.workbook.getWorksheet(sp.sheet)!;
      for (const rn of sp.renumber ?? []) rn.values.forEach((n, i) => (ws.getCell(rn.top + i, rn.col).value = n));
    }
    for (const m of plan.moves) {
      const ws = this.workbook.getWorksheet(m.to.sheet)!;
      // Inside the list: a row inserted above its totals and footnotes, formatted like the list's last row.
      if (m.insert) insertRow(this.workbook, m.to.sheet, m.to.row, m.insert.formatRow);
      for (const c of m.cells) {
        ws.getCell(m.to.row, c.col).value = c.value;
        cellsWritten++;
      }
      for (const f of m.formats ?? []) ws.getCell(m.to.row, f.col).style = copyOf(ws.getCell(m.to.row, f.from).style ?? {}) as ExcelJS.Style;
      for (const sw of m.styles ?? []) for (const ref of sw.cells) setStyle(ws.getCell(ref.row, ref.col), sw.style);
      for (const n of m.notes ?? []) if (n.text !== null) ws.getCell(n.row, n.col).note = n.text;
    }
    // Lists kept as tables take in their new columns and the rows moved in (before the source rows go).
    for (const sp of plan.sheets) if (sp.table) resizeTable(this.workbook.getWorksheet(sp.sheet)!, sp.table);
    // Source rows go last, all at once per sheet, as Excel deletes rows (notes, merges, validation, formats follow).
    const deletions = new Map<string, number[]>();
    for (const { sheet, row } of plan.moves.map((m) => m.from)) deletions.set(sheet, deletions.get(sheet) ?? []).get(sheet)!.push(row);
    deleteRows(this.workbook, deletions);
    // The ledger's font, for every generated cell (found before any leader sheet is replaced, from the others).
    const leaderNames = new Set(plan.leaderSheets.map((l) => l.name));
    const font = plan.leaderSheets.length ? workbookFont(this.workbook.worksheets.filter((w) => !leaderNames.has(w.name) && w.name !== SETTINGS_SHEET)) : DEFAULT_FONT;
    for (const ls of plan.leaderSheets) await this.writeLeaderSheet(ls, font);
    if (plan.settings) this.writeSettings({ ...(await this.readSettings()), ...plan.settings });
    return { cellsWritten, rowsMoved: plan.moves.length };
  }

  private writeSettings(settings: WorkbookSettings) {
    const old = this.workbook.getWorksheet(SETTINGS_SHEET);
    if (old) this.workbook.removeWorksheet(old.id);
    const ws = this.workbook.addWorksheet(SETTINGS_SHEET, { state: 'veryHidden' });
    encodeSettings(settings).forEach((piece, i) => (ws.getCell(i + 1, 1).value = piece));
  }

  /**
   * A leader sheet is replaced whole on each refresh, in the same place in the tab order (the new sheet takes
   * the old one's orderNo; a first refresh appends). Printed A4 landscape, one page wide, title rows repeated.
   */
  private async writeLeaderSheet(ls: LeaderSheetPlan, font: Partial<ExcelJS.Font>) {
    const old = this.workbook.getWorksheet(ls.name);
    const orderNo = (old as Ordered | undefined)?.orderNo;
    if (old) this.workbook.removeWorksheet(old.id);
    const titles = ls.printTitles ? `${ls.printTitles.top}:${ls.printTitles.bottom}` : ls.frozenRows ? `1:${ls.frozenRows}` : undefined;
    const ws = this.workbook.addWorksheet(ls.name, {
      views: ls.frozenRows ? [{ state: 'frozen', ySplit: ls.frozenRows, topLeftCell: `A${ls.frozenRows + 1}` }] : [],
      pageSetup: {
        paperSize: A4,
        orientation: ls.landscape ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
        ...(titles ? { printTitlesRow: titles } : {}),
      },
      headerFooter: { oddFooter: '&C&P / &N' },
    });
    if (orderNo !== undefined) (ws as Ordered).orderNo = orderNo;
    ls.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        // Text stays text whatever it starts with; only the plan's own Formula cells are formulas.
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = isFormula(v) ? { formula: v.formula } : v;
        // The workbook's font on every cell: a style with only bold or a colour would otherwise have no font name.
        cell.font = { ...font };
      }),
    );
    for (const nf of ls.numberFormats ?? []) for (const ref of nf.cells) ws.getCell(ref.row, ref.col).numFmt = nf.format;
    // ExcelJS puts a break after the row it is given: a new page starting at row n breaks after n - 1.
    for (const row of ls.pageBreaks ?? []) if (row > 1) ws.getRow(row - 1).addPageBreak();
    if (ls.autoFilter) ws.autoFilter = ls.autoFilter;
    ls.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    for (const sw of ls.styles) for (const ref of sw.cells) setStyle(ws.getCell(ref.row, ref.col), sw.style);
    for (const ref of ls.bold) {
      const cell = ws.getCell(ref.row, ref.col);
      cell.style = { ...cell.style, font: { ...cell.style.font, bold: true } };
    }
    const align = (ref: CellRef, a: Partial<ExcelJS.Alignment>) => {
      const cell = ws.getCell(ref.row, ref.col);
      cell.style = { ...cell.style, alignment: { ...cell.style.alignment, ...a } };
    };
    for (const ref of ls.center ?? []) align(ref, { horizontal: 'center', vertical: 'middle' });
    // Wrapped text: ExcelJS cannot autofit, so each row gets the height of its longest wrapped cell's lines.
    const lines = new Map<number, number>();
    for (const ref of ls.wrap ?? []) {
      align(ref, { wrapText: true, vertical: 'middle' });
      const width = Math.max(1, (ls.columnWidths[ref.col - 1] ?? 8.43) - 1);
      const n = Math.ceil(displayWidth(ls.rows[ref.row - 1]?.[ref.col - 1] ?? null) / width);
      lines.set(ref.row, Math.max(lines.get(ref.row) ?? 1, n));
    }
    for (const [row, n] of lines) {
      if (n >= 2) ws.getRow(row).height = LINE_HEIGHT * n;
      // The row's other cells sit in the middle of the (taller) row too, level with the wrapped text.
      ls.rows[row - 1]!.forEach((_, i) => align({ row, col: i + 1 }, { vertical: 'middle' }));
    }
    // Data bars stand in for the charts ExcelJS cannot draw. gradient: false makes ExcelJS write the Excel 2010
    // (x14) rule with its id; with gradient: true it writes an empty x14:id reference Excel repairs away.
    (ls.dataBars ?? []).forEach((ref, i) =>
      ws.addConditionalFormatting({
        ref,
        rules: [{ type: 'dataBar', priority: i + 1, gradient: false, minLength: 0, maxLength: 100, cfvo: [{ type: 'num', value: 0 }, { type: 'max' }], color: { argb: DATA_BAR } } as ExcelJS.DataBarRuleType],
      }),
    );
    // Read-only, yet still filterable and sortable where the plan sets an autofilter (全县项目).
    if (ls.protect) await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, ...(ls.autoFilter ? { autoFilter: true, sort: true } : {}) });
  }
}

/**
 * Sets or clears the add-in's fill and font colour on one cell. A fresh style object each time: ExcelJS shares
 * style objects between cells, so mutating `cell.fill` would recolour its neighbours too.
 */
function setStyle(cell: ExcelJS.Cell, style: CellStyle) {
  const s: Partial<ExcelJS.Style> = { ...cell.style };
  if (style.fill) s.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  else delete s.fill;
  if (style.font) s.font = { ...s.font, color: { argb: argb(style.font) } };
  else if (s.font?.color) {
    const { color: _color, ...rest } = s.font;
    s.font = rest;
  }
  cell.style = s as ExcelJS.Style;
}
