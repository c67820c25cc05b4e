/**
 * GET|PUT /v1/channels: the push channel settings, for administrators only. Webhook URLs (they carry the robot's
 * key) and signing secrets are secrets: GET masks them (the last 4 characters), even for admins; a PUT that sends
 * a masked value back — or leaves `secret` out — keeps what is stored. Nothing here logs a setting.
 */
import type { Message } from '../../contract';
import { EMPTY_CHANNEL_SETTINGS, type Channel, type ChannelSettings, type ChannelsResponse } from '../../contract/channels';
import type { Caller } from './caller';
import type { Deps } from './deps';
import { AppFailure } from './failure';
import type { CutoffStore } from './ports';

export const CHANNEL_MSG = {
  adminOnly: { zh: '只有管理员可以查看和设置推送渠道', en: 'Only administrators can read and set push channels' } as Message,
  unavailable: { zh: '本部署未启用推送', en: 'Push is not set up in this deployment' } as Message,
  bad: (what: string): Message => ({ zh: `推送渠道设置有误：${what}`, en: `Invalid push channel settings: ${what}` }),
};

const MASK = '••••';

/** The last 4 characters behind a mask; a URL keeps its origin so the admin can tell the robots apart. */
export function mask(value: string, kind: 'url' | 'secret'): string {
  const tail = value.length > 8 ? value.slice(-4) : '';
  if (kind === 'url') {
    const origin = /^(https?:\/\/[^/?#]+)/.exec(value)?.[1];
    return `${origin ? `${origin}/` : ''}${MASK}${tail}`;
  }
  return `${MASK}${tail}`;
}

export const isMasked = (v: string | undefined): boolean => v !== undefined && v.includes(MASK);

export function maskSettings(s: ChannelSettings): ChannelSettings {
  return {
    ...s,
    channels: s.channels.map((c) => ({ ...c, ...(c.url ? { url: mask(c.url, 'url') } : {}), ...(c.secret ? { secret: mask(c.secret, 'secret') } : {}) })),
  };
}

export function assertAdmin(c: Caller): void {
  if (c.role !== 'admin') throw new AppFailure('forbidden', CHANNEL_MSG.adminOnly);
}

export function cutoffStore(deps: Pick<Deps, 'cutoff'>): CutoffStore {
  if (!deps.cutoff) throw new AppFailure('internal', CHANNEL_MSG.unavailable);
  return deps.cutoff;
}

/** Masked values and an absent secret keep the stored ones (matched by channel id); the rest is checked. */
export function mergeSettings(next: ChannelSettings, held: ChannelSettings | null): ChannelSettings {
  const before = new Map((held?.channels ?? []).map((c) => [c.id, c]));
  const ids = new Set<string>();
  const channels = next.channels.map((c): Channel => {
    if (ids.has(c.id)) throw new AppFailure('bad_request', CHANNEL_MSG.bad(`duplicate channel id ${c.id}`));
    ids.add(c.id);
    const old = before.get(c.id);
    const url = isMasked(c.url) ? old?.url : c.url;
    const secret = c.secret === undefined || isMasked(c.secret) ? old?.secret : c.secret === '' ? undefined : c.secret;
    if (c.kind !== 'email') {
      if (!url || !/^https?:\/\/[^\s]+$/.test(url)) throw new AppFailure('bad_request', CHANNEL_MSG.bad(`channel ${c.id} needs its webhook URL`));
    } else if (!c.to?.length) throw new AppFailure('bad_request', CHANNEL_MSG.bad(`channel ${c.id} needs recipients (to)`));
    const { url: _u, secret: _s, ...rest } = c;
    return { ...rest, ...(url && c.kind !== 'email' ? { url } : {}), ...(secret && (c.kind === 'dingtalk' || c.kind === 'feishu') ? { secret } : {}) };
  });
  for (const [table, routes] of [['leaders', next.leaders], ['units', next.units]] as const) {
    for (const [who, list] of Object.entries(routes)) {
      const unknown = list.filter((id) => !ids.has(id));
      if (unknown.length) throw new AppFailure('bad_request', CHANNEL_MSG.bad(`${table}.${who} names unknown channel(s) ${unknown.join(', ')}`));
    }
  }
  return { ...next, channels };
}

export async function readChannels(deps: Pick<Deps, 'cutoff'>, caller: Caller): Promise<ChannelsResponse> {
  assertAdmin(caller);
  const store = cutoffStore(deps);
  const [settings, lastRuns] = await Promise.all([store.getChannels(), store.pushRuns()]);
  return { settings: maskSettings(settings ?? EMPTY_CHANNEL_SETTINGS), lastRuns };
}

export async function writeChannels(deps: Pick<Deps, 'cutoff'>, caller: Caller, next: ChannelSettings): Promise<ChannelsResponse> {
  assertAdmin(caller);
  const store = cutoffStore(deps);
  const merged = mergeSettings(next, await store.getChannels());
  await store.putChannels(merged);
  return { settings: maskSettings(merged), lastRuns: await store.pushRuns() };
}
