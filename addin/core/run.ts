/**
 * runSync: read → map → plan ids → write ids → sync in chunks → plan → write. The ids are written before
 * any row is sent, so a sync that fails half-way and is retried sends the same ids and changes nothing twice.
 */
import type { ListKey, Message, MissingProject, SyncSummary } from '../../contract';
import { sendSync, type ApiTarget, type ClientOptions, type SyncProgress } from './client';
import type { ApplyResult, WorkbookGateway, WorkbookSettings } from './gateway';
import type { HeaderIssue } from './headers';
import { defaultRandom, newId, planIds } from './ids';
import { findLayouts } from './layout';
import { MSG } from './messages';
import { buildPlan, type MoveReport, type PlanOptions, type RowErrorReport } from './plan';
import { extractRows, type LedgerRow } from './rows';

export interface RunOptions extends PlanOptions, ClientOptions {
  /** Workbook name sent to the backend (file name or document title); by default the name the gateway read. */
  workbookName?: string;
  /** Evaluate flags as of this date (honoured by local/test stacks only). */
  asOf?: string;
}

export type RunPhase = 'read' | 'ids' | 'sync' | 'write' | 'done';
export interface RunProgress extends Partial<SyncProgress> {
  phase: RunPhase;
}

export interface SyncOutcome extends Pick<SyncSummary, 'rows' | 'created' | 'updated' | 'unchanged' | 'rejected' | 'red' | 'yellow'> {
  workbookId: string;
  asOf: string;
  lists: Array<{ sheet: string; list: ListKey | null; rows: number; headerRow: number }>;
  idsAssigned: number;
  skipped: { blank: number; total: number; note: number };
  transitions: Array<{ id: string; name: string; sheet: string; row: number; from: string; to: string; on: string }>;
  moved: MoveReport[];
  pendingMoves: MoveReport[];
  errors: RowErrorReport[];
  headerIssues: HeaderIssue[];
  /** Sheets named after a list whose header row could not be found (not synced). */
  sheetsWithoutHeader: Array<{ sheet: string; message: Message }>;
  missing: MissingProject[];
  cellsWritten: number;
}

/** A sync that cannot start: no list sheets in the workbook. */
export class LedgerError extends Error {
  constructor(readonly msg: Message) {
    super(msg.en);
    this.name = 'LedgerError';
  }
}

export interface RunArgs {
  gateway: WorkbookGateway;
  api: ApiTarget;
  options?: RunOptions;
  onProgress?: (p: RunProgress) => void;
  signal?: AbortSignal;
}

export async function runSync({ gateway, api, options = {}, onProgress, signal }: RunArgs): Promise<SyncOutcome> {
  onProgress?.({ phase: 'read' });
  const read = gateway.readWorkbook
    ? await gateway.readWorkbook()
    : { name: '', settings: await gateway.readSettings(), sheets: await gateway.readSheets() };
  const { settings, sheets: snapshots } = read;
  const workbookName = options.workbookName ?? read.name;
  const dateSystem = (await gateway.readDateSystem?.()) ?? 1900;
  const layouts = findLayouts(snapshots, settings);
  if (!layouts.sheets.length) throw new LedgerError(MSG.noListSheets());

  const rows: LedgerRow[] = [];
  const skipped = { blank: 0, total: 0, note: 0 };
  const lists: SyncOutcome['lists'] = [];
  for (const layout of layouts.sheets) {
    const snap = snapshots.find((s) => s.name === layout.sheet)!;
    const errors = new Map((snap.cellErrors ?? []).map((e) => [e.address, e.error]));
    const got = extractRows(layout, errors);
    rows.push(...got.rows);
    for (const k of ['blank', 'total', 'note'] as const) skipped[k] += got.skipped[k];
    lists.push({ sheet: layout.sheet, list: layout.list, rows: got.rows.length, headerRow: layout.headerTop });
  }

  const random = options.random ?? defaultRandom;
  const workbookId = settings.workbookId ?? newId(random, 'W-', 12);
  const ids = planIds(layouts.sheets, rows, random);
  const newSettings: WorkbookSettings = { workbookId, mapping: Object.keys(layouts.mapping).length ? layouts.mapping : settings.mapping };
  let written: ApplyResult = { cellsWritten: 0, rowsMoved: 0 };
  if (ids.plan.sheets.length || !settings.workbookId) {
    onProgress?.({ phase: 'ids' });
    written = await gateway.apply({ ...ids.plan, settings: newSettings });
  }

  onProgress?.({ phase: 'sync', chunksDone: 0, rowsDone: 0, rowsTotal: ids.rows.length });
  const synced = await sendSync(
    api,
    { workbook: { id: workbookId, name: workbookName }, dateSystem, ...(options.asOf ? { asOf: options.asOf } : {}) },
    ids.rows.map((r) => ({ ref: { sheet: r.sheet, row: r.row }, list: r.list, id: r.id, cells: r.cells, ...(Object.keys(r.units).length ? { units: r.units } : {}) })),
    ids.rows.map((r) => r.id),
    options,
    (p) => onProgress?.({ phase: 'sync', ...p }),
    signal,
  );

  onProgress?.({ phase: 'write' });
  const rowsById = new Map(ids.rows.map((r) => [r.id, r]));
  const planned = buildPlan(layouts.sheets, [...ids.rows, ...ids.blocked], synced.results, {
    ...options,
    autoMoveRows: options.autoMoveRows ?? settings.autoMoveRows,
    tintName: options.tintName ?? settings.tintName,
  });
  const applied = await gateway.apply({ ...planned.plan, settings: { ...newSettings, lastSync: new Date().toISOString() } });
  onProgress?.({ phase: 'done' });

  return {
    workbookId,
    asOf: synced.asOf,
    lists,
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
        ? [{ id: r.id, name: String(rowsById.get(r.id)?.cells.name ?? ''), sheet: r.ref.sheet, row: r.ref.row, from: r.transition.from, to: r.transition.to, on: r.transition.on }]
        : [],
    ),
    moved: planned.moved,
    pendingMoves: planned.pendingMoves,
    errors: planned.errors,
    headerIssues: layouts.sheets.flatMap((l) => l.issues),
    sheetsWithoutHeader: layouts.headerless.map((sheet) => ({ sheet, message: MSG.noHeader(sheet) })),
    missing: synced.missing,
    cellsWritten: written.cellsWritten + applied.cellsWritten,
  };
}
