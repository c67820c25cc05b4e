/**
 * Bundled for the browser by the Office-mode e2e test and served in place of office.js: the fake Excel host
 * (test/support/fake-excel) as window.Excel, an Office shim whose onReady says Excel, and — for "go to cell" —
 * select()/activate() on the fake's ranges and sheets, recording the selection on window.__selection.
 */
import { FakeBook, FakeExcelHost } from '../support/fake-excel';

interface SheetData {
  name: string;
  rows: Array<Array<string | number | boolean | null>>;
}
interface ShimWindow {
  __FAKE_BOOK__: SheetData[];
  __fakeHost: FakeExcelHost;
  __selection: { sheet: string; address: string } | null;
  __activeSheet: string | null;
  Excel: unknown;
  Office: unknown;
}
// Not typed as the real Office/Excel globals: these are stand-ins for exactly what the pane uses.
const w = globalThis as unknown as ShimWindow;

const book = new FakeBook();
for (const s of w.__FAKE_BOOK__) book.addSheet(s.name, s.rows);
const host = new FakeExcelHost(book);
w.__fakeHost = host;
w.__selection = null;
w.__activeSheet = null;

// The fake has no selection: add select()/activate() to its range and worksheet prototypes, deferred to
// context.sync() like every other command.
void host.Excel.run(async (ctx) => {
  const ws = ctx.workbook.worksheets.getItem(book.sheets[0]!.name) as unknown as Record<string, unknown>;
  const range = (ws.getRange as (a: string) => object).call(ws, 'A1');
  type Ctx = { enqueue(payload: unknown, run: () => unknown): void };
  Object.assign(Object.getPrototypeOf(ws), {
    activate(this: { context: Ctx; sheet(): { name: string } }) {
      this.context.enqueue({ m: 'worksheet.activate' }, () => (w.__activeSheet = this.sheet().name));
    },
  });
  Object.assign(Object.getPrototypeOf(range), {
    select(this: { context: Ctx; worksheet: { sheet(): { name: string } }; addressText(): string }) {
      this.context.enqueue({ m: 'range.select' }, () => {
        w.__selection = { sheet: this.worksheet.sheet().name, address: this.addressText() };
      });
    },
  });
});
host.resetCounters();

w.Excel = host.Excel;
w.Office = {
  HostType: { Excel: 'Excel' },
  context: { ...host.Office.context, displayLanguage: 'zh-CN' },
  onReady: async () => ({ host: 'Excel', platform: 'OfficeOnline' }),
};
