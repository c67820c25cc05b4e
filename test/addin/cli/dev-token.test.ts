/**
 * `invest-flags dev-token --user <email> [--name <name>] [--data <dir>]` against a real local stack started on
 * the same data folder: the printed token verifies there, and the table decides what it may do.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiError, MeResponse } from '../../../contract';
import { main } from '../../../addin/cli/main';
import { startLocalStack, type LocalStack } from '../../../infra/local/stack';
import { call } from '../../functions/handlers/api';
import { captureIo } from './harness';

let dir: string;
let stack: LocalStack;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'invest-flags-cli-token-'));
  stack = await startLocalStack({ dataDir: join(dir, 'data'), mode: 'test' });
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const t = captureIo(env);
  const code = await main(args, t.io);
  return { code, out: t.out(), err: t.err() };
}

describe('invest-flags dev-token', () => {
  it('prints a token the stack on that data folder accepts; an unregistered user gets 403, a registered clerk 200', async () => {
    const { code, out, err } = await run(['dev-token', '--user', 'Wang@County.gov.cn', '--name', '王五', '--data', join(dir, 'data')]);
    expect(code).toBe(0);
    expect(err).toContain('12 小时');
    const token = out.trim();
    expect(token.split('.')).toHaveLength(3);

    const unknown = await call<ApiError>(stack, 'GET', '/v1/me', token);
    expect(unknown.status).toBe(403);
    expect(unknown.body.error.message.zh).toContain('管理员');

    const put = await call(stack, 'PUT', '/v1/users', stack.adminToken, { email: 'wang@county.gov.cn', role: 'clerk', units: ['温水镇'] });
    expect(put.status).toBe(200);
    const me = await call<MeResponse>(stack, 'GET', '/v1/me', token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'wang@county.gov.cn', name: '王五', role: 'clerk', units: ['温水镇'] });
  });

  it('a token signed for another data folder does not verify here', async () => {
    const { code, out } = await run(['dev-token', '--user', 'admin@localhost', '--data', join(dir, 'elsewhere')]);
    expect(code).toBe(0);
    expect((await call(stack, 'GET', '/v1/me', out.trim())).status).toBe(401);
  });

  it('exits 2 with a bilingual usage error for a bad or missing e-mail', async () => {
    const bad = await run(['dev-token', '--user', 'not-an-email', '--data', join(dir, 'data')]);
    expect(bad).toMatchObject({ code: 2, out: '' });
    expect(bad.err).toContain('--user 应为邮箱地址：not-an-email');
    expect(bad.err).toContain('invest-flags dev-token --user <邮箱>');
    const en = await run(['dev-token'], { LANG: 'en_US.UTF-8' });
    expect(en.code).toBe(2);
    expect(en.err).toContain('dev-token needs --user <email>');
    expect(en.err).toContain('invest-flags dev-token --user <email> [--name <name>] [--data <dir>]');
    expect((await run(['dev-token', '--user', 'a@b.cn', 'extra'])).code).toBe(2);
  });

  it('is in the usage text, zh and en', async () => {
    expect((await run(['help'])).out).toContain('dev-token 打印本地服务');
    expect((await run(['help'], { LANG: 'en_US.UTF-8' })).out).toContain('dev-token prints a dev token');
  });
});
