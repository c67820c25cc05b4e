/**
 * `invest-flags demo` (out/ of the current folder, an in-memory backend): it takes no options (exit 2, in the
 * operator's language), touches no data folder of the user's, replaces its own untouched files when run again, and
 * refuses to replace one that someone changed.
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../addin/cli/main';
import { captureIo } from './harness';

jest.setTimeout(120_000);

const work = mkdtempSync(join(tmpdir(), 'invest-flags-demo-'));
/** The per-user data folder a command uses when none is named (INVEST_FLAGS_DATA, as test/setup-env.ts sets it). */
const userData = join(work, 'user-data');
const flagged = join(work, 'out', 'demo-flagged.xlsx');
let cwd: string;
let savedData: string | undefined;

beforeAll(() => {
  cwd = process.cwd();
  savedData = process.env.INVEST_FLAGS_DATA;
  process.chdir(work);
  process.env.INVEST_FLAGS_DATA = userData;
});
afterAll(() => {
  process.chdir(cwd);
  process.env.INVEST_FLAGS_DATA = savedData;
});

const demo = async (args: string[] = [], env: Record<string, string> = {}) => {
  const t = captureIo(env);
  return { code: await main(['demo', ...args], t.io), err: t.err() };
};

describe('invest-flags demo', () => {
  it('refuses an unknown option or an argument like every command (exit 2, zh/en) and writes nothing', async () => {
    const zh = await demo(['--bogus']);
    expect(zh).toMatchObject({ code: 2, err: expect.stringContaining('未知选项：--bogus') });
    expect(zh.err).toContain('用法');
    expect(await demo(['--bogus'], { LANG: 'en_US.UTF-8' })).toMatchObject({ code: 2, err: expect.stringContaining('Unknown option: --bogus') });
    expect((await demo(['ledger.xlsx'])).code).toBe(2);
    expect(existsSync(join(work, 'out'))).toBe(false);
  });

  it('replaces the demo files an earlier version left in out/ (it kept no record), once', async () => {
    const earlier = mkdtempSync(join(tmpdir(), 'invest-flags-demo-earlier-'));
    process.chdir(earlier);
    try {
      mkdirSync(join(earlier, 'out'));
      writeFileSync(join(earlier, 'out', 'demo.xlsx'), 'an earlier demo');
      writeFileSync(join(earlier, 'out', 'demo-flagged.xlsx'), 'an earlier demo');
      expect((await demo()).code).toBe(0);
      expect(readFileSync(join(earlier, 'out', 'demo.xlsx')).subarray(0, 2).toString()).toBe('PK');
    } finally {
      process.chdir(work);
      rmSync(earlier, { recursive: true, force: true });
    }
  });

  it('writes out/demo-flagged.xlsx and nothing into the user’s data folder; run again, it replaces its own files', async () => {
    expect((await demo()).code).toBe(0);
    expect(existsSync(flagged)).toBe(true);
    expect(existsSync(userData)).toBe(false);
    expect((await demo()).code).toBe(0);
    expect(existsSync(userData)).toBe(false);
  });

  it('a demo file changed since the demo wrote it is refused (exit 2) and left as it was', async () => {
    appendFileSync(flagged, 'a clerk’s edit');
    const before = readFileSync(flagged);
    const r = await demo();
    expect(r.code).toBe(2);
    expect(r.err).toContain(`演示未运行：${flagged} 在演示上次写出后被修改过`);
    expect(readFileSync(flagged).equals(before)).toBe(true);
  });
});
