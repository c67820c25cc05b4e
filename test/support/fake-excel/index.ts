/**
 * A fake Excel host for tests of the Office gateway and, later, the task pane: `new FakeExcelHost(book)` gives
 * `host.Excel` (run, enums), `host.Office` (requirements, document url) and `host.officeHost` (what the Office
 * gateway takes), counts round trips (`host.syncs`) and measures payloads. The book records the active sheet and
 * the selection, charts, page layout and frozen rows. Self-contained and browser-safe (no Node APIs), so a test page can load it too.
 */
export { FakeBook, tableColumnNames, type CellValue, type FakeCell, type FakeChart, type FakePageLayout, type FakeSheet, type FakeTable } from './book';
export { FakeExcelHost, FakeOfficeError, PAYLOAD_LIMIT, MAX_RANGES_ADDRESS, type SyncRecord, type FakeExcelOptions, type FakeOfficeHost } from './host';
export { parseAddress, formatArea, colName } from './address';
