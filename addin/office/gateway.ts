/**
 * The WorkbookGateway over Office.js: the only code (with host.ts) that talks to Excel.
 *
 * Round trips: readSettings 1; readSheets 2 (the sheet list, then every used range — Office.js cannot address a
 * sheet before its name is known); readWorkbook 2 (readSheets with the settings and the file's name); apply 2 (a pre-check that every target sheet exists and is unprotected, then
 * every write in one request, split into more only when a request would pass REQUEST_BUDGET).
 * Notes need ExcelApi 1.18 (workbook.notes) and are skipped on older hosts, where the reason cell carries the text.
 * Leader sheets get native charts (ExcelApi 1.1), data bars (1.6), frozen title rows (1.7) and A4 landscape print
 * settings fitted to one page wide with the title rows repeated (1.9), each only where the host supports it; they
 * travel in the same write request as everything else, so they add no round trip. Centred and wrapped cells
 * (LeaderSheetPlan.center/wrap) are aligned the same way as in .xlsx; rows with wrapped text are autofitted (1.2).
 * A leader sheet the add-in protected (no password) is unprotected first thing and protected again last.
 * Settings live on the very hidden sheet SETTINGS_SHEET, as with the .xlsx gateway, so both see the same ones.
 */
import type { RawCell } from '../../contract';
import { colLetter } from '../core/a1';
import {
  type ApplyResult,
  decodeSettings,
  encodeSettings,
  type CellRef,
  type LeaderSheetPlan,
  SETTINGS_SHEET,
  type SheetPlan,
  type SheetSnapshot,
  type StyleWrite,
  type WorkbookGateway,
  type WorkbookRead,
  type WorkbookSettings,
  type WritePlan,
} from '../core/gateway';
import { cellsToAreas, joinAreas, qualified, runs } from './addresses';
import { chartBoxes } from './charts';
import { fromOfficeError, leaderSheetLocked, officeCode, sheetMissing, sheetProtected } from './errors';
import { urlName } from './document';
import { officeHost, type OfficeHost } from './host';
import { toSnapshot } from './read';
import { jsonBytes, REQUEST_BUDGET, toExcelValue } from './values';

type Ctx = Excel.RequestContext;
/** One piece of the write: its estimated request size and the commands it queues. */
interface Step {
  bytes: number;
  queue: (ctx: Ctx, sheet: (name: string) => Excel.Worksheet) => void;
}

/** Fixed per-command overhead of the Office.js request envelope (object paths, action ids), estimated. */
const COMMAND_BYTES = 300;
/** Column blocks are cut so a single command stays well under the budget. */
const BLOCK_BYTES = 512 * 1024;

const CHART_TYPES = { columnClustered: 'ColumnClustered', columnStacked: 'ColumnStacked', barClustered: 'BarClustered' } as const;

/** What Excel may raise for unprotect() without the password (the code differs between hosts). */
const PASSWORD_CODES = new Set(['AccessDenied', 'InvalidArgument', 'InvalidOperation', 'InvalidPassword', 'GeneralException']);

/** Print margins in points (0.4" sides, 0.6" top/bottom, 0.3" header/footer), as the .xlsx gateway sets them. */
const PRINT_MARGINS = { leftMargin: 28.8, rightMargin: 28.8, topMargin: 43.2, bottomMargin: 43.2, headerMargin: 21.6, footerMargin: 21.6 };
/** "page / pages", centred in the footer. */
const PAGE_FOOTER = '&P / &N';

/** Which leader-sheet features the host's ExcelApi version allows. */
interface LeaderFeatures {
  charts: boolean;
  dataBars: boolean;
  freeze: boolean;
  pageLayout: boolean;
  autofit: boolean;
}

/** Excel column width: characters of the default font → points (7 px per character + 5 px padding, 0.75 pt/px). */
const charsToPoints = (chars: number) => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

export interface OfficeGatewayOptions {
  host?: OfficeHost;
  /** Request size to stay under (bytes of queued JSON); tests lower it to exercise splitting. */
  requestBudget?: number;
}

export class OfficeWorkbookGateway implements WorkbookGateway {
  private readonly host: OfficeHost;
  private readonly budget: number;
  /** Settings as last read or written, to merge plan.settings into without another round trip. */
  private settings: WorkbookSettings | undefined;

  constructor(opts: OfficeGatewayOptions = {}) {
    this.host = opts.host ?? officeHost();
    this.budget = opts.requestBudget ?? REQUEST_BUDGET;
  }

  async readSettings(): Promise<WorkbookSettings> {
    try {
      this.settings = await this.host.run(async (ctx) => {
        // Optimistic: one round trip; a workbook that never synced has no settings sheet and fails with ItemNotFound.
        const used = ctx.workbook.worksheets.getItem(SETTINGS_SHEET).getUsedRangeOrNullObject(true);
        used.load('values');
        await ctx.sync();
        return used.isNullObject ? {} : decodeSettings(used.values.map((row) => row[0]));
      });
    } catch (error) {
      if (officeCode(error) !== 'ItemNotFound') throw fromOfficeError(error);
      this.settings = {};
    }
    return { ...this.settings };
  }

  async readSheets(): Promise<SheetSnapshot[]> {
    return (await this.read(false)).sheets;
  }

  /**
   * The workbook's name, settings and sheets in the two round trips readSheets takes anyway (readSettings +
   * readSheets + a separate workbook.name load would take four): the name rides with the sheet list, the settings sheet is one of
   * the used ranges.
   */
  async readWorkbook(): Promise<WorkbookRead> {
    const read = await this.read(this.host.isSetSupported('ExcelApi', '1.7'));
    return { ...read, name: read.name || urlName(this.host) };
  }

  private async read(withName: boolean): Promise<WorkbookRead> {
    try {
      return await this.host.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name,items/visibility');
        if (withName) ctx.workbook.load('name');
        await ctx.sync();
        const items = sheets.items.map((ws) => ({ name: ws.name, visibility: ws.visibility as string, ws }));
        const used = items.map(({ ws }) => {
          const range = ws.getUsedRangeOrNullObject(true);
          range.load('values,rowIndex,columnIndex');
          return range;
        });
        await ctx.sync();
        const snapshots: SheetSnapshot[] = [];
        let settings: WorkbookSettings = {};
        items.forEach(({ name, visibility }, i) => {
          const range = used[i]!;
          const data = range.isNullObject ? null : { values: range.values, rowIndex: range.rowIndex, columnIndex: range.columnIndex };
          if (name === SETTINGS_SHEET) settings = data ? decodeSettings(data.values.map((row) => row[0])) : {};
          else snapshots.push(toSnapshot(name, visibility, data));
        });
        this.settings = settings;
        return { name: withName ? ctx.workbook.name : '', settings: { ...settings }, sheets: snapshots };
      });
    } catch (error) {
      throw fromOfficeError(error);
    }
  }

  async apply(plan: WritePlan): Promise<ApplyResult> {
    const current = plan.settings && this.settings === undefined ? await this.readSettings() : this.settings;
    const notesSupported = this.host.isSetSupported('ExcelApi', '1.18');
    const api = (version: string) => this.host.isSetSupported('ExcelApi', version);
    const features: LeaderFeatures = plan.leaderSheets.length
      ? { charts: api('1.1'), dataBars: api('1.6'), freeze: api('1.7'), pageLayout: api('1.9'), autofit: api('1.2') }
      : { charts: false, dataBars: false, freeze: false, pageLayout: false, autofit: false };
    let written = false;
    /** Protected leader sheets to unprotect first thing in the first write request. */
    let unlock: string[] = [];
    try {
      return await this.host.run(async (ctx) => {
        // Round trip 1: every sheet the plan touches exists and is unprotected, so nothing is written half-way.
        const targets = [...new Set([...plan.sheets.map((s) => s.sheet), ...plan.moves.flatMap((m) => [m.from.sheet, m.to.sheet])])];
        const probe = (name: string) => {
          const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
          ws.load('name,position,protection/protected');
          return ws;
        };
        const targetProbes = targets.map((name) => [name, probe(name)] as const);
        const leaderProbes = plan.leaderSheets.map((l) => [l.name, probe(l.name)] as const);
        const settingsProbe = plan.settings ? probe(SETTINGS_SHEET) : null;
        const noteProbes = new Map<string, Excel.Note>();
        if (notesSupported) {
          for (const s of plan.sheets) {
            for (const n of s.notes) {
              const address = qualified(s.sheet, `${colLetter(n.col)}${n.row}`);
              const note = ctx.workbook.notes.getItemOrNullObject(address);
              note.load('content');
              noteProbes.set(address, note);
            }
          }
        }
        await ctx.sync();
        for (const [name, ws] of targetProbes) {
          if (ws.isNullObject) throw sheetMissing(name);
          if (ws.protection.protected) throw sheetProtected(name);
        }
        // A protected leader sheet (全县项目 is protected by the add-in, without a password) is replaced all the same;
        // leaderSteps tries unprotect() first thing, which fails — before any write — when a person set a password.
        if (settingsProbe && !settingsProbe.isNullObject && settingsProbe.protection.protected) throw sheetProtected(SETTINGS_SHEET);

        // Round trip 2 (more only for very large plans): every write.
        const steps: Step[] = [];
        let cellsWritten = 0;
        for (const s of plan.sheets) cellsWritten += this.sheetSteps(s, steps, notesSupported ? noteProbes : null);
        cellsWritten += this.moveSteps(plan, steps);
        unlock = leaderProbes.filter(([, ws]) => !ws.isNullObject && ws.protection.protected).map(([name]) => name);
        if (unlock.length) steps.unshift({ bytes: COMMAND_BYTES * unlock.length, queue: (_ctx, sheet) => unlock.forEach((name) => sheet(name).protection.unprotect()) });
        for (const [i, l] of plan.leaderSheets.entries()) {
          const old = leaderProbes[i]![1];
          this.leaderSteps(l, old.isNullObject ? null : old.position, features, steps);
        }
        if (plan.settings) this.settingsSteps({ ...current, ...plan.settings }, !settingsProbe!.isNullObject, steps);
        this.deleteSteps(plan, steps);

        for (const batch of this.pack(steps)) {
          const sheets = new Map<string, Excel.Worksheet>();
          const sheet = (name: string) => {
            let ws = sheets.get(name);
            if (!ws) sheets.set(name, (ws = ctx.workbook.worksheets.getItem(name)));
            return ws;
          };
          ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
          ctx.workbook.application.suspendApiCalculationUntilNextSync();
          for (const step of batch) step.queue(ctx, sheet);
          await ctx.sync();
          written = true;
        }
        if (plan.settings) this.settings = { ...current, ...plan.settings };
        return { cellsWritten, rowsMoved: plan.moves.length };
      });
    } catch (error) {
      // unprotect() without a password fails on a sheet a person protected with one; it runs first, so nothing was written.
      if (!written && unlock.length && PASSWORD_CODES.has(officeCode(error))) throw leaderSheetLocked(unlock);
      throw fromOfficeError(error, written);
    }
  }

  /** Packs steps in order into requests under the budget (a step bigger than the budget goes alone). */
  private pack(steps: Step[]): Step[][] {
    const batches: Step[][] = [];
    let current: Step[] = [];
    let size = 0;
    for (const step of steps) {
      if (current.length && size + step.bytes > this.budget) {
        batches.push(current);
        current = [];
        size = 0;
      }
      current.push(step);
      size += step.bytes;
    }
    if (current.length) batches.push(current);
    return batches;
  }

  private sheetSteps(s: SheetPlan, steps: Step[], notes: Map<string, Excel.Note> | null): number {
    let cells = 0;
    for (const c of s.columns) {
      const letter = colLetter(c.col);
      const bottom = c.top + c.values.length - 1;
      if (c.formatFrom !== undefined && c.values.length) {
        const from = colLetter(c.formatFrom);
        steps.push({
          bytes: COMMAND_BYTES,
          queue: (_ctx, sheet) => sheet(s.sheet).getRange(`${letter}${c.top}:${letter}${bottom}`).copyFrom(sheet(s.sheet).getRange(`${from}${c.top}:${from}${bottom}`), 'Formats'),
        });
      }
      if (c.width !== undefined) {
        const width = charsToPoints(c.width);
        steps.push({ bytes: COMMAND_BYTES, queue: (_ctx, sheet) => void (sheet(s.sheet).getRange(`${letter}:${letter}`).format.columnWidth = width) });
      }
      for (const block of blocks(c.values.map((v) => [toExcelValue(v)]))) {
        const top = c.top + block.offset;
        const address = `${letter}${top}:${letter}${top + block.rows.length - 1}`;
        steps.push({ bytes: block.bytes + COMMAND_BYTES, queue: (_ctx, sheet) => void (sheet(s.sheet).getRange(address).values = block.rows) });
      }
      cells += c.values.length;
    }
    for (const style of s.styles) steps.push(...styleSteps(s.sheet, style));
    if (notes) {
      for (const n of s.notes) {
        const address = qualified(s.sheet, `${colLetter(n.col)}${n.row}`);
        const existing = notes.get(address)!;
        steps.push({
          bytes: COMMAND_BYTES + jsonBytes(n.text ?? ''),
          queue: (ctx) => {
            if (!existing.isNullObject) {
              if (n.text === null) existing.delete();
              else if (existing.content !== n.text) existing.content = n.text;
            } else if (n.text !== null) ctx.workbook.notes.add(address, n.text);
          },
        });
      }
    }
    return cells;
  }

  /** Moved rows' values at the end of their new lists (source rows are deleted last, see deleteSteps). */
  private moveSteps(plan: WritePlan, steps: Step[]): number {
    let cells = 0;
    for (const m of plan.moves) {
      const sorted = [...m.cells].sort((a, b) => a.col - b.col);
      // Consecutive columns go in one 1×n write.
      for (const { from, to } of runs(sorted.map((c) => c.col))) {
        const row = [sorted.slice(from, to + 1).map((c) => toExcelValue(c.value))];
        const address = `${colLetter(sorted[from]!.col)}${m.to.row}:${colLetter(sorted[to]!.col)}${m.to.row}`;
        steps.push({ bytes: jsonBytes(row) + COMMAND_BYTES, queue: (_ctx, sheet) => void (sheet(m.to.sheet).getRange(address).values = row) });
      }
      cells += m.cells.length;
    }
    return cells;
  }

  /** Source rows of moves, deleted bottom-up (so earlier row numbers stay valid), runs of rows at once. */
  private deleteSteps(plan: WritePlan, steps: Step[]): void {
    const bySheet = new Map<string, Set<number>>();
    for (const m of plan.moves) bySheet.set(m.from.sheet, (bySheet.get(m.from.sheet) ?? new Set()).add(m.from.row));
    for (const [name, set] of bySheet) {
      const rows = [...set].sort((a, b) => a - b);
      for (const { from, to } of runs(rows).reverse()) {
        const address = `${rows[from]}:${rows[to]}`;
        steps.push({ bytes: COMMAND_BYTES, queue: (_ctx, sheet) => sheet(name).getRange(address).delete('Up') });
      }
    }
  }

  /**
   * A leader sheet is replaced whole: delete it if present (its charts go with it), add it again, write values
   * and formats, then frozen rows, widths, print settings, data bars and charts.
   */
  private leaderSteps(l: LeaderSheetPlan, position: number | null, features: LeaderFeatures, steps: Step[]): void {
    const width = Math.max(1, ...l.rows.map((r) => r.length));
    const rows = l.rows.map((r) => Array.from({ length: width }, (_, j) => toExcelValue((r[j] ?? null) as RawCell, true)));
    steps.push({
      bytes: COMMAND_BYTES * 2,
      queue: (ctx) => {
        if (position === null) {
          ctx.workbook.worksheets.add(l.name);
          return;
        }
        // Same place in the tab order as the sheet it replaces (a new sheet is added last).
        ctx.workbook.worksheets.getItem(l.name).delete();
        ctx.workbook.worksheets.add(l.name).position = position;
      },
    });
    for (const block of blocks(rows)) {
      const top = 1 + block.offset;
      const address = `A${top}:${colLetter(width)}${top + block.rows.length - 1}`;
      steps.push({ bytes: block.bytes + COMMAND_BYTES, queue: (_ctx, sheet) => void (sheet(l.name).getRange(address).values = block.rows) });
    }
    for (const address of joinAreas(cellsToAreas(l.bold))) {
      steps.push({ bytes: address.length + COMMAND_BYTES, queue: (_ctx, sheet) => void (sheet(l.name).getRanges(address).format.font.bold = true) });
    }
    for (const style of l.styles) steps.push(...styleSteps(l.name, style));
    const charts = features.charts ? (l.charts ?? []) : [];
    const boxes = chartBoxes(charts.map((c) => c.anchor));
    const bars = features.dataBars ? (l.dataBars ?? []) : [];
    const titleRows = l.frozenRows > 0 ? `$1:$${l.frozenRows}` : null;
    steps.push({
      bytes: COMMAND_BYTES * (6 + l.columnWidths.length + bars.length + 4 * charts.length) + jsonBytes(charts),
      queue: (_ctx, sheet) => {
        const ws = sheet(l.name);
        if (features.freeze && l.frozenRows > 0) ws.freezePanes.freezeRows(l.frozenRows);
        l.columnWidths.forEach((w, i) => {
          const letter = colLetter(i + 1);
          ws.getRange(`${letter}:${letter}`).format.columnWidth = charsToPoints(w);
        });
        if (features.pageLayout) {
          if (l.landscape) ws.pageLayout.orientation = 'Landscape';
          ws.pageLayout.paperSize = 'A4';
          // All columns on one page, as many pages down as the rows need (0 = automatic, Excel's "fit all columns").
          ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
          if (titleRows) ws.pageLayout.setPrintTitleRows(titleRows);
          Object.assign(ws.pageLayout, PRINT_MARGINS, { centerHorizontally: true });
          ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = PAGE_FOOTER;
        }
        for (const bar of bars) ws.getRange(bar).conditionalFormats.add('DataBar');
        charts.forEach((c, i) => {
          // By columns: the first column names the categories (units), each further column is one series.
          const chart = ws.charts.add(CHART_TYPES[c.type], ws.getRange(c.range), 'Columns');
          chart.title.text = c.title;
          chart.setPosition(boxes[i]!.start, boxes[i]!.end);
        });
      },
    });
    // After the widths, so autofit measures wrapped text in the final columns.
    this.alignmentSteps(l, features, steps);
    // Generated and read-only (全县项目): no password, so the next refresh can replace it. Last: Excel refuses API
    // writes to a protected sheet.
    if (l.protect) steps.push({ bytes: COMMAND_BYTES, queue: (_ctx, sheet) => sheet(l.name).protection.protect({ allowFormatColumns: true, allowFormatRows: true }) });
  }

  /**
   * Centred cells (headers, figures), wrapped cells (long reasons) and the rows holding them: every cell of such a
   * row vertically centred, level with the wrapped text, and the row autofitted to its lines — as the .xlsx gateway
   * does, except that Excel measures the lines itself where ExcelJS can only estimate them.
   */
  private alignmentSteps(l: LeaderSheetPlan, features: LeaderFeatures, steps: Step[]): void {
    const areas = (cells: CellRef[]) => joinAreas(cellsToAreas(cells));
    const format = (address: string, commands: number, set: (f: Excel.RangeFormat) => void): Step => ({
      bytes: address.length + COMMAND_BYTES * commands,
      queue: (_ctx, sheet) => set(sheet(l.name).getRanges(address).format),
    });
    for (const address of areas(l.center ?? [])) steps.push(format(address, 2, (f) => ((f.horizontalAlignment = 'Center'), (f.verticalAlignment = 'Center'))));
    const wrap = l.wrap ?? [];
    if (!wrap.length) return;
    const rows = [...new Set(wrap.map((c) => c.row))];
    const rowCells = rows.flatMap((row) => Array.from({ length: Math.max(1, l.rows[row - 1]?.length ?? 1) }, (_, i) => ({ row, col: i + 1 })));
    for (const address of areas(rowCells)) steps.push(format(address, 1, (f) => void (f.verticalAlignment = 'Center')));
    for (const address of areas(wrap)) {
      steps.push(format(address, 2, (f) => {
        f.wrapText = true;
        if (features.autofit) f.autofitRows();
      }));
    }
  }

  private settingsSteps(settings: WorkbookSettings, exists: boolean, steps: Step[]): void {
    const pieces = encodeSettings(settings).map((p) => [toExcelValue(p)]);
    steps.push({
      bytes: jsonBytes(pieces) + COMMAND_BYTES * 3,
      queue: (ctx, sheet) => {
        if (!exists) {
          const ws = ctx.workbook.worksheets.add(SETTINGS_SHEET);
          ws.visibility = 'VeryHidden';
        } else sheet(SETTINGS_SHEET).getRange('A:A').clear('Contents');
        sheet(SETTINGS_SHEET).getRange(`A1:A${pieces.length}`).values = pieces;
      },
    });
  }
}

/** Fills and font colours for one style: cells grouped into getRanges address strings under 8,000 characters. */
function styleSteps(sheetName: string, { style, cells }: StyleWrite): Step[] {
  return joinAreas(cellsToAreas(cells)).map((address) => ({
    bytes: address.length + COMMAND_BYTES,
    queue: (_ctx, sheet) => {
      const format = sheet(sheetName).getRanges(address).format;
      if (style.fill === null) format.fill.clear();
      else format.fill.color = style.fill;
      // Office.js cannot set "automatic" text colour; black is what automatic shows on an unfilled cell.
      format.font.color = style.font ?? '#000000';
    },
  }));
}

/** Rows cut into blocks of at most BLOCK_BYTES of JSON, with their offset from the first row. */
function blocks<T>(rows: T[][]): Array<{ offset: number; rows: T[][]; bytes: number }> {
  const out: Array<{ offset: number; rows: T[][]; bytes: number }> = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    const b = jsonBytes(row) + 1;
    if (i > start && bytes + b > BLOCK_BYTES) {
      out.push({ offset: start, rows: rows.slice(start, i), bytes });
      start = i;
      bytes = 0;
    }
    bytes += b;
  });
  if (rows.length > start) out.push({ offset: start, rows: rows.slice(start), bytes });
  return out;
}
