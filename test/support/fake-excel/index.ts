/**
 * A fake Excel host for tests of the Office gateway and, later, the task pane: `new FakeExcelHost(book)` gives
 * `host.Excel` (run, enums) and `host.Office` (requirements), counts round trips (`host.syncs`) and measures
 * payloads. Self-contained and browser-safe (no Node APIs), so a test page can load it too.
 */
export { FakeBook, type CellValue, type FakeCell, type FakeSheet } from './book';
export { FakeExcelHost, FakeOfficeError, PAYLOAD_LIMIT, MAX_RANGES_ADDRESS, type SyncRecord, type FakeExcelOptions } from './host';
export { parseAddress, formatArea, colName } from './address';
