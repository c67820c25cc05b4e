/** `invest-flags sample` writes .xlsx content, so it writes it only under an .xlsx name: any other is refused in one line. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../addin/cli/main';
import { captureIo } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'invest-flags-sample-name-'));

describe('sample: the output name', () => {
  it('a .csv (or no extension) is refused: exit 2, one line naming the .xlsx name to use, nothing written', async () => {
    const zh = captureIo();
    expect(await main(['sample', join(dir, 'l.csv'), '--projects', '1'], zh.io)).toBe(2);
    expect(zh.err()).toBe(`未生成：sample 写出的是 .xlsx 工作簿，文件名须以 .xlsx 结尾（${join(dir, 'l.csv')}）。请改用 ${join(dir, 'l.xlsx')} 这样的名称。\n`);
    const en = captureIo({ LANG: 'en_US.UTF-8' });
    expect(await main(['sample', join(dir, 'ledger'), '--projects', '1'], en.io)).toBe(2);
    expect(en.err()).toBe(`Not written: sample writes an .xlsx workbook, so the file name must end in .xlsx (${join(dir, 'ledger')}). Use a name such as ${join(dir, 'ledger.xlsx')}.\n`);
    expect([existsSync(join(dir, 'l.csv')), existsSync(join(dir, 'ledger'))]).toEqual([false, false]);
  });

  it('.xlsx in any case is written', async () => {
    expect(await main(['sample', join(dir, 'L.XLSX'), '--projects', '1'], captureIo().io)).toBe(0);
    expect(existsSync(join(dir, 'L.XLSX'))).toBe(true);
  });
});
