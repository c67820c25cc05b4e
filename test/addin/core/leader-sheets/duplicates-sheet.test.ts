/** 领导看板 section 十二 (issue 15): possible duplicates from the name index (functions/app/duplicates.ts), zh and en. */
import { dashboardSheet } from '../../../../addin/core/leader-sheets';
import { possibleDuplicates } from '../../../../functions/app/duplicates';
import { contributionDashboard } from './contribution-fixture';
import { rowOf } from './sheet-helpers';

const entry = (unit: string, name: string, ids: string[]) => ({ key: { unit, name }, ids, name, unit });

describe('possible duplicates', () => {
  it('pairs one unit and name, one name in two units, and near names in one unit — never unrelated names', () => {
    const { pairs, total } = possibleDuplicates([
      entry('仲村镇', '罐头食品项目', ['A', 'B']),
      entry('地方镇', '罐头食品项目', ['C']),
      entry('温水镇', '光伏储能电站', ['D']),
      entry('温水镇', '光伏储能电站二期', ['E']),
      entry('温水镇', '乳制品加工', ['F']),
    ]);
    expect(total).toBe(3);
    expect(pairs.map((p) => p.kind).sort()).toEqual(['near', 'otherUnit', 'same']);
    expect(pairs.filter((p) => p.kind === 'otherUnit')).toHaveLength(1);
    expect(pairs.some((p) => p.a.id === 'F' || p.b.id === 'F')).toBe(false);
  });

  it('is a section of 领导看板 when the dashboard carries it', () => {
    const d = { ...contributionDashboard(), duplicates: possibleDuplicates([entry('仲村镇', '罐头食品项目', ['A', 'B'])]).pairs, duplicatesTotal: 1 };
    const p = dashboardSheet(d);
    const h = rowOf(p, '十二、疑似重复项目') + 1;
    expect(p.rows[h - 1]).toEqual(['类型', '项目', '编号', '单位', '疑似同一项目', '编号', '单位']);
    expect(p.rows[h]?.slice(0, 3)).toEqual(['同单位同名', '罐头食品项目', 'A']);
    const en = dashboardSheet(d, { lang: 'en' });
    expect(rowOf(en, '12. Possible duplicates')).toBeGreaterThan(0);
    expect(() => rowOf(dashboardSheet(contributionDashboard()), '十二、疑似重复项目')).toThrow();
  });
});
