/**
 * The local stack as a child process, the way a person runs it (`npm start`): `node --import tsx <script>` — one
 * process, so a SIGKILL of the child stops the stack itself (`tsx <script>` would leave a grandchild running). Used by
 * `npm run fault:sync` and the tests that stop or kill a real stack.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');

export interface StackProcess {
  child: ChildProcess;
  url: string;
  /** The admin dev token it printed. */
  token: string;
  /** Everything it printed so far (stdout and stderr). */
  out: () => string;
}

/**
 * Starts `script` (default infra/local/main.ts; a test's wrapper of it) with `args`, and answers once it printed its
 * URL and admin token; fails when it exits first.
 */
export function startStackProcess(args: readonly string[], opts: { script?: string; env?: Record<string, string> } = {}): Promise<StackProcess> {
  const script = opts.script ?? join(ROOT, 'infra/local/main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  let out = '';
  return new Promise((ok, fail) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const token = /admin dev token[^\n]*\n(\S+)/.exec(out)?.[1];
      if (url && token) ok({ child, url, token, out: () => out });
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code, signal) => fail(new Error(`the stack exited early (${code ?? signal}): ${out}`)));
  });
}

/** How the child ended (exit code and signal), also when it already had. */
export const ended = (c: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  new Promise((ok) => (c.exitCode !== null || c.signalCode !== null ? ok({ code: c.exitCode, signal: c.signalCode }) : c.once('exit', (code, signal) => ok({ code, signal }))));

/** A GET with the stack's admin token, its JSON answer. */
export async function getJson<T>(s: Pick<StackProcess, 'url' | 'token'>, path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${s.token}` } });
  return { status: res.status, body: (await res.json()) as T };
}
