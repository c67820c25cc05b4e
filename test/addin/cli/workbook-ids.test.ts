/** The workbook id remembered for a ledger that holds none (addin/cli/workbook-ids.ts). */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rememberWorkbookId, workbookIdFor } from '../../../addin/cli/workbook-ids';

const dir = mkdtempSync(join(tmpdir(), 'workbook-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('is minted once per file (before its sync, so a re-run after a failure sends it again), by the real path', () => {
  const data = join(dir, 'data');
  const ledger = join(dir, '台账.xlsx');
  const other = join(dir, '其他.xlsx');
  writeFileSync(ledger, 'x');
  writeFileSync(other, 'y');
  symlinkSync(ledger, join(dir, 'link.xlsx'));
  const id = workbookIdFor(ledger, data);
  expect(id).toMatch(/^W-[0-9A-Z]{12}$/);
  expect(workbookIdFor(ledger, data)).toBe(id);
  expect(workbookIdFor(join(dir, 'link.xlsx'), data)).toBe(id);
  expect(workbookIdFor(other, data)).not.toBe(id);
  // Another data folder is another record (another database): its own id.
  expect(workbookIdFor(ledger, join(dir, 'data-2'))).not.toBe(id);
  // After a sync as the workbook's own id (a settings sheet), that one is sent next time.
  rememberWorkbookId(ledger, 'W-OWNID234567', data);
  expect(workbookIdFor(ledger, data)).toBe('W-OWNID234567');
  expect(JSON.parse(readFileSync(join(data, 'workbook-ids.json'), 'utf8'))).toEqual({ [ledger]: 'W-OWNID234567', [other]: expect.stringMatching(/^W-/) });
});

it('a damaged or hand-edited record is no id to send: a new one replaces it', () => {
  const data = join(dir, 'data-damaged');
  const ledger = join(dir, '损坏.xlsx');
  writeFileSync(ledger, 'x');
  rememberWorkbookId(ledger, 'W#NOT AN ID', data);
  const id = workbookIdFor(ledger, data);
  expect(id).toMatch(/^W-[0-9A-Z]{12}$/);
  expect(workbookIdFor(ledger, data)).toBe(id);
});
