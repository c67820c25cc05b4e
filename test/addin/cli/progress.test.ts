/** Progress on stderr: plain lines per phase in logs; on a terminal a live line redrawn, then ended before the next phase. */
import { progressBar, type ProgressStream } from '../../../addin/cli/progress';
import type { RunProgress } from '../../../addin/app';

function stream(isTTY: boolean): ProgressStream & { text: string } {
  const s = { isTTY, text: '', write: (t: string) => (s.text += t) };
  return s;
}

const run: RunProgress[] = [
  { phase: 'read' },
  { phase: 'ids' },
  { phase: 'sync', chunksDone: 0, rowsDone: 0, rowsTotal: 4 },
  { phase: 'sync', chunksDone: 1, rowsDone: 4, rowsTotal: 4 },
  { phase: 'write' },
  { phase: 'done' },
];

describe('progressBar', () => {
  it('on a terminal redraws the sync bar in place and ends its line before the next phase', () => {
    const s = stream(true);
    run.forEach(progressBar('zh', s));
    expect(s.text).toBe(
      '读取工作簿…\n写入项目编号…\n' +
        `\r同步 [${'░'.repeat(24)}] 0% 0/4 行  \r同步 [${'█'.repeat(24)}] 100% 4/4 行  \n` +
        '写回旗帜…\n',
    );
  });

  it('in a log writes one plain line per phase', () => {
    const s = stream(false);
    run.forEach(progressBar('en', s));
    expect(s.text).toBe('Reading the workbook…\nWriting project IDs…\nSyncing…\nWriting flags…\n');
  });
});
