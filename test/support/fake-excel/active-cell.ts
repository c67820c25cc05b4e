/**
 * The fake host's active cell, added from outside host.ts (which others edit): workbook.getActiveCell() (ExcelApi
 * 1.7), range.getEntireRow() (1.1) and range.getUsedRangeOrNullObject() (1.4), with Office.js' deferred semantics
 * like the rest of the fake. `installActiveCell()` adds them to the fake's proxy classes once; `clickCell` is the
 * clerk clicking a cell (that sheet becomes active, the cell the selection). Browser-safe: no Node APIs.
 */
import { formatArea, parseAddress, type Area } from './address';
import { type FakeBook, type FakeSheet, parseKey } from './book';
import { FakeContext, FakeExcelHost, FakeOfficeError } from './host';

const MAX_COL = 16_384;

/** The parts of the fake's (unexported) proxies this file builds on. */
interface RangeLike {
  context: FakeContext;
  worksheet: { sheet(): FakeSheet };
  area(): Area;
}
type RangeCtor = new (context: FakeContext, worksheet: unknown, areaOf: () => Area | null, nullable?: boolean) => RangeLike;
type WorksheetCtor = new (context: FakeContext, resolve: () => FakeSheet | null, label: string, nullable: boolean) => unknown;

let installed = false;

export function installActiveCell(): void {
  if (installed) return;
  installed = true;
  // The proxy classes, reached through instances of a throwaway context (nothing is ever synced on it).
  const probe = new FakeContext(new FakeExcelHost());
  const sheetProxy = probe.workbook.worksheets.getItemOrNullObject('probe');
  const Worksheet = sheetProxy.constructor as unknown as WorksheetCtor;
  const Range = sheetProxy.getRange('A1').constructor as unknown as RangeCtor;

  Object.assign(Object.getPrototypeOf(probe.workbook) as object, {
    /** The active sheet's active cell: the selection's top-left cell there, else A1 (a sheet's default). */
    getActiveCell(this: { context: FakeContext }): RangeLike {
      const context = this.context;
      context.enqueue({ m: 'workbook.getActiveCell' }, () => (context.host.requires('1.7', 'workbook.getActiveCell'), null));
      const active = () => context.book.active() ?? null;
      const worksheet = new Worksheet(context, active, '(active sheet)', false);
      return new Range(context, worksheet, () => activeCellArea(context.book));
    },
  });

  Object.assign(Range.prototype, {
    getEntireRow(this: RangeLike): RangeLike {
      this.context.enqueue({ m: 'range.getEntireRow' });
      return new Range(this.context, this.worksheet, () => {
        const a = this.area();
        return { top: a.top, bottom: a.bottom, left: 1, right: MAX_COL };
      });
    },
    /** The smallest range holding every used cell inside this range (values only, or formatting too); null if none. */
    getUsedRangeOrNullObject(this: RangeLike, valuesOnly = false): RangeLike {
      this.context.enqueue({ m: 'range.getUsedRangeOrNullObject', valuesOnly }, () => (this.context.host.requires('1.4', 'range.getUsedRangeOrNullObject'), null));
      return new Range(this.context, this.worksheet, () => usedWithin(this.worksheet.sheet(), this.area(), valuesOnly), true);
    },
  });
}

function activeCellArea(book: FakeBook): Area {
  const sheet = book.active();
  if (!sheet) throw new FakeOfficeError('ItemNotFound', 'The workbook has no visible sheet.');
  const sel = book.selection && book.sheet(book.selection.sheet) === sheet ? parseAddress(book.selection.address) : null;
  return sel ? { top: sel.top, left: sel.left, bottom: sel.top, right: sel.left } : { top: 1, left: 1, bottom: 1, right: 1 };
}

function usedWithin(sheet: FakeSheet, area: Area, valuesOnly: boolean): Area | null {
  let box: Area | null = null;
  for (const [k, cell] of sheet.cells) {
    const [r, c] = parseKey(k);
    if (r < area.top || r > area.bottom || c < area.left || c > area.right) continue;
    const hasValue = cell.value !== null && cell.value !== '';
    if (!hasValue && (valuesOnly || (!cell.fill && !cell.font && !cell.bold))) continue;
    box = box
      ? { top: Math.min(box.top, r), left: Math.min(box.left, c), bottom: Math.max(box.bottom, r), right: Math.max(box.right, c) }
      : { top: r, left: c, bottom: r, right: c };
  }
  return box;
}

/** The clerk clicks `address` on `sheet`: it becomes the active sheet and the selection. */
export function clickCell(book: FakeBook, sheet: string, address: string): void {
  const area = parseAddress(address);
  if (!book.sheet(sheet) || !area) throw new Error(`no such cell: ${sheet}!${address}`);
  book.activeSheet = sheet;
  book.selection = { sheet, address: formatArea(area) };
}
