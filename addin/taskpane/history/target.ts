/**
 * Which project the clerk's selected row holds — pure, over what addin/office/selection.ts read (the active
 * sheet's first rows and the selected row, plus every sheet's name). Core decides everything a sync would:
 * which sheets are lists (findLayouts, with the workbook's saved mapping and header corrections), where the
 * header and the 项目编号 column are, and whether the row is a project row at all (extractRows skips blank,
 * total and note rows) — so history looks up exactly the id the sync sends.
 */
import { cellText, extractRows, findLayouts, type SheetSnapshot, type WorkbookSettings } from '../../core';

/** The selection as addin/office/selection.ts reads it (declared here: the pane does not import addin/office). */
export interface RowAtSelection {
  sheet: string;
  cell: string;
  row: number;
  sheets: Array<{ name: string; visible: boolean }>;
  snapshot: SheetSnapshot;
}

export interface HistoryTarget {
  sheet: string;
  row: number;
  id: string;
  /** The row's 项目名称 ('' when empty). */
  name: string;
}

export type RowProject =
  | ({ kind: 'project' } & HistoryTarget)
  /** A project row the add-in has not given an id yet: never synced. */
  | { kind: 'noId'; sheet: string; row: number }
  /** The header, a title, a blank, total or note row. */
  | { kind: 'notProjectRow'; sheet: string; row: number }
  /** Not one of the four lists' sheets (e.g. 领导看板, or a sheet the settings say is not a list). */
  | { kind: 'notList'; sheet: string };

export function projectAtRow(sel: RowAtSelection, settings: WorkbookSettings): RowProject {
  // Other sheets go in by name only: the saved mapping and list names are judged over the whole workbook.
  const snapshots = sel.sheets.map((s): SheetSnapshot => (s.name === sel.sheet ? sel.snapshot : { name: s.name, top: 1, left: 1, values: [], visible: s.visible }));
  const layouts = findLayouts(snapshots, settings);
  const layout = layouts.sheets.find((l) => l.sheet === sel.sheet);
  // A stage-column sheet counts only when no sheet is named as a list; those read here as headerless (no rows).
  if (!layout || (layout.list === null && layouts.headerless.length > 0)) return { kind: 'notList', sheet: sel.sheet };
  const row = sel.row >= layout.dataTop ? extractRows(layout).rows.find((r) => r.row === sel.row) : undefined;
  if (!row) return { kind: 'notProjectRow', sheet: sel.sheet, row: sel.row };
  if (!row.id) return { kind: 'noId', sheet: sel.sheet, row: sel.row };
  return { kind: 'project', sheet: sel.sheet, row: sel.row, id: row.id, name: cellText(row.cells.name ?? null) };
}
