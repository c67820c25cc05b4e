/** What the command line prints: a progress bar on stderr and the summary table. */
import { STAGE_NAMES, type Message } from '../../contract';
import type { RunProgress, SyncOutcome } from '../core';
import { table, type Lang } from './i18n';

const PHASES: Record<RunProgress['phase'], Message> = {
  read: { zh: '读取工作簿', en: 'Reading the workbook' },
  ids: { zh: '写入项目编号', en: 'Writing project IDs' },
  sync: { zh: '同步', en: 'Syncing' },
  write: { zh: '写回旗帜', en: 'Writing flags' },
  done: { zh: '完成', en: 'Done' },
};

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * Progress as one line per phase (logs, CI). On a terminal, `live` may give a phase's line as text that is
 * redrawn in place (a bar, a count); the next phase then starts on a line of its own.
 */
export function phaseLines<P extends { phase: string }>(
  labels: Record<P['phase'], Message>,
  lang: Lang,
  stream: ProgressStream,
  live: (p: P, label: string) => string | null,
): (p: P) => void {
  let lastPhase = '';
  let drawn = false; // a live line is on screen, not yet ended
  return (p) => {
    const label = labels[p.phase as P['phase']][lang];
    const text = stream.isTTY ? live(p, label) : null;
    if (text !== null) {
      stream.write(`\r${text}  `);
      drawn = true;
      lastPhase = p.phase;
      return;
    }
    if (p.phase === lastPhase) return;
    if (drawn) stream.write('\n');
    drawn = false;
    lastPhase = p.phase;
    if (p.phase !== 'done') stream.write(`${label}…\n`);
  };
}

/** Sync's progress: the rows sent as a bar redrawn in place on a terminal. */
export function progressBar(lang: Lang, stream: ProgressStream = process.stderr): (p: RunProgress) => void {
  return phaseLines<RunProgress>(PHASES, lang, stream, (p, label) => {
    if (p.phase !== 'sync' || p.rowsTotal === undefined) return null;
    const frac = p.rowsTotal ? (p.rowsDone ?? 0) / p.rowsTotal : 1;
    const bar = '█'.repeat(Math.round(frac * 24)).padEnd(24, '░');
    const unit = lang === 'zh' ? `${p.rowsDone}/${p.rowsTotal} 行` : `${p.rowsDone}/${p.rowsTotal} rows`;
    return `${label} [${bar}] ${Math.round(frac * 100)}% ${unit}`;
  });
}

export function formatSummary(o: SyncOutcome, out: string, lang: Lang): string {
  const zh = lang === 'zh';
  const t = (z: string, e: string) => (zh ? z : e);
  const list = (k: string | null) => (k ? STAGE_NAMES[k as keyof typeof STAGE_NAMES][lang] : t('按阶段列', 'by stage column'));
  const lines: string[] = [];
  lines.push(t('清单', 'Lists'));
  lines.push(table([[t('清单', 'List'), t('工作表', 'Sheet'), t('表头行', 'Header row'), t('项目', 'Projects')], ...o.lists.map((l) => [list(l.list), l.sheet, String(l.headerRow), String(l.rows)])], [false, false, true, true]));
  lines.push('');
  lines.push(table([
    [t('项目', 'Rows'), t('新建', 'Created'), t('更新', 'Updated'), t('未变', 'Unchanged'), t('未同步', 'Rejected'), t('红旗', 'Red'), t('黄旗', 'Yellow'), t('阶段变化', 'Transitions'), t('错误', 'Errors')],
    [o.rows, o.created, o.updated, o.unchanged, o.rejected, o.red, o.yellow, o.transitions.length, o.errors.length].map(String),
  ], true));
  if (o.transitions.length) {
    lines.push('', t('阶段变化', 'Stage transitions'));
    lines.push(table(o.transitions.slice(0, 20).map((x) => [`${x.sheet}!${x.row}`, x.id, x.name, `${list(x.from)} → ${list(x.to)}`, x.on])));
  }
  const moves = o.moved.length ? o.moved : o.pendingMoves;
  if (moves.length) {
    lines.push('', o.moved.length ? t('已移动的行', 'Rows moved') : t('待移动的行（加 --move 移到新清单）', 'Rows to move (add --move to move them)'));
    lines.push(table(moves.slice(0, 20).map((m) => [`${m.from.sheet}!${m.from.row}`, m.id, m.name, `${list(m.from.list)} → ${list(m.to.list)}`])));
  }
  if (o.errors.length) {
    lines.push('', t('数据问题（已写入预警原因列）', 'Data problems (written to the reason column)'));
    lines.push(table(o.errors.slice(0, 30).map((e) => [`${e.sheet}!${e.cell}`, e.message[lang]])));
    if (o.errors.length > 30) lines.push(t(`  …… 另有 ${o.errors.length - 30} 处`, `  … and ${o.errors.length - 30} more`));
  }
  const issues = [...o.headerIssues.map((h) => h.message[lang]), ...o.sheetsWithoutHeader.map((s) => s.message[lang])];
  if (issues.length) lines.push('', t('表头提示', 'Header notes'), ...issues.map((i) => `  ${i}`));
  if (o.missing.length) {
    lines.push('', t('本工作簿以前同步过、现在找不到的项目（未删除）', 'Projects this workbook synced before and now lacks (not deleted)'));
    lines.push(table(o.missing.slice(0, 20).map((m) => [m.id, m.name, list(m.stage), m.unit])));
  }
  lines.push('', `${t('输出文件', 'Output')}: ${out}`);
  return lines.join('\n');
}
