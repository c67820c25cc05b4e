/**
 * A cell the sync API would refuse is its row's error, found before sending (addin/core/refused-cells.ts): the rule
 * is contract's cellRefusal, the very check of the request schema, so every row the add-in sends passes the schema
 * and one bad cell never makes the server refuse the whole request.
 */
import { LIMITS, syncRowSchema, type RawCell } from '../../../contract';
import { extractRows, findLayouts, planIds, type LedgerRow } from '../../../addin/core';
import { sheet } from '../../fixtures/ledgers';

const HEADER = ['项目名称', '所属单位', '联系人', '总投资（亿元）', '签约时间', '本周进展'];

function plan(...rows: RawCell[][]) {
  const layouts = findLayouts([sheet('签约项目', [HEADER, ...rows])], {}).sheets;
  const extracted: LedgerRow[] = layouts.flatMap((l) => extractRows(l).rows);
  let n = 0;
  return planIds(layouts, extracted, () => (n++ % 97) / 97);
}

const ok = ['好项目', '温水镇', '张伟', 2.3, 46000, '进展'];

describe('cells the API would refuse', () => {
  it('block only their row, naming the cell in zh and en; the other rows are sent and pass the request schema', () => {
    const ids = plan(
      ok,
      ['身份证', '温水镇', 123456789012345678, 2.3, 46000, null],
      ['巨额', '温水镇', '李', 1e20, 46000, null],
      ['负巨额', '温水镇', '李', -1e16, 46000, null],
      ['长单位', '镇'.repeat(LIMITS.unitLength + 1), '李', 2.3, 46000, null],
      ['日期', '温水镇', '李', 2.3, 1e16, null],
      ['读不出的日期', '温水镇', '李', 2.3, Number.NaN, null],
      ['读不出的数', '温水镇', '李', Number.POSITIVE_INFINITY, 46000, null],
      ['满单位', '镇'.repeat(LIMITS.unitLength), '李', LIMITS.maxNumber, 46000, null],
      ['超长单位', '镇'.repeat(LIMITS.stringLength + 1), '李', 2.3, 46000, null],
    );
    expect(ids.rows.map((r) => r.cells.name)).toEqual(['好项目', '满单位']);
    for (const r of ids.rows) expect(syncRowSchema.safeParse({ ref: { sheet: r.sheet, row: r.row }, list: r.list, id: r.id, cells: r.cells }).success).toBe(true);

    const issues = ids.blocked.map((r) => ({ name: r.cells.name, ...r.issues[0]!, issues: r.issues.length }));
    expect(issues.map(({ name, field, cell, blocking, issues: n }) => [name, field, cell, blocking, n])).toEqual([
      ['身份证', 'contact', 'C3', true, 1],
      ['巨额', 'amount', 'D4', true, 1],
      ['负巨额', 'amount', 'D5', true, 1],
      ['长单位', 'unit', 'B6', true, 1],
      ['日期', 'signedDate', 'E7', true, 1],
      ['读不出的日期', 'signedDate', 'E8', true, 1],
      ['读不出的数', 'amount', 'D9', true, 1],
      // Longer than any text is synced: refused, not also "cut and synced".
      ['超长单位', 'unit', 'B11', true, 1],
    ]);
    // The refused value is never kept for sending.
    for (const r of ids.blocked) expect(r.cells[r.issues[0]!.field!]).toBeUndefined();
    const [contact, amount, , unit, date, nanDate, infinite] = issues.map((i) => i.message);
    expect(contact).toEqual({
      zh: '数字 123456789012345680 超出可保存的范围（绝对值最大 1000000000000000），身份证号等长号码请先把单元格设为文本再填写；本行未同步',
      en: 'the number 123456789012345680 is beyond what can be stored (at most 1000000000000000 in magnitude); for an ID-card or other long number, format the cell as text first. This row was not synced',
    });
    expect(amount!.zh).toContain('请检查数字和单位');
    expect(unit).toEqual({ zh: '内容超过 100 字，无法保存，本行未同步', en: 'text longer than 100 characters cannot be stored; this row was not synced' });
    expect(date!.zh).toBe('“10000000000000000”不是有效日期，请填写如 2026-03-05 的日期；本行未同步');
    expect(nanDate!.en).toBe('the number in the cell is not a valid date; enter a date such as 2026-03-05. This row was not synced');
    expect(infinite!.zh).toContain('无法读取');
  });

  it('a row whose cells together exceed LIMITS.rowBytes is blocked as a whole (a row-level issue on its first cell)', () => {
    const long = '中'.repeat(LIMITS.stringLength);
    const layouts = findLayouts([sheet('签约项目', [[...HEADER, '存在问题', '需协调事项', '下步计划', '投资方', '责任专班', '包联领导', '产业类别'],
      ['大行', '温水镇', long, 2.3, 46000, long, long, long, long, long, long, long, long]])], {}).sheets;
    const ids = planIds(layouts, extractRows(layouts[0]!).rows, () => 0.5);
    expect(ids.rows).toEqual([]);
    expect(ids.blocked[0]!.issues.at(-1)).toMatchObject({ field: null, cell: 'A2', blocking: true, message: { zh: expect.stringContaining(`超过 ${LIMITS.rowBytes} 字节`) } });
  });
});
