/**
 * Workbooks with parts ExcelJS does not model, for the unkept-parts tests (xlsx, CLI, browser file mode): an
 * ExcelJS-written ledger, then the minimal parts of each kind injected with jszip — the part files, their
 * [Content_Types].xml entries and the relationships that reach them, as Excel itself would write them.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { UnkeptKind } from '../../../addin/xlsx';

/** The kinds there is a fixture for (the tests check this covers every kind the detector lists). */
export type FixtureKind = UnkeptKind;

export const ALL_KINDS: readonly FixtureKind[] = [
  'wpsCellImage', 'cellPicture', 'chart', 'shape', 'chartsheet', 'pivotTable', 'slicer', 'timeline', 'macros', 'threadedComment', 'formControl', 'activeX', 'sparkline', 'pageBreak',
  'externalLink', 'oleObject', 'dataConnection', 'dataModel', 'webExtension',
];

const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  x14: 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main',
  xm: 'http://schemas.microsoft.com/office/excel/2006/main',
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  wps: 'http://www.wps.cn/officeDocument/2017/etCustomData',
  richData: 'http://schemas.microsoft.com/office/spreadsheetml/2017/richdata',
  richData2: 'http://schemas.microsoft.com/office/spreadsheetml/2017/richdata2',
  richValueRel: 'http://schemas.microsoft.com/office/spreadsheetml/2022/richvaluerel',
  we: 'http://schemas.microsoft.com/office/webextensions/webextension/2010/11',
  wetp: 'http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11',
};
const REL = {
  drawing: `${NS.r}/drawing`,
  chart: `${NS.r}/chart`,
  chartsheet: `${NS.r}/chartsheet`,
  pivotTable: `${NS.r}/pivotTable`,
  pivotCache: `${NS.r}/pivotCacheDefinition`,
  slicer: 'http://schemas.microsoft.com/office/2007/relationships/slicer',
  slicerCache: 'http://schemas.microsoft.com/office/2007/relationships/slicerCache',
  timeline: 'http://schemas.microsoft.com/office/2011/relationships/timeline',
  timelineCache: 'http://schemas.microsoft.com/office/2011/relationships/timelineCache',
  vba: 'http://schemas.microsoft.com/office/2006/relationships/vbaProject',
  threaded: 'http://schemas.microsoft.com/office/2017/10/relationships/threadedComment',
  person: 'http://schemas.microsoft.com/office/2017/10/relationships/person',
  ctrlProp: `${NS.r}/ctrlProp`,
  control: `${NS.r}/control`,
  activeXBin: 'http://schemas.microsoft.com/office/2006/relationships/activeXControlBinary',
  externalLink: `${NS.r}/externalLink`,
  externalPath: `${NS.r}/externalLinkPath`,
  image: `${NS.r}/image`,
  wpsCellImage: 'http://www.wps.cn/officeDocument/2020/cellImage',
  sheetMetadata: `${NS.r}/sheetMetadata`,
  richValue: 'http://schemas.microsoft.com/office/2017/06/relationships/rdRichValue',
  richValueStructure: 'http://schemas.microsoft.com/office/2017/06/relationships/rdRichValueStructure',
  richValueTypes: 'http://schemas.microsoft.com/office/2017/06/relationships/rdRichValueTypes',
  richValueRel: 'http://schemas.microsoft.com/office/2022/10/relationships/richValueRel',
  oleObject: `${NS.r}/oleObject`,
  connections: `${NS.r}/connections`,
  queryTable: `${NS.r}/queryTable`,
  powerPivotData: `${NS.r}/powerPivotData`,
  webExtension: 'http://schemas.microsoft.com/office/2011/relationships/webextension',
  webExtensionTaskpanes: 'http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes',
};
const CT = {
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  chartsheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml',
  pivotTable: 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml',
  pivotCache: 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml',
  slicer: 'application/vnd.ms-excel.slicer+xml',
  slicerCache: 'application/vnd.ms-excel.slicerCache+xml',
  timeline: 'application/vnd.ms-excel.timeline+xml',
  timelineCache: 'application/vnd.ms-excel.timelineCache+xml',
  threaded: 'application/vnd.ms-excel.threadedcomments+xml',
  person: 'application/vnd.ms-excel.person+xml',
  ctrlProp: 'application/vnd.ms-excel.controlproperties+xml',
  activeX: 'application/vnd.ms-office.activeX+xml',
  activeXBin: 'application/vnd.ms-office.activeX',
  externalLink: 'application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml',
  wpsCellImage: 'application/vnd.wps-officedocument.cellimage+xml',
  sheetMetadata: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml',
  richValue: 'application/vnd.ms-excel.rdrichvalue+xml',
  richValueStructure: 'application/vnd.ms-excel.rdrichvaluestructure+xml',
  richValueTypes: 'application/vnd.ms-excel.rdrichvaluetypes+xml',
  richValueRel: 'application/vnd.ms-excel.richvaluerel+xml',
  oleObject: 'application/vnd.openxmlformats-officedocument.oleObject',
  connections: 'application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml',
  queryTable: 'application/vnd.openxmlformats-officedocument.spreadsheetml.queryTable+xml',
  dataModel: 'application/vnd.openxmlformats-officedocument.model+data',
  webExtension: 'application/vnd.ms-office.webextension+xml',
  webExtensionTaskpanes: 'application/vnd.ms-office.webextensiontaskpanes+xml',
};
/** A 1×1 PNG, for the pictures in cells. */
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
/** The first bytes of an OLE2 compound file: embedded objects and the data model are binary, and nothing here opens them. */
const OLE2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A small ledger as ExcelJS writes it: 台账 (the list) and 汇总 (a summary sheet the injected parts sit on). */
export async function cleanWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ledger = wb.addWorksheet('台账');
  ledger.addRow(['项目编号', '项目名称', '总投资（亿元）', '签约时间']);
  ledger.addRow(['P-AAAA0001', '新能源电池项目', 12, '2026-03-05']);
  ledger.addRow(['P-AAAA0002', '食品加工项目', 3.5, '2026-04-01']);
  const summary = wb.addWorksheet('汇总');
  summary.addRow(['单位', '项目数', '总投资']);
  summary.addRow(['城区街道', 2, 15.5]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** An .xlsx package being edited: parts, content-type overrides and relationships. */
class Package {
  constructor(readonly zip: JSZip) {}

  text(path: string): Promise<string> {
    return this.zip.file(path)!.async('string');
  }

  async override(part: string, type: string) {
    const ct = await this.text('[Content_Types].xml');
    this.zip.file('[Content_Types].xml', ct.replace('</Types>', `<Override PartName="/${part}" ContentType="${type}"/></Types>`));
  }

  async defaultType(ext: string, type: string) {
    const ct = await this.text('[Content_Types].xml');
    if (!ct.includes(`Extension="${ext}"`)) this.zip.file('[Content_Types].xml', ct.replace('</Types>', `<Default Extension="${ext}" ContentType="${type}"/></Types>`));
  }

  /** Adds a part (and its content type), returns its path. */
  async part(path: string, body: string | Uint8Array, type?: string): Promise<string> {
    this.zip.file(path, typeof body === 'string' ? XML + body : body);
    if (type) await this.override(path, type);
    return path;
  }

  /** Adds a relationship from `from` to `target` (relative to from's folder unless external); returns its id. */
  async relate(from: string, type: string, target: string, external = false): Promise<string> {
    const slash = from.lastIndexOf('/');
    const relsPath = `${from.slice(0, slash + 1)}_rels/${from.slice(slash + 1)}.rels`;
    const existing = this.zip.file(relsPath) ? await this.text(relsPath) : `${XML}<Relationships xmlns="${NS.rels}"></Relationships>`;
    const ids = [...existing.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
    const id = `rId${Math.max(100, ...ids) + 1}`;
    const rel = `<Relationship Id="${id}" Type="${type}" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`;
    this.zip.file(relsPath, existing.replace('</Relationships>', `${rel}</Relationships>`));
    return id;
  }

  /** Path of a worksheet by its name, through workbook.xml and its relationships. */
  async sheetPath(name: string): Promise<string> {
    const wb = await this.text('xl/workbook.xml');
    const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(wb)![1];
    const rels = await this.text('xl/_rels/workbook.xml.rels');
    const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1]!;
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }

  /** Inserts an element into a part's XML before the first of `before` found (else before the closing tag). */
  async insert(path: string, element: string, before: string[], closing: string) {
    const xml = await this.text(path);
    const at = before.map((b) => xml.indexOf(b)).filter((i) => i >= 0);
    const i = at.length ? Math.min(...at) : xml.lastIndexOf(closing);
    this.zip.file(path, xml.slice(0, i) + element + xml.slice(i));
  }

  /** Appends a row holding `cells` to a worksheet, below its data (row numbers from the fixture counter). */
  async addRow(sheet: string, row: number, cells: string) {
    const xml = await this.text(sheet);
    this.zip.file(sheet, xml.replace('</sheetData>', `<row r="${row}">${cells}</row></sheetData>`));
  }

  /**
   * A part other injections add to (one connections.xml for every connection): created on first use as
   * `open` + body + `close`, with its content type and a relationship from `from`; later bodies go before `close`.
   */
  async appendTo(path: string, open: string, close: string, body: string, type: string, from: { part: string; rel: string; target: string }) {
    if (this.zip.file(path)) {
      const xml = await this.text(path);
      this.zip.file(path, xml.replace(close, `${body}${close}`));
      return;
    }
    await this.part(path, `${open}${body}${close}`, type);
    await this.relate(from.part, from.rel, from.target);
  }

  /** Makes sure the root element declares xmlns:r (ExcelJS writes it on worksheets, but be safe). */
  async declareR(path: string, root: string) {
    const xml = await this.text(path);
    if (!new RegExp(`<${root}[^>]*xmlns:r=`).test(xml)) this.zip.file(path, xml.replace(`<${root} `, `<${root} xmlns:r="${NS.r}" `));
  }
}

/** Elements of a worksheet that come after <drawing> (so <drawing>/<legacyDrawing> go before them). */
const AFTER_DRAWING = ['<legacyDrawing', '<legacyDrawingHF', '<picture', '<oleObjects', '<controls', '<webPublishItems', '<tableParts', '<extLst'];

const chartXml = (title: string) =>
  `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${title}</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>汇总!$B$2:$B$2</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`;

const frame = (rid: string, n: number) =>
  `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${n + 1}" name="图表 ${n}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="${rid}"/></a:graphicData></a:graphic></xdr:graphicFrame>`;

let counter = 0;
const next = () => ++counter;

/** A drawing holding `charts` charts, related from `owner` (a worksheet or chartsheet); returns the drawing's rel id. */
async function drawingWithCharts(p: Package, owner: string, charts: number, absolute: boolean): Promise<string> {
  const d = next();
  const drawing = `xl/drawings/drawing${d}.xml`;
  const anchors: string[] = [];
  for (let i = 0; i < charts; i++) {
    const c = next();
    await p.part(`xl/charts/chart${c}.xml`, chartXml(`图表 ${c}`), CT.chart);
    const rid = await p.relate(drawing, REL.chart, `../charts/chart${c}.xml`);
    anchors.push(
      absolute
        ? `<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8666049" cy="6293304"/>${frame(rid, c)}<xdr:clientData/></xdr:absoluteAnchor>`
        : `<xdr:twoCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${1 + i * 16}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>11</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${15 + i * 16}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>${frame(rid, c)}<xdr:clientData/></xdr:twoCellAnchor>`,
    );
  }
  await p.part(drawing, `<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${anchors.join('')}</xdr:wsDr>`, CT.drawing);
  return p.relate(owner, REL.drawing, `../drawings/drawing${d}.xml`);
}

/** Adds a <connection> to xl/connections.xml (created, with its relationship, on first use). */
function connection(p: Package, element: string) {
  return p.appendTo('xl/connections.xml', `<connections xmlns="${NS.main}">`, '</connections>', element, CT.connections, { part: 'xl/workbook.xml', rel: REL.connections, target: 'connections.xml' });
}

/** Adds `<pivotCaches>`/`<externalReferences>`-style workbook children in schema order. */
async function workbookChild(p: Package, element: string, before: string[]) {
  await p.insert('xl/workbook.xml', element, before, '</workbook>');
}

/** Injects one kind of part onto a sheet; `count` of them where the kind has a count. */
async function injectKind(p: Package, kind: FixtureKind, sheetName: string, count: number): Promise<void> {
  const sheet = await p.sheetPath(sheetName);
  await p.declareR(sheet, 'worksheet');
  switch (kind) {
    case 'wpsCellImage': {
      // As WPS writes them: the pictures in xl/cellimages.xml (related from the workbook), each named ID_…, and
      // cells whose formula =DISPIMG("ID_…",1) shows one (the cached value is the formula text).
      const images: string[] = [];
      await p.defaultType('png', 'image/png');
      for (let i = 0; i < count; i++) {
        const n = next();
        const id = `ID_${(0x4a1b2c3d + n).toString(16).toUpperCase().padStart(32, '0')}`;
        await p.part(`xl/media/cellimage${n}.png`, PNG);
        const rid = await p.relate('xl/cellimages.xml', REL.image, `media/cellimage${n}.png`);
        images.push(
          `<etc:cellImage><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${n}" name="${id}" descr="现场照片${n}"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="${rid}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic></etc:cellImage>`,
        );
        await p.addRow(sheet, 10 + n, `<c r="E${10 + n}" t="str"><f>_xlfn.DISPIMG(&quot;${id}&quot;,1)</f><v>=DISPIMG(&quot;${id}&quot;,1)</v></c>`);
      }
      await p.appendTo('xl/cellimages.xml', `<etc:cellImages xmlns:etc="${NS.wps}" xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">`, '</etc:cellImages>', images.join(''), CT.wpsCellImage, {
        part: 'xl/workbook.xml', rel: REL.wpsCellImage, target: 'cellimages.xml',
      });
      return;
    }
    case 'cellPicture': {
      // Excel's Place in Cell: cell vm="k" → metadata.xml valueMetadata k → rich value → richValueRel → the picture.
      await p.defaultType('png', 'image/png');
      const wb = 'xl/workbook.xml';
      const values: string[] = [];
      const relIds: string[] = [];
      const future: string[] = [];
      const value: string[] = [];
      for (let i = 0; i < count; i++) {
        const n = next();
        await p.part(`xl/media/picture${n}.png`, PNG);
        relIds.push(`<rel r:id="${await p.relate('xl/richData/richValueRel.xml', REL.image, `../media/picture${n}.png`)}"/>`);
        values.push(`<rv s="0"><v>${i}</v><v>5</v></rv>`);
        future.push(`<bk><extLst><ext uri="{3e2802c4-a4d2-4d8b-9148-e3be6c30e623}"><xlrd:rvb i="${i}"/></ext></extLst></bk>`);
        value.push(`<bk><rc t="1" v="${i}"/></bk>`);
        await p.addRow(sheet, 10 + n, `<c r="E${10 + n}" t="e" vm="${i + 1}"><v>#VALUE!</v></c>`);
      }
      await p.part('xl/metadata.xml', `<metadata xmlns="${NS.main}" xmlns:xlrd="${NS.richData}"><metadataTypes count="1"><metadataType name="XLRICHVALUE" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1"/></metadataTypes><futureMetadata name="XLRICHVALUE" count="${count}">${future.join('')}</futureMetadata><valueMetadata count="${count}">${value.join('')}</valueMetadata></metadata>`, CT.sheetMetadata);
      await p.relate(wb, REL.sheetMetadata, 'metadata.xml');
      await p.part('xl/richData/rdrichvalue.xml', `<rvData xmlns="${NS.richData}" count="${count}">${values.join('')}</rvData>`, CT.richValue);
      await p.relate(wb, REL.richValue, 'richData/rdrichvalue.xml');
      await p.part('xl/richData/rdrichvaluestructure.xml', `<rvStructures xmlns="${NS.richData}" count="1"><s t="_localImage"><k n="_rvRel:LocalImageIdentifier" t="i"/><k n="CalcOrigin" t="i"/></s></rvStructures>`, CT.richValueStructure);
      await p.relate(wb, REL.richValueStructure, 'richData/rdrichvaluestructure.xml');
      await p.part('xl/richData/rdRichValueTypes.xml', `<rvTypesInfo xmlns="${NS.richData2}"><global><keyFlags><key name="_Self"><flag name="ExcludeFromFile" value="1"/><flag name="ExcludeFromCalcComparison" value="1"/></key></keyFlags></global></rvTypesInfo>`, CT.richValueTypes);
      await p.relate(wb, REL.richValueTypes, 'richData/rdRichValueTypes.xml');
      await p.part('xl/richData/richValueRel.xml', `<richValueRels xmlns="${NS.richValueRel}" xmlns:r="${NS.r}">${relIds.join('')}</richValueRels>`, CT.richValueRel);
      await p.relate(wb, REL.richValueRel, 'richData/richValueRel.xml');
      return;
    }
    case 'oleObject': {
      // An embedded object as Excel writes it: the object in xl/embeddings, and <oleObjects> on the sheet with each
      // object twice (mc:Choice for Excel 2010+, mc:Fallback), one shapeId.
      const objects: string[] = [];
      for (let i = 0; i < count; i++) {
        const n = next();
        await p.part(`xl/embeddings/oleObject${n}.bin`, OLE2, CT.oleObject);
        const rid = await p.relate(sheet, REL.oleObject, `../embeddings/oleObject${n}.bin`);
        const shape = 1024 + n;
        const anchor = `<anchor moveWithCells="1"><from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${1 + i * 4}</xdr:row><xdr:rowOff>0</xdr:rowOff></from><to><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${4 + i * 4}</xdr:row><xdr:rowOff>0</xdr:rowOff></to></anchor>`;
        objects.push(
          `<mc:AlternateContent xmlns:mc="${NS.mc}"><mc:Choice Requires="x14"><oleObject progId="Word.Document.12" shapeId="${shape}" r:id="${rid}"><objectPr defaultSize="0" autoPict="0" xmlns:xdr="${NS.xdr}">${anchor}</objectPr></oleObject></mc:Choice><mc:Fallback><oleObject progId="Word.Document.12" shapeId="${shape}" r:id="${rid}"/></mc:Fallback></mc:AlternateContent>`,
        );
      }
      await p.insert(sheet, `<oleObjects>${objects.join('')}</oleObjects>`, ['<controls', '<webPublishItems', '<tableParts', '<extLst'], '</worksheet>');
      return;
    }
    case 'dataConnection': {
      // A Power Query query loaded to the sheet: a connection in xl/connections.xml, a query table on the sheet.
      for (let i = 0; i < count; i++) {
        const n = next();
        await connection(p, `<connection id="${n}" keepAlive="1" name="查询 - 乡镇项目${n}" description="与工作簿中“乡镇项目${n}”查询的连接。" type="5" refreshedVersion="6" background="1" saveData="1"><dbPr connection="Provider=Microsoft.Mashup.OleDb.1;Data Source=$Workbook$;Location=乡镇项目${n};Extended Properties=&quot;&quot;" command="SELECT * FROM [乡镇项目${n}]"/></connection>`);
        await p.part(`xl/queryTables/queryTable${n}.xml`, `<queryTable xmlns="${NS.main}" name="外部数据_${n}" connectionId="${n}" autoFormatId="16" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="0"/>`, CT.queryTable);
        await p.relate(sheet, REL.queryTable, `../queryTables/queryTable${n}.xml`);
      }
      return;
    }
    case 'dataModel': {
      // The Power Pivot model (binary, one per workbook) and the connection Excel always writes with it.
      if (!p.zip.file('xl/model/item.data')) {
        await p.part('xl/model/item.data', OLE2, CT.dataModel);
        await p.relate('xl/workbook.xml', REL.powerPivotData, 'model/item.data');
        await connection(p, `<connection id="${next()}" keepAlive="1" name="ThisWorkbookDataModel" description="数据模型" type="5" refreshedVersion="6" minRefreshableVersion="5" background="1"><dbPr connection="Data Model Connection" command="Model" commandType="1"/></connection>`);
      }
      return;
    }
    case 'webExtension': {
      // Task-pane add-ins saved with the workbook (they reopen with it), related from the package root.
      const panes: string[] = [];
      for (let i = 0; i < count; i++) {
        const n = next();
        await p.part(`xl/webextensions/webextension${n}.xml`, `<we:webextension xmlns:we="${NS.we}" id="{00000000-0000-0000-0000-0000000000${String(n).padStart(2, '0')}}"><we:reference id="wa10000000${n}" version="1.0.0.0" store="zh-CN" storeType="OMEX"/><we:alternateReferences/><we:properties><we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/></we:properties><we:bindings/><we:snapshot xmlns:r="${NS.r}"/></we:webextension>`, CT.webExtension);
        const rid = await p.relate('xl/webextensions/taskpanes.xml', REL.webExtension, `webextension${n}.xml`);
        panes.push(`<wetp:taskpane dockstate="right" visibility="0" width="350" row="${i + 1}"><wetp:webextensionref xmlns:r="${NS.r}" r:id="${rid}"/></wetp:taskpane>`);
      }
      await p.appendTo('xl/webextensions/taskpanes.xml', `<wetp:taskpanes xmlns:wetp="${NS.wetp}">`, '</wetp:taskpanes>', panes.join(''), CT.webExtensionTaskpanes, {
        part: '', rel: REL.webExtensionTaskpanes, target: 'xl/webextensions/taskpanes.xml',
      });
      return;
    }
    case 'chart': {
      const rid = await drawingWithCharts(p, sheet, count, false);
      await p.insert(sheet, `<drawing r:id="${rid}"/>`, AFTER_DRAWING, '</worksheet>');
      return;
    }
    case 'shape': {
      // Text boxes as Excel draws them (a sp with txBody), one of them in a group with an arrow (a connector).
      const d = next();
      const drawing = `xl/drawings/drawing${d}.xml`;
      const at = (row: number) => `<xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row + 3}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>`;
      const textBox = (id: number, text: string) => `<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="${id}" name="文本框 ${id}"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="540000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${text}</a:t></a:r></a:p></xdr:txBody></xdr:sp>`;
      const arrow = (id: number) => `<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="${id}" name="箭头 ${id}"/><xdr:cNvCxnSpPr/></xdr:nvCxnSpPr><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="900000" cy="0"/></a:xfrm><a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom></xdr:spPr></xdr:cxnSp>`;
      const anchors = Array.from({ length: count }, (_, i) =>
        i % 2 === 0
          ? `<xdr:twoCellAnchor>${at(2 + i * 5)}${textBox(2 + i, `备注 ${i + 1}：用地待协调`)}<xdr:clientData/></xdr:twoCellAnchor>`
          : `<xdr:twoCellAnchor>${at(2 + i * 5)}<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="${20 + i}" name="组合 ${20 + i}"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr><xdr:grpSpPr/>${textBox(30 + i, `进度 ${i + 1}`)}${arrow(40 + i)}</xdr:grpSp><xdr:clientData/></xdr:twoCellAnchor>`,
      );
      await p.part(drawing, `<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${anchors.join('')}</xdr:wsDr>`, CT.drawing);
      const rid = await p.relate(sheet, REL.drawing, `../drawings/drawing${d}.xml`);
      await p.insert(sheet, `<drawing r:id="${rid}"/>`, AFTER_DRAWING, '</worksheet>');
      return;
    }
    case 'chartsheet': {
      for (let i = 0; i < count; i++) {
        const n = next();
        const path = `xl/chartsheets/sheet${n}.xml`;
        const rid = await drawingWithCharts(p, path, 1, true);
        await p.part(path, `<chartsheet xmlns="${NS.main}" xmlns:r="${NS.r}"><sheetPr/><sheetViews><sheetView workbookViewId="0" zoomToFit="1"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="${rid}"/></chartsheet>`, CT.chartsheet);
        const wbRid = await p.relate('xl/workbook.xml', REL.chartsheet, `chartsheets/sheet${n}.xml`);
        const wb = await p.text('xl/workbook.xml');
        const ids = [...wb.matchAll(/sheetId="(\d+)"/g)].map((m) => Number(m[1]));
        await p.insert('xl/workbook.xml', `<sheet name="投资图${i + 1}" sheetId="${Math.max(...ids) + 1}" r:id="${wbRid}"/>`, ['</sheets>'], '</workbook>');
      }
      return;
    }
    case 'pivotTable': {
      for (let i = 0; i < count; i++) {
        const n = next();
        const cache = await p.part(
          `xl/pivotCache/pivotCacheDefinition${n}.xml`,
          `<pivotCacheDefinition xmlns="${NS.main}" xmlns:r="${NS.r}" refreshOnLoad="1" recordCount="0"><cacheSource type="worksheet"><worksheetSource ref="A1:C3" sheet="台账"/></cacheSource><cacheFields count="1"><cacheField name="项目名称" numFmtId="0"><sharedItems/></cacheField></cacheFields></pivotCacheDefinition>`,
          CT.pivotCache,
        );
        const cacheRid = await p.relate('xl/workbook.xml', REL.pivotCache, cache.slice(3));
        const cacheId = 10 + n;
        const wb = await p.text('xl/workbook.xml');
        if (wb.includes('<pivotCaches>')) p.zip.file('xl/workbook.xml', wb.replace('</pivotCaches>', `<pivotCache cacheId="${cacheId}" r:id="${cacheRid}"/></pivotCaches>`));
        else await workbookChild(p, `<pivotCaches><pivotCache cacheId="${cacheId}" r:id="${cacheRid}"/></pivotCaches>`, ['<smartTagPr', '<smartTagTypes', '<webPublishing', '<fileRecoveryPr', '<webPublishObjects', '<extLst']);
        const table = `xl/pivotTables/pivotTable${n}.xml`;
        await p.relate(table, REL.pivotCache, `../pivotCache/pivotCacheDefinition${n}.xml`);
        await p.part(
          table,
          `<pivotTableDefinition xmlns="${NS.main}" name="数据透视表${n}" cacheId="${cacheId}" dataCaption="值" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" updatedVersion="6" minRefreshableVersion="3" createdVersion="6" indent="0" outline="1" outlineData="1"><location ref="E1:E2" firstHeaderRow="1" firstDataRow="1" firstDataCol="0"/><pivotFields count="1"><pivotField showAll="0"/></pivotFields></pivotTableDefinition>`,
          CT.pivotTable,
        );
        await p.relate(sheet, REL.pivotTable, `../pivotTables/pivotTable${n}.xml`);
      }
      return;
    }
    case 'slicer': {
      const n = next();
      const cache = await p.part(`xl/slicerCaches/slicerCache${n}.xml`, `<slicerCacheDefinition xmlns="${NS.x14}" name="切片器_单位${n}" sourceName="单位"><data><tabular pivotCacheId="1"><items count="0"/></tabular></data></slicerCacheDefinition>`, CT.slicerCache);
      await p.relate('xl/workbook.xml', REL.slicerCache, cache.slice(3));
      const slicers = Array.from({ length: count }, (_, i) => `<slicer name="单位${n}_${i}" cache="切片器_单位${n}" caption="单位" rowHeight="241300"/>`).join('');
      await p.part(`xl/slicers/slicer${n}.xml`, `<slicers xmlns="${NS.x14}">${slicers}</slicers>`, CT.slicer);
      await p.relate(sheet, REL.slicer, `../slicers/slicer${n}.xml`);
      return;
    }
    case 'timeline': {
      const n = next();
      const cache = await p.part(`xl/timelineCaches/timelineCache${n}.xml`, `<timelineCacheDefinition xmlns="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" name="日程表_签约时间${n}" sourceName="签约时间"/>`, CT.timelineCache);
      await p.relate('xl/workbook.xml', REL.timelineCache, cache.slice(3));
      const timelines = Array.from({ length: count }, (_, i) => `<timeline name="签约时间${n}_${i}" cache="日程表_签约时间${n}" caption="签约时间" level="2" selectionLevel="2"/>`).join('');
      await p.part(`xl/timelines/timeline${n}.xml`, `<timelines xmlns="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">${timelines}</timelines>`, CT.timeline);
      await p.relate(sheet, REL.timeline, `../timelines/timeline${n}.xml`);
      return;
    }
    case 'macros': {
      // Not a real VBA storage: ExcelJS never opens it, and the detector only needs the part to be there.
      await p.part('xl/vbaProject.bin', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
      await p.defaultType('bin', 'application/vnd.ms-office.vbaProject');
      await p.relate('xl/workbook.xml', REL.vba, 'vbaProject.bin');
      return;
    }
    case 'threadedComment': {
      if (!p.zip.file('xl/persons/person.xml')) {
        await p.part('xl/persons/person.xml', `<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="王科员" id="{00000000-0000-0000-0000-000000000001}" userId="王科员" providerId="None"/></personList>`, CT.person);
        await p.relate('xl/workbook.xml', REL.person, 'persons/person.xml');
      }
      const n = next();
      const comments = Array.from({ length: count }, (_, i) => `<threadedComment ref="B${i + 2}" dT="2026-03-05T09:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" id="{00000000-0000-0000-0000-0000000001${String(i).padStart(2, '0')}}"><text>请核实进展</text></threadedComment>`).join('');
      await p.part(`xl/threadedComments/threadedComment${n}.xml`, `<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">${comments}</ThreadedComments>`, CT.threaded);
      await p.relate(sheet, REL.threaded, `../threadedComments/threadedComment${n}.xml`);
      return;
    }
    case 'formControl': {
      for (let i = 0; i < count; i++) {
        const n = next();
        await p.part(`xl/ctrlProps/ctrlProp${n}.xml`, `<formControlPr xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" objectType="CheckBox" checked="Checked" lockText="1"/>`, CT.ctrlProp);
        await p.relate(sheet, REL.ctrlProp, `../ctrlProps/ctrlProp${n}.xml`);
      }
      return;
    }
    case 'activeX': {
      for (let i = 0; i < count; i++) {
        const n = next();
        const part = `xl/activeX/activeX${n}.xml`;
        await p.part(`xl/activeX/activeX${n}.bin`, new Uint8Array([1, 2, 3, 4]), CT.activeXBin);
        const bin = await p.relate(part, REL.activeXBin, `activeX${n}.bin`);
        await p.part(part, `<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" xmlns:r="${NS.r}" ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}" ax:persistence="persistStorage" r:id="${bin}"/>`, CT.activeX);
        await p.relate(sheet, REL.control, `../activeX/activeX${n}.xml`);
      }
      return;
    }
    case 'sparkline': {
      const lines = Array.from({ length: count }, (_, i) => `<x14:sparkline><xm:f>${sheetName}!B${i + 2}:C${i + 2}</xm:f><xm:sqref>D${i + 2}</xm:sqref></x14:sparkline>`).join('');
      const group = `<x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/><x14:colorAxis rgb="FF000000"/><x14:colorMarkers rgb="FFD00000"/><x14:colorFirst rgb="FFD00000"/><x14:colorLast rgb="FFD00000"/><x14:colorHigh rgb="FFD00000"/><x14:colorLow rgb="FFD00000"/><x14:sparklines>${lines}</x14:sparklines></x14:sparklineGroup>`;
      const ext = `<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="${NS.x14}"><x14:sparklineGroups xmlns:xm="${NS.xm}">${group}</x14:sparklineGroups></ext>`;
      const xml = await p.text(sheet);
      if (xml.includes('<extLst>')) p.zip.file(sheet, xml.replace('</extLst>', `${ext}</extLst>`));
      else await p.insert(sheet, `<extLst>${ext}</extLst>`, [], '</worksheet>');
      return;
    }
    case 'pageBreak': {
      // Row breaks below rows 10, 20…, as Excel writes them (rowBreaks sits after headerFooter, before colBreaks).
      const breaks = Array.from({ length: count }, (_, i) => `<brk id="${10 * (i + 1)}" max="16383" man="1"/>`).join('');
      const after = ['<colBreaks', '<customProperties', '<cellWatches', '<ignoredErrors', '<smartTags', '<drawing', '<legacyDrawing', '<picture', '<oleObjects', '<controls', '<webPublishItems', '<tableParts', '<extLst'];
      await p.insert(sheet, `<rowBreaks count="${count}" manualBreakCount="${count}">${breaks}</rowBreaks>`, after, '</worksheet>');
      return;
    }
    case 'externalLink': {
      for (let i = 0; i < count; i++) {
        const n = next();
        const part = `xl/externalLinks/externalLink${n}.xml`;
        const pathRid = await p.relate(part, REL.externalPath, `file:///D:/台账/乡镇汇总${n}.xlsx`, true);
        await p.part(part, `<externalLink xmlns="${NS.main}" xmlns:r="${NS.r}"><externalBook r:id="${pathRid}"><sheetNames><sheetName val="Sheet1"/></sheetNames><sheetDataSet><sheetData sheetId="0"/></sheetDataSet></externalBook></externalLink>`, CT.externalLink);
        const rid = await p.relate('xl/workbook.xml', REL.externalLink, `externalLinks/externalLink${n}.xml`);
        const wb = await p.text('xl/workbook.xml');
        if (wb.includes('<externalReferences>')) p.zip.file('xl/workbook.xml', wb.replace('</externalReferences>', `<externalReference r:id="${rid}"/></externalReferences>`));
        else await workbookChild(p, `<externalReferences><externalReference r:id="${rid}"/></externalReferences>`, ['<definedNames', '<calcPr', '<oleSize', '<customWorkbookViews', '<pivotCaches', '<extLst']);
      }
      return;
    }
  }
}

export interface Injection {
  kind: FixtureKind;
  /** The worksheet the parts sit on (workbook-level kinds ignore it); default 汇总. */
  sheet?: string;
  count?: number;
}

/** The workbook (default: cleanWorkbook()) with the given parts injected. */
export async function withParts(injections: Injection[], base?: Uint8Array): Promise<Uint8Array> {
  const p = new Package(await JSZip.loadAsync(base ?? (await cleanWorkbook())));
  counter = 0;
  await p.declareR('xl/workbook.xml', 'workbook');
  for (const { kind, sheet = '汇总', count = 1 } of injections) await injectKind(p, kind, sheet, count);
  return p.zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Every file name in an .xlsx. */
export async function partsOf(bytes: Uint8Array): Promise<string[]> {
  return Object.values((await JSZip.loadAsync(bytes)).files).filter((f) => !f.dir).map((f) => f.name).sort();
}

/** One part's text (undefined when absent). */
export async function partText(bytes: Uint8Array, path: string): Promise<string | undefined> {
  return (await JSZip.loadAsync(bytes)).file(path)?.async('string');
}
