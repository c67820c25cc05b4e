/** The cell styles core plans, for the list sheets and the leaders' sheets alike. */
import { type FlagLevel } from '../../contract';
import type { CellRef, CellStyle, StyleWrite } from './gateway';
import { FLAG_STYLE } from './flag-style';

/** A flag's fill and font colours; null for no flag. */
export function flagStyle(level: FlagLevel): CellStyle | null {
  return level === 'none' ? null : { fill: FLAG_STYLE[level].fill, font: FLAG_STYLE[level].font };
}

/** Cells grouped by style, so a gateway sets each colour once over all its cells. */
export class StyleGroups {
  private readonly groups = new Map<string, StyleWrite>();

  add(style: CellStyle, cell: CellRef): void {
    const key = `${style.fill}|${style.font}`;
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { style, cells: [] }));
    group.cells.push(cell);
  }

  get size(): number {
    return this.groups.size;
  }

  list(): StyleWrite[] {
    return [...this.groups.values()];
  }
}
