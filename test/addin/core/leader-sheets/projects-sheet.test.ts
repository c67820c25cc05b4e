import { type ProjectSummary } from '../../../../contract';
import { countyProjectsSheet, leaderSheetNames } from '../../../../addin/core/leader-sheets';
import { flag } from '../../../functions/domain/report/history';
import { cell, expectRangesInside, isBold, styleAt } from './sheet-helpers';
import { FLAG_STYLE } from '../../../../addin/core/flag-style';

function project(id: string, over: Partial<ProjectSummary> = {}): ProjectSummary {
  return {
    id,
    name: `项目${id}`,
    unit: '地方镇',
    leader: '张三',
    stage: 'clue',
    amount: 1,
    flag: flag('none'),
    flagSince: null,
    updatedAt: '2026-11-26T17:00:00.000Z', // 2026-11-27 01:00 in Asia/Shanghai
    version: 1,
    fields: {},
    ...over,
  };
}

const pages = [
  { projects: [project('P-3', { stage: 'producing', amount: 0.2 }), project('P-1', { flag: flag('red'), amount: 0.1 })], nextToken: 't' },
  {
    projects: [
      project('P-1', { flag: flag('red'), amount: 0.1 }), // a retried page repeats a project
      project('P-2', { unit: '', leader: '', amount: null, flag: flag('yellow') }),
      project('P-4', { stage: 'dropped' }),
    ],
  },
];

describe('全县项目 sheet', () => {
  const p = countyProjectsSheet(pages, { county: '平邑县', asOf: '2026-11-27T04:00:00.000Z' });

  it('title, count, header on row 3 frozen with the title rows, landscape', () => {
    expect(p.name).toBe('全县项目');
    expect(cell(p, 1, 1)).toBe('平邑县全县招商项目（只读，由系统生成，请勿修改）');
    expect(cell(p, 2, 1)).toBe('共 4 个项目，数据截至 2026-11-27 12:00');
    expect(p.rows[2]).toEqual(['序号', '项目名称', '项目编号', '单位', '包联领导', '清单', '总投资（亿元）', '旗帜', '预警原因', '更新时间']);
    expect(p.frozenRows).toBe(3);
    expect(p.landscape).toBe(true);
  });

  it('one row per project (pages joined, repeats dropped), by list then unit; flagged rows coloured', () => {
    expect(p.rows.slice(3, 7).map((r) => r[2])).toEqual(['P-1', 'P-2', 'P-3', 'P-4']);
    expect(p.rows[3]).toEqual([1, '项目P-1', 'P-1', '地方镇', '张三', '重点线索', 0.1, '红旗', 'weekly-update red', '2026-11-27']);
    expect(p.rows[4]).toEqual([2, '项目P-2', 'P-2', '未填单位', null, '重点线索', null, '黄旗', 'weekly-update yellow', '2026-11-27']);
    expect(p.rows[6]![5]).toBe('已终止');
    for (let col = 1; col <= 10; col++) expect(styleAt(p, 4, col)).toEqual({ fill: FLAG_STYLE.red.fill, font: FLAG_STYLE.red.font });
    expect(styleAt(p, 5, 9)).toEqual({ fill: FLAG_STYLE.yellow.fill, font: FLAG_STYLE.yellow.font });
    expect(styleAt(p, 6, 1)).toBeNull();
  });

  it('a totals row with the count and the investment sum', () => {
    // Every listed project counts, the dropped one too: the totals row is the sum of the column above it.
    expect(p.rows[7]).toEqual(['合计', 4, null, null, null, null, 1.3]);
    const column = p.rows.slice(3, 7).reduce((n, r) => n + Number(r[6] ?? 0), 0);
    expect(cell(p, 8, 7)).toBe(Math.round(column * 10_000) / 10_000);
    expect(isBold(p, 8, 1)).toBe(true);
    expect(p.dataBars).toEqual(['G4:G7']);
    expectRangesInside(p);
  });

  it('no projects, in English', () => {
    const e = countyProjectsSheet([{ projects: [] }], { lang: 'en' });
    expect(e.name).toBe(leaderSheetNames('en').projects);
    expect(cell(e, 2, 1)).toBe('0 projects');
    expect(e.rows[3]).toEqual(['Total', 0, null, null, null, null, 0]);
    expect(e.dataBars).toEqual([]);
    expect(leaderSheetNames()).toEqual({ dashboard: '领导看板', weekly: '周调度', projects: '全县项目' });
  });
});
