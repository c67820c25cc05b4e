/**
 * What of a clerk's .xlsx ExcelJS will not write back: it loads cells, styles, notes, images and the like, and
 * silently drops parts it does not model. Each kind listed here is proven dropped by an XlsxGateway load + save
 * in test/addin/xlsx/unkept.test.ts; a kind ExcelJS keeps does not belong here. Read from the package itself
 * (package.ts, no Node APIs: this also runs in the browser's file mode), with a count per kind and, where the
 * relationships say so, the sheets the parts sit on.
 */
import type { Message } from '../../contract';
import { leaderSheetNames } from '../core/leader-sheets';
import { attributes, Package } from './package';

export type UnkeptKind =
  | 'wpsCellImage'
  | 'cellPicture'
  | 'chart'
  | 'shape'
  | 'chartsheet'
  | 'pivotTable'
  | 'slicer'
  | 'timeline'
  | 'sparkline'
  | 'pageBreak'
  | 'threadedComment'
  | 'formControl'
  | 'activeX'
  | 'oleObject'
  | 'macros'
  | 'externalLink'
  | 'dataConnection'
  | 'dataModel'
  | 'webExtension';

export interface UnkeptPart {
  kind: UnkeptKind;
  count: number;
  /** Sheets the parts sit on, in tab order; empty for workbook-wide parts (macros, external links, the data model). */
  sheets: string[];
}

/** How many of a kind one part holds: one, unless the part lists several (slicers, timelines, comments). */
type Counter = (xml: string) => number;
/** Elements named `name` not matching `skip`; at least `floor` (a part that is there counts, whatever its XML). */
const elements = (name: string, skip?: RegExp, floor = 1): Counter => (xml) =>
  Math.max(floor, [...xml.matchAll(new RegExp(`<(?:\\w+:)?${name}[\\s/>][^>]*`, 'g'))].filter((m) => !skip?.test(m[0])).length);

/**
 * The part files of each kind (paths are case-insensitive in a package), in the order they are reported. The
 * sheets named are those whose relationships reach the parts, or, for workbook-wide parts that sheets use
 * without a relationship, those whose own XML matches `sheetXml` (cells showing in-cell pictures) or that reach
 * `sheetParts` (the query tables a connection fills).
 */
const PARTS: ReadonlyArray<{ kind: Exclude<UnkeptKind, SheetXmlKind>; path: RegExp; count?: Counter; sheetXml?: RegExp; sheetParts?: RegExp }> = [
  // WPS: xl/cellimages.xml holds the pictures, cells show them with =DISPIMG("ID_…",1).
  { kind: 'wpsCellImage', path: /^xl\/cellimages\.xml$/i, count: elements('cellImage'), sheetXml: /<f[\s>][^<]*DISPIMG\(/ },
  // Excel (Place in Cell): one rich value per picture, cells point at them with vm="n". Linked data types
  // (stocks, geography) share these parts and would be counted with them; Chinese Excel does not offer them.
  { kind: 'cellPicture', path: /^xl\/richData\/rdrichvalue\.xml$/i, count: elements('rv'), sheetXml: /<(?:\w+:)?c\s[^>]*\bvm="/ },
  { kind: 'chart', path: /^xl\/charts\/chart(?:ex)?\d*\.xml$/i },
  { kind: 'chartsheet', path: /^xl\/chartsheets\/[^/]+\.xml$/i },
  { kind: 'pivotTable', path: /^xl\/pivotTables\/[^/]+\.xml$/i },
  { kind: 'slicer', path: /^xl\/slicers\/[^/]+\.xml$/i, count: elements('slicer') },
  { kind: 'timeline', path: /^xl\/timelines\/[^/]+\.xml$/i, count: elements('timeline') },
  // A thread's replies carry parentId: count conversations, as Excel shows them.
  { kind: 'threadedComment', path: /^xl\/threadedComments\/[^/]+\.xml$/i, count: elements('threadedComment', /\sparentId=/) },
  { kind: 'formControl', path: /^xl\/ctrlProps\/[^/]+\.xml$/i },
  { kind: 'activeX', path: /^xl\/activeX\/[^/]+\.xml$/i },
  { kind: 'macros', path: /^xl\/vbaProject\.bin$/i },
  { kind: 'externalLink', path: /^xl\/externalLinks\/[^/]+\.xml$/i },
  // The data model's own connection (ThisWorkbookDataModel) is the data model, reported below, not a connection.
  { kind: 'dataConnection', path: /^xl\/connections\.xml$/i, count: elements('connection', /\sname="ThisWorkbookDataModel"/, 0), sheetParts: /^xl\/queryTables\// },
  { kind: 'dataModel', path: /^xl\/model\/item\.data$/i },
  { kind: 'webExtension', path: /^xl\/webextensions\/webextension\d*\.xml$/i },
];

/** Kinds that live inside the worksheet XML rather than in parts of their own: how many a sheet has. */
type SheetXmlKind = 'sparkline' | 'pageBreak' | 'oleObject';
const SHEET_XML: ReadonlyArray<{ kind: SheetXmlKind; marker: string; count: (xml: string) => number }> = [
  { kind: 'sparkline', marker: 'sparkline', count: (xml) => [...xml.matchAll(/<(?:\w+:)?sparkline[\s>]/g)].length },
  // Manual page breaks (<rowBreaks>/<colBreaks>): ExcelJS writes breaks it is given but reads none back.
  { kind: 'pageBreak', marker: '<brk', count: (xml) => [...xml.matchAll(/<(?:\w+:)?brk\s[^>]*>/g)].filter((m) => /\sman="(?:1|true)"/.test(m[0])).length },
  // Excel writes each OLE object twice (mc:Choice and mc:Fallback) with one shapeId; the part is in xl/embeddings.
  { kind: 'oleObject', marker: 'oleObject', count: (xml) => new Set([...xml.matchAll(/<(?:\w+:)?oleObject\s[^>]*>/g)].map((m) => { const a = attributes(m[0]); return a.shapeId ?? a.id ?? m[0]; })).size },
];

const DRAWING = /^xl\/drawings\/drawing\d*\.xml$/i;
/**
 * Anchors of a drawing whose object is a shape, connector or group (not a picture or a chart's frame). Not the
 * text box Excel writes in mc:Fallback as a stand-in for a slicer, timeline or chartex chart, nor a form or
 * ActiveX control Excel 2010+ draws as a shape (a14:compatExt): those are counted as what they are.
 */
const shapeCount = (xml: string): number =>
  [...xml.replace(/<(\w+:)?Fallback[\s>][\s\S]*?<\/\1Fallback>/g, '').matchAll(/<(\w+:)?(twoCellAnchor|oneCellAnchor|absoluteAnchor)[\s>][\s\S]*?<\/\1\2>/g)]
    .filter((m) => /<(?:\w+:)?(?:sp|cxnSp|grpSp)[\s>]/.test(m[0]) && !/<(?:\w+:)?compatExt[\s/>]/.test(m[0])).length;

/** The leaders' sheets are the product's own, rewritten (page breaks included) on every refresh: their breaks are not the clerk's to lose. */
const LEADER_SHEETS = new Set([...Object.values(leaderSheetNames('zh')), ...Object.values(leaderSheetNames('en'))]);
const ownBreaks = (kind: SheetXmlKind, sheet: string): boolean => kind === 'pageBreak' && LEADER_SHEETS.has(sheet);

/** Every kind, in the order they are reported. */
export const UNKEPT_KINDS: readonly UnkeptKind[] = [
  'wpsCellImage', 'cellPicture', 'chart', 'shape', 'chartsheet', 'pivotTable', 'slicer', 'timeline', 'sparkline', 'pageBreak', 'threadedComment',
  'formControl', 'activeX', 'oleObject', 'macros', 'externalLink', 'dataConnection', 'dataModel', 'webExtension',
];

/** Reads the package (or the package the gateway already opened, whose parts it shares with anchors.ts). */
export async function findUnkept(data: ArrayBuffer | Uint8Array | Package): Promise<UnkeptPart[]> {
  const pkg = data instanceof Package ? data : await Package.open(data);
  const { files } = pkg;
  const targets = async (part: string) => [...(await pkg.relationships(part)).values()].map((r) => r.target);

  // Sheets in tab order with their part paths; each sheet reaches its own part, its related parts and theirs
  // (sheet → drawing → chart, sheet → pivot table → cache).
  const sheets = await pkg.sheets();
  const reach = await Promise.all(
    sheets.map(async ({ path }) => {
      const near = await targets(path);
      const far = await Promise.all(near.map(targets));
      return new Set([path, ...near, ...far.flat()]);
    }),
  );
  const sheetsReaching = (paths: string[]) => sheets.filter((_, i) => paths.some((p) => reach[i]!.has(p))).map((s) => s.name);
  const worksheetXml = await Promise.all(sheets.map(({ path }) => (/^xl\/worksheets\//.test(path) ? pkg.text(path) : Promise.resolve(''))));

  const found = new Map<UnkeptKind, UnkeptPart>();
  for (const { kind, path, count, sheetXml, sheetParts } of PARTS) {
    const matching = files.filter((f) => path.test(f.name));
    if (!matching.length) continue;
    const n = count ? (await Promise.all(matching.map(async (f) => count(await pkg.text(f.name))))).reduce((a, b) => a + b, 0) : matching.length;
    if (!n) continue;
    const named = sheetXml
      ? sheets.filter((_, i) => sheetXml.test(worksheetXml[i]!)).map((s) => s.name)
      : sheetsReaching((sheetParts ? files.filter((f) => sheetParts.test(f.name)) : matching).map((f) => f.name.toLowerCase()));
    found.set(kind, { kind, count: n, sheets: named });
  }
  // Shapes, text boxes, connectors and groups share the drawing parts with pictures (which ExcelJS keeps): only
  // the drawings that hold them count, and only their anchors.
  const shapes = await Promise.all(files.filter((f) => DRAWING.test(f.name)).map(async (f) => ({ path: f.name.toLowerCase(), n: shapeCount(await pkg.text(f.name)) })));
  const withShapes = shapes.filter((d) => d.n > 0);
  if (withShapes.length) found.set('shape', { kind: 'shape', count: withShapes.reduce((a, d) => a + d.n, 0), sheets: sheetsReaching(withShapes.map((d) => d.path)) });
  for (const { kind, marker, count } of SHEET_XML) {
    const per = sheets
      .map(({ name }, i) => ({ name, n: worksheetXml[i]!.includes(marker) && !ownBreaks(kind, name) ? count(worksheetXml[i]!) : 0 }))
      .filter((s) => s.n > 0);
    if (per.length) found.set(kind, { kind, count: per.reduce((a, s) => a + s.n, 0), sheets: per.map((s) => s.name) });
  }
  return UNKEPT_KINDS.flatMap((k) => (found.has(k) ? [found.get(k)!] : []));
}

/** Each kind's words: the Chinese measure word and name; English singular and plural. */
const WORDS: Record<UnkeptKind, { zh: string; one: string; many: string }> = {
  wpsCellImage: { zh: '张 WPS 单元格内图片', one: 'WPS in-cell picture', many: 'WPS in-cell pictures' },
  cellPicture: { zh: '张 Excel 单元格内图片', one: 'Excel in-cell picture', many: 'Excel in-cell pictures' },
  chart: { zh: '个图表', one: 'chart', many: 'charts' },
  shape: { zh: '个形状或文本框', one: 'shape or text box', many: 'shapes and text boxes' },
  chartsheet: { zh: '个图表工作表', one: 'chart sheet', many: 'chart sheets' },
  pivotTable: { zh: '个数据透视表', one: 'pivot table', many: 'pivot tables' },
  slicer: { zh: '个切片器', one: 'slicer', many: 'slicers' },
  timeline: { zh: '个日程表（时间切片器）', one: 'timeline', many: 'timelines' },
  sparkline: { zh: '个迷你图', one: 'sparkline', many: 'sparklines' },
  pageBreak: { zh: '个手动分页符', one: 'manual page break', many: 'manual page breaks' },
  threadedComment: { zh: '条批注会话', one: 'threaded comment', many: 'threaded comments' },
  formControl: { zh: '个表单控件', one: 'form control', many: 'form controls' },
  activeX: { zh: '个 ActiveX 控件', one: 'ActiveX control', many: 'ActiveX controls' },
  macros: { zh: '个 VBA 宏项目', one: 'VBA macro project', many: 'VBA macro projects' },
  externalLink: { zh: '个外部工作簿链接', one: 'link to another workbook', many: 'links to other workbooks' },
  oleObject: { zh: '个嵌入对象', one: 'embedded object', many: 'embedded objects' },
  dataConnection: { zh: '个数据连接', one: 'data connection', many: 'data connections' },
  dataModel: { zh: '个 Power Pivot 数据模型', one: 'Power Pivot data model', many: 'Power Pivot data models' },
  webExtension: { zh: '个 Office 加载项', one: 'Office add-in', many: 'Office add-ins' },
};

/** "2 个图表（工作表：汇总）、1 个 VBA 宏项目" / "2 charts (sheet 汇总), 1 VBA macro project". */
export function describeUnkept(parts: readonly UnkeptPart[]): Message {
  const zh = parts.map((p) => `${p.count} ${WORDS[p.kind].zh}${p.sheets.length ? `（工作表：${p.sheets.join('、')}）` : ''}`);
  const en = parts.map((p) => {
    const where = p.sheets.length ? ` (${p.sheets.length === 1 ? 'sheet' : 'sheets'} ${p.sheets.join(', ')})` : '';
    return `${p.count} ${p.count === 1 ? WORDS[p.kind].one : WORDS[p.kind].many}${where}`;
  });
  return { zh: zh.join('、'), en: en.join(', ') };
}

/** The warning before a copy is written; null when nothing would be lost. */
export function unkeptNotice(parts: readonly UnkeptPart[]): Message | null {
  if (!parts.length) return null;
  const what = describeUnkept(parts);
  return {
    zh: `此文件中的 ${what.zh}在输出文件中不会保留；原文件未改动。如需保留，请在 Excel 中用加载项同步。`,
    en: `This file's ${what.en} will not be kept in the output file; the original file is unchanged. To keep them, sync the workbook in Excel with the add-in.`,
  };
}
