import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { besideInput, InputFileError, inputAndOutput, UsageError } from '../../../addin/cli/args';

describe('where the CLI writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'invest-flags-args-'));
  const file = (name: string) => {
    const path = join(dir, name);
    writeFileSync(path, 'x');
    return path;
  };

  it('beside the input, always as .xlsx (an .xlsm copy would hold no macros and Excel would refuse it)', () => {
    expect(besideInput('/d/台账.xlsx', 'flagged')).toBe('/d/台账-flagged.xlsx');
    expect(besideInput('/d/台账.xlsm', 'flagged')).toBe('/d/台账-flagged.xlsx');
    expect(besideInput('/d/台账', 'leaders')).toBe('/d/台账-leaders.xlsx');
  });

  it('overwrites in place only an .xlsx file, naming the file and --out in both languages', () => {
    const xlsx = file('a.xlsx');
    expect(inputAndOutput({ input: xlsx, inPlace: true }, 'flagged')).toEqual({ input: xlsx, out: xlsx, inputBytes: 1 }); // the file holds 'x'
    const xlsm = file('b.xlsm');
    const refused = (() => {
      try {
        inputAndOutput({ input: xlsm, inPlace: true }, 'flagged');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as UsageError).msg.zh).toContain(xlsm);
    expect((refused as UsageError).msg.zh).toContain('--out');
    expect((refused as UsageError).msg.en).toContain('--out');
    expect(inputAndOutput({ input: xlsm }, 'flagged').out).toBe(join(dir, 'b-flagged.xlsx'));
  });

  it('names a folder given as the input', () => {
    expect(() => inputAndOutput({ input: dir }, 'flagged')).toThrow(InputFileError);
    expect(() => inputAndOutput({ input: dir }, 'flagged')).toThrow(/folder/);
  });
});
