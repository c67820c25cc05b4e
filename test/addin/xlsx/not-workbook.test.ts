/**
 * A file that is not an .xlsx is told apart before ExcelJS reads it: each case gets its own zh/en words naming
 * the file and the next step, never jszip's "Can't find end of central directory".
 */
import { GatewayError } from '../../../addin/core/gateway';
import { NotWorkbookError, notWorkbookMessage, XlsxGateway, type NotWorkbookKind } from '../../../addin/xlsx';
import { sniffNotZip } from '../../../addin/xlsx/not-workbook';
import { binaryWorkbook, csvExport, htmlXls, oldXls, openDocumentSheet, passwordWorkbook, plainZip, powerPointDeck, truncatedXlsx, wordDocument } from './not-workbook-fixtures';
import { cleanWorkbook } from './unkept-fixtures';

async function refusal(bytes: Uint8Array, name?: string): Promise<NotWorkbookError> {
  const error = await XlsxGateway.load(bytes, name).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NotWorkbookError);
  return error as NotWorkbookError;
}

describe('the four cases a clerk meets', () => {
  it('an Excel 97–2003 .xls (a compound file): save it as .xlsx', async () => {
    const e = await refusal(oldXls(), '台账.xls');
    expect(e.kind).toBe('xls');
    expect([e.msg.zh, e.msg.en]).toEqual([
      '「台账.xls」是旧版工作簿格式（Excel 97–2003 的 .xls 或 WPS 的 .et），无法直接读取。请在 Excel 或 WPS 中另存为 .xlsx 后再同步。',
      '"台账.xls" is in an old workbook format (Excel 97–2003 .xls or WPS .et) and cannot be read. Save it as .xlsx in Excel or WPS, then sync the new file.',
    ]);
  });

  it('a workbook with a password to open (a compound file with an EncryptedPackage stream): remove the password', async () => {
    const e = await refusal(await passwordWorkbook(), '台账.xlsx');
    expect(e.kind).toBe('encrypted');
    expect([e.msg.zh, e.msg.en]).toEqual([
      '「台账.xlsx」设有打开密码，无法读取。请先在 Excel 或 WPS 中取消密码并保存，再同步。',
      '"台账.xlsx" has a password to open, so it cannot be read. Remove the password in Excel or WPS and save, then sync.',
    ]);
  });

  it('a CSV export and an HTML "xls" another system exported are named as such, with the next step', async () => {
    expect((await refusal(csvExport(), '导出.csv')).kind).toBe('csv');
    expect((await refusal(new TextEncoder().encode('项目名称\t总投资\n新能源,12\n'), '导出.txt')).kind).toBe('csv');
    expect((await refusal(htmlXls(), '导出.xls')).kind).toBe('html');
    expect((await refusal(new TextEncoder().encode('\uFEFF<!DOCTYPE html><html><body><table></table></body></html>'), '导出.xls')).kind).toBe('html');
    expect(notWorkbookMessage('csv', '导出.csv')).toEqual({
      zh: '「导出.csv」是 CSV 文本导出（逗号分隔的表格文本），不是 Excel 工作簿（.xlsx），没有工作表和格式。请在 Excel 或 WPS 中打开它，另存为 .xlsx（Excel 工作簿）后再同步。',
      en: '"导出.csv" is a CSV export (comma-separated text), not an Excel workbook (.xlsx): it has no sheets or formatting. Open it in Excel or WPS, save it as .xlsx (Excel Workbook), then sync the new file.',
    });
    expect(notWorkbookMessage('html', '导出.xls').zh).toBe('「导出.xls」是网页格式的表格（其他系统常把 HTML 网页导出成“.xls”），不是 Excel 工作簿（.xlsx）。请在 Excel 或 WPS 中打开它，另存为 .xlsx（Excel 工作簿）后再同步。');
  });

  it('not a zip and not a CSV or web page (plain text, an empty file): not an Excel workbook', async () => {
    for (const bytes of [new TextEncoder().encode('hello\n'), new Uint8Array([1, 0, 2, 3]), new Uint8Array(0)]) expect((await refusal(bytes, '导出.xls')).kind).toBe('notZip');
    expect(notWorkbookMessage('notZip', '导出.xls')).toEqual({
      zh: '「导出.xls」不是 Excel 工作簿（.xlsx）。如果它能在 Excel 或 WPS 中打开（例如其他系统导出的表格），请另存为 .xlsx 后再同步。',
      en: '"导出.xls" is not an Excel workbook (.xlsx). If it opens in Excel or WPS (an export from another system, say), save it as .xlsx, then sync the new file.',
    });
  });

  it('a zip that is not a workbook: a Word document says so', async () => {
    const e = await refusal(await wordDocument(), '汇报.docx');
    expect(e.kind).toBe('word');
    expect([e.msg.zh, e.msg.en]).toEqual(['「汇报.docx」是 Word 文档，不是 Excel 工作簿（.xlsx）。请选择 .xlsx 工作簿。', '"汇报.docx" is a Word document, not an Excel workbook (.xlsx). Choose an .xlsx workbook.']);
  });
});

describe('and the rarer ones', () => {
  it.each<[string, () => Promise<Uint8Array>, NotWorkbookKind]>([
    ['a download cut short', truncatedXlsx, 'damaged'],
    ['a PowerPoint deck', powerPointDeck, 'powerpoint'],
    ['an Excel binary workbook (.xlsb)', binaryWorkbook, 'xlsb'],
    ['an OpenDocument spreadsheet (.ods)', openDocumentSheet, 'ods'],
    ['any other zip', plainZip, 'otherZip'],
  ])('%s', async (_, bytes, kind) => {
    const e = await refusal(await bytes(), 'x');
    expect(e.kind).toBe(kind);
    expect([e.msg.zh, e.msg.en]).toEqual(Object.values(notWorkbookMessage(kind, 'x')));
    expect(e.msg.zh).toMatch(/^「x」/);
    expect(e.msg.en).toMatch(/^"x" /);
  });
});

describe('what the refusal is', () => {
  it('a GatewayError (code io) the CLI and the pane show as it is; without a file name it says "this file"', async () => {
    const e = await refusal(oldXls());
    expect(e).toBeInstanceOf(GatewayError);
    expect([e.name, e.code]).toEqual(['GatewayError', 'io']);
    expect(e.msg.zh).toMatch(/^此文件是旧版工作簿格式/);
    expect(e.msg.en).toMatch(/^This file is in an old workbook format/);
    expect(e.message).toBe(e.msg.en);
    expect(`${e.msg.zh}${e.msg.en}`).not.toMatch(/central directory|zip file/);
  });

  it('is decided from the first bytes before unzipping: OLE2 or not a zip; an .xlsx passes, and a clean workbook still loads', async () => {
    expect(sniffNotZip(oldXls())).toBe('xls');
    expect(sniffNotZip(await passwordWorkbook())).toBe('encrypted');
    expect(sniffNotZip(csvExport())).toBe('csv');
    const xlsx = await cleanWorkbook();
    expect(sniffNotZip(xlsx)).toBeNull();
    expect(sniffNotZip(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer)).toBeNull();
    expect((await (await XlsxGateway.load(xlsx, '台账.xlsx')).readSheets()).map((s) => s.name)).toEqual(['台账', '汇总']);
  });
});
