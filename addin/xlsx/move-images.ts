/**
 * Pictures anchored to cells, when whole rows of their sheet are deleted, placed as Excel places them by their
 * "properties" (editAs): 'twoCell' (move and size with cells) — both anchors follow their cells, so a picture
 * spanning a deleted row shrinks, and one lying wholly inside deleted rows is deleted with them; 'oneCell' (move
 * but don't size) — the top-left follows its cell and the picture keeps its height, reaching further down;
 * 'absolute' (don't move or size) — it stays where it is on the sheet, over whatever cells are there now. An
 * anchor in a deleted row lands at the top of the next row that survives. The properties are as ExcelJS read
 * them: XlsxGateway.load has already put right the anchor without editAs that ExcelJS takes for 'oneCell' (anchors.ts).
 */
import type ExcelJS from 'exceljs';
import type { RowDeletion } from './shift';

/** ExcelJS's anchor (lib/doc/anchor.js): 0-based row, offset into it in EMU. */
interface Anchor {
  nativeRow: number;
  nativeRowOff: number;
}
interface Medium {
  type: string;
  range: { tl: Anchor; br?: Anchor; editAs?: string };
}
interface SheetInternals {
  _media: Medium[];
  _rows: Array<ExcelJS.Row | undefined>;
}

const EMU_PER_POINT = 12700;
const MAX_ROWS = 1_048_576;

/** Each (1-based) row's height in EMU as the sheet lays it out: hidden rows take no room, rows past the last the default. */
export function rowHeights(ws: ExcelJS.Worksheet): (row: number) => number {
  const rows = (ws as unknown as SheetInternals)._rows;
  const fallback = Math.round((ws.properties.defaultRowHeight || 15) * EMU_PER_POINT);
  return (r) => {
    const row = rows[r - 1];
    if (!row) return fallback;
    return row.hidden ? 0 : row.height ? Math.round(row.height * EMU_PER_POINT) : fallback;
  };
}

export function moveImages(ws: ExcelJS.Worksheet, deletion: RowDeletion): void {
  const sheet = ws as unknown as SheetInternals;
  if (!sheet._media.some((m) => m.type === 'image')) return;
  const height = rowHeights(ws); // as laid out before the delete
  const top = (a: Anchor) => {
    let y = a.nativeRowOff;
    for (let r = 1; r <= a.nativeRow; r++) y += height(r);
    return y;
  };
  /** The anchor `y` EMU below the top of (1-based) row `from` in the layout after the delete (deleted rows take no room). */
  const walk = (from: number, y: number): Anchor => {
    let r = from;
    while (r < MAX_ROWS && (deletion.has(r) || y >= height(r))) {
      if (!deletion.has(r)) y -= height(r);
      r++;
    }
    return { nativeRow: deletion.row(r)! - 1, nativeRowOff: y };
  };
  const follow = (a: Anchor): Anchor => {
    const r = a.nativeRow + 1;
    return { nativeRow: deletion.landing(r) - 1, nativeRowOff: deletion.has(r) ? 0 : a.nativeRowOff };
  };
  /** Whether a deleted row lies between the anchors' rows (inclusive): only then does the delete change the picture's size. */
  const spans = (tl: Anchor, br: Anchor) => deletion.landing(br.nativeRow + 2) - deletion.landing(tl.nativeRow + 1) !== br.nativeRow - tl.nativeRow + 1;

  sheet._media = sheet._media.filter((m) => {
    if (m.type !== 'image') return true;
    const { tl, br, editAs } = m.range;
    if ((br ? br.nativeRow : tl.nativeRow) + 1 < deletion.first) return true; // wholly above: nothing moves
    let next: { tl: Anchor; br?: Anchor };
    if (editAs === 'absolute') {
      next = { tl: walk(1, top(tl)), br: br && walk(1, top(br)) };
    } else if (editAs === 'twoCell' && br) {
      next = { tl: follow(tl), br: follow(br) };
      const gone = deletion.has(tl.nativeRow + 1) && next.br!.nativeRow === next.tl.nativeRow && next.br!.nativeRowOff === 0;
      if (gone) return false; // it lay wholly inside the deleted rows
    } else {
      const moved = follow(tl);
      const size = br && spans(tl, br) ? top(br) - top(tl) : undefined;
      next = { tl: moved, br: br && (size === undefined ? follow(br) : walk(tl.nativeRow + 1, moved.nativeRowOff + size)) };
    }
    Object.assign(tl, next.tl);
    if (br && next.br) Object.assign(br, next.br);
    return true;
  });
}
