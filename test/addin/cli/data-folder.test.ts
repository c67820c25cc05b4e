/** One data folder per user by default, the same for the CLI and `npm start`, printed by the command that uses it. */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../addin/cli/main';
import { dataDirOf, defaultDataDir } from '../../../infra/local/data-dir';
import { captureIo } from './harness';

describe('defaultDataDir', () => {
  const home = '/home/wang';
  it.each([
    ['linux', {}, '/home/wang/.local/share/invest-flags'],
    ['linux', { XDG_DATA_HOME: '/data/xdg' }, '/data/xdg/invest-flags'],
    ['darwin', {}, '/home/wang/Library/Application Support/invest-flags'],
    ['win32', { LOCALAPPDATA: 'C:\\Users\\wang\\AppData\\Local' }, join('C:\\Users\\wang\\AppData\\Local', 'invest-flags')],
    ['linux', { INVEST_FLAGS_DATA: '/srv/flags' }, '/srv/flags'],
  ] as const)('%s %j → %s', (platform, env, expected) => {
    expect(defaultDataDir({ platform, env, home })).toBe(expected);
  });

  it('a folder given on the command line wins, made absolute', () => {
    expect(dataDirOf('rel/data')).toBe(join(process.cwd(), 'rel/data'));
    expect(dataDirOf(undefined)).toBe(defaultDataDir());
  });
});

describe('sync without --data', () => {
  it('uses the default folder, from any working folder, and says which', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'if-datadir-'));
    const data = join(dir, 'shared-data');
    const before = process.env.INVEST_FLAGS_DATA;
    process.env.INVEST_FLAGS_DATA = data;
    try {
      const input = join(dir, 'ledger.xlsx');
      expect(await main(['sample', input, '--projects', '3'], captureIo().io)).toBe(0);
      const t = captureIo();
      expect(await main(['sync', input, '--as-of', '2026-06-01'], t.io)).toBe(0);
      expect(t.err()).toContain(`数据目录：${data}`);
      expect(existsSync(join(data, 'dynamodb'))).toBe(true);
    } finally {
      process.env.INVEST_FLAGS_DATA = before;
    }
  }, 60_000);
});

describe('sample never replaces a file silently', () => {
  it('refuses an existing file (exit 2, file untouched) and replaces it with --force', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'if-sample-'));
    const out = join(dir, 'ledger.xlsx');
    await writeFile(out, 'the clerk’s own file');
    const t = captureIo();
    expect(await main(['sample', out, '--projects', '3'], t.io)).toBe(2);
    expect(t.err()).toContain('未覆盖');
    expect(await readFile(out, 'utf8')).toBe('the clerk’s own file');
    expect(await main(['sample', out, '--projects', '3', '--force'], captureIo().io)).toBe(0);
    expect((await readFile(out)).subarray(0, 2).toString()).toBe('PK');
  });
});
