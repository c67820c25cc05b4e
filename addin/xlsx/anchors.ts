/**
 * How each picture is anchored, read from the package itself, to put right what ExcelJS 4.4 reads wrong
 * (exceljs#850): a `<xdr:twoCellAnchor>` without editAs is, by the file format and in Excel, "move and size with
 * cells" (twoCell), but ExcelJS takes it for 'oneCell' and writes editAs="oneCell", so a saved copy would stop
 * the picture sizing with its cells (and row deletion, move-images.ts, would move it without shrinking it).
 * A `<xdr:oneCellAnchor>` has no editAs in the format: it always moves without sizing. A `<xdr:absoluteAnchor>`
 * ExcelJS does not read at all (the picture is not in its model, so a saved copy lacks it). No Node APIs: the
 * browser's file mode loads workbooks through this too.
 */
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { attributes, resolvePart } from './unkept';

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
    return {
      element,
      editAs,
      ...(from !== undefined ? { from: { nativeCol: num('col'), nativeColOff: num('colOff'), nativeRow: num('row'), nativeRowOff: num('rowOff') } } : {}),
      media: target && /\/media\/[^/]+$/.test(target) ? target : null,
    };
  });
}

/** The parts a part's relationships point at, by id (absent rels: none). */
async function relationships(text: (path: string) => Promise<string>, part: string): Promise<Map<string, string>> {
  const i = part.lastIndexOf('/');
  const xml = await text(`${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`);
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.Id && a.Target && a.TargetMode !== 'External') out.set(a.Id, resolvePart(part, a.Target));
  }
  return out;
}

/** Each worksheet's drawing anchors, by sheet name (sheets without a drawing are left out). */
export async function readAnchors(zip: JSZip): Promise<Map<string, DrawingAnchor[]>> {
  const byPath = new Map(Object.values(zip.files).filter((f) => !f.dir).map((f) => [f.name.toLowerCase(), f]));
  const text = (path: string) => byPath.get(path.toLowerCase())?.async('string') ?? Promise.resolve('');
  const workbook = 'xl/workbook.xml';
  const wbRels = await relationships(text, workbook);
  const sheets = [...(await text(workbook)).matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)].map((m) => attributes(m[0]));
  const out = new Map<string, DrawingAnchor[]>();
  await Promise.all(
    sheets.map(async ({ name, id }) => {
      const path = id ? wbRels.get(id) : undefined;
      if (!name || !path?.startsWith('xl/worksheets/')) return;
      const drawingId = /<(?:\w+:)?drawing\s[^>]*>/.exec(await text(path))?.[0];
      const drawing = drawingId ? (await relationships(text, path)).get(attributes(drawingId).id ?? '') : undefined;
      if (!drawing) return;
      out.set(name, parseDrawing(await text(drawing), await relationships(text, drawing)));
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

/**
 * Sets each loaded picture's editAs to what its anchor says. ExcelJS lists a sheet's pictures
 * (`worksheet.getImages()`) in the drawing's document order, keeping only the cell anchors that show an embedded
 * image; they are matched to the anchors in that order, each checked by its top-left cell and its media file, and
 * a picture that matches no anchor is left as ExcelJS read it. Returns how many were corrected.
 */
export function restoreAnchoring(wb: ExcelJS.Workbook, anchors: ReadonlyMap<string, readonly DrawingAnchor[]>): number {
  let corrected = 0;
  for (const [name, list] of anchors) {
    const ws = wb.getWorksheet(name);
    if (!ws) continue;
    const pictures = list.filter((a) => a.element !== 'absoluteAnchor' && a.from && a.media);
    let next = 0;
    for (const img of ws.getImages() as unknown as Medium[]) {
      const m = wb.getImage(Number(img.imageId)) as (ExcelJS.Image & { name?: string }) | undefined;
      const file = m?.name && m.extension ? `${m.name}.${m.extension}`.toLowerCase() : undefined;
      const at = pictures.findIndex((a, i) => i >= next && samePlace(a.from!, img.range.tl) && a.media!.endsWith(`/media/${file}`));
      if (at < 0) continue;
      next = at + 1;
      if (img.range.editAs !== pictures[at]!.editAs) {
        img.range.editAs = pictures[at]!.editAs;
        corrected++;
      }
    }
  }
  return corrected;
}
