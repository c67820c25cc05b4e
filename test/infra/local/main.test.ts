import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { decodeJwt } from 'jose';
import { request, row } from '../../functions/handlers/api';
import { useTempDir } from './servers';

const ROOT = resolve(__dirname, '../../..');

/** Starts `tsx infra/local/main.ts` and waits for the URL and admin token it prints. */
function start(args: string[]): Promise<{ child: ChildProcess; url: string; token: string; out: () => string }> {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'infra/local/main.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((ok, fail) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const token = /admin dev token[^\n]*\n(\S+)/.exec(out)?.[1];
      if (url && token) ok({ child, url, token, out: () => out });
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => fail(new Error(`main exited early (${code}): ${out}`)));
  });
}

const exitCode = (child: ChildProcess) => new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));

describe('npm start (infra/local/main.ts)', () => {
  const tempDir = useTempDir('invest-flags-main-');

  it('prints the URL and an admin token, stops cleanly on SIGTERM/SIGINT, and keeps data across restarts', async () => {
    const data = join(tempDir(), 'data');
    const a = await start(['--port', '0', '--data', data]);
    const { iat, exp } = decodeJwt(a.token);
    expect(exp! - iat!).toBe(12 * 3600); // short-lived: it is printed to the terminal
    expect(a.out()).toContain('12 小时 / 12 hours');
    const res = await fetch(`${a.url}/v1/sync`, { method: 'POST', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' }, body: JSON.stringify(request([row('MAIN-1', {})])) });
    expect(res.status).toBe(200);
    const stopped = exitCode(a.child);
    a.child.kill('SIGTERM');
    expect(await stopped).toBe(0);
    expect(a.out()).toContain('shutting down');

    const b = await start(['--port', '0', '--data', data]);
    const h = await fetch(`${b.url}/v1/projects/MAIN-1/history`, { headers: { authorization: `Bearer ${b.token}` } });
    expect(h.status).toBe(200);
    const again = exitCode(b.child);
    b.child.kill('SIGINT');
    expect(await again).toBe(0);
  }, 60_000);

  it('refuses a bad --port with a bilingual message', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'infra/local/main.ts'), '--port', 'abc', '--in-memory'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    expect(await exitCode(child)).toBe(2);
    expect(err).toContain('--port 必须是');
  }, 30_000);
});
