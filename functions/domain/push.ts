/**
 * The texts the cut-off job pushes (Chinese; DESIGN §7): to each 包联领导 their red and yellow projects with the
 * reasons and the change from last week; to each unit's clerks their lists and what lacks this week's progress;
 * and, before the cut-off, a reminder to the units that have not updated. Pure: the job passes the week's resolved
 * snapshots. `render` fits a message into a channel's limit (UTF-8 bytes), cutting whole lines and saying
 * "…等 N 项" for what it left out.
 */
import { STAGE_NAMES, type CutoffConfig, type FlagLevel, type WeeklyReport } from '../../contract/vocabulary';
import { cutoffMsOnDay, localDayOf, lastCutoffDay, msToInstant, parseInstant, zoneOffsetMs } from './calendar';
import { dayToIso } from './days';
import { isActive } from './stage';
import type { WeekSnapshot } from './report';

/** A message before rendering: a title, head lines always kept, and list items cut to fit. */
export interface PushMessage {
  /** 'leader' | 'unit', and whom (a leader's name, a unit). */
  audience: { kind: 'leader' | 'unit'; name: string };
  title: string;
  head: string[];
  items: PushItem[];
  /** Lines after the items (kept). */
  foot: string[];
}

export interface PushItem {
  text: string;
  /** The project's link target, when there is one. */
  link?: string;
  /** The project name inside `text` to turn into a link. */
  linkText?: string;
}

export type Format = 'markdown' | 'text';

/** Content limits per channel, in UTF-8 bytes (WeCom markdown 4096; DingTalk ~20000; Feishu's whole body 20 KB). */
export const CHANNEL_LIMITS = { wecom: 4096, dingtalk: 18_000, feishu: 18_000, email: 100_000 } as const;

const byteLength = (s: string): number => {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
};

function itemLine(item: PushItem, format: Format): string {
  if (!item.link || !item.linkText) return `- ${item.text}`;
  if (format === 'markdown') return `- ${item.text.replace(item.linkText, `[${item.linkText}](${item.link})`)}`;
  return `- ${item.text} ${item.link}`;
}

/** The message as one text within `limitBytes`: head and foot kept, items cut from the end with "…等 N 项". */
export function render(msg: PushMessage, format: Format, limitBytes: number): string {
  const title = format === 'markdown' ? `**${msg.title}**` : msg.title;
  const lines = msg.items.map((i) => itemLine(i, format));
  const build = (n: number) => {
    const rest = msg.items.length - n;
    return [title, ...msg.head, ...lines.slice(0, n), ...(rest > 0 ? [`…等 ${rest} 项`] : []), ...msg.foot].join('\n');
  };
  let n = lines.length;
  let text = build(n);
  while (n > 0 && byteLength(text) > limitBytes) text = build(--n);
  if (byteLength(text) <= limitBytes) return text;
  // Head and foot alone are too long (a very long unit or leader name): cut characters.
  let out = '';
  for (const ch of text) {
    if (byteLength(out + ch + '…') > limitBytes) break;
    out += ch;
  }
  return out + '…';
}

const LEVEL_ZH: Record<FlagLevel, string> = { red: '红旗', yellow: '黄旗', none: '无旗' };
const LEVEL_MARK: Record<FlagLevel, string> = { red: '🔴', yellow: '🟡', none: '' };
const WEEKDAY_ZH = ['一', '二', '三', '四', '五', '六', '日'];

/** "2026-12-04（周五）12:00": the local date and time of an instant. */
export function localStamp(instant: string, timeZone: string): string {
  const ms = parseInstant(instant);
  const day = localDayOf(ms, timeZone);
  const minutes = Math.floor((((ms + zoneOffsetMs(ms, timeZone)) % 86_400_000) + 86_400_000) % 86_400_000 / 60_000);
  const weekday = WEEKDAY_ZH[(((day + 3) % 7) + 7) % 7]!;
  return `${dayToIso(day)}（周${weekday}）${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const linkOf = (base: string | undefined, id: string): Pick<PushItem, 'link'> => (base ? { link: `${base}${encodeURIComponent(id)}` } : {});
const unitName = (u: string) => (u === '' ? '未填单位' : u);

function changeText(now: FlagLevel, before: WeekSnapshot | undefined): string {
  if (!before) return '本周新增';
  const was = isActive(before.stage) ? before.flag.level : 'none';
  if (was === now) return `连续${LEVEL_ZH[now]}`;
  return `上周${LEVEL_ZH[was]}`;
}

export interface PushContext {
  report: WeeklyReport;
  /** The week's and the previous week's resolved snapshots. */
  current: readonly WeekSnapshot[];
  previous: readonly WeekSnapshot[];
  timeZone: string;
  linkBase?: string;
}

/** Each leader's red and yellow projects, with reasons and the change from last week. */
export function leaderMessages(ctx: PushContext, leaders: readonly string[]): PushMessage[] {
  const before = new Map(ctx.previous.map((s) => [s.id, s]));
  const { week, end } = ctx.report.period;
  return leaders.map((leader) => {
    const mine = ctx.current.filter((s) => isActive(s.stage) && s.leader === leader);
    const flagged = mine
      .filter((s) => s.flag.level !== 'none')
      .sort((a, b) => (a.flag.level === b.flag.level ? 0 : a.flag.level === 'red' ? -1 : 1) || a.unit.localeCompare(b.unit, 'zh') || a.name.localeCompare(b.name, 'zh'));
    const red = flagged.filter((s) => s.flag.level === 'red').length;
    const prevMine = ctx.previous.filter((s) => isActive(s.stage) && s.leader === leader);
    const prevRed = prevMine.filter((s) => s.flag.level === 'red').length;
    const prevYellow = prevMine.filter((s) => s.flag.level === 'yellow').length;
    return {
      audience: { kind: 'leader', name: leader },
      title: `${week} 周调度 · ${leader}包联项目红黄旗`,
      head: [
        `截至 ${localStamp(end, ctx.timeZone)}：包联项目 ${mine.length} 个，红旗 ${red} 个，黄旗 ${flagged.length - red} 个（上周红旗 ${prevRed}、黄旗 ${prevYellow}）`,
        ...(flagged.length === 0 ? ['本周包联项目无红黄旗。'] : []),
      ],
      items: flagged.map((s) => ({
        text: `${LEVEL_MARK[s.flag.level]} ${s.name}（${unitName(s.unit)} · ${STAGE_NAMES[s.stage].zh}）：${s.flag.reasons.map((r) => r.message.zh).join('；')}（${changeText(s.flag.level, before.get(s.id))}）`,
        linkText: s.name,
        ...linkOf(ctx.linkBase, s.id),
      })),
      foot: [],
    };
  });
}

/** Each unit's lists, flags and the projects without this week's progress. */
export function unitMessages(ctx: PushContext, units: readonly string[]): PushMessage[] {
  const late = new Set(ctx.report.notReported.map((n) => n.unit));
  const { week, end } = ctx.report.period;
  return units.map((unit) => {
    const row = ctx.report.units.find((u) => u.unit === unit);
    const mine = ctx.current.filter((s) => isActive(s.stage) && s.unit === unit);
    const stale = mine.filter((s) => !s.progressUpdated).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
    const lists = row ? (['clue', 'signed', 'landed', 'producing'] as const).map((l) => `${STAGE_NAMES[l].zh} ${row.lists[l].count}`).join(' · ') : '无项目';
    return {
      audience: { kind: 'unit', name: unit },
      title: `${week} 周调度 · ${unitName(unit)}`,
      head: [
        `截至 ${localStamp(end, ctx.timeZone)}：${lists}；红旗 ${row?.total.red ?? 0} · 黄旗 ${row?.total.yellow ?? 0}`,
        ...(late.has(unit) ? ['⚠️ 本单位本周未按时调度（所有项目均未更新本周进展）。'] : []),
        stale.length ? `本周未更新进展的项目（${stale.length} 个）：` : '本周所有项目均已更新进展。',
      ],
      items: stale.map((s) => ({ text: `${s.name}（${STAGE_NAMES[s.stage].zh}${s.flag.level === 'none' ? '' : ` · ${LEVEL_ZH[s.flag.level]}`}）`, linkText: s.name, ...linkOf(ctx.linkBase, s.id) })),
      foot: [],
    };
  });
}

/** The reminder before the cut-off, to a unit with projects still lacking this week's progress; null when none lacks it. */
export function reminderMessage(unit: string, open: readonly WeekSnapshot[], week: string, cfg: CutoffConfig, now: string, linkBase?: string): PushMessage | null {
  const stale = open.filter((s) => isActive(s.stage) && s.unit === unit && !s.progressUpdated).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  if (stale.length === 0) return null;
  const cutoff = msToInstant(cutoffMsOnDay(lastCutoffDay(parseInstant(now), cfg) + 7, cfg));
  return {
    audience: { kind: 'unit', name: unit },
    title: `提醒：${week} 周调度将于 ${localStamp(cutoff, cfg.timeZone)} 截止`,
    head: [`${unitName(unit)}尚有 ${stale.length} 个项目未更新本周进展：`],
    items: stale.map((s) => ({ text: `${s.name}（${STAGE_NAMES[s.stage].zh}）`, linkText: s.name, ...linkOf(linkBase, s.id) })),
    foot: ['请在截止前更新台账“本周进展”并同步。'],
  };
}
