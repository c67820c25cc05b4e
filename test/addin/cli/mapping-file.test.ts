/** `--mapping file.json` (issue 16): the same settings as --map-sheet/--map-column, read from a file; flags win. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSyncArgs } from '../../../addin/cli/sync-command';

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

  it('a bad file is a usage error naming the file and the shape', () => {
    expect(() => parseSyncArgs(['ledger.xlsx', '--mapping', file('bad.json', '{ sheets: ')])).toThrow(expect.objectContaining({ name: 'UsageError', message: expect.stringContaining('bad.json') }));
    expect(() => parseSyncArgs(['ledger.xlsx', '--mapping', file('arr.json', '[]')])).toThrow(expect.objectContaining({ name: 'UsageError' }));
    expect(() => parseSyncArgs(['ledger.xlsx', '--mapping', file('list.json', '{"sheets":{"台账":"nowhere"}}')])).toThrow(/--map-sheet|map-sheet/);
    // A missing file is the file's problem, not the command line's: its one line, no usage text (clerk-errors.test.ts).
    expect(() => parseSyncArgs(['ledger.xlsx', '--mapping', join(dir, 'missing.json')])).toThrow(expect.objectContaining({ name: 'InputFileError' }));
  });
});
