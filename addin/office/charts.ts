/** Where the leader sheets' native charts go. Pure. */
import { cellAddress, parseArea } from '../core/a1';

/** A chart is this many columns wide (about 480 pt at Excel's default column width)… */
export const CHART_COLS = 8;
/** …and this many rows tall, unless the next chart below it starts sooner. */
export const CHART_ROWS = 16;
/** Never shorter than this, even when that means touching the next chart: a flatter chart cannot be read. */
export const MIN_CHART_ROWS = 6;

/**
 * Each chart's box (setPosition's start and end cells): from its anchor, CHART_COLS wide, CHART_ROWS tall but
 * ending a row above the next chart anchored lower in overlapping columns, so stacked charts never overlap
 * (Excel's default chart size is fixed in points and would cover the chart below when tables are short).
 */
export function chartBoxes(anchors: string[]): Array<{ start: string; end: string }> {
  const cells = anchors.map((a) => {
    const area = parseArea(a);
    if (!area) throw new Error(`Not an A1 cell: ${a}`);
    return { row: area.top, col: area.left };
  });
  return cells.map(({ row, col }) => {
    const below = cells.filter((o) => o.row > row && o.col < col + CHART_COLS && col < o.col + CHART_COLS).map((o) => o.row);
    const limit = below.length ? Math.min(...below) - 2 : Infinity;
    const bottom = Math.max(row + MIN_CHART_ROWS - 1, Math.min(row + CHART_ROWS - 1, limit));
    return { start: cellAddress(row, col), end: cellAddress(bottom, col + CHART_COLS - 1) };
  });
}
