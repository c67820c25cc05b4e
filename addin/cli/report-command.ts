/**
 * `invest-flags report`: the leaders' sheets (领导看板, 周调度, and with --county-projects the read-only
 * 全县项目) written into a copy of a workbook, from the backend's reports; a short summary on stdout.
 */
import { parseArgs } from 'node:util';
import type { Message } from '../../contract';
import { refreshLeaderSheets, type LeaderOutcome, type LeaderProgress } from '../app';
import { formatInstant } from '../core/leader-sheets';
import { EXIT, isoDate, isoWeek, TARGET_OPTIONS, targetArgs, UsageError } from './args';
import { detectLang, table, type Lang } from './i18n';
import type { Io } from './io';
import { phaseLines, type ProgressStream } from './progress';
import type { TargetArgs } from './target';
import { onWorkbookCopy, warnOn } from './workbook';

export interface ReportCliOptions extends TargetArgs {
  week?: string;
  asOf?: string;
  countyProjects?: boolean;
}

export function parseReportArgs(args: string[]): ReportCliOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...TARGET_OPTIONS, week: { type: 'string' }, 'as-of': { type: 'string' }, 'county-projects': { type: 'boolean' } },
  });
  return {
    ...targetArgs(positionals, values, new UsageError('report 需要一个工作簿文件', 'report needs one workbook file')),
    week: isoWeek(values.week, '--week'), asOf: isoDate(values['as-of'], '--as-of'), countyProjects: values['county-projects'],
  };
}

const PHASES: Record<LeaderProgress['phase'], Message> = {
  fetch: { zh: '读取领导看板和周调度', en: 'Fetching the dashboard and weekly report' },
  projects: { zh: '读取全县项目', en: 'Fetching the county’s projects' },
  write: { zh: '写入领导视图', en: 'Writing the leaders’ sheets' },
  done: { zh: '完成', en: 'Done' },
};

/** One line per phase; the county projects' count redrawn in place on a terminal. */
const progressLines = (lang: Lang, stream: ProgressStream) =>
  phaseLines<LeaderProgress>(PHASES, lang, stream, (p, label) => (p.phase === 'projects' && p.pages ? `${label}… ${p.projects}` : null));

function formatLeaderSummary(o: LeaderOutcome, out: string, lang: Lang): string {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const d = o.dashboard;
  const w = o.weekly;
  const lines = [
    t(`领导看板（截至 ${formatInstant(o.asOf, o.timeZone)}）`, `Dashboard (as of ${formatInstant(o.asOf, o.timeZone)})`),
    table([
      [t('在库项目', 'Projects'), t('总投资（亿元）', 'Investment (100M CNY)'), t('红旗', 'Red'), t('黄旗', 'Yellow'), t('已终止', 'Dropped')],
      [d.count, d.amount, d.red, d.yellow, d.dropped].map(String),
    ], true),
    '',
    `${t('周调度', 'Weekly report')} ${o.week}${w.empty ? t('（本周无数据）', ' (no data this week)') : ''}`,
    table([
      // 阶段变化 as sync counts it (transitions); new projects are in 本周新进入.
      [t('项目', 'Projects'), t('本周新进入', 'Entered'), t('阶段变化', 'Transitions'), t('红旗', 'Red'), t('黄旗', 'Yellow'), t('未更新进展', 'No update'), t('需县级协调', 'Coordination')],
      [w.count, w.entered, w.stageChanges, w.red, w.yellow, w.noUpdate, w.coordination].map(String),
    ], true),
  ];
  if (o.countyProjects !== null) lines.push('', t(`全县项目：${o.countyProjects} 个（只读）`, `County projects: ${o.countyProjects} (read-only)`));
  lines.push('', `${t('已写入工作表', 'Sheets written')}: ${o.sheets.join(t('、', ', '))}`, `${t('输出文件', 'Output')}: ${out}`);
  return lines.join('\n');
}

export async function report(o: ReportCliOptions, io: Io): Promise<number> {
  const lang = detectLang(io.env);
  const { out, result: outcome, unkept, unkeptWarning } = await onWorkbookCopy('report', o, 'leaders', warnOn(io.stderr, lang), (gateway, api) =>
    refreshLeaderSheets({
      gateway,
      api,
      // The sheets are the county's and stay Chinese whatever the operator's locale (as sync's cell text).
      options: { week: o.week, asOf: o.asOf, includeCountyProjects: o.countyProjects ?? false, lang: 'zh' },
      onProgress: progressLines(lang, io.stderr),
    }),
  );
  io.stdout.write((o.json ? JSON.stringify({ output: out, unkept, unkeptWarning, ...outcome }, null, 2) : formatLeaderSummary(outcome, out, lang)) + '\n');
  return EXIT.ok;
}
