/**
 * Pictures on a sheet losing rows to row moves, through XlsxGateway on a real .xlsx (ExcelJS writes it with
 * tiny PNGs, the gateway loads, moves three projects, saves; the saved bytes are read back with ExcelJS and
 * the drawing XML checked with jszip). Excel's rules by the picture's properties: move and size with cells
 * (twoCell) follows both anchors, shrinks, and goes with rows it lies wholly inside; move but don't size
 * (oneCell) follows its top-left and keeps its height; don't move or size (absolute) stays put on the sheet.
 * Also: manual page breaks, which ExcelJS 4.4 drops on load.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { EMPTY_PLAN, type WritePlan } from '../../../addin/core';
import { XlsxGateway } from '../../../addin/xlsx';
import { png } from './png';

type At = { row: number; off: number };
interface Pic {
  name: string;
  editAs: 'twoCell' | 'oneCell' | 'absolute';
  tl: At;
  br?: At;
  ext?: { width: number; height: number };
}
const anchor = ({ row, off }: At, col: number) => ({ nativeCol: col, nativeColOff: 0, nativeRow: row, nativeRowOff: off });

/**
 * On 重点线索 (rows 0-based as in the drawing XML; 1-based rows 5, 6 and 12 are deleted): row 6 is 30pt,
 * row 8 hidden, row 9 45pt, the rest 15pt (190500 EMU).
 */
const PICS: Pic[] = [
  { name: 'above', editAs: 'twoCell', tl: { row: 0, off: 0 }, br: { row: 2, off: 0 } },
  { name: 'below', editAs: 'twoCell', tl: { row: 14, off: 1000 }, br: { row: 16, off: 2000 } },
  { name: 'spanning', editAs: 'twoCell', tl: { row: 9, off: 500 }, br: { row: 12, off: 300 } },
  { name: 'inside 5–6', editAs: 'twoCell', tl: { row: 4, off: 100 }, br: { row: 6, off: 0 } },
  { name: 'inside 12', editAs: 'twoCell', tl: { row: 11, off: 0 }, br: { row: 11, off: 150000 } },
  { name: 'oneCell spanning', editAs: 'oneCell', tl: { row: 3, off: 0 }, br: { row: 7, off: 0 } },
  { name: 'oneCell ext', editAs: 'oneCell', tl: { row: 17, off: 777 }, ext: { width: 50, height: 40 } },
  { name: 'absolute', editAs: 'absolute', tl: { row: 9, off: 0 }, br: { row: 10, off: 0 } },
  { name: 'oneCell inside 12', editAs: 'oneCell', tl: { row: 11, off: 0 }, br: { row: 11, off: 100000 } },
  { name: 'oneCell below', editAs: 'oneCell', tl: { row: 18, off: 0 }, br: { row: 19, off: 100 } },
];

/** Where Excel puts each afterwards (null: deleted with its rows). */
const EXPECTED: Record<string, Pick<Pic, 'tl' | 'br'> | null> = {
  above: { tl: { row: 0, off: 0 }, br: { row: 2, off: 0 } },
  below: { tl: { row: 11, off: 1000 }, br: { row: 13, off: 2000 } },
  spanning: { tl: { row: 7, off: 500 }, br: { row: 9, off: 300 } }, // one row (12) shorter
  'inside 5–6': null,
  'inside 12': null,
  // 952500 EMU tall (rows 4–7 with the 30pt row 6): now rows 4, 7, hidden 8 and 45pt 9 → ends at the top of old row 10.
  'oneCell spanning': { tl: { row: 3, off: 0 }, br: { row: 7, off: 0 } },
  'oneCell ext': { tl: { row: 14, off: 777 } },
  // Its top was 2095500 EMU down the sheet (rows 1–9); that is now the top of old row 14 (0-based row 10).
  absolute: { tl: { row: 10, off: 0 }, br: { row: 11, off: 0 } },
  'oneCell inside 12': { tl: { row: 9, off: 0 }, br: { row: 9, off: 100000 } }, // lands on old row 13, same height
  'oneCell below': { tl: { row: 15, off: 0 }, br: { row: 16, off: 100 } },
};

async function ledger(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('重点线索');
  ws.addRow(['序号', '项目名称', '总投资（亿元）']);
  for (let i = 1; i <= 20; i++) ws.addRow([i, `项目${i}`, i]);
  ws.getRow(6).height = 30;
  ws.getRow(8).hidden = true;
  ws.getRow(9).height = 45;
  const red = wb.addImage({ buffer: png(2, 2, [255, 0, 0]) as unknown as ExcelJS.Buffer, extension: 'png' });
  for (const p of PICS) {
    const range = { tl: anchor(p.tl, 4), br: p.br && anchor(p.br, 6), ext: p.ext, editAs: p.editAs };
    ws.addImage(red, range as unknown as ExcelJS.ImageRange);
  }
  ws.getRow(8).addPageBreak();
  const signed = wb.addWorksheet('签约项目');
  signed.addRow(['序号', '项目名称', '总投资（亿元）']);
  const blue = wb.addImage({ buffer: png(3, 1, [0, 0, 255]) as unknown as ExcelJS.Buffer, extension: 'png' });
  signed.addImage(blue, { tl: anchor({ row: 6, off: 10 }, 1), br: anchor({ row: 8, off: 20 }, 3), editAs: 'twoCell' } as unknown as ExcelJS.ImageRange);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const move = (row: number, to: number): WritePlan['moves'][number] => ({
  id: `P-MOVE${row}`,
  from: { sheet: '重点线索', row },
  to: { sheet: '签约项目', row: to },
  cells: [{ col: 2, value: `项目${row - 1}` }],
});
const movePlan: WritePlan = { ...EMPTY_PLAN, moves: [move(5, 2), move(12, 3), move(6, 4)] };

async function throughGateway(bytes: Uint8Array, plan: WritePlan): Promise<Uint8Array> {
  const gw = await XlsxGateway.load(bytes);
  await gw.apply(plan);
  return gw.save();
}

/** A sheet's XML and its drawing's XML (through the sheet's relationships), from the package. */
async function sheetParts(bytes: Uint8Array, sheetNo: number) {
  const zip = await JSZip.loadAsync(bytes);
  const text = (path: string) => zip.file(path)?.async('string') ?? Promise.resolve('');
  const rels = await text(`xl/worksheets/_rels/sheet${sheetNo}.xml.rels`);
  const target = /Target="\.\.\/drawings\/(drawing\d+\.xml)"/.exec(rels)?.[1];
  return { sheet: await text(`xl/worksheets/sheet${sheetNo}.xml`), drawing: target ? await text(`xl/drawings/${target}`) : '', zip };
}

/** Each anchor in drawing XML: its kind, editAs, and the from/to rows with offsets. */
function xmlAnchors(drawing: string) {
  return [...drawing.matchAll(/<xdr:(twoCellAnchor|oneCellAnchor)([^>]*)>([\s\S]*?)<\/xdr:\1>/g)].map(([, kind, attrs, body]) => {
    const at = (tag: string) => {
      const m = new RegExp(`<xdr:${tag}>[\\s\\S]*?<xdr:row>(\\d+)</xdr:row><xdr:rowOff>(\\d+)</xdr:rowOff>`).exec(body!);
      return m ? { row: Number(m[1]), off: Number(m[2]) } : undefined;
    };
    return { kind, editAs: /editAs="(\w+)"/.exec(attrs!)?.[1], tl: at('from'), br: at('to'), embed: /r:embed="(\w+)"/.exec(body!)?.[1] };
  });
}

describe('pictures follow a row delete as Excel moves them (.xlsx round trip)', () => {
  let before: Uint8Array;
  let after: Uint8Array;
  let back: ExcelJS.Workbook;
  const kept = PICS.filter((p) => EXPECTED[p.name] !== null);

  beforeAll(async () => {
    before = await ledger();
    after = await throughGateway(before, movePlan);
    back = new ExcelJS.Workbook();
    await back.xlsx.load(after as unknown as ArrayBuffer);
  });

  test('the workbook as written holds every picture where it was put (the test fixture is what it says)', async () => {
    const anchors = xmlAnchors((await sheetParts(before, 1)).drawing);
    expect(anchors.map((a) => ({ tl: a.tl, br: a.br }))).toEqual(PICS.map((p) => ({ tl: p.tl, br: p.br })));
  });

  test('read back with ExcelJS: each kept picture sits where Excel would put it; those wholly inside deleted rows are gone', () => {
    const images = back.getWorksheet('重点线索')!.getImages();
    const seen = images.map((img) => {
      const range = img.range as unknown as { tl: ExcelJS.Anchor; br?: ExcelJS.Anchor; ext?: object; editAs: string };
      const at = (a: ExcelJS.Anchor) => ({ row: a.nativeRow, off: a.nativeRowOff });
      return { tl: at(range.tl), ...(range.br ? { br: at(range.br) } : {}), editAs: range.editAs, ext: range.ext, col: range.tl.nativeCol };
    });
    expect(seen).toEqual(kept.map((p) => ({ ...EXPECTED[p.name], editAs: p.editAs, ext: p.ext, col: 4 })));
  });

  test('the saved drawing XML says the same, with every picture still pointing at its image', async () => {
    const { drawing, zip } = await sheetParts(after, 1);
    const anchors = xmlAnchors(drawing);
    expect(anchors.map(({ kind, editAs, tl, br }) => ({ kind, editAs, tl, br }))).toEqual(
      kept.map((p) => ({ kind: p.ext ? 'oneCellAnchor' : 'twoCellAnchor', editAs: p.editAs, tl: EXPECTED[p.name]!.tl, br: EXPECTED[p.name]!.br })),
    );
    const rels = await zip.file(/drawings\/_rels\/drawing\d+\.xml\.rels$/)[0]!.async('string');
    for (const a of anchors) expect(rels).toMatch(new RegExp(`Id="${a.embed}"[^>]*Target="\\.\\./media/image\\d+\\.png"`));
  });

  test('rows moved with their heights and hidden flag, so the pictures line up with the same cells', () => {
    const ws = back.getWorksheet('重点线索')!;
    expect([ws.getRow(6).hidden, ws.getRow(7).height, ws.getCell('B7').value]).toEqual([true, 45, '项目8']);
  });

  test('a picture on a sheet that loses no rows stays where it was', () => {
    const [img] = back.getWorksheet('签约项目')!.getImages();
    expect([img!.range.tl.nativeRow, img!.range.tl.nativeRowOff, img!.range.br.nativeRow, img!.range.br.nativeRowOff]).toEqual([6, 10, 8, 20]);
  });
});

describe('manual page breaks', () => {
  test('ExcelJS 4.4 does not read them: a saved copy has none, with or without deleted rows (so none can be moved)', async () => {
    const bytes = await ledger();
    expect((await sheetParts(bytes, 1)).sheet).toMatch(/<rowBreaks[^>]*><brk id="8"/);
    for (const plan of [EMPTY_PLAN, movePlan]) {
      const { sheet } = await sheetParts(await throughGateway(bytes, plan), 1);
      expect(sheet).toContain('<sheetData>');
      expect(sheet).not.toContain('rowBreaks');
    }
  });
});
