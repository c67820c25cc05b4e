/**
 * The per-mu figures the server answered for each synced project (SyncRowResult.figures: 投资强度, 亩均税收,
 * 亩均产值, from functions/domain/contribution.ts), named by the row's name cell — where the row is after an
 * automatic move. The CLI's --json prints them; they are never written into the clerk's cells.
 */
import type { ProjectFigures, SyncRowResult } from '../../contract';
import type { MoveReport } from '../core';

export interface ProjectFiguresRow {
  id: string;
  name: string;
  sheet: string;
  row: number;
  /** The row's name cell, e.g. "B7". */
  cell: string;
  figures: ProjectFigures;
}

/** One entry per stored project of the sync (rejected rows carry no figures), in the server's order. */
export function figuresRows(
  results: readonly SyncRowResult[],
  moved: readonly MoveReport[],
  nameOf: (r: SyncRowResult) => string,
  nameColumn: (sheet: string) => string,
): ProjectFiguresRow[] {
  const movedTo = new Map(moved.flatMap((m) => (m.to.sheet && m.to.row ? [[m.id, { sheet: m.to.sheet, row: m.to.row }] as const] : [])));
  return results.flatMap((r): ProjectFiguresRow[] => {
    if (!r.figures || r.status === 'rejected') return [];
    const at = movedTo.get(r.id) ?? r.ref;
    return [{ id: r.id, name: nameOf(r), sheet: at.sheet, row: at.row, cell: `${nameColumn(at.sheet)}${at.row}`, figures: r.figures }];
  });
}
