/**
 * The CLI's code cache (addin/cli/code-cache.cjs), in real node processes: made by a run that ends well, taken by
 * the next, never taken for another bundle (even one of the same length: V8 checks only the length), survived
 * when broken, and not used in a folder others may write to.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDir } from '../../infra/local/servers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cacheDir, profileOf } = require('../../../addin/cli/code-cache.cjs') as {
  cacheDir(o?: { platform?: string; env?: Record<string, string | undefined>; home?: string }): string | null;
  profileOf(argv: string[]): string;
};

const CODE_CACHE = join(__dirname, '../../../addin/cli/code-cache.cjs');
// Runs a bundle the way bin.cjs does, prints what it answered and whether V8 took a cache, exits as told.
// (Under node -e, argv[1] is the first argument.)
const DRIVER = `
const [file, folder, exit] = process.argv.slice(1);
const { runBundle } = require(${JSON.stringify(CODE_CACHE)});
const r = runBundle(file, { dir: folder === 'none' ? null : folder, profile: 'sync' });
process.stdout.write(JSON.stringify({ cached: r.cached, answer: r.exports.main() }));
process.exitCode = Number(exit);
`;

describe('the code cache', () => {
  const tempDir = useTempDir('code-cache-', 'each');
  const bundle = (dir: string, answer: string) => {
    const file = join(dir, 'main.cjs');
    // Functions that run, so the cache holds compiled code beyond the top level.
    writeFileSync(file, `'use strict';\nconst twice = (s) => s + s;\nexports.main = () => twice(${JSON.stringify(answer)}).slice(0, ${answer.length});\n`);
    return file;
  };
  const run = (file: string, dir: string, exit = 0): { cached: boolean; answer: string } => {
    const r = spawnSync(process.execPath, ['-e', DRIVER, file, dir, String(exit)], { encoding: 'utf8' });
    expect(r.status).toBe(exit);
    return JSON.parse(r.stdout);
  };
  const caches = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.bin'));

  it('is made by a run that ends with exit 0, privately, and taken by the next run', () => {
    const dir = join(tempDir(), 'cache');
    const file = bundle(tempDir(), 'alpha');
    expect(run(file, dir)).toEqual({ cached: false, answer: 'alpha' });
    expect(caches(dir)).toEqual([expect.stringMatching(/^sync\.[0-9a-f]{16}\.bin$/)]);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, caches(dir)[0]!)).mode & 0o777).toBe(0o600);
    expect(run(file, dir)).toEqual({ cached: true, answer: 'alpha' });
  });

  it('is made by a run that did the work (exit 0, or 1: rows with errors), not by one that failed', () => {
    const dir = join(tempDir(), 'cache');
    const file = bundle(tempDir(), 'alpha');
    expect(run(file, dir, 2)).toEqual({ cached: false, answer: 'alpha' });
    expect(caches(dir)).toEqual([]);
    expect(run(file, dir, 1)).toEqual({ cached: false, answer: 'alpha' });
    expect(run(file, dir, 0)).toEqual({ cached: true, answer: 'alpha' });
  });

  it('is never taken for a rebuilt bundle, even one of the same length; three bundles’ caches are kept', async () => {
    const dir = join(tempDir(), 'cache');
    const file = bundle(tempDir(), 'alpha');
    run(file, dir);
    const [first] = caches(dir);
    bundle(tempDir(), 'omega'); // same length, other content
    expect(run(file, dir)).toEqual({ cached: false, answer: 'omega' });
    expect(run(file, dir)).toEqual({ cached: true, answer: 'omega' });
    // Two installs used in turn keep both caches (each run would otherwise remove the other's).
    bundle(tempDir(), 'alpha');
    expect(run(file, dir)).toEqual({ cached: true, answer: 'alpha' });
    for (const answer of ['gamma', 'delta']) {
      bundle(tempDir(), answer);
      run(file, dir);
    }
    expect(caches(dir)).toHaveLength(3);
    expect(caches(dir)).not.toContain(first); // the oldest went
  });

  it('survives a broken cache file: the run answers right and writes a good one', () => {
    const dir = join(tempDir(), 'cache');
    const file = bundle(tempDir(), 'alpha');
    run(file, dir);
    writeFileSync(join(dir, caches(dir)[0]!), 'not a code cache at all');
    expect(run(file, dir)).toEqual({ cached: false, answer: 'alpha' });
    expect(run(file, dir)).toEqual({ cached: true, answer: 'alpha' });
  });

  it('is not used in a folder others may write to (a cache is code the process runs)', () => {
    const dir = join(tempDir(), 'cache');
    const file = bundle(tempDir(), 'alpha');
    run(file, dir);
    chmodSync(dir, 0o777);
    expect(run(file, dir)).toEqual({ cached: false, answer: 'alpha' });
    chmodSync(dir, 0o700);
    expect(run(file, dir)).toEqual({ cached: true, answer: 'alpha' });
  });

  it('is not read from a file others may write to, nor through a symbolic link', () => {
    const dir = join(tempDir(), 'cache');
    const file = bundle(tempDir(), 'alpha');
    run(file, dir);
    const cache = join(dir, caches(dir)[0]!);
    chmodSync(cache, 0o666);
    expect(run(file, dir)).toEqual({ cached: false, answer: 'alpha' });
    // That run wrote a private one in its place, which the next takes.
    expect(statSync(cache).mode & 0o777).toBe(0o600);
    expect(run(file, dir)).toEqual({ cached: true, answer: 'alpha' });
    const elsewhere = join(tempDir(), 'elsewhere.bin');
    renameSync(cache, elsewhere);
    symlinkSync(elsewhere, cache);
    expect(run(file, dir)).toEqual({ cached: false, answer: 'alpha' });
  });

  it('is not used without a folder (INVEST_FLAGS_CODE_CACHE=off), nor when the folder cannot be made', () => {
    const file = bundle(tempDir(), 'alpha');
    expect(run(file, 'none')).toEqual({ cached: false, answer: 'alpha' });
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, '');
    expect(run(file, join(blocker, 'cache'))).toEqual({ cached: false, answer: 'alpha' });
  });

  it('lives in the platform’s per-user cache folder unless INVEST_FLAGS_CODE_CACHE names one or is off', () => {
    expect(cacheDir({ platform: 'linux', env: {}, home: '/home/li' })).toBe('/home/li/.cache/invest-flags');
    expect(cacheDir({ platform: 'linux', env: { XDG_CACHE_HOME: '/x' }, home: '/home/li' })).toBe('/x/invest-flags');
    expect(cacheDir({ platform: 'darwin', env: {}, home: '/Users/li' })).toBe('/Users/li/Library/Caches/invest-flags');
    expect(cacheDir({ platform: 'win32', env: { LOCALAPPDATA: 'C:\\Users\\li\\AppData\\Local' }, home: 'C:\\Users\\li' })).toMatch(/AppData.Local.invest-flags.Cache$/);
    expect(cacheDir({ platform: 'linux', env: { INVEST_FLAGS_CODE_CACHE: '/tmp/cc' }, home: '/home/li' })).toBe('/tmp/cc');
    expect(cacheDir({ platform: 'linux', env: { INVEST_FLAGS_CODE_CACHE: 'off' }, home: '/home/li' })).toBeNull();
    // On Windows only the profile's own folder: a named one's ACLs are not checked here.
    expect(cacheDir({ platform: 'win32', env: { INVEST_FLAGS_CODE_CACHE: 'D:\\shared' }, home: 'C:\\Users\\li' })).toBeNull();
  });

  it('keeps one cache per command, and apart for a remote API', () => {
    expect(profileOf(['sync', 'a.xlsx'])).toBe('sync');
    expect(profileOf(['sync', 'a.xlsx', '--api', 'https://x'])).toBe('sync-api');
    expect(profileOf(['sync', 'a.xlsx', '--api=https://x'])).toBe('sync-api');
    expect(profileOf(['--version'])).toBe('version');
    expect(profileOf([])).toBe('other');
    expect(profileOf(['../../etc/passwd'])).toBe('other');
  });

  it('runs the real bundle the same with and without its cache', () => {
    const dir = join(tempDir(), 'cache');
    const bin = join(__dirname, '../../../addin/cli/bin.cjs');
    const env = { ...process.env, INVEST_FLAGS_CODE_CACHE: dir, LANG: 'en_US.UTF-8' };
    const first = execFileSync(process.execPath, [bin, 'help'], { env, encoding: 'utf8' });
    expect(caches(dir)).toEqual([expect.stringMatching(/^help\./)]);
    const made = statSync(join(dir, caches(dir)[0]!)).mtimeMs;
    expect(execFileSync(process.execPath, [bin, 'help'], { env, encoding: 'utf8' })).toBe(first);
    expect(first).toMatch(/^Usage:/);
    // Taken, not remade: a rejected cache would be written again.
    expect(statSync(join(dir, caches(dir)[0]!)).mtimeMs).toBe(made);
  }, 120_000);
});

/** A large ledger raises the heap's growth while it works (heap.ts); V8 refuses a cache made under other flags. */
describe('the code cache of a large ledger’s sync', () => {
  const tempDir = useTempDir('code-cache-large-', 'all');

  it('is made once and taken by the next run, the heap flag set back before the exit', () => {
    const dir = join(tempDir(), 'cache');
    const bin = join(__dirname, '../../../addin/cli/bin.cjs');
    const env = { ...process.env, INVEST_FLAGS_CODE_CACHE: dir, LANG: 'en_US.UTF-8' };
    const ledger = join(tempDir(), 'large.xlsx');
    execFileSync(process.execPath, [bin, 'sample', ledger, '--projects', '3000', '--seed', '3'], { env });
    expect(statSync(ledger).size).toBeGreaterThan(256 * 1024); // heap.ts's LARGE
    const sync = (i: number) => execFileSync(process.execPath, [bin, 'sync', ledger, '--data', join(tempDir(), `data-${i}`), '--out', join(tempDir(), `out-${i}.xlsx`)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    sync(1);
    const [made] = readdirSync(dir).filter((f) => f.startsWith('sync.'));
    const at = statSync(join(dir, made!)).mtimeMs;
    sync(2);
    // Taken, not refused and written again.
    expect(readdirSync(dir).filter((f) => f.startsWith('sync.'))).toEqual([made]);
    expect(statSync(join(dir, made!)).mtimeMs).toBe(at);
  }, 300_000);
});
