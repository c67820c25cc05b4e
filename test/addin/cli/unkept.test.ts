/**
 * `sync` and `report` on a ledger with parts the copy will not keep (charts, a pivot table), against the real
 * local stack: the warning on stderr in the operator's language and in --json; --in-place refused before any
 * backend is contacted (exit 2, the file byte-identical) unless --force.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../../../addin/cli/main';
import { buildSample } from '../../../addin/cli/sample';
import { XlsxGateway } from '../../../addin/xlsx';
import { partsOf, withParts } from '../xlsx/unkept-fixtures';
import { captureIo, countingServer, useCliStack } from './harness';

jest.setTimeout(60_000);

const cli = useCliStack('invest-flags-unkept-');
const api = () => ['--api', cli.stack.url, '--token', cli.stack.adminToken];

const UNKEPT = [
  { kind: 'chart', count: 2, sheets: ['重点线索'] },
  { kind: 'pivotTable', count: 1, sheets: ['落地项目'] },
];
const WHAT_ZH = '2 个图表（工作表：重点线索）、1 个数据透视表（工作表：落地项目）';
const WHAT_EN = '2 charts (sheet 重点线索), 1 pivot table (sheet 落地项目)';

/** A sample ledger (clean data) with two charts on 重点线索 and a pivot table on 落地项目, written to `name`. */
async function ledgerWithCharts(name: string): Promise<string> {
  const base = await XlsxGateway.of(await buildSample({ projects: 20, seed: 4, asOf: '2026-06-01', messy: false })).save();
  const path = join(cli.dir, name);
  await writeFile(path, await withParts([{ kind: 'chart', sheet: '重点线索', count: 2 }, { kind: 'pivotTable', sheet: '落地项目' }], base));
  return path;
}

describe('sync', () => {
  it('warns on stderr before writing and puts the parts and the warning in --json; the copy lacks them, the input is untouched', async () => {
    const input = await ledgerWithCharts('charts.xlsx');
    const before = readFileSync(input);
    const t = captureIo();
    expect(await main(['sync', input, ...api(), '--as-of', '2026-06-01', '--json'], t.io)).toBe(0);
    const out = JSON.parse(t.out());
    expect(out.unkept).toEqual(UNKEPT);
    expect(out.unkeptWarning.zh).toBe(`此文件中的 ${WHAT_ZH}在输出文件中不会保留；原文件未改动。如需保留，请在 Excel 中用加载项同步。`);
    expect(out.unkeptWarning.en).toContain(WHAT_EN);
    // Printed before the sync's own progress lines, i.e. before anything was written.
    const err = t.err();
    expect(err).toContain(out.unkeptWarning.zh);
    expect(err.indexOf(out.unkeptWarning.zh)).toBeLessThan(err.indexOf('写回旗帜'));
    expect(readFileSync(input).equals(before)).toBe(true);
    const parts = await partsOf(readFileSync(out.output));
    expect(parts.filter((p) => /charts|pivot/i.test(p))).toEqual([]);
    expect(out.rows).toBe(20);
  });

  it('in English with LANG=en_US; a clean ledger warns nothing and its --json says so', async () => {
    const input = await ledgerWithCharts('charts-en.xlsx');
    const en = captureIo({ LANG: 'en_US.UTF-8' });
    expect(await main(['sync', input, ...api(), '--as-of', '2026-06-01', '--out', join(cli.dir, 'charts-en-out.xlsx')], en.io)).toBe(0);
    expect(en.err()).toContain(`This file's ${WHAT_EN} will not be kept in the output file; the original file is unchanged.`);
    expect(en.err()).not.toMatch(/[图表]/);

    const clean = join(cli.dir, 'clean.xlsx');
    expect(await main(['sample', clean, '--projects', '10', '--seed', '2', '--as-of', '2026-06-01'], captureIo().io)).toBe(0);
    const t = captureIo();
    expect(await main(['sync', clean, ...api(), '--as-of', '2026-06-01', '--json'], t.io)).toBe(0);
    expect(JSON.parse(t.out())).toMatchObject({ unkept: [], unkeptWarning: null });
    expect(t.err()).not.toContain('不会保留');
  });

  it('--in-place is refused before the backend is contacted: exit 2, what would be lost, --out or --force; the file byte-identical', async () => {
    const input = await ledgerWithCharts('in-place.xlsx');
    const before = readFileSync(input);
    const mtime = statSync(input).mtimeMs;
    const server = await countingServer();
    try {
      const zh = captureIo();
      expect(await main(['sync', input, '--api', server.url, '--token', 't', '--in-place'], zh.io)).toBe(2);
      expect(zh.err()).toBe(`未覆盖：此文件中的 ${WHAT_ZH}在写回的文件中不会保留，加 --in-place 覆盖原文件会丢失它们。请用 --out <文件> 另存为新文件，或加 --force 仍然覆盖。原文件未改动。\n`);
      expect(zh.out()).toBe('');
      const en = captureIo({ LANG: 'en_US.UTF-8' });
      expect(await main(['sync', input, '--api', server.url, '--token', 't', '--in-place', '--json'], en.io)).toBe(2);
      expect(en.err()).toContain(`Not overwritten: this file's ${WHAT_EN} would not be kept`);
      expect(en.err()).toContain('--out <file>');
      expect(en.err()).toContain('--force');
      expect(server.requests()).toBe(0);
    } finally {
      await server.close();
    }
    // No embedded backend either: its data folder was never created.
    const data = join(cli.dir, 'never');
    expect(await main(['sync', input, '--data', data, '--in-place'], captureIo().io)).toBe(2);
    expect(existsSync(data)).toBe(false);
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(statSync(input).mtimeMs).toBe(mtime);
  });

  it('--in-place --force overwrites the input anyway, saying what is lost', async () => {
    const input = await ledgerWithCharts('forced.xlsx');
    const t = captureIo();
    expect(await main(['sync', input, ...api(), '--as-of', '2026-06-01', '--in-place', '--force', '--json'], t.io)).toBe(0);
    const out = JSON.parse(t.out());
    expect(out.output).toBe(input);
    expect(out.unkept).toEqual(UNKEPT);
    expect(out.unkeptWarning.zh).toBe(`此文件中的 ${WHAT_ZH}在输出文件中不会保留；已加 --force，原文件将被覆盖，它们会丢失。`);
    expect(t.err()).toContain(out.unkeptWarning.zh);
    const parts = await partsOf(readFileSync(input));
    expect(parts.filter((p) => /charts|pivot/i.test(p))).toEqual([]);
    expect((await XlsxGateway.load(readFileSync(input))).unkept).toEqual([]);

  });
});

describe('report', () => {
  it('warns and reports in --json too, and refuses --in-place without --force (file untouched)', async () => {
    const input = await ledgerWithCharts('report.xlsx');
    expect(await main(['sync', input, ...api(), '--as-of', '2026-06-01', '--out', join(cli.dir, 'report-flagged.xlsx')], captureIo().io)).toBe(0);
    const before = readFileSync(input);
    const t = captureIo();
    expect(await main(['report', input, ...api(), '--as-of', '2026-06-01', '--json'], t.io)).toBe(0);
    const out = JSON.parse(t.out());
    expect(out).toMatchObject({ unkept: UNKEPT, sheets: ['领导看板', '周调度'] });
    expect(t.err()).toContain(out.unkeptWarning.zh);
    expect((await partsOf(readFileSync(out.output))).filter((p) => /charts|pivot/i.test(p))).toEqual([]);

    const refused = captureIo();
    expect(await main(['report', input, ...api(), '--in-place'], refused.io)).toBe(2);
    expect(refused.err()).toContain(`未覆盖：此文件中的 ${WHAT_ZH}`);
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(await main(['report', input, ...api(), '--as-of', '2026-06-01', '--in-place', '--force'], captureIo().io)).toBe(0);
    expect((await XlsxGateway.load(readFileSync(input))).unkept).toEqual([]);
  });
});

it('the usage text explains --force in both languages', async () => {
  const zh = captureIo();
  await main(['help'], zh.io);
  expect(zh.out()).toContain('[--in-place] [--force]');
  expect(zh.out()).toContain('加 --force 仍然覆盖');
  const en = captureIo({ LANG: 'en_US.UTF-8' });
  await main(['help'], en.io);
  expect(en.out()).toContain('add --force to overwrite anyway');
});
