import { weeklySheet } from '../../../../addin/core/leader-sheets';
import { weeklyReport } from '../../../../functions/domain/report';
import { history, period, UNITS } from '../../../functions/domain/report/history';
import { cell, expectRangesInside, expectTotalsAreSums, rowOf, styleAt } from './sheet-helpers';
import { FLAG_STYLE } from '../../../../addin/core/flag-style';

const upTo = (week: string) => history().filter((s) => s.week <= week);
const report = (week: string) => {
  const p = period(week);
  return weeklyReport(upTo(week), upTo(p.previousWeek), p, { units: UNITS });
};
const RED = { fill: FLAG_STYLE.red.fill, font: FLAG_STYLE.red.font };
const YELLOW = { fill: FLAG_STYLE.yellow.fill, font: FLAG_STYLE.yellow.font };

describe('周调度 sheet', () => {
  const p = weeklySheet(report('2026-W47'), { county: '平邑县' });

  it('七、未按时调度的单位: each unit that changed no progress this week, with its active projects (the no-unit row named)', () => {
    expect(report('2026-W47').notReported).toEqual([{ unit: '', active: 1 }]);
    const h = rowOf(p, '七、未按时调度的单位（本周所有项目均未更新进展）');
    expect(p.rows.slice(h, h + 2)).toEqual([
      ['序号', '单位', '项目数'],
      [1, '未填单位', 1],
    ]);
    expect(p.rows.length).toBe(h + 2); // the last section
    expect(rowOf(p, '六、本周未更新进展的项目')).toBeLessThan(h);
  });

  it('七 is left out in a week every unit reported', () => {
    const w48 = report('2026-W48');
    expect(w48.notReported).toEqual([]);
    expect(() => rowOf(weeklySheet(w48), '七、未按时调度的单位（本周所有项目均未更新进展）')).toThrow(/no row/);
    const en = weeklySheet({ ...report('2026-W47') }, { lang: 'en' });
    expect(en.rows[rowOf(en, '7. Units that did not report this week (no project progress updated)')]).toEqual(['No.', 'Unit', 'Projects']);
  });

  it('title, period, landscape, frozen title rows', () => {
    expect(p.name).toBe('周调度');
    expect(cell(p, 1, 1)).toBe('平邑县招商引资项目周调度 · 2026年第47周');
    expect(cell(p, 2, 1)).toBe('统计周期：2026-11-14 至 2026-11-20（截至 2026-11-20 12:00）');
    expect(p.landscape).toBe(true);
    expect(p.frozenRows).toBe(2);
  });

  it('the four lists with week-over-week deltas; totals row = sums', () => {
    const h = rowOf(p, '一、四个清单本周变化') + 1;
    expect(p.rows[h - 1]).toEqual(['清单', '项目数', '较上周', '本周新进入', '总投资（亿元）', '较上周（亿元）', '红旗', '黄旗', '未更新进展']);
    expect(p.rows[h]).toEqual(['重点线索', 1, -2, 0, 1, -2.8, 0, 1, 1]);
    expect(p.rows[h + 2]).toEqual(['落地项目', 1, 1, 1, 2.5, 2.5, 0, 0, 0]);
    expectTotalsAreSums(p, h, h + 5);
    expect(p.rows[h + 4]).toEqual(['合计', 5, -1, 1, 14.9, -0.3, 1, 1, 2]);
    expect(cell(p, h + 6, 1)).toBe('本周终止 1 个项目，累计终止 1 个。');
    expect(cell(p, h + 7, 1)).toBe('本周新增红旗 1 个、黄旗 1 个，消除旗帜 0 个。');
  });

  it('by unit: every unit, totals = sums, flag counts coloured, chart and data bars in range', () => {
    const h = rowOf(p, '二、分单位统计') + 1;
    expect(p.rows[h - 1]).toEqual(['单位', '重点线索', '签约项目', '落地项目', '投产项目', '合计', '总投资（亿元）', '本周新进入', '红旗', '黄旗', '未更新进展', '本周终止']);
    // 经济开发区 has no project yet in W47 and is not configured: no row.
    expect(p.rows.slice(h, h + 5).map((r) => r[0])).toEqual(['平邑街道', '地方镇', '仲村镇', '未填单位', '合计']);
    expect(p.rows[h + 1]).toEqual(['地方镇', 0, 0, 0, 1, 1, 10, 0, 0, 0, 0, 1]);
    expectTotalsAreSums(p, h, h + 5);
    expect(styleAt(p, h + 1, 9)).toEqual(RED);
    expect(styleAt(p, h + 1, 10)).toBeNull();
    expect(styleAt(p, h + 4, 10)).toEqual(YELLOW);
    expect(p.charts).toEqual([{ title: '各单位四个清单项目数', type: 'columnStacked', range: `A${h}:E${h + 4}`, anchor: `N${h}` }]);
    expect(p.dataBars).toContain(`G${h + 1}:G${h + 4}`);
    expectRangesInside(p);
  });

  it('movements name the list a project skipped; flag changes coloured by the new level', () => {
    const m = rowOf(p, '三、本周进入（退出）清单的项目') + 1;
    expect(p.rows[m]).toEqual([1, '项目P1', '平邑街道', '李四', '重点线索 → 落地项目（跨越签约项目）', 2.5, '2026-11-18']);
    expect(p.rows[m + 1]).toEqual([2, '项目P3', '地方镇', '张三', '重点线索 → 已终止', 0.3, null]);
    const f = rowOf(p, '四、旗帜变化') + 1;
    expect(p.rows[f].slice(0, 5)).toEqual([1, '项目P2', '平邑街道', '张三', '黄旗 → 红旗']);
    expect(styleAt(p, f + 1, 6)).toEqual(RED);
    expect(p.rows[f + 1].slice(0, 5)).toEqual([2, '项目P6', '未填单位', null, '无 → 黄旗']);
    expect(styleAt(p, f + 2, 1)).toEqual(YELLOW);
  });

  it('W48: coordination and no-update lists, cleared flag, new project', () => {
    const w = weeklySheet(report('2026-W48'));
    const c = rowOf(w, '五、需县级协调事项') + 1;
    expect(w.rows[c - 1]).toEqual(['序号', '项目名称', '单位', '包联领导', '清单', '需协调事项']);
    expect(w.rows[c]).toEqual([1, '项目P2', '平邑街道', '张三', '签约项目', '用地指标需县里协调']);
    expect(styleAt(w, c + 1, 6)).toEqual(RED);
    expect(w.rows[c + 1]).toEqual([2, '项目P6', '未填单位', null, '重点线索', '需协调电力增容']);
    expect(styleAt(w, c + 2, 6)).toBeNull();
    const n = rowOf(w, '六、本周未更新进展的项目') + 1;
    expect(w.rows.slice(n).map((r) => r[1])).toEqual(['项目P2', '项目P7']);
    expect(w.rows[n][5]).toBe('红旗');
    expect(w.rows[n + 1][5]).toBeNull();
    const f = rowOf(w, '四、旗帜变化') + 1;
    expect(w.rows[f].slice(1, 5)).toEqual(['项目P6', '未填单位', null, '黄旗 → 消除']);
    expect(styleAt(w, f + 1, 1)).toBeNull();
    const m = rowOf(w, '三、本周进入（退出）清单的项目') + 1;
    expect(w.rows[m][4]).toBe('新增 → 签约项目');
  });

  it('an empty week: a note, zero rows for each configured unit, dashes where nothing compares', () => {
    const p50 = period('2026-W50');
    const e = weeklySheet(weeklyReport([], [], p50, { units: UNITS }));
    expect(cell(e, 3, 1)).toBe('本周无数据。');
    const h = rowOf(e, '一、四个清单本周变化') + 1;
    expect(e.rows[h]).toEqual(['重点线索', 0, '—', 0, 0, '—', 0, 0, 0]);
    expect(rowOf(e, '上周无数据，不作比较。')).toBeGreaterThan(h);
    const u = rowOf(e, '二、分单位统计') + 1;
    expect(e.rows.slice(u, u + 3).map((r) => r[0])).toEqual(UNITS);
    expectTotalsAreSums(e, u, u + 4);
    expect(cell(e, rowOf(e, '三、本周进入（退出）清单的项目') + 2, 1)).toBe('（无）');
  });

  it('in English', () => {
    const en = weeklySheet(report('2026-W47'), { lang: 'en', county: 'Pingyi' });
    expect(en.name).toBe('Weekly report');
    expect(cell(en, 1, 1)).toBe('Pingyi investment projects · weekly scheduling report 2026-W47');
    const m = rowOf(en, '3. Projects that entered (or left) a list this week') + 1;
    expect(en.rows[m][4]).toBe('Clues → Landed (passing Signed)');
    expect(en.rows[m + 1][4]).toBe('Clues → Dropped');
    const f = rowOf(en, '4. Flag changes') + 1;
    expect(en.rows[f][4]).toBe('Yellow flag → Red flag');
  });
});
