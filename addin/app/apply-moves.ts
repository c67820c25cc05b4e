/**
 * applyMoves: the clerk confirms the row moves the last sync reported as pending. Nothing is sent to the
 * backend — the server's answers for those rows (SyncOutcome.pendingResults) are kept from the sync. The
 * workbook is read again, each row is checked to be still where it was (the same id at the same sheet and
 * row; a row that changed is skipped and reported), core plans the moves and the gateway applies them.
 */
import type { Message, SyncRowResult } from '../../contract';
import { MSG, planMoves, type LedgerRow, type MoveReport, type PlanOptions, type WorkbookGateway } from '../core';
import { readLedger } from './read';
import type { SyncOutcome } from './run';

/** What applyMoves needs of the last sync. */
export type PendingMoves = Pick<SyncOutcome, 'workbookId' | 'pendingMoves' | 'pendingResults'>;

export interface ApplyMovesArgs {
  gateway: WorkbookGateway;
  pending: PendingMoves;
  /** The ids the clerk confirmed; all pending moves by default. */
  confirm?: readonly string[];
  /** By default the workbook's tintName setting; text in Chinese. */
  options?: Pick<PlanOptions, 'tintName' | 'lang'>;
}

export interface MovesOutcome {
  moved: MoveReport[];
  /** Confirmed moves not made because their row changed since the sync (or the workbook is another one). */
  skipped: Array<{ move: MoveReport; message: Message }>;
  /** Moves still waiting: not confirmed, or their new list has no sheet. */
  pendingMoves: MoveReport[];
  /** The server's answers for pendingMoves (for a later applyMoves). */
  pendingResults: SyncRowResult[];
  cellsWritten: number;
}

const at = (sheet: string, row: number) => `${sheet}\u0000${row}`;

export async function applyMoves({ gateway, pending, confirm, options = {} }: ApplyMovesArgs): Promise<MovesOutcome> {
  const wanted = confirm ? new Set(confirm) : null;
  const confirmed = pending.pendingMoves.filter((m) => !wanted || wanted.has(m.id));
  const waiting = pending.pendingMoves.filter((m) => wanted && !wanted.has(m.id));
  const resultOf = new Map(pending.pendingResults.map((r) => [r.id, r]));
  const out: MovesOutcome = { moved: [], skipped: [], pendingMoves: waiting, pendingResults: [], cellsWritten: 0 };
  if (!confirmed.length) return withResults(out, resultOf);

  const read = await readLedger(gateway);
  if (read.settings.workbookId !== pending.workbookId) {
    out.skipped = confirmed.map((move) => ({ move, message: MSG.movesOfOtherWorkbook() }));
    return withResults(out, resultOf);
  }
  const rowAt = new Map(read.rows.map((r) => [at(r.sheet, r.row), r]));
  const moving: LedgerRow[] = [];
  const results: SyncRowResult[] = [];
  for (const move of confirmed) {
    const row = rowAt.get(at(move.from.sheet, move.from.row));
    const result = resultOf.get(move.id);
    if (!row || row.id !== move.id || row.list !== move.from.list || !result) {
      out.skipped.push({ move, message: MSG.moveStale(move.from.sheet, move.from.row, move.id) });
      continue;
    }
    moving.push(row);
    results.push(result);
  }
  if (!moving.length) return withResults(out, resultOf);

  const planned = planMoves(read.layouts.sheets, read.rows, moving, results, {
    tintName: options.tintName ?? read.settings.tintName,
    ...(options.lang ? { lang: options.lang } : {}),
  });
  const applied = await gateway.apply(planned.plan);
  out.moved = planned.moved;
  out.pendingMoves = [...out.pendingMoves, ...planned.pendingMoves];
  out.cellsWritten = applied.cellsWritten;
  return withResults(out, resultOf);
}

function withResults(out: MovesOutcome, resultOf: ReadonlyMap<string, SyncRowResult>): MovesOutcome {
  out.pendingResults = out.pendingMoves.flatMap((m) => resultOf.get(m.id) ?? []);
  return out;
}
