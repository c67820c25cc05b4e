/**
 * E-mail over SES v2 behind the EmailSender port, the SES client mocked at its edge (aws-sdk-client-mock; nothing
 * leaves the process): the message the port sends, a throttled send retried with backoff, a rejected one not
 * retried, and both reported like a webhook delivery (in the run, never naming a recipient); the environment
 * that wires it (the cut-off job's SES_* variables) and the one that does not.
 */
import { MessageRejected, SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import type { ChannelSettings, PushRun } from '../../../contract/channels';
import { deliver } from '../../../functions/app/push';
import type { PushMessage } from '../../../functions/domain/push';
import { emailSenderFromEnv } from '../../../functions/handlers/job-deps';
import { createNotifier } from '../../../functions/notify';
import { SesEmailSender } from '../../../functions/notify/ses';

const ses = mockClient(SESv2Client);
beforeEach(() => ses.reset());

const FROM = '县招商服务中心 <flags@county.gov.cn>';
const IDENTITY = 'arn:aws:ses:ap-southeast-1:123456789012:identity/county.gov.cn';
const TO = ['wang.clerk@county.gov.cn', 'li.clerk@county.gov.cn'];

const settings: ChannelSettings = {
  channels: [{ id: 'wenshui-mail', kind: 'email', name: '温水镇邮件组', to: TO }],
  leaders: {},
  units: { 温水镇: ['wenshui-mail'] },
  schedule: { afterCutoff: true, reminderHoursBefore: 24 },
};

const message: PushMessage = {
  audience: { kind: 'unit', name: '温水镇' },
  title: '2026-W10 周调度 · 温水镇',
  head: ['截至 2026-03-06（周五）12:00：重点线索 2 · 签约项目 0 · 落地项目 0 · 投产项目 0；红旗 0 · 黄旗 0', '本周未更新进展的项目（1 个）：'],
  items: [{ text: '智能装备产业园（重点线索）', linkText: '智能装备产业园', link: 'https://flags.example.gov.cn/taskpane.html#project=C-2' }],
  foot: [],
};

function run(sender = new SesEmailSender(new SESv2Client({ region: 'ap-southeast-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }), { from: FROM, identityArn: IDENTITY })) {
  const logs: string[] = [];
  const waits: number[] = [];
  const stored: PushRun[] = [];
  const deps = {
    notifier: createNotifier({ fetch: () => Promise.reject(new Error('no webhook in this test')), email: sender }),
    sleep: async (ms: number) => void waits.push(ms),
    log: (l: string) => void logs.push(l),
    cutoff: { putPushRun: async (r: PushRun) => void stored.push(r) } as never,
  };
  return { go: () => deliver(deps, settings, [message], { kind: 'afterCutoff', week: '2026-W10', at: '2026-03-06T04:00:30.000Z' }), logs, waits, stored };
}

const throttled = () => new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } });

describe('e-mail over SES', () => {
  it('sends one SendEmail from the configured identity to the channel’s recipients: UTF-8 subject and plain-text body', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    const r = run();
    const pushed = await r.go();
    expect(pushed).toMatchObject({ sent: 1, failed: 0, deliveries: [{ channel: 'wenshui-mail', kind: 'email', audience: '单位 温水镇', ok: true, attempts: 1 }] });
    const calls = ses.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      FromEmailAddress: FROM,
      FromEmailAddressIdentityArn: IDENTITY,
      Destination: { ToAddresses: TO },
      Content: {
        Simple: {
          Subject: { Data: '2026-W10 周调度 · 温水镇', Charset: 'UTF-8' },
          Body: {
            Text: {
              Data: [
                '2026-W10 周调度 · 温水镇',
                '截至 2026-03-06（周五）12:00：重点线索 2 · 签约项目 0 · 落地项目 0 · 投产项目 0；红旗 0 · 黄旗 0',
                '本周未更新进展的项目（1 个）：',
                '- 智能装备产业园（重点线索） https://flags.example.gov.cn/taskpane.html#project=C-2',
              ].join('\n'),
              Charset: 'UTF-8',
            },
          },
        },
      },
    });
  });

  it('a throttled send is retried with backoff (1 s, 2 s) and then delivered', async () => {
    ses.on(SendEmailCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({ MessageId: 'm-2' });
    const r = run();
    expect(await r.go()).toMatchObject({ sent: 1, failed: 0, deliveries: [{ ok: true, attempts: 3 }] });
    expect(r.waits).toEqual([1_000, 2_000]);
  });

  it('a send throttled every time is tried 4 times, then reported in the run (and stored for the admin), not thrown', async () => {
    ses.on(SendEmailCommand).rejects(throttled());
    const r = run();
    const pushed = await r.go();
    expect(pushed).toMatchObject({ sent: 0, failed: 1, deliveries: [{ channel: 'wenshui-mail', ok: false, attempts: 4, error: 'SES TooManyRequestsException (HTTP 429)' }] });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(4);
    expect(r.waits).toEqual([1_000, 2_000, 4_000]);
    expect(r.stored).toEqual([pushed]);
  });

  it('a rejected message is not retried; neither the report nor a log line names a recipient', async () => {
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: `Email address is not verified: ${TO[0]}`, $metadata: { httpStatusCode: 400 } }));
    const r = run();
    const pushed = await r.go();
    expect(pushed.deliveries).toEqual([expect.objectContaining({ ok: false, attempts: 1, error: 'SES MessageRejected (HTTP 400)' })]);
    const everything = JSON.stringify(pushed) + r.logs.join('\n');
    for (const to of TO) expect(everything).not.toContain(to);
  });

  it('a network failure (no HTTP status) is retried', async () => {
    ses.on(SendEmailCommand).rejectsOnce(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' })).resolves({});
    expect(await run().go()).toMatchObject({ sent: 1, deliveries: [{ ok: true, attempts: 2 }] });
  });

  it('the job’s environment wires SES only when it names a sender (SES_FROM_ADDRESS), in the identity’s region', async () => {
    expect(emailSenderFromEnv({})).toBeUndefined();
    expect(emailSenderFromEnv({ SES_FROM_ADDRESS: '  ' })).toBeUndefined();
    const sender = emailSenderFromEnv({ SES_FROM_ADDRESS: FROM, SES_IDENTITY_ARN: IDENTITY, SES_REGION: 'ap-southeast-1' });
    expect(sender).toBeInstanceOf(SesEmailSender);
    ses.on(SendEmailCommand).resolves({});
    await sender!.send(['a@county.gov.cn'], '主题', '正文');
    const call = ses.commandCalls(SendEmailCommand)[0]!;
    expect(call.args[0].input).toMatchObject({ FromEmailAddress: FROM, FromEmailAddressIdentityArn: IDENTITY, Destination: { ToAddresses: ['a@county.gov.cn'] } });
    expect(await call.thisValue.config.region()).toBe('ap-southeast-1');
    expect(call.thisValue.config.maxAttempts && (await call.thisValue.config.maxAttempts())).toBe(1); // the app retries, not the SDK
  });

  it('without a sender (AWS China regions, or none configured) an e-mail channel reports "no e-mail service", not retried', async () => {
    const deps = { notifier: createNotifier({ fetch: () => Promise.reject(new Error('unused')) }), sleep: async () => {}, log: () => {} };
    const pushed = await deliver(deps, settings, [message], { kind: 'reminder', week: '2026-W10', at: '2026-03-05T04:00:00.000Z' });
    expect(pushed.deliveries).toEqual([expect.objectContaining({ ok: false, attempts: 1, error: 'no e-mail service in this region' })]);
  });
});
