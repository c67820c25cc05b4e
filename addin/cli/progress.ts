/** Progress on stderr: one line per phase, a bar or a count redrawn in place on a terminal. */
import type { Message } from '../../contract';
import type { RunProgress } from '../app';
import type { Lang } from './i18n';

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
