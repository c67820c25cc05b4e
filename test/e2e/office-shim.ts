/**
 * Bundled for the browser by the Office-mode e2e test and served in place of office.js: the fake Excel host
 * (test/support/fake-excel, which records activate()/select()) as window.Excel, and an Office shim whose onReady
 * says Excel. window.__selection and window.__activeSheet read the fake book's selection and active sheet;
 * window.__clickCell(sheet, cell) is the clerk clicking a cell (for the pane's "history of the selected row").
 */
import { FakeBook, FakeExcelHost } from '../support/fake-excel';
import { clickCell, installActiveCell } from '../support/fake-excel/active-cell';
import type { ShimSheet } from './office-pane';

interface ShimWindow {
  __FAKE_BOOK__: ShimSheet[];
  __fakeHost: FakeExcelHost;
  __clickCell(sheet: string, cell: string): void;
  Excel: unknown;
  Office: unknown;
}
// Not typed as the real Office/Excel globals: these are stand-ins for exactly what the pane uses.
const w = globalThis as unknown as ShimWindow;

installActiveCell();
const book = new FakeBook('平邑县招商台账.xlsx');
for (const s of w.__FAKE_BOOK__) book.addSheet(s.name, s.rows);
const host = new FakeExcelHost(book, { documentUrl: 'https://contoso.sharepoint.com/sites/zsj/Shared%20Documents/%E5%B9%B3%E9%82%91%E5%8E%BF%E6%8B%9B%E5%95%86%E5%8F%B0%E8%B4%A6.xlsx' });
w.__fakeHost = host;
w.__clickCell = (sheet, cell) => clickCell(book, sheet, cell);
Object.defineProperty(w, '__selection', { get: () => book.selection });
Object.defineProperty(w, '__activeSheet', { get: () => book.activeSheet });

w.Excel = host.Excel;
w.Office = {
  HostType: { Excel: 'Excel' },
  context: { ...host.Office.context, displayLanguage: 'zh-CN' },
  onReady: async () => ({ host: 'Excel', platform: 'OfficeOnline' }),
};
