/** What the command-line tests share: a captured Io, and a real local stack with a temp folder per test file. */
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Io } from '../../../addin/cli/io';
import { startLocalStack, type LocalStack } from '../../../infra/local/stack';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** An Io whose stdout and stderr are collected as text. */
export function captureIo(env: Record<string, string> = {}): { io: Io; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d));
  stderr.on('data', (d: Buffer) => (err += d));
  return { io: { stdout, stderr: stderr as unknown as NodeJS.WriteStream, env }, out: () => out, err: () => err };
}

/** An in-memory local stack (test mode, free port) and a temp folder, started before this file's tests and stopped after. */
export function useCliStack(prefix: string): { stack: LocalStack; dir: string } {
  const ctx = {} as { stack: LocalStack; dir: string };
  beforeAll(async () => {
    ctx.stack = await startLocalStack({ inMemory: true, mode: 'test' });
    ctx.dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(() => ctx.stack.close());
  return ctx;
}

/** An HTTP server that counts the requests it gets (and answers 500): proof that nothing was sent. */
export async function countingServer(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server: Server = createServer((_req, res) => {
    n++;
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => n, close: () => new Promise((r) => server.close(() => r())) };
}
