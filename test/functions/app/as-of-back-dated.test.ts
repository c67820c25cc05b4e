/**
 * Issue 20: a sync as of a date before a project's last recorded change would write back-dated history; the row is
 * refused with a row error in zh and en (an unchanged row writes nothing and passes). Times are the county's local
 * time, as every other time a clerk sees, and the earliest date suggested is that change's local date.
 */
import type { FieldKey, RawCell } from '../../../contract';
import { backDatedError } from '../../../functions/app/sync-asof';
import { decideRow, type RowInput } from '../../../functions/app/sync-row';
import { DEFAULT_CONFIG } from '../../../functions/domain/config';
import { parseRow } from '../../../functions/domain/parse';
import type { ProjectState } from '../../../functions/domain/types';

const admin = { subject: 's-admin', email: 'admin@example.cn', name: null, role: 'admin' as const, units: [] };

function decide(now: string, cells: Partial<Record<FieldKey, RawCell>>, prev: ProjectState | null, contentHash = 'h') {
  const all = { name: '年产10万吨罐头食品项目', unit: '地方镇', leader: '张三', progress: '完成厂房设计', signedDate: '2026-03-05', ...cells };
  const row = { ref: { sheet: '签约项目', row: 5 }, list: 'signed' as const, id: 'P-BACKDAT1', cells: all };
  const input: RowInput = { row, parsed: parseRow(all, { dateSystem: 1900 }), contentHash, workbookId: 'WB-1', workbookName: 'x.xlsx', now, config: DEFAULT_CONFIG, caller: admin };
  return decideRow(input, prev);
}

const first = decide('2026-12-04T04:00:00.000Z', {}, null);
if (first.kind !== 'write') throw new Error('first sync should write');
const stored = first.state;

test('a change as of a date before the stored change is refused, saying why in both languages', () => {
  const d = decide('2026-11-01T04:00:00.000Z', { progress: '已开工' }, stored, 'h2');
  expect(d.kind).toBe('rejected');
  const e = d.errors.find((x) => x.code === 'as_of_before_last_change')!;
  expect(e.field).toBeNull();
  expect(e.message.zh).toBe('同步日期（2026-11-01 12:00）早于该项目最后一次记录的变更（2026-12-04 12:00），不能补记更早的历史，本行未同步。请使用不早于 2026-12-04 的日期（--as-of），或不指定日期。');
  expect(e.message.en).toMatch(/before this project's last recorded change \(2026-12-04 12:00\).*back-dated/);
});

test('the same instant or later writes; an unchanged row as of an earlier date writes nothing and is not refused', () => {
  expect(decide('2026-12-04T04:00:00.000Z', { progress: '已开工' }, stored, 'h2').kind).toBe('write');
  expect(decide('2026-12-11T04:00:00.000Z', { progress: '已开工' }, stored, 'h2').kind).toBe('write');
  const unchanged = decide('2026-12-04T04:00:00.000Z', {}, stored);
  expect(unchanged.kind).toBe('unchanged');
});

test('a change recorded after midnight local time (the day before in UTC) is shown and suggested by its local date', () => {
  const late = { ...stored, updatedAt: '2026-12-06T17:43:00.000Z' }; // 2026-12-07 01:43 in Asia/Shanghai
  const d = decide('2026-12-06T15:59:59.999Z', { progress: '已开工' }, late, 'h2'); // --as-of 2026-12-06
  const e = d.errors.find((x) => x.code === 'as_of_before_last_change')!;
  expect(e.message.zh).toBe('同步日期（2026-12-06 23:59）早于该项目最后一次记录的变更（2026-12-07 01:43），不能补记更早的历史，本行未同步。请使用不早于 2026-12-07 的日期（--as-of），或不指定日期。');
  expect(e.message.en).toContain('(2026-12-07 01:43)');
  expect(e.message.en).toContain('no earlier than 2026-12-07 (--as-of)');
  // The county's own zone when given (config cutoff.timeZone): Berlin is UTC+1 in December.
  expect(backDatedError(late, '2026-12-01T00:00:00.000Z', 'Europe/Berlin')!.message.en).toContain('change (2026-12-06 18:43)');
});

test('a row its clerk did not edit is refused when its flag differs as of the earlier date (the flag change would be back-dated)', () => {
  expect(stored.flag.level).toBe('red'); // signed 2026-03-05, not started: > 180 days by 2026-12-04
  const d = decide('2026-06-01T04:00:00.000Z', {}, stored); // same cells (same hash); 88 days then: no flag
  expect(d.kind).toBe('rejected');
  expect(d.errors.map((x) => x.code)).toContain('as_of_before_last_change');
});
