/**
 * Issue 20, errors a clerk understands: node's parseArgs errors (English only) are said in the operator's language;
 * a missing or unreadable input prints its one line, not the usage text; a sync --as-of before a project's last
 * recorded change is refused on that row with a message (it would write back-dated history).
 */
import ExcelJS from 'exceljs';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../addin/cli/main';
import { unreadableFile } from '../../../addin/cli/args';
import { captureIo, useCliStack } from './harness';

jest.setTimeout(60_000);

/** Nothing listens on port 1: these failures happen before the backend is asked anything. */
const API = ['--api', 'http://127.0.0.1:1', '--token', 't'];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'invest-flags-clerk-errors-'));
});

describe('an unknown or malformed option', () => {
  it('is named in Chinese by default, with the usage text; in English with LANG=en', async () => {
    const zh = captureIo();
    expect(await main(['sync', 'a.xlsx', '--ouput', 'b.xlsx'], zh.io)).toBe(2);
    expect(zh.err().split('\n')[0]).toBe('未知选项：--ouput');
    expect(zh.err()).toContain('用法');
    expect(zh.err()).not.toMatch(/Unknown option|positional/);
    const en = captureIo({ LANG: 'en_US.UTF-8' });
    expect(await main(['sync', 'a.xlsx', '--ouput', 'b.xlsx'], en.io)).toBe(2);
    expect(en.err().split('\n')[0]).toBe('Unknown option: --ouput');
  });

  it('a missing value, a value on a switch, a short unknown option: each in Chinese', async () => {
    const cases: Array<[string[], string]> = [
      [['sync', 'a.xlsx', '--out'], '选项 --out 后面缺少值'],
      [['sync', 'a.xlsx', '--move=yes'], '选项 --move 不带值（去掉“=”及其后的内容）'],
      [['report', 'a.xlsx', '-x'], '未知选项：-x'],
    ];
    for (const [args, line] of cases) {
      const t = captureIo();
      expect(await main(args, t.io)).toBe(2);
      expect(t.err().split('\n')[0]).toBe(line);
    }
  });

  it('--json gives the usage code with both languages', async () => {
    const t = captureIo();
    expect(await main(['sync', 'a.xlsx', '--json', '--bogus'], t.io)).toBe(2);
    expect(JSON.parse(t.out()).error).toEqual({ code: 'usage', message: { zh: '未知选项：--bogus', en: 'Unknown option: --bogus' }, details: {} });
  });
});

describe('a missing or unreadable input file', () => {
  it('prints its one error, not the usage text (zh, en, --json code input)', async () => {
    const missing = join(dir, '没有这个台账.xlsx');
    const zh = captureIo();
    expect(await main(['sync', missing, ...API], zh.io)).toBe(2);
    expect(zh.err()).toBe(`找不到文件：${missing}\n`);
    const en = captureIo({ LANG: 'en' });
    expect(await main(['report', missing, ...API], en.io)).toBe(2);
    expect(en.err()).toBe(`No such file: ${missing}\n`);
    const json = captureIo();
    expect(await main(['sync', missing, '--json', ...API], json.io)).toBe(2);
    expect(JSON.parse(json.out()).error.code).toBe('input');
  });

  it('a folder, and a missing --mapping file: one line each', async () => {
    const folder = join(dir, '台账文件夹.xlsx');
    await mkdir(folder, { recursive: true });
    const t = captureIo();
    expect(await main(['sync', folder, ...API], t.io)).toBe(2);
    expect(t.err()).toBe(`这是一个文件夹，不是工作簿文件：${folder}\n`);
    const m = captureIo();
    expect(await main(['sync', join(dir, 'a.xlsx'), '--mapping', join(dir, 'nope.json'), ...API], m.io)).toBe(2);
    expect(m.err()).toBe(`无法读取 --mapping 文件：找不到文件：${join(dir, 'nope.json')}\n`);
  });

  it('a file it may not read, or one in use: plain words from the error code', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(unreadableFile('/d/台账.xlsx', err('EACCES')).msg.zh).toBe('没有读取此文件的权限：/d/台账.xlsx（请检查文件权限，或先把文件复制到自己的文件夹）');
    expect(unreadableFile('/d/台账.xlsx', err('EBUSY')).msg.en).toBe('The file is in use by another program: /d/台账.xlsx (close it in Excel or WPS first)');
    expect(unreadableFile('/d/台账.xlsx', err('EIO')).msg.zh).toBe('无法读取文件：/d/台账.xlsx（EIO）');
  });
});

describe('--as-of before a project\'s last recorded change', () => {
  const cli = useCliStack('invest-flags-as-of-');

  it('refuses the changed rows with a row error naming both dates; a later date goes through', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('签约项目').addRows([
      ['序号', '项目名称', '所属单位', '签约时间', '总投资（亿元）', '本周进展'],
      [1, '年产10万吨罐头食品项目', '地方镇', '2026-11-02', 2, '完成厂房设计'],
    ]);
    const input = join(cli.dir, '台账.xlsx');
    await writeFile(input, new Uint8Array(await wb.xlsx.writeBuffer()));
    const api = ['--api', cli.stack.url, '--token', cli.stack.adminToken];
    const first = captureIo();
    expect(await main(['sync', input, '--in-place', '--as-of', '2026-12-04', ...api], first.io)).toBe(0);

    const changed = new ExcelJS.Workbook();
    await changed.xlsx.readFile(input);
    changed.getWorksheet('签约项目')!.getCell('F2').value = '已开工建设';
    await changed.xlsx.writeFile(input);
    const early = captureIo();
    expect(await main(['sync', input, '--in-place', '--as-of', '2026-11-20', ...api], early.io)).toBe(1);
    expect(early.out()).toMatch(/签约项目!\w+2 +同步日期（2026-11-20 .*）早于该项目最后一次记录的变更（2026-12-04 /);
    const later = captureIo();
    expect(await main(['sync', input, '--in-place', '--as-of', '2026-12-11', ...api], later.io)).toBe(0);
  });
});
