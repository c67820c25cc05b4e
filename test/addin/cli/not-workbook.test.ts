/**
 * `sync` and `report` on a file that is not an .xlsx: exit 2 with one line naming the file and the next step, in
 * the operator's language, before any backend is contacted (the --api given here answers nothing) and without
 * writing an output file.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../addin/cli/main';
import { notWorkbookMessage, type NotWorkbookKind } from '../../../addin/xlsx';
import { csvExport, htmlXls, oldXls, passwordWorkbook, wordDocument } from '../xlsx/not-workbook-fixtures';
import { captureIo } from './harness';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'invest-flags-not-xlsx-'));
});

/** Nothing listens on port 1: a command that got as far as the backend would fail with exit 3, not 2. */
const API = ['--api', 'http://127.0.0.1:1', '--token', 't'];

const CASES: Array<[NotWorkbookKind, string, () => Uint8Array | Promise<Uint8Array>, string, string]> = [
  ['xls', '台账.xls', oldXls, '「台账.xls」是旧版工作簿格式（Excel 97–2003 的 .xls 或 WPS 的 .et），无法直接读取。请在 Excel 或 WPS 中另存为 .xlsx 后再同步。', '"台账.xls" is in an old workbook format (Excel 97–2003 .xls or WPS .et) and cannot be read. Save it as .xlsx in Excel or WPS, then sync the new file.'],
  ['encrypted', '加密台账.xlsx', passwordWorkbook, '「加密台账.xlsx」设有打开密码，无法读取。请先在 Excel 或 WPS 中取消密码并保存，再同步。', '"加密台账.xlsx" has a password to open, so it cannot be read. Remove the password in Excel or WPS and save, then sync.'],
  ['csv', '系统导出.csv', csvExport, '「系统导出.csv」是 CSV 文本导出（逗号分隔的表格文本），不是 Excel 工作簿（.xlsx），没有工作表和格式。请在 Excel 或 WPS 中打开它，另存为 .xlsx（Excel 工作簿）后再同步。', '"系统导出.csv" is a CSV export (comma-separated text), not an Excel workbook (.xlsx): it has no sheets or formatting. Open it in Excel or WPS, save it as .xlsx (Excel Workbook), then sync the new file.'],
  ['html', '系统导出.xls', htmlXls, '「系统导出.xls」是网页格式的表格（其他系统常把 HTML 网页导出成“.xls”），不是 Excel 工作簿（.xlsx）。请在 Excel 或 WPS 中打开它，另存为 .xlsx（Excel 工作簿）后再同步。', '"系统导出.xls" is a table saved as a web page (HTML; other systems often export one named ".xls"), not an Excel workbook (.xlsx). Open it in Excel or WPS, save it as .xlsx (Excel Workbook), then sync the new file.'],
  ['word', '汇报.docx', wordDocument, '「汇报.docx」是 Word 文档，不是 Excel 工作簿（.xlsx）。请选择 .xlsx 工作簿。', '"汇报.docx" is a Word document, not an Excel workbook (.xlsx). Choose an .xlsx workbook.'],
];

describe.each(CASES)('%s', (kind, name, bytes, zh, en) => {
  let input: string;
  beforeAll(async () => {
    input = join(dir, name);
    await writeFile(input, await bytes());
  });

  it('sync: exit 2 and the message in Chinese (the default), naming the file; no output written', async () => {
    const t = captureIo();
    expect(await main(['sync', input, ...API], t.io)).toBe(2);
    expect(t.err()).toBe(`${zh}\n`);
    expect(t.out()).toBe('');
    expect(zh).toBe(notWorkbookMessage(kind, name).zh);
    expect(existsSync(join(dir, `${name.replace(/\.[^.]+$/, '')}-flagged.xlsx`))).toBe(false);
  });

  it('sync and report: exit 2 and the message in English with LANG=en_US.UTF-8', async () => {
    for (const command of ['sync', 'report']) {
      const t = captureIo({ LANG: 'en_US.UTF-8' });
      expect(await main([command, input, ...API], t.io)).toBe(2);
      expect(t.err()).toBe(`${en}\n`);
    }
  });
});

/**
 * An .xlsx whose package opens but whose cells ExcelJS cannot read: exit 2 with the reading error, no output, and no
 * data folder made (the embedded backend's worker was spawned ahead, workbook.ts, and is let go of unopened).
 */
it('a workbook whose cells cannot be read: exit 2, no output, no data folder', async () => {
  const JSZip = (await import('jszip')).default;
  const good = join(dir, 'good.xlsx');
  expect(await main(['sample', good, '--projects', '5'], captureIo().io)).toBe(0);
  const zip = await JSZip.loadAsync(await (await import('node:fs/promises')).readFile(good));
  const sheet = Object.keys(zip.files).find((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))!;
  zip.file(sheet, '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>');
  const broken = join(dir, '坏表.xlsx');
  await writeFile(broken, await zip.generateAsync({ type: 'uint8array' }));
  const data = join(dir, 'data-broken');
  const t = captureIo();
  expect(await main(['sync', broken, '--data', data], t.io)).toBe(2);
  expect(t.err()).toContain('无法读取该 .xlsx 文件');
  expect(existsSync(join(dir, '坏表-flagged.xlsx'))).toBe(false);
  expect(existsSync(data)).toBe(false);
  const ok = captureIo();
  expect(await main(['sync', good, '--data', data, '--json'], ok.io)).toBe(0);
  expect(JSON.parse(ok.out()).created).toBe(5);
}, 120_000);
