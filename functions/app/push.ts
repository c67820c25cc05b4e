/**
 * Delivering the cut-off's messages: each message goes to every channel its audience (a leader, a unit) is routed
 * to, rendered within that channel's limit; a failed delivery is retried with backoff (bounded), then reported in
 * the run — which the job answers and stores for the admin's view. Nothing here throws: a push never blocks the
 * cut-off. Log lines and reports name the channel id, never its URL or secret (and any error text is scrubbed of
 * them, should a robot echo one back).
 */
import type { Channel, ChannelSettings, DeliveryReport, PushRun } from '../../contract/channels';
import { CHANNEL_LIMITS, render, type PushMessage } from '../domain/push';
import type { Deps } from './deps';
import { mapPool } from './pool';
import { NotifyError } from './ports';

/** Attempts per delivery, and the first wait (doubled each time): 1 s, 2 s, 4 s at most 7 s in all. */
export const DELIVERY_ATTEMPTS = 4;
export const FIRST_BACKOFF_MS = 1_000;
const DELIVERY_CONCURRENCY = 4;

const realSleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

function scrub(text: string, channel: Channel): string {
  let out = text;
  for (const secret of [channel.url, channel.secret]) if (secret) out = out.split(secret).join('***');
  return out.slice(0, 300);
}

export function textsFor(message: PushMessage, kind: Channel['kind']) {
  const limit = CHANNEL_LIMITS[kind];
  return { title: message.title, markdown: render(message, 'markdown', limit), plain: render(message, 'text', limit) };
}

async function deliverOne(deps: Pick<Deps, 'notifier' | 'sleep' | 'log'>, channel: Channel, message: PushMessage): Promise<DeliveryReport> {
  const audience = `${message.audience.kind === 'leader' ? '领导' : '单位'} ${message.audience.name}`;
  const sleep = deps.sleep ?? realSleep;
  let error = '';
  let attempts = 0;
  for (; attempts < DELIVERY_ATTEMPTS; ) {
    attempts++;
    try {
      if (!deps.notifier) throw new NotifyError('no notifier in this deployment', false);
      await deps.notifier.send(channel, textsFor(message, channel.kind));
      deps.log(JSON.stringify({ level: 'info', job: 'push', channel: channel.id, kind: channel.kind, audience, ok: true, attempts }));
      return { channel: channel.id, kind: channel.kind, audience, ok: true, attempts };
    } catch (e) {
      error = scrub(e instanceof Error ? e.message : String(e), channel);
      const retryable = e instanceof NotifyError ? e.retryable : true;
      deps.log(JSON.stringify({ level: 'warn', job: 'push', channel: channel.id, kind: channel.kind, audience, ok: false, attempts, error }));
      if (!retryable || attempts >= DELIVERY_ATTEMPTS) break;
      await sleep(FIRST_BACKOFF_MS * 2 ** (attempts - 1));
    }
  }
  return { channel: channel.id, kind: channel.kind, audience, ok: false, attempts, error };
}

/** Sends every message to its audience's channels; answers the run (also stored when `store` is given). */
export async function deliver(
  deps: Pick<Deps, 'notifier' | 'sleep' | 'log' | 'cutoff'>,
  settings: ChannelSettings,
  messages: readonly PushMessage[],
  run: Pick<PushRun, 'kind' | 'week' | 'at'>,
): Promise<PushRun> {
  const byId = new Map(settings.channels.map((c) => [c.id, c]));
  const jobs = messages.flatMap((m) => {
    const routes = m.audience.kind === 'leader' ? settings.leaders : settings.units;
    return (routes[m.audience.name] ?? []).flatMap((id) => (byId.has(id) ? [{ channel: byId.get(id)!, message: m }] : []));
  });
  const deliveries = await mapPool(jobs, DELIVERY_CONCURRENCY, (j) => deliverOne(deps, j.channel, j.message));
  const out: PushRun = { ...run, sent: deliveries.filter((d) => d.ok).length, failed: deliveries.filter((d) => !d.ok).length, deliveries };
  try {
    await deps.cutoff?.putPushRun(out);
  } catch (e) {
    deps.log(JSON.stringify({ level: 'error', job: 'push', error: `push run not stored: ${(e as Error).name}` }));
  }
  return out;
}
