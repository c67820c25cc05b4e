/**
 * `invest-flags cutoff [--week] [--dry-run] [--json]` against the embedded stack (in-memory dynalite, its clock
 * pinned so the week's cut-off can pass): a week not over yet is refused; a dry run closes and sends nothing and
 * prints what it would push; a run closes the week and reports a robot that could not be reached (retried, then
 * named — the webhook never printed); a second run finds nothing due; --week names a closed week as already
 * closed; a bad --week is a usage error; and without --api it starts the embedded stack on --data itself and says so.
 * Times are the county's local time (config cutoff.timeZone), as 领导看板 shows them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../addin/cli/main';
import type { CutoffResult } from '../../../contract/channels';
import { startLocalStack, type LocalStack } from '../../../infra/local/stack';
import { call, request, row, sync } from '../../functions/handlers/api';
import { captureIo } from './harness';

jest.setTimeout(60_000);

let clock = '2026-03-02T02:00:00.000Z'; // Monday of 2026-W10 (closes Friday 6 March 12:00 Asia/Shanghai = 04:00Z)
let stack: LocalStack;
const DEAD_HOOK = 'http://127.0.0.1:9/cgi-bin/webhook/send?key=dead-key-0123456789';

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, mode: 'test', clock: () => clock, sleep: async () => {} });
  await sync(stack, stack.adminToken, request([
    row('K-1', { name: '年产10万吨新材料项目', unit: '温水镇', leader: '张县长', progress: '已完成环评' }),
    row('K-2', { name: '冷链物流中心', unit: '郑城镇', leader: '张县长', progress: '选址' }),
  ], { asOf: '2026-03-02' }));
  const put = await call(stack, 'PUT', '/v1/channels', stack.adminToken, {
    channels: [{ id: 'zhang-wecom', kind: 'wecom', name: '张县长工作群', url: DEAD_HOOK }],
    leaders: { 张县长: ['zhang-wecom'] },
    units: {},
    schedule: { afterCutoff: true, reminderHoursBefore: null },
  });
  expect(put.status).toBe(200);
});
afterAll(() => stack.close());

const cutoff = async (args: string[], env: Record<string, string> = {}) => {
  const t = captureIo(env);
  const code = await main(['cutoff', ...args, '--api', stack.url, '--token', stack.adminToken], t.io);
  return { code, out: t.out(), err: t.err() };
};

describe('invest-flags cutoff', () => {
  it('refuses a week whose cut-off has not come (exit 1, the API’s bad_request as JSON)', async () => {
    const r = await cutoff(['--week', '2026-W10', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ error: { code: 'bad_request', details: { status: 400 } } });
  });

  it('--dry-run --json: the week would close, nothing is written, and the message it would push is shown', async () => {
    clock = '2026-03-06T04:10:00.000Z'; // Friday 12:10 in Shanghai
    const r = await cutoff(['--dry-run', '--json']);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out) as CutoffResult;
    expect(res).toMatchObject({ dryRun: true, weeks: [{ week: '2026-W10', status: 'wouldClose', projects: 2 }], push: null });
    expect(res.preview!.map((p) => p.audience)).toEqual(['leader:张县长']);
    expect(res.preview![0]!.text).toContain('2026-W10 周调度 · 张县长包联项目红黄旗');
    const closed = await call<{ lastRuns: unknown[] }>(stack, 'GET', '/v1/channels', stack.adminToken);
    expect(closed.body.lastRuns).toEqual([]);
  });

  it('a run closes the week and reports, in Chinese, the robot it could not reach (tried 4 times; no URL printed)', async () => {
    const r = await cutoff([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('调度截止（2026-03-06 12:10）'); // 04:10Z as the county's local time, like 领导看板's header
    expect(r.out).toMatch(/2026-W10 {2}已关闭 {2}项目 2，升级 0/);
    expect(r.out).toContain('推送 周报 2026-W10：成功 0，失败 1');
    expect(r.out).toMatch(/✗ zhang-wecom \(领导 张县长\): network error.* ×4/);
    expect(r.out + r.err).not.toContain('dead-key');
  });

  it('run again: nothing due (exit 0); naming the week: already closed; in English with LANG=en', async () => {
    expect((await cutoff([])).out).toContain('没有需要关闭的周');
    const again = await cutoff(['--week', '2026-W10'], { LANG: 'en_US.UTF-8' });
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/2026-W10 {2}already closed/);
  });

  it('a malformed --week is a usage error (exit 2), nothing called', async () => {
    const r = await cutoff(['--week', '2026-49']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--week 应为 ISO 周次');
  });

  it('without --api it starts the embedded stack on --data and runs there (a fresh folder: no week due)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'invest-flags-cutoff-'));
    const t = captureIo();
    expect(await main(['cutoff', '--data', dir, '--json'], t.io)).toBe(0);
    expect(JSON.parse(t.out())).toMatchObject({ dryRun: false, weeks: [], push: null, reminder: null });
    await rm(dir, { recursive: true, force: true });
  });

  it('on --data it names the data folder (as sync and report do) and shows the time as local minutes, not an ISO instant', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'invest-flags-cutoff-'));
    for (const [env, folder, heading] of [[{}, `数据目录：${dir}\n`, /^调度截止（\d{4}-\d{2}-\d{2} \d{2}:\d{2}，试运行）$/m], [{ LANG: 'en_US.UTF-8' }, `Data folder: ${dir}\n`, /^Weekly cut-off \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}, dry run\)$/m]] as const) {
      const t = captureIo(env);
      expect(await main(['cutoff', '--dry-run', '--data', dir], t.io)).toBe(0);
      expect(t.err()).toContain(folder);
      expect(t.out()).toMatch(heading);
    }
    await rm(dir, { recursive: true, force: true });
  });
});
