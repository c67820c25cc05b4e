/**
 * One error per cause (issue 16): a cell that failed to parse is reported once, by its parse error — never also as
 * missing (stage_date_missing), out of order (date_order), or "not filled in" in a flag's reason. Golden table
 * through decideRow (parse → stage → flags), the path every synced row takes.
 */
import type { FieldKey, ListKey, RawCell } from '../../../contract';
import { decideRow, type RowInput } from '../../../functions/app/sync-row';
import { DEFAULT_CONFIG } from '../../../functions/domain/config';
import { parseRow } from '../../../functions/domain/parse';
import type { ProjectState } from '../../../functions/domain/types';

const NOW = '2026-12-04T10:00:00.000Z';
const admin = { subject: 's-admin', email: 'admin@example.cn', name: null, role: 'admin' as const, units: [] };

function decide(list: ListKey, cells: Partial<Record<FieldKey, RawCell>>, prev: ProjectState | null = null) {
  const all = { name: '年产10万吨罐头食品项目', unit: '地方镇', leader: '张三', progress: '完成厂房设计', ...cells };
  const row = { ref: { sheet: 'S', row: 5 }, list, id: 'P-ONEERR01', cells: all };
  const input: RowInput = {
    row, parsed: parseRow(all, { dateSystem: 1900 }), contentHash: 'h', workbookId: 'WB-1', workbookName: 'x.xlsx',
    now: NOW, config: DEFAULT_CONFIG, caller: admin,
  };
  const d = decideRow(input, prev);
  const flag = d.kind === 'rejected' ? null : d.kind === 'write' ? d.state.flag : d.flag;
  return { errors: d.errors.map((e) => [e.field, e.code] as const), reasons: flag?.reasons.map((r) => r.message.zh) ?? [], decision: d };
}

type Case = [name: string, list: ListKey, cells: Partial<Record<FieldKey, RawCell>>, errors: Array<readonly [FieldKey | null, string]>];

const GOLDEN: Case[] = [
  ['bad month on the signed sheet: invalid date only', 'signed', { signedDate: '2026年13月' }, [['signedDate', 'invalid_date']]],
  ['empty date on the signed sheet: missing', 'signed', { signedDate: null }, [['signedDate', 'stage_date_missing']]],
  ['bad start date on the landed sheet', 'landed', { signedDate: '2026-03-05', startDate: '2026-02-30' }, [['startDate', 'invalid_date']]],
  ['bad production date on the producing sheet', 'producing', { startDate: '2026-03-05', productionDate: '明年' }, [['productionDate', 'invalid_date']]],
  ['a bad date is not out of order either', 'landed', { signedDate: '2026-13-01', startDate: '2026-02-01' }, [['signedDate', 'invalid_date']]],
  ['a good date out of order still is', 'landed', { signedDate: '2026-03-05', startDate: '2026-02-01' }, [['startDate', 'date_order']]],
];

describe('one error per cause', () => {
  test.each(GOLDEN)('%s', (_name, list, cells, errors) => {
    const { errors: got } = decide(list, cells);
    expect(got).toEqual(errors);
    // Never two errors on one field.
    const fields = got.map(([f]) => f).filter((f) => f !== null);
    expect(new Set(fields).size).toBe(fields.length);
  });

  test('the exact pair the issue reported is gone: 签约时间“2026年13月”不是有效日期, and nothing says it is empty', () => {
    const { decision } = decide('signed', { signedDate: '2026年13月' });
    const texts = decision.errors.map((e) => e.message.zh);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('2026年13月');
    expect(texts.join('')).not.toMatch(/为空|请补填/);
  });

  test('a flag reason does not call an unreadable date "not filled in"', () => {
    // Signed long ago by the planned start, start date typed wrong: overdue, but the start date is unreadable, not missing.
    const { errors, reasons } = decide('signed', { signedDate: '2026-01-05', plannedStartDate: '2026-03', startDate: '2026.15.1' });
    expect(errors).toEqual([['startDate', 'invalid_date']]);
    const overdue = reasons.find((r) => r.includes('计划开工'));
    expect(overdue).toContain('开工时间无法识别');
    expect(reasons.join('')).not.toContain('未填');
  });
});
