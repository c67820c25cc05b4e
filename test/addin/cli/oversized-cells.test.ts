/**
 * A cell the sync API would refuse (an 18-digit ID-card number typed as a number, 1e20 in 总投资, a unit over
 * LIMITS.unitLength characters, a date-formatted cell whose number is no date) is that row's error, named by
 * sheet!cell in zh and en and written into the row's reason cell; the other rows sync. Before, the server refused
 * the whole request (400, nothing synced, no cell named).
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { LIMITS } from '../../../contract';
import { main } from '../../../addin/cli/main';
import { captureIo, useCliStack } from './harness';

jest.setTimeout(60_000);

const cli = useCliStack('invest-flags-oversized-');

/** The column letter whose header (row 1) starts with `header`. */
function column(ws: ExcelJS.Worksheet, header: string): string {
  let letter = '';
  ws.getRow(1).eachCell((cell) => {
    if (!letter && String(cell.value).startsWith(header)) letter = cell.address.replace(/\d+$/, '');
  });
  if (!letter) throw new Error(`no ${header} column on ${ws.name}`);
  return letter;
}

it('refused cells are their rows\' errors (sheet!cell, zh and en, reason column); every other row syncs', async () => {
  const input = join(cli.dir, 'ledger.xlsx');
  expect(await main(['sample', input, '--projects', '20', '--seed', '5', '--as-of', '2026-06-01'], captureIo().io)).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  const clues = wb.getWorksheet('重点线索')!;
  const signed = wb.getWorksheet('签约项目')!;
  const cells = {
    contact: `${column(clues, '联系人')}3`,
    amount: `${column(clues, '总投资')}4`,
    unit: `${column(clues, '所属单位')}5`,
    signedDate: `${column(signed, '签约时间')}3`,
  };
  clues.getCell(cells.contact).value = 370_123_198_001_011_234; // an ID-card number typed as a number
  clues.getCell(cells.amount).value = 1e20;
  clues.getCell(cells.unit).value = '镇'.repeat(LIMITS.unitLength + 1);
  signed.getCell(cells.signedDate).value = 1e16; // ExcelJS reads it back as an Invalid Date: NaN
  signed.getCell(cells.signedDate).numFmt = 'yyyy-mm-dd';
  await wb.xlsx.writeFile(input);

  const t = captureIo();
  const out = join(cli.dir, 'flagged.xlsx');
  const code = await main(['sync', input, '--out', out, '--api', cli.stack.url, '--token', cli.stack.adminToken, '--as-of', '2026-06-01', '--json'], t.io);
  const summary = JSON.parse(t.out());
  expect(code).toBe(1);
  expect(summary.error).toBeUndefined();
  expect(summary.created).toBe(summary.rows - 4);
  expect(summary.errors.map((e: { sheet: string; cell: string; field: string }) => `${e.sheet}!${e.cell}:${e.field}`)).toEqual([
    `重点线索!${cells.contact}:contact`,
    `重点线索!${cells.amount}:amount`,
    `重点线索!${cells.unit}:unit`,
    `签约项目!${cells.signedDate}:signedDate`,
  ]);
  const [contact, amount, unit, date] = summary.errors.map((e: { message: { zh: string; en: string } }) => e.message);
  expect(contact.zh).toContain('身份证号');
  expect(contact.en).toContain('format the cell as text');
  expect(amount.zh).toContain('超出可保存的范围');
  expect(unit.zh).toContain(`超过 ${LIMITS.unitLength} 字`);
  expect(date.zh).toContain('不是有效日期');
  expect(date.en).toContain('not a valid date');

  const flagged = new ExcelJS.Workbook();
  await flagged.xlsx.readFile(out);
  const reasons = flagged.getWorksheet('重点线索')!;
  const reasonCol = column(reasons, '预警原因');
  expect(String(reasons.getCell(`${reasonCol}3`).value)).toContain(`联系人(${cells.contact})`);
  expect(String(flagged.getWorksheet('签约项目')!.getCell(`${column(flagged.getWorksheet('签约项目')!, '预警原因')}3`).value)).toContain('不是有效日期');
});

/** What a clerk does: types into the cell under `header` in 重点线索's third row of `path` (`typed` from what was there). */
async function typeInto(path: string, header: string, typed: (was: string) => string | number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const clues = wb.getWorksheet('重点线索')!;
  const cell = clues.getCell(`${column(clues, header)}3`);
  cell.value = typed(String(cell.value));
  await wb.xlsx.writeFile(path);
}
/** An amount the store cannot hold. */
const typeHugeAmount = (path: string) => typeInto(path, '总投资', () => 1e20);

/** A 12-project sample synced once (copy mode), and the `sync` arguments against the test stack. */
async function syncedSample(name: string, seed: number): Promise<{ input: string; copy: string; api: string[] }> {
  const input = join(cli.dir, `${name}.xlsx`);
  expect(await main(['sample', input, '--projects', '12', '--seed', String(seed), '--as-of', '2026-06-01'], captureIo().io)).toBe(0);
  const copy = join(cli.dir, `${name}-flagged.xlsx`);
  const api = ['--api', cli.stack.url, '--token', cli.stack.adminToken, '--as-of', '2026-06-01', '--json'];
  expect(await main(['sync', input, '--out', copy, ...api], captureIo().io)).toBe(0);
  return { input, copy, api };
}

const syncJson = async (args: string[]) => {
  const t = captureIo();
  const code = await main(['sync', ...args], t.io);
  return { code, summary: JSON.parse(t.out()) as { errors: unknown[]; created: number; missing: unknown[] } };
};

it('a row held back by a refused cell still belongs to its workbook: its project is not reported missing', async () => {
  // The copy carries the ids; a clerk types into one row of it.
  const { copy, api } = await syncedSample('held', 8);
  await typeHugeAmount(copy);
  const { code, summary } = await syncJson([copy, '--in-place', '--force', ...api]);
  expect([code, summary.errors.length]).toEqual([1, 1]);
  expect(summary.missing).toEqual([]);
});

it('a row whose ID cell was typed over (an invalid id) is held back, and its project not reported missing', async () => {
  const { copy, api } = await syncedSample('typed-over', 10);
  await typeInto(copy, '项目编号', () => 'P#1');
  const { code, summary } = await syncJson([copy, '--in-place', '--force', ...api]);
  expect([code, summary.errors.length]).toEqual([1, 1]);
  expect(summary.missing).toEqual([]);
});

it('in an original without IDs, a held-back row\'s project is not reported missing either (its name read as stored)', async () => {
  const { input, api } = await syncedSample('original', 9);
  // The name typed with a line break (Alt+Enter): stored as one line, and still this row's project when held back.
  await typeInto(input, '项目名称', (name) => `${name.slice(0, 2)}\n${name.slice(2)}`);
  expect((await syncJson([input, '--out', join(cli.dir, 'original-1b.xlsx'), ...api])).summary.created).toBe(0);
  await typeHugeAmount(input);
  const { code, summary } = await syncJson([input, '--out', join(cli.dir, 'original-2.xlsx'), ...api]);
  expect([code, summary.errors.length, summary.created]).toEqual([1, 1, 0]);
  expect(summary.missing).toEqual([]);
});
