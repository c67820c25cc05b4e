/**
 * One meaning of a blank cell on both sides: contract's isBlankCell is what the server's parser reads as no
 * value, and what the add-in's row extraction reads as nothing (a row of placeholders holds no project; an id
 * cell with a placeholder holds no id).
 */
import { isBlankCell, type RawCell } from '../../../contract';
import { extractRows, findLayouts, planIds } from '../../../addin/core';
import { parseCell } from '../../../functions/domain/parse';
import { sheet } from '../../fixtures/ledgers';

const SAMPLES: RawCell[] = [null, '', '  ', '\n', '-', '－', '—', '——', '/', '／', '\\', '…', '.', '无', 'n/a', 'x', '甲', 0, 46000, true, '2026.3.5', '- 1'];

describe('isBlankCell', () => {
  test.each(SAMPLES.map((s) => [s]))('%p: blank to the add-in exactly when the server parses no value from it', (raw) => {
    // name is a text field: only the blank cell means no value there ("无" is the clerk's answer).
    expect(isBlankCell(raw)).toBe((parseCell(raw, 'name', { dateSystem: 1900 }) as { ok: boolean; value: unknown }).value === null);
  });

  it('a row of placeholders holds no project, and a placeholder id is no id', () => {
    const layouts = findLayouts([sheet('重点线索', [['项目编号', '项目名称', '投资方'], ['—', '甲', '-'], [null, '—', '/'], ['P-KEEP2222', '乙', null]])], {}).sheets;
    const got = extractRows(layouts[0]!);
    expect(got.rows.map((r) => [r.row, r.id])).toEqual([[2, null], [4, 'P-KEEP2222']]);
    expect(got.skipped.blank).toBe(1);
    const ids = planIds(layouts, got.rows, () => 0.5);
    expect(ids.rows.map((r) => r.id)).toEqual(['P-JJJJJJJJ', 'P-KEEP2222']);
    expect(ids.assigned).toBe(1);
  });
});
