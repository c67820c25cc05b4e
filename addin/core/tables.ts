/** Lists kept as Excel tables (Insert → Table): what a plan does to the table's range. */
import { cellAddress } from './a1';
import type { RowMove, TableResize } from './gateway';
import type { SheetLayout } from './layout';

/**
 * A list kept as an Excel table takes in the owned columns right of it (and the columns moves created), as table
 * columns, and the rows moved in after its last project as table rows (above its totals row, or as its new last rows).
 * Undefined when the table already covers them.
 */
export function tableResize(layout: SheetLayout, moves: readonly RowMove[] = [], extra?: ReadonlyMap<string, number>): TableResize | undefined {
  const t = layout.table;
  if (!t) return undefined;
  const mine = new Set([layout.ownedCols.id, layout.ownedCols.flag, layout.ownedCols.reason, ...(extra?.values() ?? [])]);
  let right = t.area.right;
  while (mine.has(right + 1)) right++;
  // Rows moved in, counted where they were inserted as read (each after the earlier inserts of the plan).
  let inserted = 0;
  let rows = 0;
  for (const m of moves) {
    if (m.to.sheet !== layout.sheet || !m.insert) continue;
    const asRead = m.to.row - inserted++;
    if (asRead > t.area.top && asRead <= t.area.bottom + 1) rows++;
  }
  if (right === t.area.right && rows === 0) return undefined;
  return { name: t.name, ref: `${cellAddress(t.area.top, t.area.left)}:${cellAddress(t.area.bottom + rows, right)}` };
}

