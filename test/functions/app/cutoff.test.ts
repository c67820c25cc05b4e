/**
 * The weekly cut-off job over HTTP on dynalite, pushing to a local sink (never the internet): closing a week is
 * idempotent, a missed week is caught up, the fixed report is what later reads answer, who has not reported is
 * listed; WeCom, DingTalk (signature checked by the sink) and Feishu (signature checked) payload shapes; a failing
 * robot is retried, then reported; channel settings are admin-only and masked; no secret reaches the logs.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dashboard, WeeklyReport } from '../../../contract';
import type { ChannelSettings, ChannelsResponse, CutoffResult } from '../../../contract/channels';
import { call, request, row, sync, useTestStack } from '../handlers/api';

interface Received {
  path: string;
  query: URLSearchParams;
  body: Record<string, any>;
}

const received: Received[] = [];
let sink: Server;
let sinkUrl = '';

const WECOM_KEY = 'wecom-key-1f2e3d4c5b6a';
const DING_TOKEN = 'ding-token-9a8b7c6d5e4f';
const DING_SECRET = 'SECding-secret-0123456789abcdef';
const FEISHU_HOOK = 'feishu-hook-5566778899';
const FEISHU_SECRET = 'feishu-secret-a1b2c3d4e5';
const FAIL_KEY = 'fail-key-deadbeef42';
const SECRETS = [WECOM_KEY, DING_TOKEN, DING_SECRET, FEISHU_HOOK, FEISHU_SECRET, FAIL_KEY];

let clock = '2026-03-02T02:00:00.000Z';
const logs: string[] = [];
const stack = useTestStack({ clock: () => clock, log: (l) => logs.push(l), sleep: async () => {} });

beforeAll(async () => {
  sink = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sink');
      const body = JSON.parse(text || '{}');
      received.push({ path: url.pathname, query: url.searchParams, body });
      res.setHeader('content-type', 'application/json');
      if (url.pathname === '/fail') {
        res.statusCode = 502;
        return res.end('{}');
      }
      if (url.pathname === '/dingtalk') {
        // The robot's check: sign = base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), URL-encoded.
        const ts = url.searchParams.get('timestamp') ?? '';
        const expected = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
        return res.end(JSON.stringify(url.searchParams.get('sign') === expected ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' }));
      }
      if (url.pathname.startsWith('/feishu/')) {
        const expected = createHmac('sha256', `${body.timestamp}\n${FEISHU_SECRET}`).update('').digest('base64');
        return res.end(JSON.stringify(body.sign === expected ? { code: 0, msg: 'success' } : { code: 19021, msg: 'sign match fail' }));
      }
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((ok) => sink.listen(0, '127.0.0.1', ok));
  sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => sink.close(() => ok())));

const settings = (): ChannelSettings => ({
  channels: [
    { id: 'zhang-wecom', kind: 'wecom', name: '张县长工作群', url: `${sinkUrl}/wecom?key=${WECOM_KEY}` },
    { id: 'zhang-ding', kind: 'dingtalk', name: '县领导钉钉群', url: `${sinkUrl}/dingtalk?access_token=${DING_TOKEN}`, secret: DING_SECRET },
    { id: 'wenshui-feishu', kind: 'feishu', name: '温水镇飞书群', url: `${sinkUrl}/feishu/${FEISHU_HOOK}`, secret: FEISHU_SECRET },
    { id: 'broken', kind: 'wecom', name: '坏的机器人', url: `${sinkUrl}/fail?key=${FAIL_KEY}` },
  ],
  leaders: { 张县长: ['zhang-wecom', 'zhang-ding'] },
  units: { 温水镇: ['wenshui-feishu', 'broken'] },
  schedule: { afterCutoff: true, reminderHoursBefore: 24, projectLinkBase: 'https://flags.example.gov.cn/taskpane.html#project=' },
});

const cutoff = async (body: unknown = {}) => {
  const a = await call<CutoffResult>(stack, 'POST', '/v1/cutoff', stack.adminToken, body);
  if (a.status !== 200) throw new Error(`cutoff answered ${a.status}: ${JSON.stringify(a.body)}`);
  return a.body;
};

describe('the weekly cut-off', () => {
  let clerk = '';
  let leader = '';

  beforeAll(async () => {
    await stack.putUser({ subject: 'clerk-1', email: 'clerk@county.gov.cn', role: 'clerk', units: ['温水镇'] });
    await stack.putUser({ subject: 'leader-1', email: 'leader@county.gov.cn', role: 'leader', units: [] });
    clerk = await stack.issueToken({ sub: 'clerk-1', email: 'clerk@county.gov.cn' });
    leader = await stack.issueToken({ sub: 'leader-1', email: 'leader@county.gov.cn' });
    // Monday 2 March 2026 (week 2026-W10, closing Friday 6 March 12:00 Asia/Shanghai).
    await sync(
      stack,
      stack.adminToken,
      request(
        [
          row('C-1', { name: '年产10万吨新材料项目', unit: '温水镇', leader: '张县长', progress: '已完成环评' }),
          row('C-2', { name: '智能装备产业园', unit: '温水镇', leader: '张县长', progress: '洽谈中' }),
          row('C-3', { name: '冷链物流中心', unit: '郑城镇', leader: '李副县长', progress: '选址' }),
        ],
        { asOf: '2026-03-02' },
      ),
    );
    const put = await call<ChannelsResponse>(stack, 'PUT', '/v1/channels', stack.adminToken, settings());
    expect(put.status).toBe(200);
  });

  it('answers 400 for a week whose cut-off has not come', async () => {
    const a = await call(stack, 'POST', '/v1/cutoff', stack.adminToken, { week: '2026-W10' });
    expect(a.status).toBe(400);
  });

  it('a dry run closes and sends nothing, and shows what it would send', async () => {
    clock = '2026-03-06T05:00:00.000Z'; // Friday 13:00 in Shanghai
    const res = await cutoff({ dryRun: true });
    expect(res.weeks).toEqual([expect.objectContaining({ week: '2026-W10', status: 'wouldClose', projects: 3 })]);
    expect(res.preview?.map((p) => p.audience).sort()).toEqual(['leader:张县长', 'unit:温水镇']);
    expect(received).toHaveLength(0);
  });

  it('closes the week once, fixes its report and pushes; a second run changes nothing', async () => {
    const first = await cutoff();
    expect(first.weeks).toEqual([expect.objectContaining({ week: '2026-W10', status: 'closed', projects: 3 })]);
    expect(first.push).toMatchObject({ kind: 'afterCutoff', week: '2026-W10', sent: 3, failed: 1 });
    const fixed = (await call<WeeklyReport>(stack, 'GET', '/v1/reports/weekly?week=2026-W10', clerk)).body;
    expect(fixed.period.week).toBe('2026-W10');

    const writes = { ...stack.store.writes };
    const count = received.length;
    const again = await cutoff();
    expect(again.weeks).toEqual([]);
    expect(again.push).toBeNull();
    const named = await cutoff({ week: '2026-W10' });
    expect(named.weeks).toEqual([expect.objectContaining({ week: '2026-W10', status: 'alreadyClosed' })]);
    expect(stack.store.writes).toEqual(writes);
    expect(received).toHaveLength(count);
    expect((await call<WeeklyReport>(stack, 'GET', '/v1/reports/weekly?week=2026-W10', clerk)).body).toEqual(fixed);
  });

  it('WeCom gets markdown within 4096 bytes, DingTalk a signed markdown, Feishu a signed text', () => {
    const wecom = received.find((r) => r.path === '/wecom')!;
    expect(wecom.query.get('key')).toBe(WECOM_KEY);
    expect(wecom.body.msgtype).toBe('markdown');
    expect(Buffer.byteLength(wecom.body.markdown.content, 'utf8')).toBeLessThanOrEqual(4096);
    expect(wecom.body.markdown.content).toContain('2026-W10 周调度 · 张县长包联项目红黄旗');

    const ding = received.find((r) => r.path === '/dingtalk')!;
    expect(ding.body).toEqual({ msgtype: 'markdown', markdown: { title: expect.stringContaining('张县长'), text: expect.any(String) } });
    expect(ding.query.get('access_token')).toBe(DING_TOKEN);
    expect(ding.query.get('timestamp')).toMatch(/^\d{13}$/);

    const feishu = received.find((r) => r.path.startsWith('/feishu/'))!;
    expect(feishu.body).toEqual({ timestamp: expect.stringMatching(/^\d{10}$/), sign: expect.any(String), msg_type: 'text', content: { text: expect.stringContaining('2026-W10 周调度 · 温水镇') } });
    // Every project of 温水镇 got its progress this week (first synced on Monday).
    expect(feishu.body.content.text).toContain('本周所有项目均已更新进展');
    // eslint-disable-next-line no-console
    console.log(`--- WeCom received ---\n${wecom.body.markdown.content}\n--- Feishu received ---\n${feishu.body.content.text}`);
  });

  it('retries a failing robot, then reports it in the result and the admin view', async () => {
    expect(received.filter((r) => r.path === '/fail')).toHaveLength(4);
    const view = (await call<ChannelsResponse>(stack, 'GET', '/v1/channels', stack.adminToken)).body;
    const run = view.lastRuns.find((r) => r.kind === 'afterCutoff')!;
    expect(run.deliveries.find((d) => d.channel === 'broken')).toEqual({ channel: 'broken', kind: 'wecom', audience: '单位 温水镇', ok: false, attempts: 4, error: 'HTTP 502' });
    expect(run.deliveries.filter((d) => d.ok).map((d) => d.channel).sort()).toEqual(['wenshui-feishu', 'zhang-ding', 'zhang-wecom']);
  });

  it('catches up missed weeks oldest first, escalates at the cut-off, lists who has not reported, pushes only the newest', async () => {
    const before = received.length;
    clock = '2026-03-27T05:00:00.000Z'; // three cut-offs later; nobody synced
    const res = await cutoff();
    expect(res.weeks.map((w) => [w.week, w.status])).toEqual([
      ['2026-W11', 'closed'],
      ['2026-W12', 'closed'],
      ['2026-W13', 'closed'],
    ]);
    expect(res.weeks[0]!.notReported).toEqual(['温水镇', '郑城镇']);
    expect(res.push?.week).toBe('2026-W13');
    const w13 = (await call<WeeklyReport>(stack, 'GET', '/v1/reports/weekly?week=2026-W13', leader)).body;
    expect(w13.notReported).toEqual([
      { unit: '温水镇', active: 2 },
      { unit: '郑城镇', active: 1 },
    ]);
    // Unchanged across three cut-offs: the weekly-update rule turns red at the cut-off, without a sync.
    expect(w13.county.total.red).toBe(3);
    const wecom = received.slice(before).find((r) => r.path === '/wecom')!;
    expect(wecom.body.markdown.content).toContain('🔴 [年产10万吨新材料项目](https://flags.example.gov.cn/taskpane.html#project=C-1)');
    expect(wecom.body.markdown.content).toContain('连续红旗');
    // eslint-disable-next-line no-console
    console.log(`--- WeCom received (2026-W13) ---\n${wecom.body.markdown.content}\n--- Feishu received (2026-W13) ---\n${received.slice(before).find((r) => r.path.startsWith('/feishu/'))!.body.content.text}`);
  });

  it('the dashboard counts the units that have not reported this week', async () => {
    const d = (await call<Dashboard>(stack, 'GET', '/v1/dashboard', leader)).body;
    expect(d.notReported.map((n) => n.unit)).toEqual(['温水镇', '郑城镇']);
  });

  it('reminds the units before the cut-off, once', async () => {
    clock = '2026-04-02T05:00:00.000Z'; // Thursday 13:00, 23 h before the cut-off
    const res = await cutoff();
    expect(res.reminder).toMatchObject({ kind: 'reminder', week: '2026-W14', sent: 1, failed: 1 });
    const feishu = received.filter((r) => r.path.startsWith('/feishu/')).at(-1)!;
    expect(feishu.body.content.text).toContain('提醒：2026-W14 周调度将于 2026-04-03（周五）12:00 截止');
    expect((await cutoff()).reminder).toBeNull();
  });

  it('a clerk or a leader cannot read or set the channels; an admin sees them masked', async () => {
    for (const token of [clerk, leader]) {
      expect((await call(stack, 'GET', '/v1/channels', token)).status).toBe(403);
      expect((await call(stack, 'PUT', '/v1/channels', token, settings())).status).toBe(403);
      expect((await call(stack, 'POST', '/v1/cutoff', token, {})).status).toBe(403);
    }
    const view = await call<ChannelsResponse>(stack, 'GET', '/v1/channels', stack.adminToken);
    const text = JSON.stringify(view.body);
    for (const s of SECRETS) expect(text).not.toContain(s);
    expect(view.body.settings.channels.find((c) => c.id === 'zhang-ding')).toMatchObject({ url: `${sinkUrl}/••••${DING_TOKEN.slice(-4)}`, secret: `••••${DING_SECRET.slice(-4)}` });
  });

  it('an admin PUT that sends the masked values back keeps the secrets', async () => {
    const view = (await call<ChannelsResponse>(stack, 'GET', '/v1/channels', stack.adminToken)).body;
    expect((await call(stack, 'PUT', '/v1/channels', stack.adminToken, view.settings)).status).toBe(200);
    const before = received.length;
    clock = '2026-04-03T05:00:00.000Z';
    const res = await cutoff();
    expect(res.push).toMatchObject({ sent: 3, failed: 1 });
    expect(received.slice(before).find((r) => r.path === '/dingtalk')!.query.get('access_token')).toBe(DING_TOKEN);
  });

  it('no secret ever appears in the logs', () => {
    expect(logs.length).toBeGreaterThan(10);
    const all = logs.join('\n');
    for (const s of SECRETS) expect(all).not.toContain(s);
  });
});
