/**
 * Office mode: the open Excel workbook through the Office.js gateway (addin/office, the only code that calls
 * Excel.run). The backend defaults to the page's origin (the dev server proxies /v1 to the local stack).
 */
import * as office from '../office';
import type { FetchLike } from '../core';
import type { PaneServices } from './services';
import { devTokenSource } from './token';
import { workbookServices } from './workbook-services';

/** addin/office's "select this cell" (sheet, A1 address), when that module provides it. */
type SelectCell = (sheet: string, address: string) => Promise<void>;

/**
 * Until addin/office exports selectCell: the same two calls through addin/office's host (which owns Excel.run).
 * Activating the sheet first is what Excel needs to show a selection on another sheet.
 */
function selectThroughHost(host: office.OfficeHost): SelectCell {
  return (sheet, address) =>
    host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address).select();
      await ctx.sync();
    });
}

export function officeServices(displayLanguage: string): PaneServices {
  const host = office.officeHost();
  const gateway = new office.OfficeWorkbookGateway({ host });
  const selectCell = (office as unknown as { selectCell?: SelectCell }).selectCell ?? selectThroughHost(host);
  return workbookServices({
    mode: 'office',
    displayLanguage,
    gateway: () => gateway,
    workbookName: () => '',
    defaultApiUrl: location.origin,
    fetch: fetch.bind(globalThis) as unknown as FetchLike,
    fallbackToken: devTokenSource((url) => fetch(url)),
    goToCell: (sheet, cell) => selectCell(sheet, cell),
  });
}
