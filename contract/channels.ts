/**
 * Push channels (GET|PUT /v1/channels, admins only) and the weekly cut-off job (POST /v1/cutoff, admins only).
 *
 * Channel settings are admin configuration kept apart from the county configuration (GET /v1/config is read by
 * every caller): a group robot's webhook URL carries its key, and a DingTalk/Feishu robot has a signing secret —
 * both are secrets. GET answers them masked (the last 4 characters); a PUT that sends back a masked value (or
 * leaves `secret` out) keeps the stored one.
 */
import * as z from 'zod/mini';

/** 企业微信群机器人, 钉钉群机器人 (signed), 飞书自定义机器人 (optionally signed), e-mail (SES where the region has it). */
export type ChannelKind = 'wecom' | 'dingtalk' | 'feishu' | 'email';
export const CHANNEL_KINDS: readonly ChannelKind[] = ['wecom', 'dingtalk', 'feishu', 'email'];

export interface Channel {
  /** The admin's handle for it ("wenshui-wecom"), used in the routing tables. */
  id: string;
  kind: ChannelKind;
  /** What the admin calls it (group name). */
  name: string;
  /** The robot's webhook URL (wecom, dingtalk, feishu). Secret: masked on GET. */
  url?: string;
  /** Signing secret (dingtalk "SEC…", feishu). Secret: masked on GET. */
  secret?: string;
  /** E-mail recipients (kind email). */
  to?: string[];
}

export interface PushSchedule {
  /** Push each leader and unit after the cut-off closed the week. */
  afterCutoff: boolean;
  /** Remind units that have not updated this week this many hours before the cut-off; null = no reminder. */
  reminderHoursBefore: number | null;
  /**
   * Link target of a project in messages: this prefix + the project id (e.g. the leaders' page
   * "https://…/taskpane.html#project="). No link when absent.
   */
  projectLinkBase?: string;
}

export interface ChannelSettings {
  channels: Channel[];
  /** 包联领导 (as the ledgers spell them) → channel ids. */
  leaders: Record<string, string[]>;
  /** Unit → channel ids of its clerks. */
  units: Record<string, string[]>;
  schedule: PushSchedule;
}

/** One delivery of a push run, as the admin's view shows it (never the URL or secret). */
export interface DeliveryReport {
  channel: string;
  kind: ChannelKind;
  /** 'leader' / 'unit' and whom: "张县长", "温水镇". */
  audience: string;
  ok: boolean;
  attempts: number;
  /** HTTP status or error text of the last failed attempt (no URL, no secret). */
  error?: string;
}

export interface PushRun {
  kind: 'afterCutoff' | 'reminder';
  week: string;
  at: string;
  sent: number;
  failed: number;
  deliveries: DeliveryReport[];
}

/** GET /v1/channels: the settings (secrets masked) and the last push runs. */
export interface ChannelsResponse {
  settings: ChannelSettings;
  lastRuns: PushRun[];
}

export type WeekCloseStatus = 'closed' | 'alreadyClosed' | 'wouldClose';

export interface WeekCloseResult {
  week: string;
  status: WeekCloseStatus;
  projects: number;
  /** Projects whose flag rose when evaluated at the cut-off (escalation and time-based rules). */
  escalated: number;
  notReported: string[];
}

/** POST /v1/cutoff body: close one week (or, without week, every unclosed week due), optionally as a dry run. */
export interface CutoffRequest {
  week?: string;
  dryRun?: boolean;
  /** Also run a due reminder (default true when no week is named). */
  remind?: boolean;
}

export interface CutoffResult {
  at: string;
  dryRun: boolean;
  weeks: WeekCloseResult[];
  push: PushRun | null;
  reminder: PushRun | null;
  /** Dry run only: the messages that would be sent, by audience. */
  preview?: { audience: string; text: string }[];
}

const MAX_CHANNELS = 500;
const text = (max: number) => z.string().check(z.maxLength(max));

export const channelSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_.-]+$/)),
  kind: z.enum(['wecom', 'dingtalk', 'feishu', 'email']),
  name: text(200),
  url: z.optional(text(2000)),
  secret: z.optional(text(500)),
  to: z.optional(z.array(text(320)).check(z.maxLength(50))),
});

export const channelSettingsSchema = z.strictObject({
  channels: z.array(channelSchema).check(z.maxLength(MAX_CHANNELS)),
  leaders: z.record(text(200), z.array(text(64)).check(z.maxLength(20))),
  units: z.record(text(200), z.array(text(64)).check(z.maxLength(20))),
  schedule: z.strictObject({
    afterCutoff: z.boolean(),
    reminderHoursBefore: z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(144))),
    projectLinkBase: z.optional(text(500)),
  }),
});

export const cutoffRequestSchema = z.strictObject({
  week: z.optional(z.string().check(z.regex(/^\d{4}-W\d{2}$/))),
  dryRun: z.optional(z.boolean()),
  remind: z.optional(z.boolean()),
});

export const EMPTY_CHANNEL_SETTINGS: ChannelSettings = {
  channels: [],
  leaders: {},
  units: {},
  schedule: { afterCutoff: true, reminderHoursBefore: 24 },
};
