/**
 * Which sheets hold which list, and where each sheet's header, fields and owned columns are. Sheets are
 * found by name (contain-match on normalized names, longest alias wins, so "2026年签约项目台账" is the
 * signed list), or — when no sheet is named after a list — a sheet with a stage column (阶段/清单).
 * A mapping saved in the workbook's settings wins over both.
 */
import { normalizeHeader, type ListKey, type Message } from '../../contract';
import { parseArea, type Area } from './a1';
import type { SheetSnapshot, WorkbookSettings } from './gateway';
import { detectHeader, type HeaderMap, type OwnedKey } from './headers';
import { cellText, isEmptyCell, toGrid, type Grid } from './grid';
import { leaderSheetNames } from './leader-sheets';
import { OWNED_COLUMNS } from './flag-style';
import { MSG } from './messages';
import { DROPPED_STAGE_VALUES, LIST_ALIASES } from './sheet-names';

/** The add-in's own leader sheets (both languages) are never ledgers, though 全县项目 has a 清单 column. */
const LEADER_SHEETS = new Set([...Object.values(leaderSheetNames('zh')), ...Object.values(leaderSheetNames('en'))]);

export type OwnedColumnKey = 'id' | OwnedKey;

export interface SheetLayout extends HeaderMap {
  sheet: string;
  grid: Grid;
  /** The sheet's list; null for a single sheet whose stage column names each row's list. */
  list: ListKey | null;
  /** Where the owned columns are (found by header, or appended right of the last header column). */
  ownedCols: Record<OwnedColumnKey, number>;
  /** Owned columns that do not exist yet: core writes their headers. */
  newColumns: OwnedColumnKey[];
  /** The Excel table the list is kept in (its header row is the list's header row), when there is one. */
  table?: { name: string; area: Area; totalsRow: boolean };
}

/** The list a sheet name or stage-column value names: the longest alias it contains. */
export function listFromName(name: string): ListKey | null {
  const n = normalizeHeader(name);
  if (!n) return null;
  let best: { key: ListKey; len: number } | null = null;
  for (const [alias, key] of LIST_ALIASES) {
    if (alias && n.includes(alias) && (!best || alias.length > best.len)) best = { key, len: alias.length };
  }
  return best?.key ?? null;
}

export const OWNED_HEADER: Record<OwnedColumnKey, string> = {
  id: OWNED_COLUMNS.id.zh,
  flag: OWNED_COLUMNS.flag.zh,
  reason: OWNED_COLUMNS.reason.zh,
};

function layoutOf(snapshot: SheetSnapshot, list: ListKey | null, settings: WorkbookSettings): SheetLayout | null {
  const grid = toGrid(snapshot);
  const header = detectHeader(grid, settings.headerOverrides);
  if (!header) return null;
  // Appended right of the last header column, or of any unlabeled column with data, never over clerk data.
  let next = Math.max(header.lastHeaderCol, lastDataCol(grid, header.headerTop));
  const newColumns: OwnedColumnKey[] = [];
  const place = (key: OwnedColumnKey, found: number | undefined): number => {
    if (found !== undefined) return found;
    newColumns.push(key);
    return ++next;
  };
  const ownedCols = {
    id: place('id', header.colOf.id),
    flag: place('flag', header.owned.flag),
    reason: place('reason', header.owned.reason),
  };
  const table = listTable(snapshot, header.headerBottom);
  return { ...header, sheet: snapshot.name, grid, list, ownedCols, newColumns, ...(table ? { table } : {}) };
}

/** The table whose header row is the list's (lowest) header row: the list is kept in it. */
function listTable(snapshot: SheetSnapshot, headerRow: number): SheetLayout['table'] {
  for (const t of snapshot.tables ?? []) {
    const area = parseArea(t.ref);
    if (area && area.top === headerRow) return { name: t.name, area, totalsRow: t.totalsRow };
  }
  return undefined;
}

function lastDataCol(g: Grid, fromRow: number): number {
  let last = 0;
  for (let r = fromRow; r <= g.bottom; r++) {
    for (let c = g.right; c > last; c--) {
      if (!isEmptyCell(g.raw(r, c))) {
        last = c;
        break;
      }
    }
  }
  return last;
}

export interface Layouts {
  sheets: SheetLayout[];
  /** Sheet name → list, as detected (saved with the workbook). */
  mapping: Record<string, ListKey>;
  /** Named list sheets whose header could not be found. */
  headerless: string[];
  /** When no list was found: every sheet looked at and why it was not taken. */
  looked: Array<{ sheet: string; reason: Message }>;
}

/** A stage-column value: a list's name or synonym (在谈, 已签约, 在建, 达产…) or a dropped project's (终止, 暂停…). */
export function isStageValue(text: string): boolean {
  const n = normalizeHeader(text);
  return Boolean(n) && (listFromName(n) !== null || DROPPED_STAGE_VALUES.some((d) => normalizeHeader(d) === n));
}

/**
 * A one-sheet ledger's stage column when no header names it outright: the column whose header speaks of a stage,
 * a list or a status (项目状态, 进度) and whose values are mostly stage words. It stops being a field column.
 */
function guessStageCol(layout: SheetLayout): SheetLayout {
  if (layout.stageCol !== undefined) return layout;
  const g = layout.grid;
  for (const [col, header] of layout.headerText) {
    if (!/阶段|清单|状态|进度|stage|status/i.test(normalizeHeader(header))) continue;
    let filled = 0;
    let stageLike = 0;
    for (let r = layout.dataTop; r <= g.bottom; r++) {
      const t = cellText(g.filled(r, col));
      if (!t) continue;
      filled++;
      if (isStageValue(t)) stageLike++;
    }
    if (stageLike > 0 && stageLike * 10 >= filled * 6) {
      const columns = layout.columns.filter((c) => c.col !== col);
      const colOf = Object.fromEntries(columns.map((c) => [c.field, c.col]));
      return { ...layout, stageCol: col, columns, colOf, issues: layout.issues.filter((i) => !i.cell.startsWith(colLetterOf(col))) };
    }
  }
  return layout;
}

const colLetterOf = (col: number): string => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

export function findLayouts(snapshots: SheetSnapshot[], settings: WorkbookSettings): Layouts {
  const visible = snapshots.filter((s) => s.visible !== false && !LEADER_SHEETS.has(s.name));
  const saved = settings.mapping ?? {};
  const savedSheets = visible.filter((s) => saved[s.name]);
  const named: Array<[SheetSnapshot, ListKey]> = savedSheets.length
    ? savedSheets.map((s) => [s, saved[s.name]!])
    : visible.flatMap((s) => {
        const key = listFromName(s.name);
        return key ? [[s, key] as [SheetSnapshot, ListKey]] : [];
      });
  const out: Layouts = { sheets: [], mapping: {}, headerless: [], looked: [] };
  for (const [s, key] of named) {
    const layout = layoutOf(s, key, settings);
    if (layout) {
      out.sheets.push(layout);
      out.mapping[s.name] = key;
    } else out.headerless.push(s.name);
  }
  if (out.sheets.length) return out;
  for (const s of snapshots) {
    if (s.visible === false) out.looked.push({ sheet: s.name, reason: MSG.sheetHidden() });
    else if (LEADER_SHEETS.has(s.name)) out.looked.push({ sheet: s.name, reason: MSG.sheetIsLeaders() });
  }
  for (const s of visible) {
    if (out.headerless.includes(s.name)) {
      out.looked.push({ sheet: s.name, reason: MSG.sheetHeaderUnreadable() });
      continue;
    }
    const found = layoutOf(s, null, settings);
    const layout = found && guessStageCol(found);
    if (layout?.stageCol !== undefined) return { ...out, sheets: [layout], looked: [] };
    out.looked.push({ sheet: s.name, reason: layout ? MSG.sheetNoStageColumn() : s.values.length ? MSG.sheetNoHeader() : MSG.sheetEmpty() });
  }
  return out;
}

/** The sheet a row moving to `list` goes to: the first sheet of that list. */
export function sheetForList(layouts: SheetLayout[], list: ListKey): SheetLayout | undefined {
  return layouts.find((l) => l.list === list);
}
