/**
 * Project ids. A row without one gets a new short id (P- and 8 characters of an alphabet without 0/O/1/I),
 * written into the row BEFORE the row is first synced, so a retried or repeated sync sends the same id.
 * Existing ids are kept; an id that appears twice in the workbook is an error on the later rows.
 */
import { isValidId } from '../../contract';
import { cellAddress } from './a1';
import type { ColumnWrite, SheetPlan, WritePlan } from './gateway';
import type { SheetLayout } from './layout';
import { OWNED_HEADER } from './layout';
import { MSG } from './messages';
import { tableResize } from './tables';
import type { LedgerRow } from './rows';

export const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** `random` gives uniform numbers in [0,1) (addin/app's defaultRandom uses crypto); core draws none of its own. */
export function newId(random: () => number, prefix = 'P-', length = 8): string {
  let s = prefix;
  for (let i = 0; i < length; i++) s += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
  return s;
}

export interface IdPlan {
  /** Rows to sync, each with its id set. */
  rows: Array<LedgerRow & { id: string }>;
  /** Rows not synced (duplicate or invalid id, unknown stage), with their issues. */
  blocked: LedgerRow[];
  /** Writes the new ids (and the headers of new owned columns); empty when nothing is new. */
  plan: WritePlan;
  assigned: number;
}

export function planIds(layouts: SheetLayout[], rows: LedgerRow[], random: () => number): IdPlan {
  const out: IdPlan = { rows: [], blocked: [], plan: { sheets: [], moves: [], leaderSheets: [] }, assigned: 0 };
  const layoutOf = new Map(layouts.map((l) => [l.sheet, l]));
  // Every existing id first, so a new id never collides with one further down the workbook.
  const taken = new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
  /** Each valid existing id → the cell it was first seen in, to name it when a later row repeats it. */
  const seenNow = new Map<string, string>();
  const fresh = new Map<string, Array<{ row: number; id: string }>>();
  for (const r of rows) {
    const layout = layoutOf.get(r.sheet)!;
    const cell = cellAddress(r.row, layout.ownedCols.id);
    if (r.id) {
      const first = seenNow.get(r.id);
      if (first) r.issues.push({ field: 'id', cell, message: MSG.duplicateId(r.id, first), blocking: true });
      else if (!isValidId(r.id)) r.issues.push({ field: 'id', cell, message: MSG.badId(r.id), blocking: true });
      else seenNow.set(r.id, `${r.sheet}!${cell}`);
    }
    if (r.issues.some((i) => i.blocking)) {
      out.blocked.push(r);
      continue;
    }
    let id = r.id;
    if (!id) {
      do id = newId(random);
      while (taken.has(id));
      taken.add(id);
      const list = fresh.get(r.sheet) ?? [];
      list.push({ row: r.row, id });
      fresh.set(r.sheet, list);
      out.assigned++;
    }
    out.rows.push({ ...r, id });
  }
  for (const layout of layouts) {
    const written = fresh.get(layout.sheet) ?? [];
    const columns: ColumnWrite[] = [...newHeaders(layout), ...runs(layout.ownedCols.id, written.map((w) => ({ row: w.row, value: w.id })), formatSource(layout, 'id'))];
    // A list kept as a table takes its new owned columns in as table columns from the first write.
    const table = tableResize(layout);
    if (columns.length || table) out.plan.sheets.push({ sheet: layout.sheet, columns, styles: [], notes: [], ...(table ? { table } : {}) } satisfies SheetPlan);
  }
  return out;
}

/** Where a new owned column takes its cell formats from (undefined when the column already exists). */
export function formatSource(layout: SheetLayout, key: 'id' | 'flag' | 'reason'): number | undefined {
  return layout.newColumns.includes(key) && layout.lastHeaderCol ? layout.lastHeaderCol : undefined;
}

/** Header cells of the owned columns a sheet lacks, formatted like the last header cell. */
export function newHeaders(layout: SheetLayout): ColumnWrite[] {
  return layout.newColumns.map((key) => ({
    col: layout.ownedCols[key],
    top: layout.headerTop,
    values: [OWNED_HEADER[key]],
    formatFrom: layout.lastHeaderCol || undefined,
    width: key === 'reason' ? 48 : key === 'flag' ? 8 : 13,
  }));
}

/**
 * Groups single-cell writes of one column into runs of consecutive rows. For a column core creates,
 * `formatFrom` has each cell take the borders/font/alignment of the last header column's cell in its row.
 */
export function runs(col: number, cells: Array<{ row: number; value: string | null }>, formatFrom?: number): ColumnWrite[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row);
  const out: ColumnWrite[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && last.top + last.values.length === c.row) last.values.push(c.value);
    else out.push({ col, top: c.row, values: [c.value], ...(formatFrom ? { formatFrom } : {}) });
  }
  return out;
}
