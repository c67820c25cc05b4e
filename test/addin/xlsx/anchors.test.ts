/**
 * Pictures keep their anchoring through an XlsxGateway load + save (exceljs#850). The fixture is a real .xlsx:
 * ExcelJS writes it with tiny PNGs, then jszip rewrites the drawing XML as Excel and WPS write it — a
 * twoCellAnchor without editAs (move and size with cells, the format's default), explicit editAs values, a
 * oneCellAnchor, a shape (no picture) at a picture's place, and an absoluteAnchor. The saved package is read back
 * with jszip and each anchor checked; a row deletion shows an editAs-less picture shrinking as Excel does.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseDrawing, readAnchors } from '../../../addin/xlsx/anchors';
import { Package } from '../../../addin/xlsx/package';
import { EMPTY_PLAN, type WritePlan } from '../../../addin/core';
import { findUnkept, XlsxGateway } from '../../../addin/xlsx';
import { png } from './png';

type EditAs = 'twoCell' | 'oneCell' | 'absolute';
type At = { row: number; off: number };
interface Pic {
  name: string;
  colour: 0 | 1 | 2;
  col: number;
  tl: At;
  br?: At;
  /** What the file says: undefined keeps what ExcelJS wrote, null removes editAs, else sets it. */
  written?: EditAs | null;
  /** How Excel treats it, so how it must come back. */
  behaves: EditAs;
}

const SHEET = '重点线索';
/** In document order. Colours repeat so the mapping has to tell pictures of one image apart by place. */
const PICS: Pic[] = [
  { name: 'no editAs', colour: 0, col: 1, tl: { row: 1, off: 0 }, br: { row: 3, off: 0 }, written: null, behaves: 'twoCell' },
  { name: 'absolute', colour: 1, col: 1, tl: { row: 4, off: 100 }, br: { row: 5, off: 0 }, written: 'absolute', behaves: 'absolute' },
  { name: 'oneCellAnchor', colour: 0, col: 2, tl: { row: 4, off: 0 }, behaves: 'oneCell' },
  { name: 'explicit twoCell', colour: 2, col: 3, tl: { row: 6, off: 0 }, br: { row: 7, off: 50 }, written: 'twoCell', behaves: 'twoCell' },
  { name: 'explicit oneCell', colour: 0, col: 1, tl: { row: 6, off: 0 }, br: { row: 8, off: 0 }, written: 'oneCell', behaves: 'oneCell' },
  { name: 'no editAs, spanning row 10', colour: 1, col: 2, tl: { row: 8, off: 0 }, br: { row: 11, off: 0 }, written: null, behaves: 'twoCell' },
  { name: 'oneCellAnchor, editAs removed', colour: 2, col: 4, tl: { row: 12, off: 7 }, written: null, behaves: 'oneCell' },
];
const COLOURS: Array<[number, number, number]> = [[255, 0, 0], [0, 128, 0], [0, 0, 255]];
const cell = ({ row, off }: At, col: number) => ({ nativeCol: col, nativeColOff: 0, nativeRow: row, nativeRowOff: off });
const xdrAt = (tag: string, { row, off }: At, col: number) =>
  `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>${off}</xdr:rowOff></xdr:${tag}>`;
/** A rectangle at the first picture's place: an anchor ExcelJS keeps no image for. */
const SHAPE = `<xdr:twoCellAnchor>${xdrAt('from', PICS[0]!.tl, 1)}${xdrAt('to', PICS[0]!.br!, 1)}<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="99" name="矩形 1"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>`;

const ANCHOR_TAG = /<xdr:(twoCellAnchor|oneCellAnchor)( editAs="\w+")?>/g;

/** The drawing part of sheet `n`, through the sheet's relationships. */
async function drawingOf(zip: JSZip, n = 1) {
  const rels = (await zip.file(`xl/worksheets/_rels/sheet${n}.xml.rels`)?.async('string')) ?? '';
  const target = /Target="\.\.\/drawings\/(drawing\d+\.xml)"/.exec(rels)?.[1];
  return { path: `xl/drawings/${target}`, xml: target ? await zip.file(`xl/drawings/${target}`)!.async('string') : '' };
}

/**
 * A picture on an absoluteAnchor (as Excel writes "don't move or size" when it places one by position), before
 * PICS[3]: 2 columns + 1000 EMU across, 3 rows + 500 EMU down, one default column (64 px) wide, two rows tall.
 */
const ABSOLUTE = (pic: string) => `<xdr:absoluteAnchor><xdr:pos x="${2 * 609600 + 1000}" y="${3 * 190500 + 500}"/><xdr:ext cx="609600" cy="381000"/>${pic}<xdr:clientData/></xdr:absoluteAnchor>`;

/** The ledger as ExcelJS writes it, then its drawing rewritten: editAs per PICS, the shape first, an absoluteAnchor if asked. */
async function ledger(absolute = false): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.addRow(['序号', '项目名称', '总投资（亿元）']);
  for (let i = 1; i <= 20; i++) ws.addRow([i, `项目${i}`, i]);
  wb.addWorksheet('签约项目').addRow(['序号', '项目名称', '总投资（亿元）']);
  const ids = COLOURS.map((rgb) => wb.addImage({ buffer: png(2, 2, rgb) as unknown as ExcelJS.Buffer, extension: 'png' }));
  for (const p of PICS) {
    const range = p.br ? { tl: cell(p.tl, p.col), br: cell(p.br, p.col + 2), editAs: 'twoCell' } : { tl: cell(p.tl, p.col), ext: { width: 40, height: 30 }, editAs: 'oneCell' };
    ws.addImage(ids[p.colour]!, range as unknown as ExcelJS.ImageRange);
  }
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const { path, xml } = await drawingOf(zip);
  const lastPic = [...xml.matchAll(/<xdr:pic>[\s\S]*?<\/xdr:pic>/g)].at(-1)![0]; // shows the blue image
  let i = 0;
  const rewritten = xml
    .replace(ANCHOR_TAG, (tag, kind: string) => {
      const before = absolute && i === 3 ? ABSOLUTE(lastPic) : '';
      const w = PICS[i++]!.written;
      return before + (w === undefined ? tag : w === null ? `<xdr:${kind}>` : `<xdr:${kind} editAs="${w}">`);
    })
    .replace(/(<xdr:wsDr[^>]*>)/, `$1${SHAPE}`);
  zip.file(path, rewritten);
  return zip.generateAsync({ type: 'uint8array' });
}

/** Each anchor of a drawing as the XML has it. */
function xmlAnchors(xml: string) {
  return [...xml.matchAll(/<xdr:(twoCellAnchor|oneCellAnchor|absoluteAnchor)(\s[^>]*)?>([\s\S]*?)<\/xdr:\1>/g)].map(([, kind, attrs, body]) => {
    const at = (tag: string) => {
      const m = new RegExp(`<xdr:${tag}><xdr:col>(\\d+)</xdr:col><xdr:colOff>\\d+</xdr:colOff><xdr:row>(\\d+)</xdr:row><xdr:rowOff>(\\d+)</xdr:rowOff>`).exec(body!);
      return m ? { col: Number(m[1]), row: Number(m[2]), off: Number(m[3]) } : undefined;
    };
    return { kind, editAs: /editAs="(\w+)"/.exec(attrs ?? '')?.[1], tl: at('from'), br: at('to'), pic: body!.includes('<xdr:pic>') };
  });
}

const imagesOf = (wb: ExcelJS.Workbook) =>
  wb.getWorksheet(SHEET)!.getImages().map((img) => {
    const r = img.range as unknown as { tl: ExcelJS.Anchor; br?: ExcelJS.Anchor; editAs: string };
    const at = (a: ExcelJS.Anchor) => ({ row: a.nativeRow, off: a.nativeRowOff });
    return { tl: at(r.tl), br: r.br && at(r.br), col: r.tl.nativeCol, editAs: r.editAs, image: Number(img.imageId) };
  });

describe('the fixture is what it says', () => {
  test('its drawing holds the shape, then each picture with editAs as written', async () => {
    const { xml } = await drawingOf(await JSZip.loadAsync(await ledger()));
    expect(xmlAnchors(xml).map(({ kind, editAs, pic }) => ({ kind, editAs, pic }))).toEqual([
      { kind: 'twoCellAnchor', editAs: undefined, pic: false },
      ...PICS.map((p) => ({ kind: p.br ? 'twoCellAnchor' : 'oneCellAnchor', editAs: p.written === undefined ? (p.br ? 'twoCell' : 'oneCell') : (p.written ?? undefined), pic: true })),
    ]);
  });

  test('ExcelJS alone (exceljs#850) reads the editAs-less twoCellAnchors as oneCell', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await ledger()) as unknown as ArrayBuffer);
    const misread = imagesOf(wb).flatMap((img, i) => (img.editAs === PICS[i]!.behaves ? [] : [PICS[i]!.name]));
    expect(misread).toEqual(['no editAs', 'no editAs, spanning row 10']);
  });
});

describe('reading the anchors from the package', () => {
  test('each anchor in document order with its behaviour, place and picture (none for the shape)', async () => {
    const anchors = (await readAnchors(await Package.open(await ledger()))).get(SHEET)!;
    expect(anchors.map((a) => [a.element, a.editAs, a.from?.nativeRow, a.from?.nativeCol, a.media !== null])).toEqual([
      ['twoCellAnchor', 'twoCell', 1, 1, false],
      ...PICS.map((p) => [p.br ? 'twoCellAnchor' : 'oneCellAnchor', p.behaves, p.tl.row, p.col, true]),
    ]);
    expect(anchors.every((a) => a.media === null || /^xl\/media\/image\d\.png$/.test(a.media))).toBe(true);
  });

  test('the anchors and the unkept parts are read from one opened package, each part decompressed once', async () => {
    const zip = await JSZip.loadAsync(await ledger());
    const calls = new Map<string, number>();
    for (const f of Object.values(zip.files)) {
      const read = f.async.bind(f);
      f.async = ((type: 'string') => (calls.set(f.name, (calls.get(f.name) ?? 0) + 1), read(type))) as typeof f.async;
    }
    const pkg = new Package(zip);
    const [anchors, unkept] = await Promise.all([readAnchors(pkg), findUnkept(pkg)]);
    expect(anchors.get(SHEET)).toHaveLength(PICS.length + 1);
    expect(unkept).toEqual([{ kind: 'shape', count: 1, sheets: [SHEET] }]);
    expect(calls.get('xl/worksheets/sheet1.xml')).toBe(1);
    expect(calls.get('xl/worksheets/_rels/sheet1.xml.rels')).toBe(1);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
  });

  test('an absoluteAnchor is absolute with no cell; a picture linked to a file outside is no embedded picture', () => {
    const rels = new Map([['rId1', 'xl/media/image1.png']]);
    const xml = `<xdr:wsDr xmlns:xdr="x" xmlns:a="a" xmlns:r="r"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="1" cy="1"/><xdr:pic><xdr:blipFill><a:blip r:embed="rId1"/></xdr:blipFill></xdr:pic><xdr:clientData/></xdr:absoluteAnchor><xdr:twoCellAnchor editAs="bogus">${xdrAt('from', { row: 2, off: 3 }, 4)}<xdr:pic><xdr:blipFill><a:blip r:link="rId9"/></xdr:blipFill></xdr:pic></xdr:twoCellAnchor></xdr:wsDr>`;
    expect(parseDrawing(xml, rels)).toEqual([
      { element: 'absoluteAnchor', editAs: 'absolute', pos: { x: 0, y: 0, cx: 1, cy: 1 }, media: 'xl/media/image1.png' },
      { element: 'twoCellAnchor', editAs: 'twoCell', from: { nativeCol: 4, nativeColOff: 0, nativeRow: 2, nativeRowOff: 3 }, media: null },
    ]);
  });
});

describe('load + save through XlsxGateway keeps each picture anchored as it was', () => {
  let loaded: ExcelJS.Workbook;
  let saved: ReturnType<typeof xmlAnchors>;

  beforeAll(async () => {
    const gw = await XlsxGateway.load(await ledger());
    loaded = gw.workbook;
    saved = xmlAnchors((await drawingOf(await JSZip.loadAsync(await gw.save()))).xml);
  });

  test("ExcelJS's images, in the drawing's order (the shape skipped), each with its anchor's behaviour and its own image", () => {
    expect(imagesOf(loaded)).toEqual(PICS.map((p) => ({ tl: p.tl, br: p.br, col: p.col, editAs: p.behaves, image: p.colour })));
  });

  test('the saved drawing: move-and-size pictures say twoCell, the others what they said; oneCellAnchors stay oneCellAnchors', () => {
    expect(saved.map(({ kind, editAs, tl }) => ({ kind, editAs, row: tl?.row, col: tl?.col }))).toEqual(
      PICS.map((p) => ({ kind: p.br ? 'twoCellAnchor' : 'oneCellAnchor', editAs: p.behaves, row: p.tl.row, col: p.col })),
    );
  });

  test('a second round trip changes nothing more', async () => {
    const once = await (await XlsxGateway.load(await ledger())).save();
    const twice = await (await XlsxGateway.load(once)).save();
    const [a, b] = await Promise.all([once, twice].map(async (bytes) => (await drawingOf(await JSZip.loadAsync(bytes))).xml));
    expect(b).toBe(a);
  });
});

describe('a picture on an absoluteAnchor', () => {
  test('ExcelJS alone leaves it out: a saved copy has no such picture', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await ledger(true)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet(SHEET)!.getImages()).toHaveLength(PICS.length);
  });

  test('through XlsxGateway it is kept, in its place in the stacking order, as a twoCellAnchor that does not move or size', async () => {
    const gw = await XlsxGateway.load(await ledger(true));
    const zip = await JSZip.loadAsync(await gw.save());
    const anchors = xmlAnchors((await drawingOf(zip)).xml);
    expect(anchors.map((a) => a.editAs)).toEqual([...PICS.slice(0, 3), { behaves: 'absolute' }, ...PICS.slice(3)].map((p) => p.behaves));
    expect(anchors[3]).toEqual({ kind: 'twoCellAnchor', editAs: 'absolute', tl: { col: 2, row: 3, off: 500 }, br: { col: 3, row: 5, off: 500 }, pic: true });
    const colOffs = [...(await drawingOf(zip)).xml.matchAll(/<xdr:colOff>(\d+)<\/xdr:colOff>/g)].map((m) => Number(m[1]));
    expect(colOffs.slice(5, 7)).toEqual([1000, 1000]); // its from and to (after PICS[0–2]'s five): 1000 EMU into their columns
    expect(imagesOf(gw.workbook)[3]!.image).toBe(2); // the blue image it showed
  });
});

describe('row deletion treats an editAs-less picture as move and size with cells', () => {
  const plan: WritePlan = {
    ...EMPTY_PLAN,
    moves: [{ id: 'P-MOVE10', from: { sheet: SHEET, row: 10 }, to: { sheet: '签约项目', row: 2 }, cells: [{ col: 2, value: '项目9' }] }],
  };

  test('deleting row 10 (0-based 9), which it spans, shrinks it by that row; the oneCell one keeps its height', async () => {
    const gw = await XlsxGateway.load(await ledger());
    await gw.apply(plan);
    const anchors = xmlAnchors((await drawingOf(await JSZip.loadAsync(await gw.save()))).xml);
    const spanning = anchors[PICS.findIndex((p) => p.name === 'no editAs, spanning row 10')]!;
    expect([spanning.editAs, spanning.tl?.row, spanning.br?.row, spanning.br?.off]).toEqual(['twoCell', 8, 10, 0]);
    // 'explicit oneCell' (rows 6–8) lies above the deleted row: untouched, the control for the fixture's rows.
    const above = anchors[PICS.findIndex((p) => p.name === 'explicit oneCell')]!;
    expect([above.editAs, above.tl?.row, above.br?.row]).toEqual(['oneCell', 6, 8]);
  });
});
