/**
 * The packed CLI installs and runs like a real tool: `npm pack` (which builds the bundle), `npm install -g` of
 * the tarball into a temporary prefix, then `invest-flags --version` and `invest-flags demo` from a folder
 * outside the repository, with plain node and none of the repository's files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { version } from '../../../package.json';

const ROOT = join(__dirname, '../../..');
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed command line', () => {
  let prefix: string;
  let work: string;
  let tarball: string;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'if-pack-'));
    prefix = join(dir, 'prefix');
    work = join(dir, 'elsewhere');
    execFileSync('mkdir', ['-p', work]);
    npm(['pack', '--pack-destination', dir, '--silent'], ROOT);
    tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
    npm(['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], work);
  }, 600_000);

  const cli = (args: string[]) =>
    execFileSync(join(prefix, 'bin', 'invest-flags'), args, {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, INVEST_FLAGS_DATA: join(work, 'data'), INVEST_FLAGS_CODE_CACHE: join(work, 'code-cache'), LANG: 'zh_CN.UTF-8' },
    });

  it('holds the bundle and the bin, not the sources', () => {
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(listed).toContain('package/dist/cli/main.cjs');
    expect(listed).toContain('package/addin/cli/bin.cjs');
    expect(listed).toContain('package/addin/cli/code-cache.cjs');
    expect(listed.filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it('prints its version', () => {
    expect(cli(['--version']).trim()).toBe(`invest-flags ${version}`);
  });

  it('runs the demo from a folder outside the repository, making its code cache', () => {
    cli(['demo']);
    expect(existsSync(join(work, 'out', 'demo-flagged.xlsx'))).toBe(true);
    // The installed bundle runs through the code cache (addin/cli/code-cache.cjs): the demo made its own.
    expect(readdirSync(join(work, 'code-cache'))).toContainEqual(expect.stringMatching(/^demo\.[0-9a-f]{16}\.bin$/));
  }, 300_000);
});
