/**
 * A fake Excel host: the subset of Office.js the Office gateway uses, over an in-memory FakeBook, with Office.js'
 * deferred semantics — methods and property writes are queued and run at context.sync(); properties can be read
 * only after load + sync (reading earlier throws, like Office.js' PropertyNotLoaded). It counts every sync and
 * measures each request's payload (UTF-8 JSON of the queued commands) and response, and fails a request over the
 * 5 MB limit of Excel on the web the way Excel does. Commands in a failing batch that ran before the failure stay
 * applied, as in Excel: there is no rollback. An API newer than the host's ExcelApi version fails its request with
 * ApiNotFound at sync, as Excel does, so an unguarded call fails the test. Browser-safe: no Node APIs.
 */
import { type Area, formatArea, parseAddress } from './address';
import { type CellValue, FakeBook, type FakeCell, type FakeChart, type FakePageLayout, type FakeSheet, type FakeTable, key, newSheet, parseKey, tableColumnNames, usedArea } from './book';

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Longest address string the fake accepts in getRanges (the gateway promises < 8,000 characters). */
export const MAX_RANGES_ADDRESS = 8_000;

export interface SyncRecord {
  /** Commands queued in this request. */
  commands: number;
  requestBytes: number;
  responseBytes: number;
}

export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string };
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message };
  }
}

type Entry = { payload: unknown; run: () => unknown };

const utf8 = (text: string) => new TextEncoder().encode(text).length;

export interface FakeExcelOptions {
  /** Highest ExcelApi requirement set the host claims (default 1.9). */
  apiVersion?: string;
  /** Office.context.document.url: a path or URL for a saved workbook, null for a new one (default null). */
  documentUrl?: string | null;
}

/** The shape of addin/office's OfficeHost, declared here so the fake stays independent of the add-in. */
export interface FakeOfficeHost {
  run<T>(batch: (context: never) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
  documentUrl(): string | null;
}

export class FakeExcelHost {
  readonly syncs: SyncRecord[] = [];
  /** Set to make every request fail as when a clerk is typing in a cell. */
  editMode = false;
  /** Called before each request runs, with its 0-based index: lets a test rename/delete/protect a sheet mid-way. */
  beforeSync?: (index: number) => void;
  readonly apiVersion: string;

  constructor(
    readonly book: FakeBook = new FakeBook(),
    opts: FakeExcelOptions = {},
  ) {
    this.apiVersion = opts.apiVersion ?? '1.9';
    this.documentUrl = opts.documentUrl ?? null;
  }

  documentUrl: string | null;

  readonly Excel = {
    run: async <T>(batch: (context: FakeContext) => Promise<T>): Promise<T> => {
      const context = new FakeContext(this);
      const result = await batch(context);
      if (context.pending()) await context.sync(); // Excel.run flushes what the batch left queued
      return result;
    },
    DeleteShiftDirection: { up: 'Up', left: 'Left' },
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    RangeCopyType: { all: 'All', formulas: 'Formulas', values: 'Values', formats: 'Formats' },
    ClearApplyTo: { all: 'All', formats: 'Formats', contents: 'Contents' },
    PageOrientation: { portrait: 'Portrait', landscape: 'Landscape' },
    ConditionalFormatType: { dataBar: 'DataBar' },
    ChartSeriesBy: { auto: 'Auto', columns: 'Columns', rows: 'Rows' },
  };

  readonly Office = {
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string | number) =>
          name === 'ExcelApi' && versionAtMost(String(version ?? '1.1'), this.apiVersion),
      },
      document: ((host: FakeExcelHost) => ({
        get url(): string | null {
          return host.documentUrl;
        },
      }))(this),
    },
  };

  /** What the Office gateway takes as its host (OfficeHost in addin/office/host.ts). */
  get officeHost(): FakeOfficeHost {
    return {
      run: this.Excel.run as FakeOfficeHost['run'],
      isSetSupported: (name, version) => this.Office.context.requirements.isSetSupported(name, version),
      documentUrl: () => this.documentUrl,
    };
  }

  /** Throws ApiNotFound (at sync, where callers queue it) when the host's ExcelApi is older than `version`. */
  requires(version: string, what: string): void {
    if (!versionAtMost(version, this.apiVersion)) throw new FakeOfficeError('ApiNotFound', `${what} needs ExcelApi ${version}; this host has ${this.apiVersion}.`);
  }

  get roundTrips(): number {
    return this.syncs.length;
  }

  get maxRequestBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.requestBytes));
  }

  get maxResponseBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.responseBytes));
  }

  resetCounters(): void {
    this.syncs.length = 0;
  }
}

function versionAtMost(version: string, max: string): boolean {
  const [a1 = 0, a2 = 0] = version.split('.').map(Number);
  const [b1 = 0, b2 = 0] = max.split('.').map(Number);
  return a1 < b1 || (a1 === b1 && a2 <= b2);
}

export class FakeContext {
  private queue: Entry[] = [];
  readonly workbook: FakeWorkbook;

  constructor(readonly host: FakeExcelHost) {
    this.workbook = new FakeWorkbook(this);
  }

  get book(): FakeBook {
    return this.host.book;
  }

  enqueue(payload: unknown, run: () => unknown = () => null): void {
    this.queue.push({ payload, run });
  }

  pending(): boolean {
    return this.queue.length > 0;
  }

  async sync(): Promise<void> {
    const index = this.host.syncs.length;
    this.host.beforeSync?.(index);
    const queue = this.queue;
    this.queue = [];
    const record: SyncRecord = { commands: queue.length, requestBytes: utf8(JSON.stringify(queue.map((e) => e.payload))), responseBytes: 0 };
    this.host.syncs.push(record);
    if (this.host.editMode && queue.length) {
      throw new FakeOfficeError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
    }
    if (record.requestBytes > PAYLOAD_LIMIT) {
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    }
    const response = queue.map((e) => e.run());
    record.responseBytes = utf8(JSON.stringify(response));
    if (record.responseBytes > PAYLOAD_LIMIT) {
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    }
  }
}

/** Base of every proxy: loaded properties are readable, others throw like Office.js. */
class Proxy_ {
  protected loaded = new Map<string, unknown>();
  constructor(readonly context: FakeContext) {}

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new FakeOfficeError('PropertyNotLoaded', `The property '${prop}' is not available. Load it and call context.sync() first.`);
    }
    return this.loaded.get(prop) as T;
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
}

function propList(props: string | string[] | Record<string, unknown> | undefined): string[] {
  if (props === undefined) return ['*'];
  if (Array.isArray(props)) return props.flatMap((p) => p.split(','));
  if (typeof props === 'string') return props.split(',');
  return Object.keys(props).filter((k) => props[k]);
}

/** Excel refuses API writes (values, formats, deletes) to a protected sheet, as it refuses a person's. */
function writable(sheet: FakeSheet): FakeSheet {
  if (sheet.protected) throw new FakeOfficeError('AccessDenied', `The cell or chart you're trying to change is on protected sheet '${sheet.name}'.`);
  return sheet;
}

function noSheet(name: string): FakeOfficeError {
  return new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: worksheet '${name}'.`);
}

class FakeWorkbook extends Proxy_ {
  readonly worksheets: FakeWorksheets;
  readonly application: { suspendScreenUpdatingUntilNextSync(): void; suspendApiCalculationUntilNextSync(): void };
  private notesProxy?: FakeNotes;

  constructor(context: FakeContext) {
    super(context);
    this.worksheets = new FakeWorksheets(context);
    this.application = {
      suspendScreenUpdatingUntilNextSync: () => context.enqueue({ m: 'suspendScreenUpdating' }),
      suspendApiCalculationUntilNextSync: () => context.enqueue({ m: 'suspendApiCalculation' }),
    };
  }

  /** Loads `name` (ExcelApi 1.7), the only workbook property the add-in reads. */
  load(props?: string | string[]): this {
    const list = propList(props).map((p) => p.trim());
    this.context.enqueue({ m: 'workbook.load', p: list }, () => {
      for (const p of list) {
        if (p !== 'name') throw new FakeOfficeError('InvalidArgument', `The fake cannot load workbook.${p}`);
        this.context.host.requires('1.7', 'workbook.name');
        this.loaded.set('name', this.context.book.name);
      }
      return Object.fromEntries(this.loaded);
    });
    return this;
  }

  get name(): string {
    return this.read('name');
  }

  /** Every table in the workbook (ExcelApi 1.1). */
  get tables(): FakeTables {
    return new FakeTables(this.context, null);
  }

  /** ExcelApi 1.18 only: reading it on an older host is an error, so callers must check isSetSupported. */
  get notes(): FakeNotes {
    if (!this.context.host.Office.context.requirements.isSetSupported('ExcelApi', '1.18')) {
      throw new FakeOfficeError('ApiNotFound', 'workbook.notes needs ExcelApi 1.18.');
    }
    return (this.notesProxy ??= new FakeNotes(this.context));
  }
}

class FakeWorksheets extends Proxy_ {
  get items(): FakeWorksheet[] {
    return this.read('items');
  }

  load(props?: string | string[]): this {
    const sub = propList(props).map((p) => p.trim().replace(/^items\//, ''));
    this.context.enqueue({ m: 'worksheets.load', p: sub }, () => {
      const items = this.context.book.sheets.map((sheet) => {
        const ws = new FakeWorksheet(this.context, () => sheet, sheet.name, false);
        ws.fill(sub, sheet);
        return ws;
      });
      this.loaded.set('items', items);
      return items.map((ws) => ws.toJSON());
    });
    return this;
  }

  getItem(name: string): FakeWorksheet {
    this.context.enqueue({ m: 'worksheets.getItem', name }, () => {
      if (!this.context.book.sheet(name)) throw noSheet(name);
      return null;
    });
    return new FakeWorksheet(this.context, () => this.context.book.sheet(name) ?? null, name, false);
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    this.context.enqueue({ m: 'worksheets.getItemOrNullObject', name });
    return new FakeWorksheet(this.context, () => this.context.book.sheet(name) ?? null, name, true);
  }

  add(name: string): FakeWorksheet {
    this.context.enqueue({ m: 'worksheets.add', name }, () => {
      if (this.context.book.sheet(name)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named '${name}' exists.`);
      this.context.book.sheets.push(newSheet(name));
      return null;
    });
    return new FakeWorksheet(this.context, () => this.context.book.sheet(name) ?? null, name, false);
  }
}

class FakeWorksheet extends Proxy_ {
  readonly protection: {
    protected: boolean;
    load(p?: string): void;
    protect(options?: Record<string, unknown>, password?: string): void;
    unprotect(password?: string): void;
  };
  readonly freezePanes: { freezeRows(n: number): void };
  readonly pageLayout: {
    orientation: string;
    paperSize: string;
    zoom: FakePageLayout['zoom'];
    setPrintTitleRows(rows: string): void;
    centerHorizontally: boolean;
    headersFooters: { defaultForAllPages: { centerFooter: string } };
  } & Record<'leftMargin' | 'rightMargin' | 'topMargin' | 'bottomMargin' | 'headerMargin' | 'footerMargin', number>;
  readonly charts: { add(type: string, source: FakeRange, seriesBy?: string): FakeChartProxy };
  readonly autoFilter: { apply(range: FakeRange | string): void };
  readonly horizontalPageBreaks: { add(pageBreakRange: FakeRange | string): void };

  constructor(
    context: FakeContext,
    /** Finds the sheet when a command runs (by name, so a renamed sheet is missing, as in Excel). */
    readonly resolve: () => FakeSheet | null,
    readonly label: string,
    private readonly nullable: boolean,
  ) {
    super(context);
    const self = this;
    const host = context.host;
    this.protection = {
      get protected(): boolean {
        return self.read('protection/protected');
      },
      load: () => self.load('protection/protected'),
      // Excel: protect() fails on a protected sheet; unprotect() needs the password a person set.
      protect: (options: Record<string, unknown> = {}, password?: string) =>
        context.enqueue({ m: 'protection.protect', s: label, options }, () => {
          const sheet = self.sheet();
          if (sheet.protected) throw new FakeOfficeError('InvalidOperation', `Worksheet '${sheet.name}' is already protected.`);
          Object.assign(sheet, { protected: true, password: password ?? '', protectionOptions: { ...options } });
          return null;
        }),
      unprotect: (password?: string) =>
        context.enqueue({ m: 'protection.unprotect', s: label }, () => {
          const sheet = self.sheet();
          if (sheet.password && sheet.password !== password) throw new FakeOfficeError('AccessDenied', `Worksheet '${sheet.name}' is protected with a password.`);
          sheet.protected = false;
          sheet.password = '';
          return null;
        }),
    };
    this.freezePanes = {
      freezeRows: (n: number) =>
        context.enqueue({ m: 'freezeRows', s: label, n }, () => {
          host.requires('1.7', 'freezePanes');
          self.sheet().frozenRows = n;
          return null;
        }),
    };
    /** Write-only in the fake: a pageLayout property write queues a command that needs ExcelApi 1.9. */
    const layout = <K extends keyof FakePageLayout>(prop: K, value: FakePageLayout[K]) =>
      context.enqueue({ m: `pageLayout.${prop}`, s: label, v: value }, () => {
        host.requires('1.9', `pageLayout.${prop}`);
        self.sheet().pageLayout[prop] = value;
        return null;
      });
    const margin = (prop: string) => ({
      set: (points: number) =>
        context.enqueue({ m: `pageLayout.${prop}`, s: label, v: points }, () => {
          host.requires('1.9', `pageLayout.${prop}`);
          self.sheet().pageLayout.margins[prop] = points;
          return null;
        }),
      get: writeOnly(prop),
      enumerable: true,
    });
    const writeOnly = (prop: string) => () => {
      throw new FakeOfficeError('PropertyNotLoaded', `pageLayout.${prop} is write-only in the fake`);
    };
    this.pageLayout = Object.defineProperties({} as FakeWorksheet['pageLayout'], {
      orientation: { set: (o: string) => layout('orientation', o as FakePageLayout['orientation']), get: writeOnly('orientation') },
      paperSize: { set: (p: string) => layout('paperSize', p), get: writeOnly('paperSize') },
      // Office.js takes zoom as a whole object ("x.zoom = {...}"), never property by property.
      zoom: { set: (z: FakePageLayout['zoom']) => layout('zoom', { ...z }), get: writeOnly('zoom') },
      setPrintTitleRows: { value: (rows: string) => layout('printTitleRows', rows) },
      centerHorizontally: { set: (b: boolean) => layout('centerHorizontally', b), get: writeOnly('centerHorizontally') },
      headersFooters: {
        value: { defaultForAllPages: Object.defineProperty({}, 'centerFooter', { set: (t: string) => layout('centerFooter', t), get: writeOnly('centerFooter') }) },
      },
      ...Object.fromEntries(['leftMargin', 'rightMargin', 'topMargin', 'bottomMargin', 'headerMargin', 'footerMargin'].map((m) => [m, margin(m)])),
    });
    const address = (r: FakeRange | string) => (typeof r === 'string' ? r : formatArea(r.area()));
    this.autoFilter = {
      apply: (range: FakeRange | string) =>
        context.enqueue({ m: 'autoFilter.apply', s: label }, () => {
          host.requires('1.9', 'autoFilter');
          writable(self.sheet()).autoFilter = address(range);
          return null;
        }),
    };
    this.horizontalPageBreaks = {
      add: (range: FakeRange | string) =>
        context.enqueue({ m: 'horizontalPageBreaks.add', s: label }, () => {
          host.requires('1.9', 'horizontalPageBreaks');
          const sheet = self.sheet();
          sheet.pageBreaks = [...(sheet.pageBreaks ?? []), address(range)];
          return null;
        }),
    };
    this.charts = {
      add: (type: string, source: FakeRange, seriesBy = 'Auto') => {
        const chart: FakeChart = { type, source: '', seriesBy, title: '' };
        context.enqueue({ m: 'charts.add', s: label, type, seriesBy }, () => {
          if (source.worksheet.label !== label) throw new FakeOfficeError('InvalidArgument', 'the fake charts data on the same sheet only');
          chart.source = formatArea(source.area());
          self.sheet().charts.push(chart);
          return null;
        });
        return new FakeChartProxy(context, chart);
      },
    };
  }

  /** Shows the sheet (ExcelApi 1.1). Excel cannot activate a hidden sheet. */
  activate(): void {
    this.context.enqueue({ m: 'worksheet.activate', s: this.label }, () => {
      const sheet = this.sheet();
      if (sheet.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', `Worksheet '${sheet.name}' is hidden and cannot be activated.`);
      this.context.book.activeSheet = sheet.name;
      return null;
    });
  }

  /** The sheet, or ItemNotFound when it is gone (a deleted/renamed sheet, or a null object used as a real one). */
  sheet(): FakeSheet {
    const sheet = this.resolve();
    if (!sheet) throw noSheet(this.label);
    return sheet;
  }

  fill(props: string[], sheet: FakeSheet | null): void {
    this.loaded.set('isNullObject', sheet === null);
    for (const p of props.map((x) => x.trim())) {
      if (p === 'name' || p === '*') this.loaded.set('name', sheet?.name ?? null);
      if (p === 'visibility' || p === '*') this.loaded.set('visibility', sheet?.visibility ?? null);
      if (p === 'position' || p === '*') this.loaded.set('position', sheet ? this.context.book.sheets.indexOf(sheet) : null);
      if (p === 'protection/protected' || p === 'protection') this.loaded.set('protection/protected', sheet?.protected ?? null);
      if (p === 'isNullObject') continue;
    }
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }

  get name(): string {
    return this.read('name');
  }

  get visibility(): string {
    return this.read('visibility');
  }

  get position(): number {
    return this.read('position');
  }

  /** Moves the sheet to a 0-based place in the tab order, as Excel does. */
  set position(n: number) {
    this.context.enqueue({ m: 'position', s: this.label, n }, () => {
      const sheets = this.context.book.sheets;
      const sheet = this.sheet();
      if (!Number.isInteger(n) || n < 0 || n >= sheets.length) throw new FakeOfficeError('InvalidArgument', `position ${n} is out of range`);
      sheets.splice(sheets.indexOf(sheet), 1);
      sheets.splice(n, 0, sheet);
      return null;
    });
  }

  set visibility(v: string) {
    this.context.enqueue({ m: 'visibility', s: this.label, v }, () => ((this.sheet().visibility = v as FakeSheet['visibility']), null));
  }

  load(props?: string | string[]): this {
    const list = propList(props);
    this.context.enqueue({ m: 'worksheet.load', s: this.label, p: list }, () => {
      const sheet = this.resolve();
      if (!sheet && !this.nullable) throw noSheet(this.label);
      this.fill(list, sheet);
      return this.toJSON();
    });
    return this;
  }

  delete(): void {
    this.context.enqueue({ m: 'worksheet.delete', s: this.label }, () => {
      const sheet = this.sheet();
      const book = this.context.book;
      book.sheets.splice(book.sheets.indexOf(sheet), 1);
      return null;
    });
  }

  /** The sheet's tables (ExcelApi 1.1). */
  get tables(): FakeTables {
    return new FakeTables(this.context, this);
  }

  getRange(address: string): FakeRange {
    const area = parseAddress(address);
    if (!area) throw new FakeOfficeError('InvalidArgument', `Bad address: ${address}`);
    return new FakeRange(this.context, this, () => area);
  }

  getRanges(address: string): FakeRangeAreas {
    if (address.length > MAX_RANGES_ADDRESS) {
      throw new FakeOfficeError('InvalidArgument', `getRanges address is ${address.length} characters long`);
    }
    const areas = address.split(',').map((a) => parseAddress(a));
    if (areas.some((a) => !a)) throw new FakeOfficeError('InvalidArgument', `Bad address: ${address}`);
    return new FakeRangeAreas(this.context, this, areas as Area[], address);
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, this, () => usedArea(this.sheet(), valuesOnly), true);
  }
}

/** A table column's name from its header cell: the text, or 列N (N its place) when blank; unique among `taken`. */
function headerName(value: CellValue, place: number, taken: string[]): string {
  const text = value === null || typeof value === 'boolean' ? '' : String(value).trim();
  return tableColumnNames([text || `列${place}`], taken)[0]!;
}

/** Excel keeps a table's column names equal to its header cells: written header cells rename their columns. */
function renameHeaders(sheet: FakeSheet, written: Area): void {
  for (const t of sheet.tables) {
    const a = parseAddress(t.ref)!;
    if (!t.showHeaders || a.top < written.top || a.top > written.bottom) continue;
    for (let c = Math.max(a.left, written.left); c <= Math.min(a.right, written.right); c++) {
      const others = t.columns.filter((_, i) => i !== c - a.left);
      t.columns[c - a.left] = headerName(sheet.cells.get(key(a.top, c))?.value ?? null, c - a.left + 1, others);
    }
  }
}

/** A table's range now, or ItemNotFound when no table has that name (renamed or deleted since it was got). */
function tableNamed(book: FakeBook, name: string): { sheet: FakeSheet; table: FakeTable } {
  const found = book.table(name);
  if (!found) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: table '${name}'.`);
  return found;
}

/**
 * workbook.tables or worksheet.tables: load (items/name, items/showHeaders, items/showTotals — ExcelApi 1.3 —,
 * items/worksheet/name — 1.2) and getItem by name.
 */
class FakeTables extends Proxy_ {
  constructor(
    context: FakeContext,
    private readonly worksheet: FakeWorksheet | null,
  ) {
    super(context);
  }

  get items(): FakeTableProxy[] {
    return this.read('items');
  }

  load(props?: string | string[]): this {
    const sub = propList(props).map((p) => p.trim().replace(/^items\//, ''));
    this.context.enqueue({ m: 'tables.load', s: this.worksheet?.label ?? null, p: sub }, () => {
      const sheets = this.worksheet ? [this.worksheet.sheet()] : this.context.book.sheets;
      const items = sheets.flatMap((sheet) => sheet.tables.map((t) => new FakeTableProxy(this.context, t.name).fill(sub, sheet, t)));
      this.loaded.set('items', items);
      return items.map((t) => t.toJSON());
    });
    return this;
  }

  /** The table, or a null object (isNullObject after a load and sync) when there is none of that name. */
  getItemOrNullObject(name: string): FakeTableProxy {
    this.context.enqueue({ m: 'tables.getItemOrNullObject', name });
    return new FakeTableProxy(this.context, name, true);
  }

  getItem(name: string): FakeTableProxy {
    this.context.enqueue({ m: 'tables.getItem', name }, () => {
      const found = tableNamed(this.context.book, name);
      if (this.worksheet && found.sheet !== this.worksheet.sheet()) throw new FakeOfficeError('ItemNotFound', `No table '${name}' on this sheet.`);
      return null;
    });
    return new FakeTableProxy(this.context, name);
  }
}

/** One table: its properties, its ranges (whole, header row, totals row), resize (ExcelApi 1.13) and columns.add. */
class FakeTableProxy extends Proxy_ {
  readonly columns: { add(index?: number | null, values?: unknown, name?: string): void };

  constructor(
    context: FakeContext,
    private readonly tableName: string,
    private readonly nullable = false,
  ) {
    super(context);
    this.columns = {
      /**
       * Appends a column at the table's right edge (the only place the fake adds one): cells right of the table, in
       * the table's rows, move right one column, as Excel inserts a table column; the new header is `name` or 列N.
       */
      add: (index?: number | null, values?: unknown, name?: string) =>
        context.enqueue({ m: 'table.columns.add', t: tableName, index: index ?? null, name: name ?? null }, () => {
          if (name !== undefined) context.host.requires('1.4', 'tableColumns.add(name)');
          const { sheet, table } = tableNamed(context.book, tableName);
          writable(sheet);
          if ((index !== undefined && index !== null && index !== table.columns.length) || (values !== undefined && values !== null)) {
            throw new FakeOfficeError('InvalidArgument', 'the fake adds an empty column at the end only');
          }
          const a = parseAddress(table.ref)!;
          const moved = new Map<string, FakeCell>();
          for (const [k, cell] of sheet.cells) {
            const [r, c] = parseKey(k);
            moved.set(r >= a.top && r <= a.bottom && c > a.right ? key(r, c + 1) : k, cell);
          }
          sheet.cells = moved;
          const [header] = tableColumnNames([name ?? null], table.columns);
          if (table.showHeaders) sheet.cells.set(key(a.top, a.right + 1), { ...(sheet.cells.get(key(a.top, a.right + 1)) ?? {}), value: header! });
          table.columns.push(header!);
          table.ref = formatArea({ ...a, right: a.right + 1 });
          return null;
        }),
    };
  }

  fill(props: string[], sheet: FakeSheet, table: FakeTable): this {
    for (const p of props) {
      if (p === 'name') this.loaded.set('name', table.name);
      else if (p === 'showHeaders' || p === 'showTotals') {
        this.context.host.requires('1.3', `table.${p}`);
        this.loaded.set(p, table[p]);
      } else if (p === 'worksheet/name') {
        this.context.host.requires('1.2', 'table.worksheet');
        this.loaded.set('worksheet/name', sheet.name);
      } else throw new FakeOfficeError('InvalidArgument', `The fake cannot load table.${p}`);
    }
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }

  load(props?: string | string[]): this {
    const list = propList(props).map((p) => p.trim());
    this.context.enqueue({ m: 'table.load', t: this.tableName, p: list }, () => {
      const found = this.context.book.table(this.tableName);
      this.loaded.set('isNullObject', !found);
      if (!found && this.nullable) {
        for (const p of list) this.loaded.set(p, null);
        return this.toJSON();
      }
      const { sheet, table } = tableNamed(this.context.book, this.tableName);
      return this.fill(list, sheet, table).toJSON();
    });
    return this;
  }

  get name(): string {
    return this.read('name');
  }
  get showHeaders(): boolean {
    return this.read('showHeaders');
  }
  get showTotals(): boolean {
    return this.read('showTotals');
  }
  get worksheet(): { name: string } {
    return { name: this.read<string>('worksheet/name') };
  }

  /** A range of the table, found when the command runs (the table may have moved by then). */
  private range(part: (a: Area, t: FakeTable) => Area | null, what: string): FakeRange {
    const book = this.context.book;
    const name = this.tableName;
    const ws = new FakeWorksheet(this.context, () => book.table(name)?.sheet ?? null, name, false);
    return new FakeRange(this.context, ws, () => {
      const { table } = tableNamed(book, name);
      const area = part(parseAddress(table.ref)!, table);
      if (!area) throw new FakeOfficeError('InvalidArgument', `Table '${name}' has no ${what}.`);
      return area;
    });
  }

  getRange(): FakeRange {
    return this.range((a) => a, 'range');
  }

  getHeaderRowRange(): FakeRange {
    return this.range((a, t) => (t.showHeaders ? { ...a, bottom: a.top } : null), 'header row');
  }

  getTotalRowRange(): FakeRange {
    return this.range((a, t) => (t.showTotals ? { ...a, top: a.bottom } : null), 'totals row');
  }

  /**
   * Table Design → Resize Table (ExcelApi 1.13): the new range keeps the header row (same top row, overlapping the
   * old range); columns it takes in are named by their header cells, columns it drops are gone.
   */
  resize(newRange: FakeRange | string): void {
    const address = typeof newRange === 'string' ? newRange : null;
    this.context.enqueue({ m: 'table.resize', t: this.tableName, a: address ?? '(range)' }, () => {
      this.context.host.requires('1.13', 'table.resize');
      const { sheet, table } = tableNamed(this.context.book, this.tableName);
      writable(sheet);
      const to = address !== null ? parseAddress(address.replace(/^.*!/, '').replace(/\$/g, '')) : (newRange as FakeRange).area();
      const from = parseAddress(table.ref)!;
      if (!to || to.top !== from.top || to.left > from.right || to.right < from.left) {
        throw new FakeOfficeError('InvalidArgument', `Resize of '${table.name}' must keep its header row and overlap it.`);
      }
      if (typeof newRange !== 'string' && newRange.worksheet.sheet() !== sheet) throw new FakeOfficeError('InvalidArgument', 'Resize to another sheet.');
      const names = new Map(table.columns.map((n, i) => [from.left + i, n]));
      const kept: string[] = [];
      for (let c = to.left; c <= to.right; c++) if (names.has(c)) kept.push(names.get(c)!);
      const columns: string[] = [];
      for (let c = to.left; c <= to.right; c++) {
        if (names.has(c)) columns.push(names.get(c)!);
        else columns.push(headerName(table.showHeaders ? sheet.cells.get(key(to.top, c))?.value ?? null : null, c - to.left + 1, [...kept, ...columns]));
      }
      table.columns = columns;
      table.ref = formatArea(to);
      return null;
    });
  }
}

class FakeChartProxy {
  readonly title: { text: string };
  constructor(
    context: FakeContext,
    chart: FakeChart,
  ) {
    this.title = {
      set text(t: string) {
        context.enqueue({ m: 'chart.title', t }, () => ((chart.title = t), null));
      },
      get text(): string {
        return chart.title;
      },
    };
    this.setPosition = (start: string, end?: string) =>
      context.enqueue({ m: 'chart.setPosition', start, end }, () => {
        chart.anchor = start;
        if (end !== undefined) chart.end = end;
        return null;
      });
  }
  readonly setPosition: (start: string, end?: string) => void;
}

/**
 * What Excel stores when a value is written: "'" forces text, "=" a formula, numeric/boolean text is converted.
 * Never less strict than Excel about formulas: "+x", "@x", "-x" (not a number) and "=" after leading whitespace
 * (spaces, tab, CR, LF) are taken as formulas too, as Excel's formula bar would take them.
 */
function coerce(value: CellValue): FakeCell | null {
  if (value === '' ) return null;
  if (typeof value !== 'string') return { value };
  if (value.startsWith("'")) return { value: value.slice(1) };
  if (/^\s*[=@]/.test(value) || (/^\s*[+-]\S/.test(value) && !/^\s*[+-](\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value))) return { value, formula: true };
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value.trim())) return { value: Number(value) };
  if (/^(true|false)$/i.test(value)) return { value: value.toUpperCase() === 'TRUE' };
  const date = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(value.trim());
  if (date) return { value: Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!) / 86_400_000 + 25_569 };
  const money = /^[$¥￥€£]\s*([\d,]*\.?\d+)$/.exec(value.trim());
  if (money) return { value: Number(money[1]!.replace(/,/g, '')) };
  const month = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s\-/.]*(\d{1,2})$/i.exec(value.trim());
  if (month) {
    const m = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(month[1]!.toLowerCase());
    return { value: Date.UTC(2026, m, +month[2]!) / 86_400_000 + 25_569 }; // Excel assumes the current year
  }
  return { value };
}

function cells(area: Area): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) out.push([r, c]);
  return out;
}

/** Fill, font, bold, alignment and wrap writes, and row autofit, shared by Range and RangeAreas. */
function formatProxy(context: FakeContext, label: string, what: () => string, targets: () => Array<[FakeSheet, number, number]>) {
  const style = (prop: 'fill' | 'font' | 'bold' | 'hAlign' | 'vAlign' | 'wrap', value: string | boolean | undefined, m: string) =>
    context.enqueue({ m, s: label, a: what(), v: value ?? null }, () => {
      for (const [sheet, r, c] of targets()) {
        writable(sheet);
        const k = key(r, c);
        const cell = sheet.cells.get(k) ?? { value: null };
        (cell as unknown as Record<string, unknown>)[prop] = value;
        sheet.cells.set(k, cell);
      }
      return null;
    });
  return {
    fill: {
      set color(c: string) {
        style('fill', c.toUpperCase(), 'fill.color');
      },
      clear: () => style('fill', undefined, 'fill.clear'),
    },
    font: {
      set color(c: string) {
        style('font', c.toUpperCase(), 'font.color');
      },
      set bold(b: boolean) {
        style('bold', b || undefined, 'font.bold');
      },
    },
    set horizontalAlignment(a: string) {
      style('hAlign', a, 'format.horizontalAlignment');
    },
    set verticalAlignment(a: string) {
      style('vAlign', a, 'format.verticalAlignment');
    },
    set wrapText(w: boolean) {
      style('wrap', w || undefined, 'format.wrapText');
    },
    /** ExcelApi 1.2. Records the rows: the fake has no fonts to measure. */
    autofitRows: () =>
      context.enqueue({ m: 'format.autofitRows', s: label, a: what() }, () => {
        context.host.requires('1.2', 'format.autofitRows');
        for (const [sheet, r] of targets()) sheet.autofitRows.add(r);
        return null;
      }),
  };
}

/**
 * Excel's whole-row delete for an area: rows above stay, rows below move up by n, and an area spanning deleted
 * rows shrinks by the ones it loses; null when all its rows were deleted.
 */
function afterRowDelete(a: Area, top: number, n: number): Area | null {
  const last = top + n - 1;
  const newTop = a.top < top ? a.top : a.top > last ? a.top - n : top;
  const newBottom = a.bottom < top ? a.bottom : a.bottom > last ? a.bottom - n : top - 1;
  return newBottom >= newTop ? { ...a, top: newTop, bottom: newBottom } : null;
}

class FakeRange extends Proxy_ {
  readonly format: ReturnType<typeof formatProxy> & { columnWidth: number };
  readonly conditionalFormats: { add(type: string): { dataBar: object } };

  constructor(
    context: FakeContext,
    readonly worksheet: FakeWorksheet,
    private readonly areaOf: () => Area | null,
    private readonly nullable = false,
  ) {
    super(context);
    const self = this;
    const base = formatProxy(context, '', () => this.addressText(), () => cells(this.area()).map(([r, c]) => [worksheet.sheet(), r, c]));
    // defineProperty, not Object.assign: assign would call the write-only getter.
    Object.defineProperty(base, 'columnWidth', {
      set(w: number) {
        context.enqueue({ m: 'columnWidth', a: self.addressText(), w }, () => {
          const area = self.area();
          for (let c = area.left; c <= area.right; c++) worksheet.sheet().columnWidths.set(c, w);
          return null;
        });
      },
      get(): number {
        throw new FakeOfficeError('PropertyNotLoaded', 'columnWidth is write-only in the fake');
      },
    });
    this.format = base as typeof this.format;
    this.conditionalFormats = {
      add: (type: string) => {
        context.enqueue({ m: 'conditionalFormats.add', type, a: this.addressText() }, () => {
          context.host.requires('1.6', 'conditionalFormats');
          worksheet.sheet().dataBars.push(formatArea(this.area()));
          return null;
        });
        return { dataBar: {} };
      },
    };
  }

  area(): Area {
    const area = this.areaOf();
    if (!area) throw new FakeOfficeError('InvalidArgument', 'The range is a null object.');
    return area;
  }

  /** For payloads: the address if it can be known now (a used range is only known when the request runs). */
  private addressText(): string {
    try {
      const area = this.areaOf();
      return area ? formatArea(area) : '(null)';
    } catch {
      return '(usedRange)';
    }
  }

  load(props?: string | string[]): this {
    const list = propList(props).map((p) => p.trim());
    this.context.enqueue({ m: 'range.load', a: this.addressText(), p: list }, () => {
      const area = this.areaOf();
      if (!area && !this.nullable) throw new FakeOfficeError('InvalidArgument', 'no range');
      this.loaded.set('isNullObject', area === null);
      const sheet = this.worksheet.sheet();
      for (const p of list) {
        if (!area) {
          this.loaded.set(p, null);
          continue;
        }
        if (p === 'values') {
          this.loaded.set(
            'values',
            Array.from({ length: area.bottom - area.top + 1 }, (_, i) =>
              Array.from({ length: area.right - area.left + 1 }, (_, j) => sheet.cells.get(key(area.top + i, area.left + j))?.value ?? ''),
            ),
          );
        } else if (p === 'formulas') {
          // A formula cell's text ("=SUM(E4:E9)"), any other cell's value, as Excel gives range.formulas.
          this.loaded.set(
            'formulas',
            Array.from({ length: area.bottom - area.top + 1 }, (_, i) =>
              Array.from({ length: area.right - area.left + 1 }, (_, j) => sheet.cells.get(key(area.top + i, area.left + j))?.value ?? ''),
            ),
          );
        } else if (p === 'rowIndex') this.loaded.set(p, area.top - 1);
        else if (p === 'columnIndex') this.loaded.set(p, area.left - 1);
        else if (p === 'rowCount') this.loaded.set(p, area.bottom - area.top + 1);
        else if (p === 'columnCount') this.loaded.set(p, area.right - area.left + 1);
        else if (p === 'address') this.loaded.set(p, `${quote(sheet.name)}!${formatArea(area)}`);
        else throw new FakeOfficeError('InvalidArgument', `The fake cannot load range.${p}`);
      }
      return Object.fromEntries(this.loaded);
    });
    return this;
  }

  get values(): CellValue[][] {
    return this.read('values');
  }

  get formulas(): CellValue[][] {
    return this.read('formulas');
  }

  /** Formulas as text ("=…"); the fake stores them as values written with "=". */
  set formulas(formulas: CellValue[][]) {
    this.values = formulas;
  }

  set values(values: CellValue[][]) {
    this.context.enqueue({ m: 'values', s: this.worksheet.label, a: this.addressText(), v: values }, () => {
      const area = this.area();
      const rows = area.bottom - area.top + 1;
      const cols = area.right - area.left + 1;
      if (values.length !== rows || values.some((row) => row.length !== cols)) {
        throw new FakeOfficeError('InvalidArgument', `values are not ${rows}×${cols} for ${formatArea(area)}`);
      }
      const sheet = writable(this.worksheet.sheet());
      values.forEach((row, i) =>
        row.forEach((value, j) => {
          if (value === null) return; // Office.js: null leaves the cell unchanged
          const k = key(area.top + i, area.left + j);
          const before = sheet.cells.get(k);
          const written = coerce(value);
          const next: FakeCell = { ...(before ?? { value: null }), value: written?.value ?? null };
          delete next.formula;
          if (written?.formula) next.formula = true;
          sheet.cells.set(k, next);
        }),
      );
      renameHeaders(sheet, area);
      return null;
    });
  }

  /** Number formats, one per cell as Office.js takes them (a 2-D array the range's size). */
  set numberFormat(formats: string[][]) {
    this.context.enqueue({ m: 'numberFormat', s: this.worksheet.label, a: this.addressText() }, () => {
      const area = this.area();
      if (formats.length !== area.bottom - area.top + 1 || formats.some((row) => row.length !== area.right - area.left + 1)) {
        throw new FakeOfficeError('InvalidArgument', `numberFormat is not the size of ${formatArea(area)}`);
      }
      const sheet = writable(this.worksheet.sheet());
      formats.forEach((row, i) =>
        row.forEach((f, j) => {
          const k = key(area.top + i, area.left + j);
          sheet.cells.set(k, { ...(sheet.cells.get(k) ?? { value: null }), numberFormat: f });
        }),
      );
      return null;
    });
  }

  /**
   * Selects the range in Excel's UI. The fake insists that its sheet is the active one (activate() first), which is
   * what makes a selection visible in Excel; it is never less strict than Excel.
   */
  select(): void {
    this.context.enqueue({ m: 'range.select', s: this.worksheet.label, a: this.addressText() }, () => {
      const sheet = this.worksheet.sheet();
      if (this.context.book.active() !== sheet) throw new FakeOfficeError('InvalidSelection', `Select on '${sheet.name}', which is not the active sheet.`);
      this.context.book.selection = { sheet: sheet.name, address: formatArea(this.area()) };
      return null;
    });
  }

  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get address(): string {
    return this.read('address');
  }

  clear(applyTo = 'All'): void {
    this.context.enqueue({ m: 'clear', a: this.addressText(), applyTo }, () => {
      const sheet = this.worksheet.sheet();
      for (const [r, c] of cellsInSheet(sheet, this.area())) {
        const k = key(r, c);
        if (applyTo === 'Contents') {
          const cell = sheet.cells.get(k)!;
          sheet.cells.set(k, { ...cell, value: null, formula: undefined });
        } else sheet.cells.delete(k);
      }
      return null;
    });
  }

  /** Whole rows only (what the gateway deletes), shifting the rows below up — cells, notes and merged areas, as Excel does. */
  delete(shift: string): void {
    this.context.enqueue({ m: 'delete', a: this.addressText(), shift }, () => {
      const area = this.area();
      const sheet = writable(this.worksheet.sheet());
      if (shift !== 'Up' || area.left !== 1 || area.right < 16_384) {
        throw new FakeOfficeError('InvalidArgument', 'the fake deletes whole rows only');
      }
      const n = area.bottom - area.top + 1;
      const moved = new Map<string, FakeCell>();
      for (const [k, cell] of sheet.cells) {
        const [r, c] = parseKey(k);
        if (r < area.top) moved.set(k, cell);
        else if (r > area.bottom) moved.set(key(r - n, c), cell);
      }
      sheet.cells = moved;
      const notes = new Map<string, string>();
      for (const [a, text] of sheet.notes) {
        const cell = parseAddress(a)!;
        if (cell.top < area.top) notes.set(a, text);
        else if (cell.top > area.bottom) notes.set(formatArea({ ...cell, top: cell.top - n, bottom: cell.top - n }), text);
      }
      sheet.notes = notes;
      // Merged areas move up; one spanning deleted rows shrinks (and is no merge once a single cell is left).
      sheet.merges = sheet.merges.flatMap((m) => {
        const after = afterRowDelete(parseAddress(m)!, area.top, n);
        return after && (after.bottom > after.top || after.right > after.left) ? [formatArea(after)] : [];
      });
      sheet.autofitRows = new Set([...sheet.autofitRows].filter((r) => r < area.top || r > area.bottom).map((r) => (r > area.bottom ? r - n : r)));
      // Tables move up and shrink by the rows they lose, as Excel's row delete does; one left without rows is gone.
      sheet.tables = sheet.tables.flatMap((t) => {
        const after = afterRowDelete(parseAddress(t.ref)!, area.top, n);
        return after ? [{ ...t, ref: formatArea(after) }] : [];
      });
      for (const other of this.context.book.sheets) {
        for (const [k, cell] of other.cells) {
          if (cell.formula && typeof cell.value === 'string') other.cells.set(k, { ...cell, value: refsAfterDelete(cell.value, other.name, sheet.name, area.top, n) });
        }
      }
      return null;
    });
  }

  /**
   * Whole rows only (what the gateway inserts): Excel's Insert → Entire row. Rows from the area down move down
   * (cells, notes, merged areas: one spanning the row grows), references on the sheet's formulas move or widen the
   * way Excel moves them (a range ending right above the new rows does not grow), and the new rows take the
   * formats of the row above ("format same as above").
   */
  insert(shift: string): void {
    this.context.enqueue({ m: 'insert', a: this.addressText(), shift }, () => {
      const area = this.area();
      const sheet = writable(this.worksheet.sheet());
      if (shift !== 'Down' || area.left !== 1 || area.right < 16_384) throw new FakeOfficeError('InvalidArgument', 'the fake inserts whole rows only');
      const n = area.bottom - area.top + 1;
      const at = area.top;
      const down = (r: number) => (r >= at ? r + n : r);
      const moved = new Map<string, FakeCell>();
      for (const [k, cell] of sheet.cells) {
        const [r, c] = parseKey(k);
        moved.set(key(down(r), c), cell);
      }
      for (const [k, cell] of sheet.cells) {
        const [r, c] = parseKey(k);
        if (r !== at - 1) continue;
        for (let i = 0; i < n; i++) moved.set(key(at + i, c), { value: null, fill: cell.fill, font: cell.font, bold: cell.bold, hAlign: cell.hAlign, vAlign: cell.vAlign, wrap: cell.wrap });
      }
      sheet.cells = moved;
      const notes = new Map<string, string>();
      for (const [a, text] of sheet.notes) {
        const cell = parseAddress(a)!;
        notes.set(formatArea({ ...cell, top: down(cell.top), bottom: down(cell.top) }), text);
      }
      sheet.notes = notes;
      sheet.merges = sheet.merges.map((m) => {
        const a = parseAddress(m)!;
        return formatArea(a.top >= at ? { ...a, top: a.top + n, bottom: a.bottom + n } : a.bottom >= at ? { ...a, bottom: a.bottom + n } : a);
      });
      for (const other of this.context.book.sheets) {
        for (const [k, cell] of other.cells) {
          if (cell.formula && typeof cell.value === 'string') other.cells.set(k, { ...cell, value: refsAfterInsert(cell.value, other.name, sheet.name, at, n) });
        }
      }
      sheet.autofitRows = new Set([...sheet.autofitRows].map(down));
      // A table below moves down; rows inserted inside it (below its header row, up to its totals row) become table
      // rows; rows inserted right below its last row do not join it — Excel does not extend a table that way.
      for (const t of sheet.tables) {
        const a = parseAddress(t.ref)!;
        if (at <= a.top) t.ref = formatArea({ ...a, top: a.top + n, bottom: a.bottom + n });
        else if (at <= a.bottom) t.ref = formatArea({ ...a, bottom: a.bottom + n });
      }
      return null;
    });
  }

  /** Formats only (fill, font colour, bold, alignment, wrap), cell by cell over the same shape (whole rows: the cells that exist). */
  copyFrom(source: FakeRange, copyType: string): void {
    this.context.enqueue({ m: 'copyFrom', a: this.addressText(), from: source.addressText(), copyType }, () => {
      if (copyType !== 'Formats') throw new FakeOfficeError('InvalidArgument', 'the fake copies formats only');
      const to = this.area();
      const from = source.area();
      const src = source.worksheet.sheet();
      const dst = this.worksheet.sheet();
      if (to.right >= 16_384 && from.right >= 16_384 && to.top === to.bottom && from.top === from.bottom) {
        for (const [k, d] of [...dst.cells]) if (parseKey(k)[0] === to.top) dst.cells.set(k, { value: d.value, ...(d.formula ? { formula: true } : {}) });
        for (const [k, s] of src.cells) {
          const [r, c] = parseKey(k);
          if (r !== from.top) continue;
          const d = dst.cells.get(key(to.top, c)) ?? { value: null };
          dst.cells.set(key(to.top, c), { value: d.value, ...(d.formula ? { formula: true } : {}), fill: s.fill, font: s.font, bold: s.bold, hAlign: s.hAlign, vAlign: s.vAlign, wrap: s.wrap });
        }
        return null;
      }
      for (let r = 0; r <= to.bottom - to.top; r++) {
        for (let c = 0; c <= to.right - to.left; c++) {
          const s = src.cells.get(key(from.top + (r % (from.bottom - from.top + 1)), from.left + (c % (from.right - from.left + 1))));
          const k = key(to.top + r, to.left + c);
          const d = dst.cells.get(k) ?? { value: null };
          dst.cells.set(k, { value: d.value, ...(d.formula ? { formula: true } : {}), fill: s?.fill, font: s?.font, bold: s?.bold, hAlign: s?.hAlign, vAlign: s?.vAlign, wrap: s?.wrap });
        }
      }
      return null;
    });
  }
}

/**
 * References in a formula after n rows of `sheet` are inserted at `at`, as Excel moves them: a reference at or
 * below moves down, a range spanning the inserted rows widens; written independently of the add-in's own helpers.
 */
function refsAfterInsert(formula: string, home: string, sheet: string, at: number, n: number): string {
  const ref = /((?:'[^']+'|[^\s!'"(),:=+\-*/&<>^]+)!)?(\$?)([A-Z]{1,3})(\$?)(\d+)(?::(\$?)([A-Z]{1,3})(\$?)(\d+))?(?![\w(])/g;
  return formula.replace(ref, (m, prefix: string | undefined, d1: string, c1: string, d2: string, r1: string, d3?: string, c2?: string, d4?: string, r2?: string) => {
    const on = prefix ? prefix.slice(0, -1).replace(/^'(.*)'$/, '$1') : home;
    if (on.toLowerCase() !== sheet.toLowerCase()) return m;
    const top = Number(r1);
    const bottom = r2 === undefined ? top : Number(r2);
    const newTop = top >= at ? top + n : top;
    const newBottom = bottom >= at ? bottom + n : bottom;
    const first = `${prefix ?? ''}${d1}${c1}${d2}${newTop}`;
    return r2 === undefined ? first : `${first}:${d3}${c2}${d4}${newBottom}`;
  });
}

/** References after n rows of `sheet` from `top` are deleted, as Excel moves them: up, shrunk, or #REF! when gone. */
function refsAfterDelete(formula: string, home: string, sheet: string, top: number, n: number): string {
  const ref = /((?:'[^']+'|[^\s!'"(),:=+\-*/&<>^]+)!)?(\$?)([A-Z]{1,3})(\$?)(\d+)(?::(\$?)([A-Z]{1,3})(\$?)(\d+))?(?![\w(])/g;
  return formula.replace(ref, (m, prefix: string | undefined, d1: string, c1: string, d2: string, r1: string, d3?: string, c2?: string, d4?: string, r2?: string) => {
    const on = prefix ? prefix.slice(0, -1).replace(/^'(.*)'$/, '$1') : home;
    if (on.toLowerCase() !== sheet.toLowerCase()) return m;
    const after = afterRowDelete({ top: Number(r1), bottom: r2 === undefined ? Number(r1) : Number(r2), left: 1, right: 1 }, top, n);
    if (!after) return '#REF!';
    const first = `${prefix ?? ''}${d1}${c1}${d2}${after.top}`;
    return r2 === undefined ? first : `${first}:${d3}${c2}${d4}${after.bottom}`;
  });
}

function cellsInSheet(sheet: FakeSheet, area: Area): Array<[number, number]> {
  return [...sheet.cells.keys()].map(parseKey).filter(([r, c]) => r >= area.top && r <= area.bottom && c >= area.left && c <= area.right);
}

class FakeRangeAreas {
  readonly format: ReturnType<typeof formatProxy>;
  constructor(
    context: FakeContext,
    worksheet: FakeWorksheet,
    areas: Area[],
    address: string,
  ) {
    this.format = formatProxy(context, '', () => address, () => {
      const sheet = worksheet.sheet();
      return areas.flatMap((a) => cells(a).map(([r, c]) => [sheet, r, c] as [FakeSheet, number, number]));
    });
  }
}

function quote(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "'Sheet 1'!B5" → sheet and cell. */
function splitQualified(book: FakeBook, address: string): [FakeSheet, string] {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(address);
  if (!m) throw new FakeOfficeError('InvalidArgument', `a note address needs a sheet: ${address}`);
  const name = (m[1] ?? m[2]!).replace(/''/g, "'");
  const sheet = book.sheet(name);
  if (!sheet) throw noSheet(name);
  return [sheet, m[3]!.replace(/\$/g, '')];
}

class FakeNotes {
  constructor(private readonly context: FakeContext) {}

  add(cell: string, content: string): void {
    this.context.enqueue({ m: 'notes.add', cell, content }, () => {
      const [sheet, a] = splitQualified(this.context.book, cell);
      if (sheet.notes.has(a)) throw new FakeOfficeError('InvalidArgument', `cell ${a} already has a note`);
      sheet.notes.set(a, content);
      return null;
    });
  }

  getItemOrNullObject(cell: string): FakeNote {
    this.context.enqueue({ m: 'notes.getItemOrNullObject', cell });
    return new FakeNote(this.context, cell);
  }
}

class FakeNote extends Proxy_ {
  constructor(
    context: FakeContext,
    private readonly cell: string,
  ) {
    super(context);
  }

  private find(): [FakeSheet, string] | null {
    const [sheet, a] = splitQualified(this.context.book, this.cell);
    return sheet.notes.has(a) ? [sheet, a] : null;
  }

  load(props?: string | string[]): this {
    this.context.enqueue({ m: 'note.load', cell: this.cell, p: propList(props) }, () => {
      const found = this.find();
      this.loaded.set('isNullObject', !found);
      this.loaded.set('content', found ? found[0].notes.get(found[1]) : null);
      return Object.fromEntries(this.loaded);
    });
    return this;
  }

  get content(): string {
    return this.read('content');
  }

  set content(text: string) {
    this.context.enqueue({ m: 'note.content', cell: this.cell, text }, () => {
      const found = this.find();
      if (!found) throw new FakeOfficeError('ItemNotFound', `no note at ${this.cell}`);
      found[0].notes.set(found[1], text);
      return null;
    });
  }

  delete(): void {
    this.context.enqueue({ m: 'note.delete', cell: this.cell }, () => {
      const found = this.find();
      if (!found) throw new FakeOfficeError('ItemNotFound', `no note at ${this.cell}`);
      found[0].notes.delete(found[1]);
      return null;
    });
  }
}
