/**
 * The parts ExcelJS does not keep: each kind the detector lists is first proven dropped — injected into an
 * ExcelJS-written workbook, loaded and saved through XlsxGateway, and gone from the saved package — and the
 * gateway reports it at load with its count and sheets. Workbooks ExcelJS writes itself list nothing.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { runSync } from '../../../addin/app';
import { EMPTY_PLAN } from '../../../addin/core';
import { countyProjectsSheet, dashboardSheet } from '../../../addin/core/leader-sheets';
import { dashboard } from '../../../functions/domain/report';
import { history, UNITS } from '../../functions/domain/report/history';
import { buildSample } from '../../../addin/cli/sample';
import { describeUnkept, findUnkept, UNKEPT_KINDS, unkeptNotice, XlsxGateway, type UnkeptPart } from '../../../addin/xlsx';
import { fakeBackend } from '../../fixtures/fakeBackend';
import { ALL_KINDS, cleanWorkbook, partsOf, partText, withParts, type FixtureKind } from './unkept-fixtures';

/** The package folders (or files) each kind lives in. */
const HOME: Record<FixtureKind, string[]> = {
  wpsCellImage: ['xl/cellimages.xml', 'xl/_rels/cellimages.xml.rels'],
  cellPicture: ['xl/richData/', 'xl/metadata.xml'],
  chart: ['xl/charts/', 'xl/drawings/'],
  shape: ['xl/drawings/'],
  chartsheet: ['xl/chartsheets/'],
  pivotTable: ['xl/pivotTables/', 'xl/pivotCache/'],
  slicer: ['xl/slicers/', 'xl/slicerCaches/'],
  timeline: ['xl/timelines/', 'xl/timelineCaches/'],
  macros: ['xl/vbaProject.bin'],
  threadedComment: ['xl/threadedComments/', 'xl/persons/'],
  formControl: ['xl/ctrlProps/'],
  activeX: ['xl/activeX/'],
  sparkline: [],
  pageBreak: [],
  externalLink: ['xl/externalLinks/'],
  oleObject: ['xl/embeddings/'],
  dataConnection: ['xl/connections.xml', 'xl/queryTables/'],
  dataModel: ['xl/model/', 'xl/connections.xml'],
  webExtension: ['xl/webextensions/'],
};

/** What of a kind sits in the worksheet XML itself (and must be gone from it too). */
const IN_SHEET: Partial<Record<FixtureKind, RegExp>> = {
  sparkline: /<x14:sparklineGroups[\s\S]*<x14:sparkline>/,
  pageBreak: /<rowBreaks[^>]*>[\s\S]*<brk /,
  oleObject: /<oleObjects>[\s\S]*<oleObject /,
  cellPicture: /<c [^>]*vm="2"/,
  wpsCellImage: /<f>_xlfn\.DISPIMG\(/,
};

/** What the gateway should report for two of a kind on 汇总 (xl/worksheets/sheet2.xml). */
const EXPECTED: Record<FixtureKind, UnkeptPart[]> = {
  wpsCellImage: [{ kind: 'wpsCellImage', count: 2, sheets: ['汇总'] }],
  cellPicture: [{ kind: 'cellPicture', count: 2, sheets: ['汇总'] }],
  chart: [{ kind: 'chart', count: 2, sheets: ['汇总'] }],
  shape: [{ kind: 'shape', count: 2, sheets: ['汇总'] }],
  chartsheet: [
    { kind: 'chart', count: 2, sheets: ['投资图1', '投资图2'] },
    { kind: 'chartsheet', count: 2, sheets: ['投资图1', '投资图2'] },
  ],
  pivotTable: [{ kind: 'pivotTable', count: 2, sheets: ['汇总'] }],
  slicer: [{ kind: 'slicer', count: 2, sheets: ['汇总'] }],
  timeline: [{ kind: 'timeline', count: 2, sheets: ['汇总'] }],
  macros: [{ kind: 'macros', count: 1, sheets: [] }],
  threadedComment: [{ kind: 'threadedComment', count: 2, sheets: ['汇总'] }],
  formControl: [{ kind: 'formControl', count: 2, sheets: ['汇总'] }],
  activeX: [{ kind: 'activeX', count: 2, sheets: ['汇总'] }],
  sparkline: [{ kind: 'sparkline', count: 2, sheets: ['汇总'] }],
  pageBreak: [{ kind: 'pageBreak', count: 2, sheets: ['汇总'] }],
  externalLink: [{ kind: 'externalLink', count: 2, sheets: [] }],
  oleObject: [{ kind: 'oleObject', count: 2, sheets: ['汇总'] }],
  dataConnection: [{ kind: 'dataConnection', count: 2, sheets: ['汇总'] }],
  // One model per workbook; its own connection (ThisWorkbookDataModel) is not listed as a data connection.
  dataModel: [{ kind: 'dataModel', count: 1, sheets: [] }],
  webExtension: [{ kind: 'webExtension', count: 2, sheets: [] }],
};

const inHome = (kind: FixtureKind) => (path: string) => HOME[kind].some((h) => path.startsWith(h));
const SHEET = 'xl/worksheets/sheet2.xml';

it('every kind the detector lists has a fixture below that proves ExcelJS drops it', () => {
  expect([...UNKEPT_KINDS].sort()).toEqual([...ALL_KINDS].sort());
});

describe.each(ALL_KINDS)('%s', (kind) => {
  it('is dropped by an XlsxGateway load + save, and the gateway said so at load', async () => {
    const input = await withParts([{ kind, count: 2 }]);
    const before = await partsOf(input);
    if (IN_SHEET[kind]) expect(await partText(input, SHEET)).toMatch(IN_SHEET[kind]!);
    for (const home of HOME[kind]) expect(before.filter((p) => p.startsWith(home)).length).toBeGreaterThan(0);

    const gateway = await XlsxGateway.load(input);
    expect(gateway.unkept).toEqual(EXPECTED[kind]);
    // The injected workbook is still a workbook ExcelJS reads: both sheets, their cells.
    expect((await gateway.readSheets()).map((s) => s.name)).toEqual(['台账', '汇总']);

    const output = await gateway.save();
    expect((await partsOf(output)).filter(inHome(kind))).toEqual([]);
    // What sat in the sheet's XML is gone too — except WPS's DISPIMG formulas, which stay and no longer find
    // their picture (that is the loss the warning names).
    const sheetXml = (await partText(output, SHEET))!;
    if (kind === 'wpsCellImage') expect(sheetXml).toMatch(IN_SHEET[kind]!);
    else expect(sheetXml).not.toMatch(IN_SHEET[kind] ?? /sparkline|oleObject|\svm="/);
    expect(await findUnkept(output)).toEqual([]);
  });
});

describe('what is listed', () => {
  it('counts threaded conversations, not their replies, and names sheets with XML escapes as Excel shows them', async () => {
    const base = await cleanWorkbook();
    // Rename 汇总 to "R&D <汇总>" and add a reply to the first conversation.
    const zip = await JSZip.loadAsync(base);
    zip.file('xl/workbook.xml', (await zip.file('xl/workbook.xml')!.async('string')).replace('name="汇总"', 'name="R&amp;D &lt;汇总&gt;"'));
    const renamed = await zip.generateAsync({ type: 'uint8array' });
    const input = await withParts([{ kind: 'threadedComment', sheet: 'R&amp;D &lt;汇总&gt;', count: 2 }], renamed);
    const z = await JSZip.loadAsync(input);
    const path = Object.keys(z.files).find((p) => /threadedComment\d+\.xml$/.test(p))!;
    const xml = await z.file(path)!.async('string');
    z.file(path, xml.replace('</ThreadedComments>', '<threadedComment ref="B2" dT="2026-03-06T09:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" id="{00000000-0000-0000-0000-000000000999}" parentId="{00000000-0000-0000-0000-000000000100}"><text>已核实</text></threadedComment></ThreadedComments>'));
    expect(await findUnkept(await z.generateAsync({ type: 'uint8array' }))).toEqual([{ kind: 'threadedComment', count: 2, sheets: ['R&D <汇总>'] }]);
  });

  it('several kinds on several sheets, in a fixed order, each with its own sheets', async () => {
    const input = await withParts([
      { kind: 'macros' },
      { kind: 'pivotTable', sheet: '汇总' },
      { kind: 'chart', sheet: '台账', count: 1 },
      { kind: 'chart', sheet: '汇总', count: 1 },
    ]);
    const unkept = (await XlsxGateway.load(input)).unkept;
    expect(unkept).toEqual([
      { kind: 'chart', count: 2, sheets: ['台账', '汇总'] },
      { kind: 'pivotTable', count: 1, sheets: ['汇总'] },
      { kind: 'macros', count: 1, sheets: [] },
    ]);
    expect(describeUnkept(unkept)).toEqual({
      zh: '2 个图表（工作表：台账、汇总）、1 个数据透视表（工作表：汇总）、1 个 VBA 宏项目',
      en: '2 charts (sheets 台账, 汇总), 1 pivot table (sheet 汇总), 1 VBA macro project',
    });
  });

  it('pictures in cells come first, named by the sheets whose cells show them; the data model’s own connection is not a data connection', async () => {
    const input = await withParts([
      { kind: 'dataModel' },
      { kind: 'dataConnection', sheet: '台账', count: 1 },
      { kind: 'webExtension', count: 1 },
      { kind: 'oleObject', sheet: '台账', count: 1 },
      { kind: 'cellPicture', sheet: '汇总', count: 1 },
      { kind: 'wpsCellImage', sheet: '台账', count: 3 },
    ]);
    const unkept = (await XlsxGateway.load(input)).unkept;
    expect(unkept).toEqual([
      { kind: 'wpsCellImage', count: 3, sheets: ['台账'] },
      { kind: 'cellPicture', count: 1, sheets: ['汇总'] },
      { kind: 'oleObject', count: 1, sheets: ['台账'] },
      { kind: 'dataConnection', count: 1, sheets: ['台账'] },
      { kind: 'dataModel', count: 1, sheets: [] },
      { kind: 'webExtension', count: 1, sheets: [] },
    ]);
    expect(describeUnkept(unkept)).toEqual({
      zh: '3 张 WPS 单元格内图片（工作表：台账）、1 张 Excel 单元格内图片（工作表：汇总）、1 个嵌入对象（工作表：台账）、1 个数据连接（工作表：台账）、1 个 Power Pivot 数据模型、1 个 Office 加载项',
      en: '3 WPS in-cell pictures (sheet 台账), 1 Excel in-cell picture (sheet 汇总), 1 embedded object (sheet 台账), 1 data connection (sheet 台账), 1 Power Pivot data model, 1 Office add-in',
    });
  });

  it('a shape is counted once: not the stand-in Excel writes for a slicer or chartex chart (mc:Fallback), not a form control drawn for Excel 2010+', async () => {
    const z = await JSZip.loadAsync(await withParts([{ kind: 'shape', sheet: '汇总', count: 1 }]));
    const path = Object.keys(z.files).find((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))!;
    const at = '<xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>5</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>';
    const fallbackSp = '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="9" name=""/><xdr:cNvSpPr><a:spLocks noTextEdit="1"/></xdr:cNvSpPr></xdr:nvSpPr><xdr:spPr/><xdr:txBody><a:bodyPr/><a:p><a:r><a:t>This shape represents a table slicer.</a:t></a:r></a:p></xdr:txBody></xdr:sp>';
    const slicer = `<xdr:twoCellAnchor editAs="oneCell">${at}<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice xmlns:sle15="http://schemas.microsoft.com/office/drawing/2012/slicer" Requires="sle15"><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="8" name="单位"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/drawing/2010/slicer"><sle:slicer xmlns:sle="http://schemas.microsoft.com/office/drawing/2010/slicer" name="单位"/></a:graphicData></a:graphic></xdr:graphicFrame></mc:Choice><mc:Fallback>${fallbackSp}</mc:Fallback></mc:AlternateContent><xdr:clientData/></xdr:twoCellAnchor>`;
    const checkBox = `<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" Requires="a14"><xdr:twoCellAnchor editAs="oneCell">${at}<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="1025" name="Check Box 1" hidden="1"><a:extLst><a:ext uri="{63B3BB69-23CF-44E3-9099-C40C66FF867C}"><a14:compatExt spid="_x0000_s1025"/></a:ext></a:extLst></xdr:cNvPr><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr/></xdr:sp><xdr:clientData/></xdr:twoCellAnchor></mc:Choice></mc:AlternateContent>`;
    z.file(path, (await z.file(path)!.async('string')).replace('</xdr:wsDr>', `${slicer}${checkBox}</xdr:wsDr>`));
    expect(await findUnkept(await z.generateAsync({ type: 'uint8array' }))).toEqual([{ kind: 'shape', count: 1, sheets: ['汇总'] }]);
  });

  it('the warning names what would be lost and says the original is unchanged; none when nothing is', async () => {
    const unkept = (await XlsxGateway.load(await withParts([{ kind: 'chart', count: 2 }, { kind: 'pivotTable' }]))).unkept;
    expect(unkeptNotice(unkept)).toEqual({
      zh: '此文件中的 2 个图表（工作表：汇总）、1 个数据透视表（工作表：汇总）在输出文件中不会保留；原文件未改动。如需保留，请在 Excel 中用加载项同步。',
      en: "This file's 2 charts (sheet 汇总), 1 pivot table (sheet 汇总) will not be kept in the output file; the original file is unchanged. To keep them, sync the workbook in Excel with the add-in.",
    });
    expect(unkeptNotice([])).toBeNull();
  });
});

describe('a workbook ExcelJS writes lists nothing', () => {
  it('the plain ledger, the messy sample, and what ExcelJS keeps: notes, images, tables, validation, data bars', async () => {
    expect(await findUnkept(await cleanWorkbook())).toEqual([]);
    expect(await findUnkept(await XlsxGateway.of(await buildSample({ projects: 20, seed: 5, asOf: '2026-06-01', messy: true })).save())).toEqual([]);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['项目名称', '总投资']);
    ws.addRow(['项目甲', 3]);
    ws.getCell('A2').note = '请核实';
    ws.getCell('B2').dataValidation = { type: 'decimal', operator: 'greaterThan', formulae: [0], allowBlank: true };
    ws.addConditionalFormatting({ ref: 'B2:B9', rules: [{ type: 'dataBar', priority: 1, gradient: false, cfvo: [{ type: 'num', value: 0 }, { type: 'max' }] } as ExcelJS.DataBarRuleType] });
    ws.addTable({ name: 'T1', ref: 'D1', columns: [{ name: '单位' }, { name: '数量' }], rows: [['城区', 1]] });
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    ws.addImage(wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' }), 'F2:G4');
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect((await partsOf(bytes)).filter((p) => /media|tables|comments|drawings/.test(p)).length).toBeGreaterThanOrEqual(4);
    const gateway = await XlsxGateway.load(bytes);
    expect(gateway.unkept).toEqual([]);
    // …and they survive the round trip, which is why they are not listed.
    const saved = await partsOf(await gateway.save());
    for (const kept of ['xl/media/', 'xl/tables/', 'xl/comments', 'xl/drawings/']) expect(saved.some((p) => p.startsWith(kept))).toBe(true);
  });

  it('a synced copy with the leaders’ sheets written (data bars, protection) lists nothing either', async () => {
    const gateway = await XlsxGateway.load(await XlsxGateway.of(await buildSample({ projects: 20, seed: 5, asOf: '2026-06-01', messy: false })).save());
    await runSync({ gateway, api: { url: 'http://fake', token: 't', fetch: fakeBackend() }, options: { workbookName: 'ledger.xlsx', asOf: '2026-06-01' } });
    const h = history();
    const d = dashboard(h.filter((x) => x.week <= '2026-W48'), { asOf: '2026-11-27T04:00:00.000Z', week: '2026-W48', units: UNITS });
    const county = countyProjectsSheet([{ projects: [] }], { county: '平邑县', asOf: '2026-11-27T04:00:00.000Z' });
    await gateway.apply({ ...EMPTY_PLAN, leaderSheets: [dashboardSheet(d, { county: '平邑县' }), county] });
    const saved = await gateway.save();
    // 领导看板 carries the product's own manual page break (its red-flag list starts a page): rewritten on every
    // refresh, so not the clerk's to lose — while the same break on a clerk's sheet is still listed.
    const zip = await JSZip.loadAsync(saved);
    const sheetXml = await Promise.all(Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(sheetXml.some((x) => /<brk [^>]*man="1"/.test(x))).toBe(true);
    expect(await findUnkept(saved)).toEqual([]);
    const clerk = await XlsxGateway.load(saved);
    clerk.workbook.getWorksheet('重点线索')!.getRow(5).addPageBreak();
    expect(await findUnkept(await clerk.save())).toEqual([{ kind: 'pageBreak', count: 1, sheets: ['重点线索'] }]);
  });
});
