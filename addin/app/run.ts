/**
 * runSync: read → map → plan ids → write ids → sync in chunks → plan → write. The ids are written before
 * any row is sent, so a sync that fails half-way and is retried sends the same ids and changes nothing twice.
 */
import { isValidId, oneLineText, WORKBOOK_ID_MAX, type ListKey, type RawCell, type Message, type MissingProject, type SyncRowResult, type SyncSummary } from '../../contract';
import {
  buildPlan,
  cellText,
  colLetter,
  MSG,
  newId,
  planIds,
  type ApplyResult,
  type HeaderIssue,
  type MoveReport,
  type PlanOptions,
  type RowErrorReport,
  type WorkbookGateway,
  type WorkbookSettings,
} from '../core';
import { sendSync, type ApiTarget, type ClientOptions, type SyncProgress } from './client';
import { figuresRows, type ProjectFiguresRow } from './figures';
import { defaultRandom } from './random';
import { readLedger } from './read';

export { LedgerError } from './read';

export interface RunOptions extends PlanOptions, ClientOptions {
  /** Workbook name sent to the backend (file name or document title); by default the name the gateway read. */
  workbookName?: string;
  /** Evaluate flags as of this date (honoured by local/test stacks only). */
  asOf?: string;
  /**
   * The id of a workbook that holds none (no settings sheet: an original synced in copy mode), as the caller
   * remembers it for this file — asked only then, so a caller that mints and records one does so only when needed.
   * Without it such a workbook is given a new id, and each sync comes as another workbook.
   */
  workbookId?: () => string;
}

export type RunPhase = 'read' | 'ids' | 'sync' | 'write' | 'done';
export interface RunProgress extends Partial<SyncProgress> {
  phase: RunPhase;
}

/** The counts of a sync, in contract's SyncSummary shape; the outcome details the rest (see summarize). */
export type SyncCounts = Pick<SyncSummary, 'rows' | 'created' | 'updated' | 'unchanged' | 'rejected' | 'red' | 'yellow'>;

export interface FlaggedRow {
  id: string;
  name: string;
  sheet: string;
  row: number;
  /** The row's name cell, e.g. "B7". */
  cell: string;
  level: 'red' | 'yellow';
  reasons: Message[];
}

/** What a sync did: its counts and their details. summarize() gives the whole summary in contract's shape. */
export interface SyncOutcome extends SyncCounts {
  workbookId: string;
  asOf: string;
  /** nameColumn: the letter of the list's 项目名称 column (else its first column), to name a row by its cell (签约项目!B7). */
  lists: Array<{ sheet: string; list: ListKey | null; rows: number; headerRow: number; nameColumn?: string }>;
  idsAssigned: number;
  skipped: { blank: number; total: number; note: number };
  /** Stage transitions the server answered (recorded now, or a move the row awaits), with the days the step took. */
  transitions: Array<{ id: string; name: string; sheet: string; row: number; cell: string; from: string; to: string; on: string; cycleDays: number | null }>;
  moved: MoveReport[];
  pendingMoves: MoveReport[];
  /**
   * The red then yellow projects with their reasons, each at its row's name cell (where it is after an automatic
   * move): what the pane lists under the counts, a click selecting the row.
   */
  flagged: FlaggedRow[];
  /**
   * Each stored project's per-mu figures as the server computed them (投资强度, 亩均税收, 亩均产值; null without
   * land), at its name cell. Optional: outcomes built by hand (tests, the pane's moves) may lack it.
   */
  projects?: ProjectFiguresRow[];
  /** The server's answers for the pending moves' rows, kept so applyMoves can move them later without a sync. */
  pendingResults: SyncRowResult[];
  errors: RowErrorReport[];
  /** Possible duplicates the backend warned of (the rows were stored; not errors). */
  warnings: RowErrorReport[];
  /** Rows whose id the backend did not know and matched by name to a stored project (the ID cell now holds its id). */
  matched: number;
  headerIssues: HeaderIssue[];
  /** Sheets named after a list whose header row could not be found (not synced). */
  sheetsWithoutHeader: Array<{ sheet: string; message: Message }>;
  missing: MissingProject[];
  cellsWritten: number;
}

export interface RunArgs {
  gateway: WorkbookGateway;
  api: ApiTarget;
  options?: RunOptions;
  onProgress?: (p: RunProgress) => void;
  signal?: AbortSignal;
  /**
   * Called once the new ids are in the workbook, before the first chunk is sent (DESIGN §3): a file target that is
   * overwritten in place saves here, so an interrupted sync re-run sends the same ids.
   */
  onIdsWritten?: () => Promise<void>;
}

export async function runSync({ gateway, api, options = {}, onProgress, signal, onIdsWritten }: RunArgs): Promise<SyncOutcome> {
  onProgress?.({ phase: 'read' });
  const { settings, name, dateSystem, layouts, rows, skipped, lists } = await readLedger(gateway);
  const workbookName = options.workbookName ?? name;

  const random = options.random ?? defaultRandom;
  // The workbook's own id, unless the settings sheet holds none or a damaged one (the API would refuse every row).
  const ownId = isValidId(settings.workbookId, WORKBOOK_ID_MAX) ? settings.workbookId : undefined;
  const workbookId = ownId ?? options.workbookId?.() ?? newId(random, 'W-', 12);
  const ids = planIds(layouts.sheets, rows, random);
  const newSettings: WorkbookSettings = { workbookId, mapping: Object.keys(layouts.mapping).length ? layouts.mapping : settings.mapping };
  let written: ApplyResult = { cellsWritten: 0, rowsMoved: 0 };
  if (ids.plan.sheets.length || !ownId) {
    onProgress?.({ phase: 'ids' });
    written = await gateway.apply({ ...ids.plan, settings: newSettings });
    await onIdsWritten?.();
  }

  onProgress?.({ phase: 'sync', chunksDone: 0, rowsDone: 0, rowsTotal: ids.rows.length });
  const synced = await sendSync(
    api,
    { workbook: { id: workbookId, name: workbookName }, dateSystem, ...(options.asOf ? { asOf: options.asOf } : {}) },
    ids.rows.map((r) => ({ ref: { sheet: r.sheet, row: r.row }, list: r.list, id: r.id, cells: r.cells, ...(Object.keys(r.units).length ? { units: r.units } : {}) })),
    // Every id the workbook holds, the blocked rows' too (a cell to fix, a stage unknown): never reported missing.
    [...new Set([...ids.rows.map((r) => r.id), ...ids.blocked.flatMap((r) => (r.id && isValidId(r.id) ? [r.id] : []))])],
    options,
    (p) => onProgress?.({ phase: 'sync', ...p }),
    signal,
  );

  // A held-back row without a valid id (an original's, or an ID cell typed over; a cell to fix) is still in the
  // workbook: its project, named as the row names it, is not reported missing from it.
  const text = (v: RawCell | undefined) => oneLineText(cellText(v ?? null));
  const heldBack = new Set(ids.blocked.filter((r) => !(r.id && isValidId(r.id))).map((r) => `${text(r.cells.unit)}\u0000${text(r.cells.name)}`));

  onProgress?.({ phase: 'write' });
  const nameColumn = (sheet: string): string => {
    const l = layouts.sheets.find((x) => x.sheet === sheet);
    return colLetter(l?.colOf.name ?? 1);
  };
  const rowsById = new Map(ids.rows.map((r) => [r.id, r]));
  const flaggedRows = (): FlaggedRow[] => {
    const movedTo = new Map(planned.moved.flatMap((m) => (m.to.sheet && m.to.row ? [[m.id, { sheet: m.to.sheet, row: m.to.row }] as const] : [])));
    const rank = { red: 0, yellow: 1 } as const;
    return synced.results
      .flatMap((r): FlaggedRow[] => {
        if (r.flag.level === 'none') return [];
        const at = movedTo.get(r.id) ?? r.ref;
        const name = String(rowsById.get(r.sentId ?? r.id)?.cells.name ?? '');
        return [{ id: r.id, name, sheet: at.sheet, row: at.row, cell: `${nameColumn(at.sheet)}${at.row}`, level: r.flag.level, reasons: r.flag.reasons.map((x) => x.message) }];
      })
      .sort((a, b) => rank[a.level] - rank[b.level]);
  };
  const planned = buildPlan(layouts.sheets, [...ids.rows, ...ids.blocked], synced.results, {
    ...options,
    autoMoveRows: options.autoMoveRows ?? settings.autoMoveRows,
    tintName: options.tintName ?? settings.tintName,
  });
  const applied = await gateway.apply({ ...planned.plan, settings: { ...newSettings, lastSync: new Date((options.now ?? Date.now)()).toISOString() } });
  onProgress?.({ phase: 'done' });

  return {
    workbookId,
    asOf: synced.asOf,
    lists: lists.map((l) => ({ ...l, nameColumn: nameColumn(l.sheet) })),
    rows: rows.length,
    created: synced.summary.created,
    updated: synced.summary.updated,
    unchanged: synced.summary.unchanged,
    rejected: synced.summary.rejected + ids.blocked.length,
    red: planned.red,
    yellow: planned.yellow,
    idsAssigned: ids.assigned,
    skipped,
    transitions: synced.results.flatMap((r) =>
      r.transition
        ? [{ id: r.id, name: String(rowsById.get(r.sentId ?? r.id)?.cells.name ?? ''), sheet: r.ref.sheet, row: r.ref.row, cell: `${nameColumn(r.ref.sheet)}${r.ref.row}`, from: r.transition.from, to: r.transition.to, on: r.transition.on, cycleDays: r.transition.cycleDays }]
        : [],
    ),
    moved: planned.moved,
    pendingMoves: planned.pendingMoves,
    flagged: flaggedRows(),
    projects: figuresRows(synced.results, planned.moved, (r) => String(rowsById.get(r.sentId ?? r.id)?.cells.name ?? ''), nameColumn),
    pendingResults: pendingResults(planned.pendingMoves, synced.results),
    errors: planned.errors,
    warnings: planned.warnings,
    matched: synced.results.filter((r) => r.sentId !== undefined).length,
    headerIssues: layouts.sheets.flatMap((l) => l.issues),
    sheetsWithoutHeader: layouts.headerless.map((sheet) => ({ sheet, message: MSG.noHeader(sheet) })),
    missing: synced.missing.filter((m) => !heldBack.has(`${m.unit}\u0000${m.name}`)),
    cellsWritten: written.cellsWritten + applied.cellsWritten,
  };
}

/** The results of the rows whose moves wait for the clerk. */
function pendingResults(pending: readonly MoveReport[], results: readonly SyncRowResult[]): SyncRowResult[] {
  const ids = new Set(pending.map((m) => m.id));
  return results.filter((r) => ids.has(r.id));
}

/**
 * The whole summary of a sync in contract's SyncSummary shape, for every client (the CLI's table, the pane):
 * `transitions` counts the projects whose stage changed — recorded transitions and rows found in an earlier
 * list (moved or pending), each once; `errors` the problems reported on cells.
 */
export function summarize(o: SyncOutcome): SyncSummary & { missing: MissingProject[] } {
  return {
    rows: o.rows,
    created: o.created,
    updated: o.updated,
    unchanged: o.unchanged,
    rejected: o.rejected,
    red: o.red,
    yellow: o.yellow,
    transitions: new Set([...o.transitions.map((x) => x.id), ...o.pendingMoves.map((m) => m.id), ...o.moved.map((m) => m.id)]).size,
    errors: o.errors.length,
    missing: o.missing,
  };
}
