import { dashboardSheet, displayWidth } from '../../../../addin/core/leader-sheets';
import { dashboard } from '../../../../functions/domain/report';
import { flag, history, snap, UNITS } from '../../../functions/domain/report/history';
import { cell, expectRangesInside, expectTotalsAreSums, isBold, rowOf, styleAt } from './sheet-helpers';
import { FLAG_STYLE } from '../../../../addin/core/flag-style';

const AS_OF = '2026-11-27T04:00:00.000Z';
const d = dashboard(history(), { asOf: AS_OF, week: '2026-W48', units: UNITS });
const RED = { fill: FLAG_STYLE.red.fill, font: FLAG_STYLE.red.font };

describe('领导看板 sheet', () => {
  const p = dashboardSheet(d, { county: '平邑县' });

  it('is named, titled, landscape, with the two title rows frozen', () => {
    expect(p.name).toBe('领导看板');
    expect(cell(p, 1, 1)).toBe('平邑县招商引资四个清单 · 领导看板');
    expect(cell(p, 2, 1)).toBe('数据截至 2026-11-27 12:00（2026-W48）');
    expect(p.landscape).toBe(true);
    expect(p.frozenRows).toBe(2);
    expect(isBold(p, 1, 1)).toBe(true);
  });

  it('the four-list overview: headings in place, one row per list, totals row = sums', () => {
    const h = rowOf(p, '一、四个清单总览') + 1;
    expect(p.rows[h - 1]).toEqual(['清单', '项目数', '总投资（亿元）', '红旗', '黄旗', '预计产值（亿元）', '预计税收（亿元）', '预计就业（人）']);
    // A contribution no project of the list states is a dash, not 0 (issue 20).
    expect(p.rows[h]).toEqual(['重点线索', 1, 1, 0, 0, '—', '—', '—']);
    expect(p.rows[h + 3]).toEqual(['投产项目', 1, 10, 0, 0, 20, 1.5, 300]);
    const totals = rowOf(p, '合计', h);
    expect(totals).toBe(h + 5);
    expectTotalsAreSums(p, h, totals);
    expect(isBold(p, totals, 3)).toBe(true);
    expect(styleAt(p, h, 1)).not.toBeNull(); // header fill
    expect(p.dataBars).toContain(`C${h + 1}:C${h + 4}`);
    expect(cell(p, totals + 1, 1)).toBe('已终止项目 1 个（不计入四个清单）。');
  });

  it('projects per unit: an empty configured unit has a row, the no-unit row is named, totals = sums, chart over it', () => {
    const h = rowOf(p, '二、各单位项目分布') + 1;
    expect(p.rows[h - 1]).toEqual(['单位', '重点线索', '签约项目', '落地项目', '投产项目', '合计', '总投资（亿元）']);
    expect(p.rows.slice(h, h + 5).map((r) => r[0])).toEqual(['平邑街道', '地方镇', '仲村镇', '经济开发区', '未填单位']);
    expect(p.rows[h + 2]).toEqual(['仲村镇', 0, 0, 0, 0, 0, 0]);
    expectTotalsAreSums(p, h, h + 6);
    expect(p.charts).toContainEqual({ title: '各单位四个清单项目数', type: 'columnStacked', range: `A${h}:E${h + 5}`, anchor: `J${h}` });
  });

  it('flags per unit: red and yellow counts coloured, totals = sums, chart over it', () => {
    const h = rowOf(p, '三、各单位红黄旗') + 1;
    expect(p.rows[h]).toEqual(['平邑街道', 1, 0, 1]);
    expect(styleAt(p, h + 1, 2)).toEqual(RED);
    expect(styleAt(p, h + 1, 3)).toBeNull();
    expectTotalsAreSums(p, h, h + 6);
    expect(p.charts).toContainEqual({ title: '各单位红黄旗', type: 'columnClustered', range: `A${h}:C${h + 5}`, anchor: `J${h}` });
  });

  it('cycle medians and priority investors', () => {
    const h = rowOf(p, '四、项目周期（中位数）') + 1;
    expect(p.rows.slice(h, h + 3)).toEqual([
      ['重点线索 → 签约项目', 55, 5],
      ['签约项目 → 落地项目', 61, 2],
      ['落地项目 → 投产项目', 305, 1],
    ]);
    const q = rowOf(p, '五、重点目标企业') + 1;
    expect(p.rows.slice(q, q + 3).map((r) => r[0])).toEqual(['央企', '国字号', '世界500强']);
    expect(p.rows[q]).toEqual(['央企', 0, 0, 0, 1, 1, 10]);
    expectTotalsAreSums(p, q, q + 4);
  });

  it('the red-flag list, last: project, unit, leader, days, reasons; the row in red; its header repeated on every printed page', () => {
    const h = rowOf(p, '附：红旗项目清单') + 1;
    expect(p.rows[h - 1]).toEqual(['序号', '项目名称', '单位', '包联领导', '清单', '挂旗天数', '预警原因']);
    expect(p.rows[h]).toEqual([1, '项目P2', '平邑街道', '张三', '签约项目', 7, 'weekly-update red']);
    for (let col = 1; col <= 7; col++) expect(styleAt(p, h + 1, col)).toEqual(RED);
    // After every other section (Excel repeats one row range from where it appears), on a page of its own.
    expect(rowOf(p, '六、本周未按时调度的单位')).toBeLessThan(h);
    expect(p.rows.length).toBe(h + d.redFlags.length);
    expect(p.printTitles).toEqual({ top: h, bottom: h });
  });

  it('七、未按时调度: always shown; with every unit reported, one line says so, then the red-flag list', () => {
    expect(d.notReported).toEqual([]);
    const h = rowOf(p, '六、本周未按时调度的单位');
    expect(cell(p, h + 1, 1)).toBe('本周各单位均已按时调度。');
    expect(rowOf(p, '附：红旗项目清单')).toBe(h + 3); // a blank row, then the red-flag list
  });

  it('七、未按时调度: the count, then each unit (configured order, no-unit named) with its active projects, in yellow', () => {
    const week = '2026-W48';
    const late = dashboard(
      [
        snap({ id: 'A1', week, unit: '地方镇', progressUpdated: false }),
        snap({ id: 'A2', week, unit: '地方镇', progressUpdated: false, stage: 'signed' }),
        snap({ id: 'B1', week, unit: '平邑街道', progressUpdated: true }),
        snap({ id: 'B2', week, unit: '平邑街道', progressUpdated: false }),
        snap({ id: 'C1', week, unit: '', progressUpdated: false }),
        snap({ id: 'D1', week, unit: '仲村镇', progressUpdated: false, stage: 'dropped' }),
      ],
      { asOf: AS_OF, week, units: UNITS },
    );
    expect(late.notReported).toEqual([{ unit: '地方镇', active: 2 }, { unit: '', active: 1 }]);
    const s = dashboardSheet(late, { county: '平邑县' });
    const h = rowOf(s, '六、本周未按时调度的单位');
    expect(cell(s, h + 1, 1)).toBe('本周截至目前 2 个单位未按时调度（有在库项目，但没有一个项目更新本周进展）：');
    expect(s.rows.slice(h + 1, h + 4)).toEqual([
      ['序号', '单位', '在库项目数'],
      [1, '地方镇', 2],
      [2, '未填单位', 1],
    ]);
    const YELLOW = { fill: FLAG_STYLE.yellow.fill, font: FLAG_STYLE.yellow.font };
    for (let col = 1; col <= 3; col++) expect(styleAt(s, h + 3, col)).toEqual(YELLOW);
    expectRangesInside(s);
    const en = dashboardSheet(late, { lang: 'en' });
    const e = rowOf(en, '6. Units that have not reported this week');
    expect(cell(en, e + 1, 1)).toBe("2 units have not reported this week so far (active projects, none with this week's progress updated):");
    expect(en.rows[e + 1]).toEqual(['No.', 'Unit', 'Active projects']);
    expect(en.rows[e + 3]).toEqual([2, '(no unit)', 1]);
  });

  it('column widths fit the headings (a CJK character is two wide) within a printable cap', () => {
    expect(displayWidth('总投资（亿元）')).toBe(14);
    expect(displayWidth('P-7K3M9Q2X')).toBe(10);
    expect(p.columnWidths[2]).toBeGreaterThanOrEqual(16);
    for (const width of p.columnWidths) expect(width).toBeLessThanOrEqual(48);
    expectRangesInside(p);
  });

  it('no red flags and no projects: "(none)" lines, medians as a dash, no charts without rows', () => {
    const empty = dashboardSheet(dashboard([], { asOf: AS_OF, week: '2026-W48' }));
    const h = rowOf(empty, '附：红旗项目清单') + 1;
    expect(cell(empty, h + 1, 1)).toBe('（无）');
    expect(cell(empty, rowOf(empty, '四、项目周期（中位数）') + 2, 2)).toBe('—');
    expect(empty.charts).toEqual([]);
    expect(empty.dataBars).toEqual([`B${rowOf(empty, '重点线索')}:B${rowOf(empty, '投产项目')}`, `C${rowOf(empty, '重点线索')}:C${rowOf(empty, '投产项目')}`]);
  });

  it('in English', () => {
    const en = dashboardSheet(dashboard([snap({ id: 'R', week: '2026-W48', unit: '', flag: flag('red') })], { asOf: AS_OF, week: '2026-W48' }), { lang: 'en', county: 'Pingyi' });
    expect(en.name).toBe('Dashboard');
    expect(cell(en, 1, 1)).toBe("Pingyi investment projects · leaders' dashboard");
    expect(en.rows[rowOf(en, '1. The four lists')]).toEqual(['List', 'Projects', 'Investment (100M CNY)', 'Red', 'Yellow', 'Output value (100M CNY)', 'Tax (100M CNY)', 'Jobs']);
    expect(cell(en, rowOf(en, '1. The four lists') + 2, 1)).toBe('Clues');
    const red = rowOf(en, 'Appendix: red-flagged projects') + 2;
    expect(en.rows[red - 1]!.slice(0, 6)).toEqual([1, '项目R', '(no unit)', '张三', 'Clues', null]);
    expect(en.charts!.map((c) => c.title)).toEqual(['Projects per list by unit', 'Red and yellow flags by unit']);
  });
});
