/**
 * The Notifier port (functions/app/ports.ts) over the group robots county offices use, with an injected fetch
 * (tests point it at a local sink; nothing here reaches the internet on its own):
 *  - 企业微信 WeCom: POST the webhook URL `{msgtype:'markdown', markdown:{content}}` (content ≤ 4096 bytes);
 *  - 钉钉 DingTalk: the webhook URL + `&timestamp=<ms>&sign=<urlencoded base64(HMAC-SHA256(secret, ts+"\n"+secret))>`,
 *    body `{msgtype:'markdown', markdown:{title, text}}`;
 *  - 飞书 Feishu: body `{msg_type:'text', content:{text}}`, plus `timestamp` (seconds) and
 *    `sign = base64(HMAC-SHA256(key = ts+"\n"+secret, message = ""))` when the bot has a secret.
 * A robot answers HTTP 200 with a non-zero errcode/code when it refuses a message; that is a failure too. Error
 * texts carry the status and the robot's code, never the URL or the secret.
 */
import { createHmac } from 'node:crypto';
import type { Channel } from '../../contract/channels';
import { NotifyError, type Notifier } from '../app/ports';

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<{ status: number; text(): Promise<string> }>;

export interface WebhookOptions {
  fetch: FetchLike;
  /** ms since the epoch (DingTalk and Feishu sign the time). */
  now?: () => number;
  /** Per request. */
  timeoutMs?: number;
}

export function dingtalkSign(secret: string, timestampMs: number): string {
  return encodeURIComponent(createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64'));
}

export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

type Text = { title: string; markdown: string; plain: string };

/** The URL and JSON body of one message to one robot. */
export function webhookRequest(channel: Channel, text: Text, nowMs: number): { url: string; body: unknown } {
  if (!channel.url) throw new NotifyError(`channel ${channel.id} has no webhook URL`, false);
  switch (channel.kind) {
    case 'wecom':
      return { url: channel.url, body: { msgtype: 'markdown', markdown: { content: text.markdown } } };
    case 'dingtalk': {
      const url = channel.secret ? `${channel.url}${channel.url.includes('?') ? '&' : '?'}timestamp=${nowMs}&sign=${dingtalkSign(channel.secret, nowMs)}` : channel.url;
      return { url, body: { msgtype: 'markdown', markdown: { title: text.title, text: text.markdown } } };
    }
    case 'feishu': {
      const ts = Math.floor(nowMs / 1000);
      const signed = channel.secret ? { timestamp: String(ts), sign: feishuSign(channel.secret, ts) } : {};
      return { url: channel.url, body: { ...signed, msg_type: 'text', content: { text: text.plain } } };
    }
    default:
      throw new NotifyError(`channel ${channel.id} is not a webhook`, false);
  }
}

/** The robot's own verdict in a 200 answer: WeCom/DingTalk `errcode`, Feishu `code` (or `StatusCode`). */
function refusal(body: string): string | null {
  try {
    const j = JSON.parse(body) as { errcode?: number; errmsg?: string; code?: number; msg?: string; StatusCode?: number };
    const code = j.errcode ?? j.code ?? j.StatusCode ?? 0;
    return code === 0 ? null : `robot code ${code}: ${String(j.errmsg ?? j.msg ?? '').slice(0, 120)}`;
  } catch {
    return null;
  }
}

export class WebhookNotifier implements Notifier {
  constructor(private readonly opts: WebhookOptions) {}

  async send(channel: Channel, text: Text): Promise<void> {
    const { url, body } = webhookRequest(channel, text, (this.opts.now ?? Date.now)());
    let res: { status: number; text(): Promise<string> };
    try {
      res = await this.opts.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
    } catch (e) {
      // fetch's own errors name no URL ("fetch failed", a cause code); keep only the name and code.
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      throw new NotifyError(`network error${cause ? ` (${cause})` : ''}`, true);
    }
    const answer = await res.text().catch(() => '');
    if (res.status >= 500 || res.status === 429) throw new NotifyError(`HTTP ${res.status}`, true);
    if (res.status >= 400) throw new NotifyError(`HTTP ${res.status}`, false);
    const refused = refusal(answer);
    // Rate limits (WeCom 45009, DingTalk 130101, Feishu 11232) pass with time; other refusals do not.
    if (refused) throw new NotifyError(refused, /\b(45009|130101|11232)\b/.test(refused));
  }
}
