/**
 * Workbooks with parts ExcelJS does not model, for the unkept-parts tests (xlsx, CLI, browser file mode): an
 * ExcelJS-written ledger, then the minimal parts of each kind injected with jszip — the part files, their
 * [Content_Types].xml entries and the relationships that reach them, as Excel itself would write them.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export type FixtureKind =
  | 'chart'
  | 'chartsheet'
  | 'pivotTable'
  | 'slicer'
  | 'timeline'
  | 'macros'
  | 'threadedComment'
  | 'formControl'
  | 'activeX'
  | 'sparkline'
  | 'externalLink';

export const ALL_KINDS: readonly FixtureKind[] = ['chart', 'chartsheet', 'pivotTable', 'slicer', 'timeline', 'macros', 'threadedComment', 'formControl', 'activeX', 'sparkline', 'externalLink'];

const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  x14: 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main',
  xm: 'http://schemas.microsoft.com/office/excel/2006/main',
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
};
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

/** Adds `<pivotCaches>`/`<externalReferences>`-style workbook children in schema order. */
async function workbookChild(p: Package, element: string, before: string[]) {
  await p.insert('xl/workbook.xml', element, before, '</workbook>');
}

/** Injects one kind of part onto a sheet; `count` of them where the kind has a count. */
async function injectKind(p: Package, kind: FixtureKind, sheetName: string, count: number): Promise<void> {
  const sheet = await p.sheetPath(sheetName);
  await p.declareR(sheet, 'worksheet');
  switch (kind) {
    case 'chart': {
      const rid = await drawingWithCharts(p, sheet, count, false);
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
