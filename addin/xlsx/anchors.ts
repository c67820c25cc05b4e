/**
 * How each picture is anchored, read from the package itself, to put right what ExcelJS 4.4 reads wrong
 * (exceljs#850): a `<xdr:twoCellAnchor>` without editAs is, by the file format and in Excel, "move and size with
 * cells" (twoCell), but ExcelJS takes it for 'oneCell' and writes editAs="oneCell", so a saved copy would stop
 * the picture sizing with its cells (and row deletion, move-images.ts, would move it without shrinking it).
 * A `<xdr:oneCellAnchor>` has no editAs in the format: it always moves without sizing. A `<xdr:absoluteAnchor>`
 * ExcelJS does not read at all (a saved copy would lack the picture): it is put back as a twoCellAnchor with
 * editAs="absolute", which Excel treats the same. No Node APIs: the browser's file mode loads workbooks through this.
 */
import type ExcelJS from 'exceljs';
import { rowHeights } from './move-images';
import { attributes, type Package } from './package';

export type EditAs = 'twoCell' | 'oneCell' | 'absolute';
export type AnchorElement = 'twoCellAnchor' | 'oneCellAnchor' | 'absoluteAnchor';

/** A cell position as ExcelJS's anchors hold it (0-based, offsets in EMU). */
export interface CellPosition {
  nativeCol: number;
  nativeColOff: number;
  nativeRow: number;
  nativeRowOff: number;
}

/** One anchor of a drawing, in document order (which is the pictures' stacking order). */
export interface DrawingAnchor {
  element: AnchorElement;
  /** How Excel treats it when cells move: a twoCellAnchor's editAs (twoCell when absent); oneCell and absolute by their element. */
  editAs: EditAs;
  /** Its top-left cell (absent for an absoluteAnchor, which is placed in EMU from the sheet's corner). */
  from?: CellPosition;
  /** An absoluteAnchor's place and size on the sheet, in EMU. */
  pos?: { x: number; y: number; cx: number; cy: number };
  /** The media part its picture shows ("xl/media/image1.png", lower case); null for a shape, chart or linked picture. */
  media: string | null;
}

const EDIT_AS = new Set<string>(['twoCell', 'oneCell', 'absolute']);

/**
 * The anchors of one drawing part. `rels` maps the drawing's relationship ids to the parts they point at
 * (resolved, lower case). ExcelJS matches the literal `xdr:` prefix, which Excel and WPS always write; so does this.
 */
export function parseDrawing(xml: string, rels: ReadonlyMap<string, string>): DrawingAnchor[] {
  return [...xml.matchAll(/<xdr:(twoCellAnchor|oneCellAnchor|absoluteAnchor)(\s[^>]*)?>([\s\S]*?)<\/xdr:\1>/g)].map(([, el, attrs, body]) => {
    const element = el as AnchorElement;
    const written = attributes(attrs ?? '').editAs;
    const editAs: EditAs = element === 'twoCellAnchor' ? (written && EDIT_AS.has(written) ? (written as EditAs) : 'twoCell') : element === 'oneCellAnchor' ? 'oneCell' : 'absolute';
    const from = /<xdr:from>([\s\S]*?)<\/xdr:from>/.exec(body!)?.[1];
    const num = (tag: string) => Number(new RegExp(`<xdr:${tag}>\\s*(-?\\d+)\\s*</xdr:${tag}>`).exec(from!)?.[1] ?? 0);
    const pic = /<xdr:pic[\s>]/.test(body!) ? /<a:blip\s[^>]*>/.exec(body!) : null;
    const embed = pic ? attributes(pic[0]).embed : undefined;
    const target = embed ? rels.get(embed) : undefined;
    const pos = element === 'absoluteAnchor' ? { ...attributes(/<xdr:pos\s[^>]*>/.exec(body!)?.[0] ?? ''), ...attributes(/<xdr:ext\s[^>]*>/.exec(body!)?.[0] ?? '') } : undefined;
    return {
      element,
      editAs,
      ...(pos ? { pos: { x: Number(pos.x ?? 0), y: Number(pos.y ?? 0), cx: Number(pos.cx ?? 0), cy: Number(pos.cy ?? 0) } } : {}),
      ...(from !== undefined ? { from: { nativeCol: num('col'), nativeColOff: num('colOff'), nativeRow: num('row'), nativeRowOff: num('rowOff') } } : {}),
      media: target && /\/media\/[^/]+$/.test(target) ? target : null,
    };
  });
}

const DRAWING_REL = /\/relationships\/drawing$/;

/** Each worksheet's drawing anchors, by sheet name (sheets without a drawing are left out). */
export async function readAnchors(pkg: Package): Promise<Map<string, DrawingAnchor[]>> {
  const out = new Map<string, DrawingAnchor[]>();
  await Promise.all(
    (await pkg.sheets()).map(async ({ name, path }) => {
      if (!path.startsWith('xl/worksheets/')) return;
      // A worksheet has at most one drawing, the part its <drawing r:id> names: found by its relationship's
      // type, so the sheet's own (large) XML need not be searched.
      const drawing = [...(await pkg.relationships(path)).values()].find((r) => DRAWING_REL.test(r.type))?.target;
      if (!drawing) return;
      const rels = new Map([...(await pkg.relationships(drawing))].map(([id, r]) => [id, r.target]));
      out.set(name, parseDrawing(await pkg.text(drawing), rels));
    }),
  );
  return out;
}

/** ExcelJS's image entry, with the fields it does not type. */
interface Medium {
  type: string;
  imageId: number | string;
  range: { tl: CellPosition; br?: CellPosition; editAs?: string };
}

const samePlace = (a: CellPosition, b: CellPosition) =>
  a.nativeCol === b.nativeCol && a.nativeColOff === b.nativeColOff && a.nativeRow === b.nativeRow && a.nativeRowOff === b.nativeRowOff;

/** Excel's maximum digit width in pixels for the default 11-point body font (Calibri, 等线). */
const DIGIT_PX = 7;
const EMU_PER_PX = 9525;
const MAX_COLS = 16_384;
const MAX_ROWS = 1_048_576;

/** Each (1-based) column's width in EMU, by Excel's character-width-to-pixel rule; 64 px unless set. */
function columnWidths(ws: ExcelJS.Worksheet): (col: number) => number {
  const cols = (ws as unknown as { _columns?: Array<ExcelJS.Column | undefined> })._columns ?? [];
  const fallback = ws.properties.defaultColWidth;
  return (c) => {
    const col = cols[c - 1];
    if (col?.hidden) return 0;
    const w = col?.width ?? fallback;
    return (w === undefined ? 64 : Math.trunc(((256 * w + Math.trunc(128 / DIGIT_PX)) / 256) * DIGIT_PX)) * EMU_PER_PX;
  };
}

/** The cell holding the point `emu` from the sheet's top or left edge, given each line's size. */
function cellAt(emu: number, size: (n: number) => number, max: number): { n: number; off: number } {
  let n = 1;
  while (n < max && emu >= size(n)) emu -= size(n++);
  return { n: n - 1, off: Math.max(0, Math.round(emu)) };
}

/**
 * An absoluteAnchor's picture, which ExcelJS leaves out of its model, as the twoCellAnchor editAs="absolute"
 * ExcelJS can write: the same place and size over the sheet's columns and rows (widths by the default font's
 * digit width, so a workbook with another body font may see it shifted by a few pixels), and it still neither
 * moves nor sizes with cells. Null when its image is not among the workbook's media.
 */
function absolutePicture(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, a: DrawingAnchor, rowHeight: (r: number) => number): Medium | null {
  const media = (wb as unknown as { media: Array<{ name?: string; extension?: string }> }).media;
  const imageId = media.findIndex((m) => a.media === `xl/media/${m.name}.${m.extension}`.toLowerCase());
  if (imageId < 0 || !a.pos) return null;
  const colWidth = columnWidths(ws);
  const at = (x: number, y: number): CellPosition => {
    const c = cellAt(x, colWidth, MAX_COLS);
    const r = cellAt(y, rowHeight, MAX_ROWS);
    return { nativeCol: c.n, nativeColOff: c.off, nativeRow: r.n, nativeRowOff: r.off };
  };
  const { x, y, cx, cy } = a.pos;
  ws.addImage(imageId, { tl: at(x, y), br: at(x + cx, y + cy), editAs: 'absolute' } as unknown as ExcelJS.ImageRange);
  return (ws as unknown as { _media: Medium[] })._media.pop()!; // restoreAnchoring puts it in its place
}

/**
 * Puts each loaded picture's anchoring right. ExcelJS lists a sheet's pictures (`worksheet.getImages()`) in the
 * drawing's document order, keeping only the cell anchors that show an embedded image; they are matched to the
 * anchors in that order, each checked by its top-left cell and its media file (a picture that matches no anchor
 * is left as ExcelJS read it), and given the editAs the anchor means. Pictures on absoluteAnchors are put back
 * (absolutePicture) where they were in the stacking order. Returns how many pictures were corrected or put back.
 */
export function restoreAnchoring(wb: ExcelJS.Workbook, anchors: ReadonlyMap<string, readonly DrawingAnchor[]>): number {
  let corrected = 0;
  for (const [name, list] of anchors) {
    const ws = wb.getWorksheet(name);
    if (!ws) continue;
    const sheet = ws as unknown as { _media: Medium[] };
    const images = sheet._media.filter((m) => m.type === 'image');
    const files = images.map((img) => {
      const m = wb.getImage(Number(img.imageId)) as (ExcelJS.Image & { name?: string }) | undefined;
      return `${m?.name}.${m?.extension}`.toLowerCase();
    });
    const heights = rowHeights(ws);
    const ordered: Medium[] = [];
    let next = 0;
    for (const a of list) {
      if (!a.media) continue;
      if (a.element === 'absoluteAnchor') {
        const restored = absolutePicture(wb, ws, a, heights);
        if (restored) {
          ordered.push(restored);
          corrected++;
        }
        continue;
      }
      const file = a.media.slice(a.media.lastIndexOf('/') + 1);
      let at = next; // pictures come in anchor order: the search starts after the last one matched
      while (at < images.length && !(files[at] === file && samePlace(a.from!, images[at]!.range.tl))) at++;
      if (at === images.length) continue;
      ordered.push(...images.slice(next, at)); // pictures no anchor matched keep their place in the order
      next = at + 1;
      const img = images[at]!;
      ordered.push(img);
      if (img.range.editAs !== a.editAs) {
        img.range.editAs = a.editAs;
        corrected++;
      }
    }
    ordered.push(...images.slice(next));
    sheet._media = [...ordered, ...sheet._media.filter((m) => m.type !== 'image')];
  }
  return corrected;
}
