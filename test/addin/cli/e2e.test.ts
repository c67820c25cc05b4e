/**
 * End to end against the real local stack (in-memory dynalite, free port): the messy sample ledger through
 * core + the .xlsx gateway + the real sync handler, and the command line's contract (exit codes, outputs).
 */
import ExcelJS from 'exceljs';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runSync } from '../../../addin/app';
import { XlsxGateway } from '../../../addin/xlsx';
import { buildSample } from '../../../addin/cli/sample';
import { main } from '../../../addin/cli/main';
import { defaultOut } from '../../../addin/cli/sync-command';
import { startLocalStack } from '../../../infra/local/stack';
import { captureIo, useCliStack } from './harness';

jest.setTimeout(60_000);

const cli = useCliStack('invest-flags-');

async function sampleBytes(messy: boolean): Promise<Uint8Array> {
  return XlsxGateway.of(await buildSample({ projects: 80, seed: 7, asOf: '2026-06-01', messy })).save();
}

describe('messy ledger through the real stack', () => {
  it('flags a realistic mix, reports each bad cell by sheet!cell, and a second sync changes nothing', async () => {
    const gateway = await XlsxGateway.load(await sampleBytes(true));
    const api = { url: cli.stack.url, token: cli.stack.adminToken };
    const first = await runSync({ gateway, api, options: { asOf: '2026-06-01', workbookName: 'messy.xlsx' } });
    expect(first.lists.map((l) => [l.sheet, l.list])).toEqual([['重点线索', 'clue'], ['2026年签约项目台账', 'signed'], ['落地项目', 'landed'], ['投产项目', 'producing']]);
    expect(first.rows).toBe(80);
    expect(first.skipped.total).toBe(4);
    expect(first.red).toBeGreaterThan(0);
    expect(first.yellow).toBeGreaterThan(0);
    expect(first.red + first.yellow).toBeLessThan(80);
    // The two deliberately bad cells: an impossible month in 签约时间 and money in words — one error each (issue 16:
    // the bad 签约时间 is no longer also reported as empty).
    const bad = first.errors.map((e) => `${e.sheet}!${e.cell}:${e.field}`);
    expect(bad).toEqual(['2026年签约项目台账!K7:signedDate', '落地项目!G6:amount']);
    expect(first.errors[0]!.message.zh).toContain('2026年13月');
    expect(first.errors[1]!.message.zh).toContain('约两个亿');
    const bytes = await gateway.save();

    const again = await XlsxGateway.load(bytes);
    const second = await runSync({ gateway: again, api, options: { asOf: '2026-06-01', workbookName: 'messy.xlsx' } });
    expect(second.idsAssigned).toBe(0);
    expect(second.created).toBe(0);
    expect([second.red, second.yellow, second.errors.length]).toEqual([first.red, first.yellow, first.errors.length]);
    const [a, b] = await Promise.all([bytes, await again.save()].map(async (x) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x as unknown as ArrayBuffer);
      return wb;
    }));
    for (const ws of a!.worksheets) {
      const other = b!.getWorksheet(ws.name)!;
      expect(other.columnCount).toBe(ws.columnCount);
      ws.eachRow({ includeEmpty: true }, (row, r) => row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (ws.name === '_invest_flags') return; // lastSync changes
        expect(`${ws.name}!${cell.address} ${JSON.stringify([other.getCell(r, c).value, other.getCell(r, c).style])}`).toBe(`${ws.name}!${cell.address} ${JSON.stringify([cell.value, cell.style])}`);
      }));
    }
  });
});

describe('invest-flags command line', () => {
  it('sample + sync --api … --json: exit 1 when rows had errors, JSON summary on stdout, output beside the input', async () => {
    const input = join(cli.dir, 'ledger.xlsx');
    expect(await main(['sample', input, '--projects', '30', '--seed', '3', '--as-of', '2026-06-01', '--messy'], captureIo().io)).toBe(0);
    const before = readFileSync(input);
    const t = captureIo();
    const code = await main(['sync', input, '--api', cli.stack.url, '--token', cli.stack.adminToken, '--as-of', '2026-06-01', '--json'], t.io);
    const summary = JSON.parse(t.out());
    expect(code).toBe(1);
    expect(summary.output).toBe(defaultOut(input));
    expect(summary.output).toMatch(/ledger-flagged\.xlsx$/);
    expect(existsSync(summary.output)).toBe(true);
    expect(summary.errors.length).toBeGreaterThan(0);
    expect(readFileSync(input).equals(before)).toBe(true); // the input is never touched
  });

  it('a clean ledger exits 0 and prints the Chinese summary table; English with LANG=en_US', async () => {
    const input = join(cli.dir, 'clean.xlsx');
    await writeFile(input, await sampleBytes(false));
    // A stack of its own: this ledger's projects share names and units with the messy sample's (same seed), and a
    // row whose id a stack does not know is matched to the stored project of its unit and name.
    const own = await startLocalStack({ inMemory: true, mode: 'test' });
    try {
      const zh = captureIo();
      expect(await main(['sync', input, '--api', own.url, '--token', own.adminToken, '--out', join(cli.dir, 'o.xlsx')], zh.io)).toBe(0);
      expect(zh.out()).toContain('红旗');
      expect(zh.out()).toContain('输出文件');
      const en = captureIo({ LANG: 'en_US.UTF-8' });
      expect(await main(['sync', input, '--api', own.url, '--token', own.adminToken, '--out', join(cli.dir, 'o2.xlsx')], en.io)).toBe(0);
      expect(en.out()).toContain('Red');
    } finally {
      await own.close();
    }
  });

  it('exit 2 with usage text for usage errors, and never overwrites the input without --in-place', async () => {
    const input = join(cli.dir, 'clean.xlsx');
    for (const args of [['sync'], ['sync', input, '--token', 'x'], ['sync', input, '--api', cli.stack.url], ['frobnicate'], ['sync', input, '--bogus'], ['sample', join(cli.dir, 'x.xlsx'), '--as-of', '2026-13-01']]) {
      const t = captureIo();
      expect(await main(args, t.io)).toBe(2);
      expect(t.err()).toContain('用法');
    }
    const t = captureIo();
    const mtime = statSync(input).mtimeMs;
    expect(await main(['sync', input, '--out', input, '--api', cli.stack.url, '--token', cli.stack.adminToken], t.io)).toBe(2);
    expect(statSync(input).mtimeMs).toBe(mtime);
  });

  it('exit 2 for a file that is not a ledger', async () => {
    const input = join(cli.dir, 'other.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'hello';
    await writeFile(input, new Uint8Array(await wb.xlsx.writeBuffer()));
    const t = captureIo();
    expect(await main(['sync', input, '--api', cli.stack.url, '--token', cli.stack.adminToken], t.io)).toBe(2);
    expect(t.err()).toContain('未找到四个清单的工作表');
  });

  it('exit 3 when the backend cannot be reached', async () => {
    const dead = await startLocalStack({ inMemory: true });
    const url = dead.url;
    await dead.close();
    const t = captureIo();
    const code = await main(['sync', join(cli.dir, 'clean.xlsx'), '--out', join(cli.dir, 'o3.xlsx'), '--api', url, '--token', 'x'], t.io);
    expect(code).toBe(3);
    expect(t.err()).toContain('无法连接服务器');
  });

  it('exit 1 with the server’s message when the token is refused', async () => {
    const t = captureIo();
    expect(await main(['sync', join(cli.dir, 'clean.xlsx'), '--out', join(cli.dir, 'o4.xlsx'), '--api', cli.stack.url, '--token', 'not-a-token'], t.io)).toBe(1);
    expect(t.err().trim().length).toBeGreaterThan(0);
  });
});
