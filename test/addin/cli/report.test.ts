/**
 * `invest-flags report` end to end against the real local stack (in-memory dynalite, free port): sample →
 * sync --as-of → report --as-of, then the output read back with ExcelJS — the leaders' totals (and 阶段变化) equal what
 * the sync counted, the list sheets are untouched, a second report replaces the sheets.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { summarize, type SyncOutcome } from '../../../addin/app';
import { main } from '../../../addin/cli/main';
import { SETTINGS_SHEET } from '../../../addin/core';
import { startLocalStack } from '../../../infra/local/stack';
import { captureIo, useCliStack } from './harness';

jest.setTimeout(60_000);

const cli = useCliStack('invest-flags-report-');

async function load(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return wb;
}

/** The row under `title` (the header) and the first 合计 row after it, as plain values. */
function section(ws: ExcelJS.Worksheet, title: string): { header: unknown[]; totals: unknown[] } {
  let at = 0;
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === title) at = r;
  expect([title, at > 0]).toEqual([title, true]);
  let totals = at + 2;
  while (ws.getCell(totals, 1).value !== '合计') totals++;
  const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
  return { header: values(at + 1), totals: values(totals) };
}

const api = () => ['--api', cli.stack.url, '--token', cli.stack.adminToken];

describe('invest-flags report', () => {
  let input: string;
  let flagged: string;
  let synced: { rows: number; red: number; yellow: number; rejected: number; stageChanges: number };
  beforeAll(async () => {
    input = join(cli.dir, 'ledger.xlsx');
    flagged = join(cli.dir, 'ledger-flagged.xlsx');
    expect(await main(['sample', input, '--projects', '60', '--seed', '11', '--as-of', '2026-06-01'], captureIo().io)).toBe(0);
    const t = captureIo();
    expect(await main(['sync', input, ...api(), '--as-of', '2026-06-01', '--json'], t.io)).toBe(0);
    const json = JSON.parse(t.out()) as SyncOutcome;
    synced = { ...json, stageChanges: summarize(json).transitions }; // 阶段变化 as sync's table shows it
    expect(synced.red).toBeGreaterThan(0);
    expect(synced.rejected).toBe(0);
  });

  it('writes 领导看板, 周调度 and 全县项目 into a copy whose totals equal the sync’s counts', async () => {
    const before = readFileSync(flagged);
    const t = captureIo();
    expect(await main(['report', flagged, ...api(), '--as-of', '2026-06-01', '--county-projects', '--json'], t.io)).toBe(0);
    const outcome = JSON.parse(t.out());
    expect(outcome.output).toBe(join(cli.dir, 'ledger-flagged-leaders.xlsx'));
    expect(readFileSync(flagged).equals(before)).toBe(true); // the input is never touched
    expect(outcome).toMatchObject({ week: '2026-W23', sheets: ['领导看板', '周调度', '全县项目'], countyProjects: synced.rows });
    // The first week: every project is new — 本周新进入, not a 阶段变化; stage changes are what sync counted.
    expect(outcome.weekly).toMatchObject({ entered: synced.rows, stageChanges: synced.stageChanges });

    const wb = await load(outcome.output);
    const lists = ['重点线索', '签约项目', '落地项目', '投产项目'];
    expect(wb.worksheets.map((w) => w.name).filter((n) => n !== SETTINGS_SHEET)).toEqual([...lists, '领导看板', '周调度', '全县项目']);

    const dash = section(wb.getWorksheet('领导看板')!, '一、四个清单总览');
    expect(dash.header.slice(0, 5)).toEqual(['清单', '项目数', '总投资（亿元）', '红旗', '黄旗']);
    expect([dash.totals[1], dash.totals[3], dash.totals[4]]).toEqual([synced.rows, synced.red, synced.yellow]);

    const weekly = section(wb.getWorksheet('周调度')!, '一、四个清单本周变化');
    expect([weekly.header[1], weekly.header[6], weekly.header[7]]).toEqual(['项目数', '红旗', '黄旗']);
    expect([weekly.totals[1], weekly.totals[6], weekly.totals[7]]).toEqual([synced.rows, synced.red, synced.yellow]);
    expect(wb.getWorksheet('周调度')!.getCell('A1').value).toContain('2026年第23周');

    const projects = wb.getWorksheet('全县项目')!;
    const ids: string[] = [];
    projects.eachRow((row) => {
      const v = row.getCell(3).value;
      if (typeof v === 'string' && /^P-/.test(v)) ids.push(v);
    });
    expect(ids).toHaveLength(synced.rows);
    expect((projects as unknown as { sheetProtection: { sheet?: boolean } | null }).sheetProtection?.sheet).toBe(true);
    const redRows = ids.filter((_, i) => projects.getRow(4 + i).getCell(8).value === '红旗').length;
    expect(redRows).toBe(synced.red);

    // The ledger sheets are exactly what the sync wrote.
    const src = await load(flagged);
    for (const name of lists) {
      const a = src.getWorksheet(name)!;
      const b = wb.getWorksheet(name)!;
      expect(b.rowCount).toBe(a.rowCount);
      a.eachRow({ includeEmpty: true }, (row, r) => row.eachCell({ includeEmpty: true }, (cell, c) => {
        expect(`${name}!${cell.address} ${JSON.stringify([b.getCell(r, c).value, b.getCell(r, c).style])}`).toBe(`${name}!${cell.address} ${JSON.stringify([cell.value, cell.style])}`);
      }));
    }
  });

  it('--in-place refreshes the same file again: sheets replaced, not duplicated; the summary is printed in Chinese (English with LANG)', async () => {
    const copy = join(cli.dir, 'inplace.xlsx');
    await writeFile(copy, readFileSync(flagged));
    const zh = captureIo();
    expect(await main(['report', copy, ...api(), '--as-of', '2026-06-01', '--in-place'], zh.io)).toBe(0);
    expect(zh.out()).toContain('领导看板（截至 2026-06-01');
    expect(zh.out()).toContain(`红旗`);
    expect(zh.out()).toContain(`输出文件: ${copy}`);
    expect(zh.out()).toMatch(new RegExp(`项目 +本周新进入 +阶段变化 .*\\n +${synced.rows} +${synced.rows} +${synced.stageChanges} `));
    const en = captureIo({ LANG: 'en_US.UTF-8' });
    expect(await main(['report', copy, ...api(), '--week', '2026-W22', '--in-place', '--county-projects'], en.io)).toBe(0);
    expect(en.out()).toContain('Weekly report 2026-W22');
    const wb = await load(copy);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.filter((n) => n === '领导看板' || n === '周调度')).toEqual(['领导看板', '周调度']);
    expect(names).toContain('全县项目');
    expect(wb.getWorksheet('周调度')!.getCell('A1').value).toContain('2026年第22周'); // Chinese sheets whatever LANG says
  });

  it('a leader’s workbook with no ledger gets the sheets too, and a later sync does not take 全县项目 for a ledger', async () => {
    const empty = join(cli.dir, 'leader.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    await writeFile(empty, new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(await main(['report', empty, ...api(), '--county-projects', '--in-place'], captureIo().io)).toBe(0);
    const t = captureIo();
    expect(await main(['sync', empty, ...api(), '--out', join(cli.dir, 'x.xlsx')], t.io)).toBe(2);
    expect(t.err()).toContain('未找到四个清单的工作表');
  });

  it('usage errors exit 2 (bad week, bad date, --out with --in-place); an unreachable backend exits 3', async () => {
    for (const args of [['report'], ['report', flagged, '--week', '2026-48'], ['report', flagged, '--week', '2026-W60'], ['report', flagged, '--as-of', '1.6.2026'], ['report', flagged, '--out', 'a.xlsx', '--in-place'], ['report', flagged, '--token', 'x']]) {
      const t = captureIo();
      expect([args.join(' '), await main(args, t.io)]).toEqual([args.join(' '), 2]);
      expect(t.err()).toContain('用法');
    }
    const dead = await startLocalStack({ inMemory: true });
    const url = dead.url;
    await dead.close();
    const t = captureIo();
    expect(await main(['report', flagged, '--api', url, '--token', 'x', '--out', join(cli.dir, 'dead.xlsx')], t.io)).toBe(3);
    expect(t.err()).toContain('无法连接服务器');
  });
});
