/**
 * Browser file mode, opening a file that is not an .xlsx: fileServices' openFile rejects with words naming the
 * file and the next step (zh and en), which the pane shows as they are; a workbook ExcelJS itself cannot read
 * still gets the pane's general "cannot read this file" text.
 */
import JSZip from 'jszip';
import { fileServices } from '../../../../addin/taskpane/hosts/file-host';
import { toProblem } from '../../../../addin/taskpane/errors';
import { t } from '../../../../addin/taskpane/i18n';
import { notWorkbookMessage } from '../../../../addin/xlsx';
import { csvExport, htmlXls, oldXls, passwordWorkbook, wordDocument } from '../../xlsx/not-workbook-fixtures';
import { cleanWorkbook } from '../../xlsx/unkept-fixtures';

beforeAll(() => {
  // file-host reads the page's origin (the default API address); outside a page there is none.
  (globalThis as { location?: unknown }).location = { origin: 'http://127.0.0.1:1' };
});
afterAll(() => {
  delete (globalThis as { location?: unknown }).location;
});

const buffer = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

async function openError(name: string, bytes: Uint8Array): Promise<unknown> {
  const services = fileServices('zh-CN');
  return services.openFile!(name, buffer(bytes)).then(
    () => {
      throw new Error('opened');
    },
    (e: unknown) => e,
  );
}

it.each([
  ['xls', '台账.xls', oldXls],
  ['encrypted', '加密台账.xlsx', passwordWorkbook],
  ['csv', '系统导出.csv', csvExport],
  ['html', '系统导出.xls', htmlXls],
  ['word', '汇报.docx', wordDocument],
] as const)('%s: the pane shows what the file is and what to do, in zh and en', async (kind, name, bytes) => {
  const error = await openError(name, await bytes());
  const message = notWorkbookMessage(kind, name);
  for (const lang of ['zh', 'en'] as const) {
    const problem = toProblem(error, lang);
    expect(problem).toEqual({ key: 'errPlain', params: { detail: message[lang] } });
    expect(t(lang, problem.key, problem.params)).toBe(message[lang]);
  }
  expect(message.zh).toContain(`「${name}」`);
});

it('a zip with a workbook part ExcelJS cannot read gets the general text; a real .xlsx opens', async () => {
  const zip = await JSZip.loadAsync(await cleanWorkbook());
  zip.file('xl/workbook.xml', '<workbook');
  const broken = await zip.generateAsync({ type: 'uint8array' });
  expect(toProblem(await openError('坏.xlsx', broken), 'zh')).toEqual({ key: 'errNotXlsx' });
  await expect(fileServices('zh-CN').openFile!('台账.xlsx', buffer(await cleanWorkbook()))).resolves.toEqual({ unkept: null });
});
