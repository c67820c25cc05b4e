/**
 * Issue 16: with --json every CLI failure prints the API's error shape { error: { code, message{zh,en}, details } }
 * on stdout, with the same exit codes; "no list found" names every sheet looked at and why, and a list sheet whose
 * header cannot be read says so (not "no list sheets").
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../../addin/cli/main';
import { captureIo } from './harness';

/** Nothing listens on port 1: these failures happen before the backend is asked anything. */
const API = ['--api', 'http://127.0.0.1:1', '--token', 't'];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'invest-flags-json-errors-'));
});

async function book(name: string, sheets: Record<string, unknown[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) (wb.getWorksheet(sheet) ?? wb.addWorksheet(sheet)).addRows(rows);
  const file = join(dir, name);
  await writeFile(file, new Uint8Array(await wb.xlsx.writeBuffer()));
  return file;
}

test('no list found: code no_list_sheets, every sheet and why, the override named; exit 2', async () => {
  const input = await book('汇总表.xlsx', { 说明: [['本台账每周更新']], 汇总: [['项目名称', '总投资', '所属单位'], ['甲', 1, '温水镇']] });
  const t = captureIo();
  expect(await main(['sync', input, '--json', ...API], t.io)).toBe(2);
  const body = JSON.parse(t.out());
  expect(body.error.code).toBe('no_list_sheets');
  expect(body.error.message.zh).toContain('--map-sheet');
  expect(body.error.details.looked.map((l: { sheet: string }) => l.sheet)).toEqual(['说明', '汇总']);
  expect(t.err()).toContain('汇总: 有表头，但名称不是清单名');
});

test('a list sheet whose header cannot be read: code header_unreadable, the sheet named; exit 2', async () => {
  const input = await book('签约.xlsx', { 签约项目: [['甲', 1], ['乙', 2]] });
  const t = captureIo();
  expect(await main(['sync', input, '--json', ...API], t.io)).toBe(2);
  const body = JSON.parse(t.out());
  expect(body.error).toMatchObject({ code: 'header_unreadable', details: { sheets: ['签约项目'] } });
  expect(body.error.message.zh).not.toContain('未找到四个清单');
});

test('a usage error and an unreachable backend are JSON too, with their exit codes', async () => {
  const t = captureIo();
  expect(await main(['sync', '--json', '--map-sheet', 'x=nothing', join(dir, 'a.xlsx')], t.io)).toBe(2);
  expect(JSON.parse(t.out()).error.code).toBe('usage');
  const input = await book('单表.xlsx', { 签约项目: [['项目名称', '签约时间'], ['甲', '2026.3.5']] });
  const u = captureIo();
  expect(await main(['sync', input, '--json', ...API], u.io)).toBe(3);
  expect(JSON.parse(u.out()).error.message.en).toMatch(/reach/i);
}, 30_000); // the client retries an unreachable backend with backoff

test('--map-sheet and --map-column make a sheet the reader cannot guess a list', async () => {
  const input = await book('表一.xlsx', { 表一: [['名目', '金额', '签约日'], ['甲项目', 3, '2026.3.5']] });
  const t = captureIo();
  // It gets as far as the backend (exit 3, unreachable): the sheet was read as the signed list.
  expect(await main(['sync', input, '--json', '--map-sheet', '表一=签约项目', '--map-column', '表一!A=项目名称', '--map-column', '表一!B=amount', '--map-column', '表一!C=签约时间', ...API], t.io)).toBe(3);
}, 30_000);
