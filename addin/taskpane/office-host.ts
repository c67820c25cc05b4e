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

export function officeServices(displayLanguage: string): PaneServices {
  const gateway = new office.OfficeWorkbookGateway();
  const selectCell = (office as unknown as { selectCell?: SelectCell }).selectCell;
  return workbookServices({
    mode: 'office',
    displayLanguage,
    gateway: () => gateway,
    workbookName: () => '',
    defaultApiUrl: location.origin,
    fetch: fetch.bind(globalThis) as unknown as FetchLike,
    fallbackToken: devTokenSource((url) => fetch(url)),
    goToCell: selectCell ? (sheet, cell) => selectCell(sheet, cell) : undefined,
  });
}
