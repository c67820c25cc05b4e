/**
 * Read access to a SheetSnapshot in sheet coordinates. Merged areas hold their value only in the top-left
 * cell (as Excel reports them); `filled` spreads it over the area, which is what a reader of the sheet sees.
 */
import type { RawCell } from '../../contract';
import { parseArea, type Area } from './a1';
import type { SheetSnapshot } from './gateway';

export interface Grid {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  /** The cell as stored (null inside a merged area except its top-left cell). */
  raw(row: number, col: number): RawCell;
  /** The cell as seen: a merged area's value in every cell of the area. */
  filled(row: number, col: number): RawCell;
  /** The merged area a cell belongs to, if any. */
  mergeAt(row: number, col: number): Area | undefined;
}

export function toGrid(s: SheetSnapshot): Grid {
  const height = s.values.length;
  const width = s.values.reduce((w, r) => Math.max(w, r.length), 0);
  const merged = new Map<number, Area>();
  const key = (row: number, col: number) => row * 16_384 + col;
  for (const a1 of s.merges ?? []) {
    const area = parseArea(a1);
    if (!area) continue;
    for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) merged.set(key(r, c), area);
  }
  const raw = (row: number, col: number): RawCell => s.values[row - s.top]?.[col - s.left] ?? null;
  return {
    name: s.name,
    top: s.top,
    left: s.left,
    bottom: s.top + height - 1,
    right: s.left + width - 1,
    raw,
    filled(row, col) {
      const area = merged.get(key(row, col));
      return area ? raw(area.top, area.left) : raw(row, col);
    },
    mergeAt: (row, col) => merged.get(key(row, col)),
  };
}

/** A cell as trimmed text ('' for empty). */
export function cellText(v: RawCell): string {
  if (v === null || v === undefined) return '';
  return String(v).trim();
}

/**
 * Nothing at all in the cell (not even a dash): where the add-in may write or place something without
 * overwriting a clerk's text. Whether a cell holds a VALUE is contract's isBlankCell ("-" and "—" are blank).
 */
export function isEmptyCell(v: RawCell): boolean {
  return cellText(v) === '';
}
