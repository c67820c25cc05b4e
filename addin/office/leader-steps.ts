/**
 * The leaders' sheets' part of a write. A leader sheet is replaced whole, with native charts (ExcelApi 1.1), data
 * bars (1.6), frozen title rows (1.7) and A4 landscape print settings fitted to one page wide with the title rows
 * repeated (1.9), each only where the host supports it; they travel in the same write request as everything
 * else, so they add no round trip. Centred and wrapped cells (LeaderSheetPlan.center/wrap) are aligned the same
 * way as in .xlsx; rows with wrapped text are autofitted (1.2). A leader sheet the add-in protected (no password)
 * is unprotected first thing and protected again last.
 */
import { colLetter, parseArea } from '../core/a1';
import type { CellRef, LeaderSheetPlan, WritePlan } from '../core/gateway';
import { cellsToAreas, joinAreas } from './addresses';
import { chartBoxes } from './charts';
import { blocks, charsToPoints, COMMAND_BYTES, styleSteps, type Step } from './steps';
import { jsonBytes, leaderValue } from './values';

const CHART_TYPES = { columnClustered: 'ColumnClustered', columnStacked: 'ColumnStacked', barClustered: 'BarClustered' } as const;

/** What Excel may raise for unprotect() without the password (the code differs between hosts). */
export const PASSWORD_CODES = new Set(['AccessDenied', 'InvalidArgument', 'InvalidOperation', 'InvalidPassword', 'GeneralException']);

/** Print margins in points (0.4" sides, 0.6" top/bottom, 0.3" header/footer), as the .xlsx gateway sets them. */
const PRINT_MARGINS = { leftMargin: 28.8, rightMargin: 28.8, topMargin: 43.2, bottomMargin: 43.2, headerMargin: 21.6, footerMargin: 21.6 };
/** "page / pages", centred in the footer. */
const PAGE_FOOTER = '&P / &N';

/** Which leader-sheet features the host's ExcelApi version allows. */
export interface LeaderFeatures {
  charts: boolean;
  dataBars: boolean;
  freeze: boolean;
  pageLayout: boolean;
  autofit: boolean;
}

/** The features the plan's leader sheets may use (asked of the host only when there are leader sheets). */
export function leaderFeatures(plan: WritePlan, api: (version: string) => boolean): LeaderFeatures {
  return plan.leaderSheets.length
    ? { charts: api('1.1'), dataBars: api('1.6'), freeze: api('1.7'), pageLayout: api('1.9'), autofit: api('1.2') }
    : { charts: false, dataBars: false, freeze: false, pageLayout: false, autofit: false };
}

/**
 * Protected leader sheets unprotected first thing in the first write request: unprotect() without a password
 * fails — before any write — on a sheet a person protected with one (see PASSWORD_CODES).
 */
export function unlockStep(names: string[]): Step {
  return { bytes: COMMAND_BYTES * names.length, queue: (_ctx, sheet) => names.forEach((name) => sheet(name).protection.unprotect()) };
}

/**
 * A leader sheet is replaced whole: delete it if present (its charts go with it), add it again at the same
 * position, write values and formats, then frozen rows, widths, print settings, data bars and charts.
 */
export function leaderSteps(l: LeaderSheetPlan, position: number | null, features: LeaderFeatures, steps: Step[]): void {
  const width = Math.max(1, ...l.rows.map((r) => r.length));
  const rows = l.rows.map((r) => Array.from({ length: width }, (_, j) => leaderValue(r[j])));
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
  const titleRows = l.printTitles ? `$${l.printTitles.top}:$${l.printTitles.bottom}` : l.frozenRows > 0 ? `$1:$${l.frozenRows}` : null;
  const breaks = features.pageLayout ? (l.pageBreaks ?? []) : [];
  steps.push({
    bytes: COMMAND_BYTES * (7 + l.columnWidths.length + bars.length + breaks.length + 4 * charts.length) + jsonBytes(charts),
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
        // A new printed page starts at each break's row (the red-flag list on 领导看板); an autofilter on 全县项目.
        for (const row of breaks) ws.horizontalPageBreaks.add(`A${row}`);
        if (l.autoFilter) ws.autoFilter.apply(ws.getRange(l.autoFilter));
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
  numberFormatSteps(l, steps);
  // After the widths, so autofit measures wrapped text in the final columns.
  alignmentSteps(l, features, steps);
  // Generated and read-only (全县项目): no password, so the next refresh can replace it. Last: Excel refuses API
  // writes to a protected sheet.
  // With an autofilter (全县项目), people may still filter and sort the protected sheet.
  const filterable = l.autoFilter ? { allowAutoFilter: true, allowSort: true } : {};
  if (l.protect) steps.push({ bytes: COMMAND_BYTES, queue: (_ctx, sheet) => sheet(l.name).protection.protect({ allowFormatColumns: true, allowFormatRows: true, ...filterable }) });
}

/** Money with a fixed number of decimals: one numberFormat write per rectangle of cells (ExcelApi 1.1). */
function numberFormatSteps(l: LeaderSheetPlan, steps: Step[]): void {
  for (const { format, cells } of l.numberFormats ?? []) {
    for (const address of cellsToAreas(cells)) {
      const area = parseArea(address)!;
      const formats = Array.from({ length: area.bottom - area.top + 1 }, () => Array.from({ length: area.right - area.left + 1 }, () => format));
      steps.push({ bytes: address.length + jsonBytes(formats) + COMMAND_BYTES, queue: (_ctx, sheet) => void (sheet(l.name).getRange(address).numberFormat = formats) });
    }
  }
}

/**
 * Centred cells (headers, figures), wrapped cells (long reasons) and the rows holding them: every cell of such a
 * row vertically centred, level with the wrapped text, and the row autofitted to its lines — as the .xlsx gateway
 * does, except that Excel measures the lines itself where ExcelJS can only estimate them.
 */
function alignmentSteps(l: LeaderSheetPlan, features: LeaderFeatures, steps: Step[]): void {
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
