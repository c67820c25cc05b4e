/**
 * The port between the pure core and a spreadsheet. Core reads snapshots, computes a WritePlan, and a gateway
 * (Office.js in addin/office, ExcelJS in addin/xlsx) executes it. Both gateways must produce the same
 * workbook for the same plan. Rows and columns are 1-based sheet coordinates throughout.
 */
import type { FieldKey, ListKey, Message, RawCell } from '../../contract';

/** A sheet's used range as read. values[i][j] is the cell at row top+i, column left+j. */
export interface SheetSnapshot {
  name: string;
  top: number;
  left: number;
  values: RawCell[][];
  /** Number formats parallel to values, where the gateway reads them (tells a date serial from a number). */
  numberFormats?: string[][];
  /** Merged areas in A1 notation ("A1:H1"), where the gateway reads them. */
  merges?: string[];
  /** False for hidden sheets; core skips them when finding lists. */
  visible?: boolean;
  /** Cells holding an Excel error (#N/A, #REF!…): read as null in `values`, listed here by A1 address. */
  cellErrors?: Array<{ address: string; error: string }>;
  /** Excel tables (Insert → Table) on the sheet, where the gateway reads them. */
  tables?: TableInfo[];
}

/** An Excel table: its name, its whole range in A1 (header row to totals row) and whether it has a totals row. */
export interface TableInfo {
  name: string;
  ref: string;
  totalsRow: boolean;
}

/**
 * A list kept as an Excel table grows to take in what the plan adds: the owned columns (and columns a move created)
 * right of it become table columns, named by their header cells, and rows moved in become table rows. `ref` is the
 * table's range once the plan's rows are inserted and before the moves' source rows are deleted; a gateway resizes the
 * table then (a later delete shrinks it as Excel's own row delete does).
 */
export interface TableResize {
  name: string;
  ref: string;
}

/** What the workbook keeps about itself, stored inside the workbook by each gateway. */
export interface WorkbookSettings {
  /** Stable id of this workbook for the backend (created on first sync). */
  workbookId?: string;
  /** Sheet name → list, as detected and confirmed/corrected by the clerk. */
  mapping?: Record<string, ListKey>;
  /** Clerk's corrections of the detected header mapping: sheet → column letter → field (or 'ignore'). */
  headerOverrides?: Record<string, Record<string, FieldKey | 'ignore'>>;
  /** Move rows to their new list without asking. */
  autoMoveRows?: boolean;
  /** Also tint the project-name cell with the flag colour. */
  tintName?: boolean;
  /** Backend base URL chosen in the task pane. */
  apiUrl?: string;
  /** ISO instant of the last successful sync. */
  lastSync?: string;
}

/** Colours as "#RRGGBB"; null clears what the add-in set before. */
export interface CellStyle {
  fill: string | null;
  font: string | null;
}

export interface CellRef {
  row: number;
  col: number;
}

/** Values for a run of consecutive rows in one column (an owned column: id, flag, reason). */
export interface ColumnWrite {
  col: number;
  top: number;
  values: Array<string | null>;
  /** For a column core creates: copy the cell formats (font, border, fill, alignment) of this column, same rows. */
  formatFrom?: number;
  /** For a column core creates: its width in characters. */
  width?: number;
}

export interface StyleWrite {
  style: CellStyle;
  cells: CellRef[];
}

/** A cell note (comment) the add-in owns; text null removes the add-in's earlier note. */
export interface NoteWrite extends CellRef {
  text: string | null;
}

export interface SheetPlan {
  sheet: string;
  /** Owned columns to write, header cells included (a new column gets its header here). */
  columns: ColumnWrite[];
  /** Fills/fonts grouped by style, so gateways can apply one style to many cells at once. */
  styles: StyleWrite[];
  notes: NoteWrite[];
  /**
   * Numbers rewritten in a 序号 column that held a plain 1..n sequence, when a move takes a row out of this sheet:
   * written before the source rows are deleted (row numbers as read), so the sequence reads 1..n−1 afterwards.
   */
  renumber?: Array<{ col: number; top: number; values: number[] }>;
  /** The sheet's list kept as an Excel table: resized over the new columns and the rows moved in (see TableResize). */
  table?: TableResize;
}

/**
 * Moving a row to the end of its new list: `cells` are the values to write in the target sheet's columns
 * (core maps fields across the two sheets' headers, and adds target headers for source columns the target
 * lacks, via the target's SheetPlan.columns). The source row is deleted after all writes, bottom-up.
 */
export interface RowMove {
  id: string;
  from: { sheet: string; row: number };
  to: { sheet: string; row: number };
  cells: Array<{ col: number; value: RawCell }>;
  /**
   * Insert a row at `to.row` first (Excel's Insert → Entire row: the rows from `to.row` down — totals, footnotes,
   * signatures — move down one; merges, notes and references follow). A range of the target sheet that ends on the
   * row just above (`to.row − 1`) and spans more than one row grows to include the new row, when the formula lives
   * at or below `to.row` (a total's SUM over the list, as Excel grows a range you insert inside). `formatRow` (a
   * row above `to.row`, unmoved) gives the new row its formats and height; `lastRow`/`lastCol` bound the area the
   * gateway reads formulas from. Moves are applied in plan order; each insert's row is counted after the earlier
   * inserts of the plan. Source rows (always above any insert of their sheet) are deleted after all inserts.
   */
  insert?: { formatRow?: number; lastRow: number; lastCol: number };
  /**
   * Cells of the moved row in a column this plan creates (a field the target lacked): each takes the formats (borders,
   * font, number format) of the row's cell in column `from`, after the values are written — the row's own cells in
   * that column have none to copy from `formatRow`.
   */
  formats?: Array<{ col: number; from: number }>;
  /** Fills/fonts and the note of the moved row, applied after the insert (so they land on the new row). */
  styles?: StyleWrite[];
  notes?: NoteWrite[];
}

/**
 * A formula the product itself generates (a total over its own cells), without the leading "=". The only way a
 * plan asks for a formula: every string in a plan is text, whatever it starts with ("=", "+", "-", "@", a tab…),
 * so nothing a clerk typed or the API returned can become a live formula (DESIGN §4).
 */
export interface Formula {
  formula: string;
}

/** A leader-sheet cell: a value (strings are text) or one of the product's own formulas. */
export type LeaderCell = RawCell | Formula;

export function isFormula(v: LeaderCell | undefined): v is Formula {
  return typeof v === 'object' && v !== null;
}

/** A sheet the add-in writes whole and replaces on each refresh (领导看板, 周调度, 全县项目). */
export interface LeaderSheetPlan {
  name: string;
  /** Cell values from A1. Strings are written as text; only a `Formula` is written as a formula. */
  rows: LeaderCell[][];
  /** Header rows to freeze and repeat when printing. */
  frozenRows: number;
  columnWidths: number[];
  styles: StyleWrite[];
  /** Bold cells (headers, totals). */
  bold: CellRef[];
  /** Ranges (A1) to draw as data bars in .xlsx / to chart in Excel. */
  dataBars?: string[];
  charts?: Array<{ title: string; type: 'columnClustered' | 'columnStacked' | 'barClustered'; range: string; anchor: string }>;
  landscape: boolean;
  /**
   * Protect the sheet without a password (全县项目: generated, read-only), so nobody types into it by mistake.
   * A gateway replacing such a sheet unprotects it first; a sheet protected with a password is refused.
   */
  protect?: boolean;
  /** Cells centred in their column (headers, figures): a number under a left-aligned header in a wide column reads as misplaced. */
  center?: CellRef[];
  /** Cells whose text is longer than its column is wide: wrapped within the column (rows grow), not spilling past the print width. */
  wrap?: CellRef[];
  /** Number formats by cell (money in 亿元 as '0.00'): the figure is stored exact, shown with a fixed number of decimals. */
  numberFormats?: Array<{ format: string; cells: CellRef[] }>;
  /**
   * Rows repeated at the top of every printed page, instead of the frozen rows (e.g. the red-flag list's header,
   * with a page break before its section so the list starts on a page of its own).
   */
  printTitles?: { top: number; bottom: number };
  /** Manual page breaks: a new printed page starts at each of these rows. */
  pageBreaks?: number[];
  /** An autofilter over this range (A1, header row first); a protected sheet still lets people filter and sort it. */
  autoFilter?: string;
}

export interface WritePlan {
  sheets: SheetPlan[];
  moves: RowMove[];
  leaderSheets: LeaderSheetPlan[];
  /** Merged into the stored settings after the writes succeed. */
  settings?: WorkbookSettings;
}

export interface ApplyResult {
  cellsWritten: number;
  rowsMoved: number;
}

/** Everything a sync reads before it plans: the file's name ('' when unknown), its settings and its sheets. */
export interface WorkbookRead {
  name: string;
  settings: WorkbookSettings;
  sheets: SheetSnapshot[];
}

export interface WorkbookGateway {
  /**
   * Name, settings and sheets together, where a gateway can read them in fewer round trips than readSettings +
   * readSheets (Office: 2 instead of 3). runSync uses it when present.
   */
  readWorkbook?(): Promise<WorkbookRead>;
  /** Every sheet's used range (values, and number formats/merges where supported), in one round trip. */
  readSheets(): Promise<SheetSnapshot[]>;
  readSettings(): Promise<WorkbookSettings>;
  /** The workbook's date system (Excel serials count from 1900 or 1904); 1900 when not implemented. */
  readDateSystem?(): Promise<1900 | 1904>;
  /**
   * Applies a whole plan. Writes nothing half-way: a plan that cannot be applied (a sheet renamed or deleted
   * since the read, a protected sheet) fails with a GatewayError before any change.
   */
  apply(plan: WritePlan): Promise<ApplyResult>;
}

export type GatewayErrorCode = 'sheet_missing' | 'sheet_protected' | 'edit_mode' | 'too_large' | 'io' | 'unknown';

/** An error a gateway raises, with text a clerk can act on (`msg`, the one bilingual shape). */
export class GatewayError extends Error {
  readonly msg: Message;
  constructor(
    readonly code: GatewayErrorCode,
    zh: string,
    en: string,
    readonly sheet?: string,
  ) {
    super(en);
    this.name = 'GatewayError';
    this.msg = { zh, en };
  }
}

/**
 * Where gateways keep WorkbookSettings: a very hidden sheet, JSON text in column A from A1 down (split into
 * 30,000-character pieces, under Excel's 32,767-character cell limit). Chosen over custom document properties
 * because ExcelJS (4.4) neither reads nor writes docProps/custom.xml — they would be lost on every .xlsx save —
 * while a very hidden sheet round-trips through ExcelJS, Excel, WPS and Office.js alike, and clerks cannot
 * unhide it from the Excel UI.
 */
export const SETTINGS_SHEET = '_invest_flags';
const SETTINGS_CHUNK = 30_000;

/** WorkbookSettings → the strings for column A of SETTINGS_SHEET, from A1 down. */
export function encodeSettings(settings: WorkbookSettings): string[] {
  const json = JSON.stringify(settings);
  const pieces: string[] = [];
  for (let i = 0; i < json.length; i += SETTINGS_CHUNK) pieces.push(json.slice(i, i + SETTINGS_CHUNK));
  return pieces;
}

/** Column A of SETTINGS_SHEET from A1 down; anything unreadable counts as no settings (rebuilt on the next write). */
export function decodeSettings(columnA: unknown[]): WorkbookSettings {
  const json = columnA.map((v) => (typeof v === 'string' ? v : '')).join('');
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as WorkbookSettings) : {};
  } catch {
    return {};
  }
}

export const EMPTY_PLAN: WritePlan = { sheets: [], moves: [], leaderSheets: [] };
