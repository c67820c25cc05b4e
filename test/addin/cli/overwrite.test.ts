/**
 * `sync` and `report` never silently replace a file someone changed (written-copies.ts), against the real local
 * stack: the copy this tool last wrote is replaced without asking; one edited since, or a file it never wrote,
 * is refused before any backend is contacted (exit 2, byte-identical); --force replaces it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../../addin/cli/main';
import { buildSample } from '../../../addin/cli/sample';
import { XlsxGateway } from '../../../addin/xlsx';
import { captureIo, countingServer, useCliStack } from './harness';

jest.setTimeout(60_000);

const cli = useCliStack('invest-flags-overwrite-');
const api = () => ['--api', cli.stack.url, '--token', cli.stack.adminToken];

async function ledger(name: string): Promise<string> {
  const path = join(cli.dir, name);
  writeFileSync(path, await XlsxGateway.of(await buildSample({ projects: 8, seed: 5, asOf: '2026-06-01', messy: false })).save());
  return path;
}

/** What a clerk does: opens the copy, types a note into a cell, saves. */
async function editCell(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  wb.worksheets[0]!.getCell('A1').value = '周五再核一次';
  await wb.xlsx.writeFile(path);
}

const projectCount = async () => {
  const res = await fetch(`${cli.stack.url}/v1/projects?limit=1000`, { headers: { authorization: `Bearer ${cli.stack.adminToken}` } });
  return ((await res.json()) as { projects: unknown[] }).projects.length;
};

it('replaces its own untouched copy; refuses one edited since, before the backend is contacted; --force replaces it', async () => {
  const data = join(cli.dir, 'data-1');
  const input = await ledger('台账.xlsx');
  const flagged = join(cli.dir, '台账-flagged.xlsx');
  const sync = (args: string[], env: Record<string, string> = {}) => {
    const t = captureIo(env);
    return main(['sync', input, '--data', data, '--as-of', '2026-06-01', ...args], t.io).then((code) => ({ code, ...t }));
  };
  expect((await sync(api())).code).toBe(0);
  const first = readFileSync(flagged);
  expect((await sync(api())).code).toBe(0); // its own copy, untouched: replaced without asking
  const stored = await projectCount();

  await editCell(flagged);
  const edited = readFileSync(flagged);
  const server = await countingServer();
  const counted = ['--api', server.url, '--token', 't'];
  const zh = await sync(counted);
  expect(zh.code).toBe(2);
  expect(zh.err()).toBe(`未覆盖：${flagged} 在上次写出后被修改过，覆盖会丢失其中的内容。若修改的正是这份文件，请同步它本身：invest-flags sync "${flagged}" --in-place；或用 --out <文件> 写到新文件，或加 --force 仍然覆盖。文件未改动，也未同步任何数据。\n`);
  const en = await sync([...counted, '--json'], { LANG: 'en_US.UTF-8' });
  await server.close();
  expect(server.requests()).toBe(0); // refused before any backend was contacted
  expect(en.code).toBe(2);
  expect(en.err()).toContain(`Not overwritten: ${flagged} was changed since this tool wrote it`);
  expect(JSON.parse(en.out()).error.code).toBe('refused');
  expect(readFileSync(flagged).equals(edited)).toBe(true);
  expect((await sync(api())).code).toBe(2); // against the live stack too: refused, nothing synced
  expect(await projectCount()).toBe(stored);
  expect(readFileSync(flagged).equals(edited)).toBe(true);

  expect((await sync([...api(), '--force'])).code).toBe(0);
  const replaced = readFileSync(flagged);
  expect(replaced.equals(edited)).toBe(false);
  expect(replaced.length).toBeGreaterThan(first.length / 2); // a whole workbook again, not the note
  expect((await sync(api())).code).toBe(0); // and it is remembered: the next run replaces it again
});

it('refuses a file it never wrote (--out onto another file, or a copy written with another data folder); report too', async () => {
  const input = await ledger('ledger.xlsx');
  const other = join(cli.dir, 'someone-elses.xlsx');
  writeFileSync(other, 'the county budget');
  const t = captureIo();
  expect(await main(['sync', input, ...api(), '--data', join(cli.dir, 'data-2'), '--out', other], t.io)).toBe(2);
  expect(t.err()).toContain(`未覆盖：${other} 已存在，且不是本工具在此数据目录（${join(cli.dir, 'data-2')}）下写出的文件`);
  expect(readFileSync(other, 'utf8')).toBe('the county budget');

  // The copy one data folder remembers is a stranger to another's record: asked, not guessed.
  expect(await main(['sync', input, ...api(), '--data', join(cli.dir, 'data-2'), '--as-of', '2026-06-01'], captureIo().io)).toBe(0);
  const elsewhere = captureIo();
  expect(await main(['sync', input, ...api(), '--data', join(cli.dir, 'data-3'), '--as-of', '2026-06-01'], elsewhere.io)).toBe(2);
  expect(elsewhere.err()).toContain('不是本工具在此数据目录');

  // An output that cannot even be read (here a folder in its place) is said plainly, and nothing is synced.
  const blocked = join(cli.dir, 'blocked.xlsx');
  mkdirSync(blocked);
  const b = captureIo();
  expect(await main(['sync', input, ...api(), '--data', join(cli.dir, 'data-2'), '--out', blocked], b.io)).toBe(2);
  expect(b.err()).toBe(`这是一个文件夹，不是工作簿文件：${blocked}\n`);

  const leaders = join(cli.dir, 'ledger-leaders.xlsx');
  writeFileSync(leaders, 'a leader kept notes here');
  const r = captureIo();
  expect(await main(['report', input, ...api(), '--data', join(cli.dir, 'data-2')], r.io)).toBe(2);
  expect(r.err()).toContain(`未覆盖：${leaders} 已存在`);
  expect(r.err()).toContain(`invest-flags report "${leaders}" --in-place`);
  expect(readFileSync(leaders, 'utf8')).toBe('a leader kept notes here');
});

it('refused with the embedded backend: nothing created or locked in its data folder', async () => {
  const input = await ledger('embedded.xlsx');
  const other = join(cli.dir, 'kept.xlsx');
  writeFileSync(other, 'a file of its own');
  const data = join(cli.dir, 'data-embedded');
  const t = captureIo();
  expect(await main(['sync', input, '--data', data, '--out', other], t.io)).toBe(2);
  expect(t.err()).toContain(`未覆盖：${other} 已存在`);
  expect(existsSync(join(data, 'dynamodb'))).toBe(false);
  expect(readFileSync(other, 'utf8')).toBe('a file of its own');
  // Nothing holds the folder: the same command to a new copy starts the stack there and syncs.
  const ok = captureIo();
  expect(await main(['sync', input, '--data', data, '--out', join(cli.dir, 'embedded-copy.xlsx'), '--as-of', '2026-06-01', '--json'], ok.io)).toBe(0);
  expect((JSON.parse(ok.out()) as { lists: { rows: number }[] }).lists.reduce((n, l) => n + l.rows, 0)).toBe(8);
  expect(existsSync(join(data, 'dynamodb'))).toBe(true);
});
