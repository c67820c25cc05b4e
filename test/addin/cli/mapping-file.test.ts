/** `--mapping file.json` (issue 16): the same settings as --map-sheet/--map-column, read from a file; flags win; a malformed file is said in one line. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../addin/cli/main';
import { parseSyncArgs } from '../../../addin/cli/sync-command';
import { captureIo } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'mapping-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('--mapping file.json', () => {
  it('gives the settings --map-sheet/--map-column give', () => {
    const p = file('m.json', JSON.stringify({ sheets: { 台账: 'signed', 线索: '重点线索' }, columns: { 台账: { F: 'signedDate', g: '计划开工', H: 'ignore' } } }));
    const fromFile = parseSyncArgs(['ledger.xlsx', '--mapping', p]).mapping;
    const fromFlags = parseSyncArgs(['ledger.xlsx', '--map-sheet', '台账=signed', '--map-sheet', '线索=重点线索', '--map-column', '台账!F=signedDate', '--map-column', '台账!g=计划开工', '--map-column', '台账!H=ignore']).mapping;
    expect(fromFile).toEqual(fromFlags);
    expect(fromFile).toEqual({ mapping: { 台账: 'signed', 线索: 'clue' }, headerOverrides: { 台账: { F: 'signedDate', G: 'plannedStartDate', H: 'ignore' } } });
  });

  it('flags on the command line win over the file', () => {
    const p = file('m2.json', JSON.stringify({ sheets: { 台账: 'signed' }, columns: { 台账: { F: 'signedDate' } } }));
    expect(parseSyncArgs(['ledger.xlsx', '--mapping', p, '--map-sheet', '台账=landed', '--map-column', '台账!F=startDate']).mapping).toEqual({
      mapping: { 台账: 'landed' },
      headerOverrides: { 台账: { F: 'startDate' } },
    });
  });

  it('a file not of the shape is the file’s problem (an input error naming the file and the shape); a bad entry is a --map-sheet error', () => {
    expect(() => parseSyncArgs(['ledger.xlsx', '--mapping', file('bad.json', '{ sheets: ')])).toThrow(expect.objectContaining({ name: 'InputFileError', message: expect.stringContaining('bad.json') }));
    expect(() => parseSyncArgs(['ledger.xlsx', '--mapping', file('arr.json', '[]')])).toThrow(expect.objectContaining({ name: 'InputFileError', message: expect.stringContaining('Shape: {"sheets"') }));
    expect(() => parseSyncArgs(['ledger.xlsx', '--mapping', file('list.json', '{"sheets":{"台账":"nowhere"}}')])).toThrow(/--map-sheet|map-sheet/);
    // A missing file is the file's problem, not the command line's: its one line, no usage text (clerk-errors.test.ts).
    expect(() => parseSyncArgs(['ledger.xlsx', '--mapping', join(dir, 'missing.json')])).toThrow(expect.objectContaining({ name: 'InputFileError' }));
  });

  it('malformed JSON: one line naming the file and where it is wrong, in the operator’s language, no usage text (exit 2)', async () => {
    const p = file('broken.json', '{"sheets": {\n  "台账": "signed",\n}');
    for (const [env, line] of [
      [{}, `--mapping 文件 ${p} 无法使用：不是有效的 JSON（第 3 行第 1 列附近有误）。`],
      [{ LANG: 'en_US.UTF-8' }, `--mapping file ${p} cannot be used: not valid JSON (error near line 3, column 1). `],
    ] as const) {
      const t = captureIo(env);
      expect(await main(['sync', join(dir, 'ledger.xlsx'), '--mapping', p], t.io)).toBe(2);
      expect(t.err()).toContain(line);
      expect(t.err().trimEnd().split('\n')).toHaveLength(1);
    }
    const en = captureIo({ LANG: 'en_US.UTF-8' });
    await main(['sync', 'ledger.xlsx', '--mapping', file('empty.json', ' ')], en.io);
    expect(en.err()).toContain('cannot be used: the file is empty');
  });

  it('a file saved with a byte-order mark (Windows Notepad) is read', () => {
    expect(parseSyncArgs(['ledger.xlsx', '--mapping', file('bom.json', '\uFEFF{"sheets":{"台账":"signed"}}')]).mapping).toEqual({ mapping: { 台账: 'signed' } });
  });
});
