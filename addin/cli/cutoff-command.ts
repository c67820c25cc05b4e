/**
 * `invest-flags cutoff [--week 2026-W49] [--dry-run] [--json] [--api <url> --token <token>] [--data <dir>]`: runs
 * the weekly cut-off on demand through POST /v1/cutoff (admins) — against the API named, or the embedded stack
 * on --data. Without --week it closes every due week (as the schedule does); --dry-run closes and sends nothing
 * and prints the messages it would push.
 */
import { parseArgs } from 'node:util';
import type { CountyConfig } from '../../contract';
import type { CutoffResult } from '../../contract/channels';
import { callApi, countyTimeZone } from '../app';
import { formatInstant } from '../core/leader-sheets';
import { EXIT, isoWeek, UsageError } from './args';
import { openBackend } from './backend';
import { dataFolderMessage } from './data-folder';
import { detectLang } from './i18n';
import type { Io } from './io';

export interface CutoffArgs {
  week?: string;
  dryRun: boolean;
  json: boolean;
  api?: string;
  token?: string;
  data?: string;
}

export function parseCutoffArgs(args: string[]): CutoffArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { week: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, api: { type: 'string' }, token: { type: 'string' }, data: { type: 'string' } },
  });
  if (positionals.length) throw new UsageError(`cutoff 不接受参数：${positionals.join(' ')}`, `cutoff takes no arguments: ${positionals.join(' ')}`);
  if (values.api && !values.token) throw new UsageError('--api 需要同时给出 --token', '--api needs --token');
  const week = isoWeek(values.week, '--week');
  return {
    ...(week ? { week } : {}),
    dryRun: values['dry-run'] === true,
    json: values.json === true,
    ...(values.api ? { api: values.api, token: values.token! } : {}),
    ...(values.data ? { data: values.data } : {}),
  };
}

const STATUS = { closed: ['已关闭', 'closed'], alreadyClosed: ['此前已关闭', 'already closed'], wouldClose: ['将关闭（试运行）', 'would close (dry run)'] } as const;

/** The result as lines for a person; `timeZone` is the county's, in which its instant is shown (as 领导看板's). */
export function formatCutoff(r: CutoffResult, zh: boolean, timeZone: string): string {
  const t = (a: string, b: string) => (zh ? a : b);
  const at = formatInstant(r.at, timeZone);
  const lines = [t(`调度截止（${at}${r.dryRun ? '，试运行' : ''}）`, `Weekly cut-off (${at}${r.dryRun ? ', dry run' : ''})`)];
  if (r.weeks.length === 0) lines.push(t('  没有需要关闭的周', '  no week due'));
  for (const w of r.weeks) {
    const s = STATUS[w.status];
    lines.push(`  ${w.week}  ${t(s[0], s[1])}  ${t(`项目 ${w.projects}，升级 ${w.escalated}`, `${w.projects} projects, ${w.escalated} escalated`)}${w.notReported.length ? t(`，未按时调度：${w.notReported.join('、')}`, `, not reported: ${w.notReported.join(', ')}`) : ''}`);
  }
  for (const run of [r.push, r.reminder]) {
    if (!run) continue;
    lines.push(t(`  推送 ${run.kind === 'reminder' ? '提醒' : '周报'} ${run.week}：成功 ${run.sent}，失败 ${run.failed}`, `  push ${run.kind} ${run.week}: ${run.sent} sent, ${run.failed} failed`));
    for (const d of run.deliveries.filter((x) => !x.ok)) lines.push(`    ✗ ${d.channel} (${d.audience}): ${d.error ?? ''} ×${d.attempts}`);
  }
  for (const p of r.preview ?? []) lines.push('', `--- ${p.audience} ---`, p.text);
  return lines.join('\n') + '\n';
}

export async function cutoff(args: CutoffArgs, io: Io): Promise<number> {
  const lang = detectLang(io.env);
  const backend = await openBackend(args);
  if (backend.dataDir) io.stderr.write(`${dataFolderMessage(backend.dataDir)[lang]}\n`);
  try {
    const res = await callApi<CutoffResult>(backend.api, { method: 'POST', path: 'cutoff', body: { ...(args.week ? { week: args.week } : {}), dryRun: args.dryRun } });
    if (args.json) {
      io.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
    } else {
      const config = await callApi<CountyConfig>(backend.api, { method: 'GET', path: 'config' });
      io.stdout.write(formatCutoff(res, lang === 'zh', countyTimeZone(config)));
    }
    return EXIT.ok;
  } finally {
    await backend.close();
  }
}
