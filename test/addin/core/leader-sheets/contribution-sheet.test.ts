/**
 * 领导看板 sections 八–十一 (issue 21) as core builds them: by 招商方式 (conversion as a percentage, median days
 * to sign, "—" where there is none), by 责任专班, industry × chain role, and per unit the landed + producing
 * totals with 投资强度 / 亩均税收 / 亩均产值 ("—" without land); zh and en; absent when the dashboard has none.
 */
import { dashboardSheet } from '../../../../addin/core/leader-sheets';
import { contributionDashboard } from './contribution-fixture';
import { cell, expectRangesInside, isBold, rowOf, styleAt } from './sheet-helpers';

const d = contributionDashboard();

describe('领导看板: contribution sections', () => {
  const p = dashboardSheet(d, { county: '平邑县' });

  it('八、招商方式: configured methods first (an unused one with zeros), then the blank; conversion and median days', () => {
    const h = rowOf(p, '七、招商方式成效（线索→签约转化）') + 1;
    expect(p.rows[h - 1]).toEqual(['招商方式', '重点线索', '签约项目', '落地项目', '投产项目', '在库项目', '总投资（亿元）', '线索→签约转化率', '签约用时中位数（天）']);
    expect(p.rows.slice(h, h + 4)).toEqual([
      ['以商招商', 1, 1, 1, 0, 3, 6, '50%', 75],
      ['产业链招商', 0, 0, 0, 0, 0, 0, '—', '—'],
      ['基金招商', 0, 0, 0, 2, 2, 5, '100%', 59],
      ['未填招商方式', 1, 0, 0, 0, 1, 0.5, '0%', '—'],
    ]);
    expect(cell(p, h + 5, 1)).toMatch(/^转化率 = 已签约/);
    expect(styleAt(p, h, 1)).not.toBeNull(); // header fill
  });

  it('八、责任专班: active projects per list, investment, red and yellow', () => {
    const h = rowOf(p, '八、责任专班') + 1;
    expect(p.rows.slice(h, h + 3)).toEqual([
      ['食品专班', 1, 1, 1, 0, 3, 6, 1, 0],
      ['新能源专班', 0, 0, 0, 1, 1, 4, 0, 1],
      ['未填专班', 1, 0, 0, 1, 2, 1.5, 0, 0],
    ]);
  });

  it('九、产业链: 建链/补链/强链/延链 per industry, configured industries kept, by list', () => {
    const h = rowOf(p, '九、产业链（“6+3”）建链 / 补链 / 强链 / 延链') + 1;
    expect(p.rows[h - 1]).toEqual(['产业', '建链', '补链', '强链', '延链', '未标注环节', '重点线索', '签约项目', '落地项目', '投产项目', '合计']);
    expect(p.rows.slice(h, h + 4)).toEqual([
      ['罐头食品', 1, 2, 0, 0, 0, 1, 1, 1, 0, 3],
      ['光伏储能', 0, 0, 1, 0, 1, 0, 0, 0, 2, 2],
      ['新材料', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      ['未填产业', 0, 0, 0, 0, 1, 1, 0, 0, 0, 1],
    ]);
  });

  it('十一、亩均效益: Σ investment ÷ Σ land of the projects with land (固投 else 总投资), zero land left out as —, a bold totals row', () => {
    const h = rowOf(p, '十、落地投产项目亩均效益（按单位）') + 1;
    expect(p.rows[h - 1]).toEqual(['单位', '落地/投产项目', '总投资（亿元）', '有用地数据', '用地（亩）', '投资强度（万元/亩）', '亩均税收（万元/亩·年）', '亩均产值（万元/亩）']);
    // 地方镇: C 100 亩 with 固投 2 亿, E 50 亩 with 总投资 4 亿 → 60000 万 ÷ 150 = 400; tax 3000 万 ÷ 150 = 20; output 130000 ÷ 150.
    expect(p.rows[h]).toEqual(['地方镇', 2, 7, 2, 150, 400, 20, 866.67]);
    expect(p.rows[h + 1]).toEqual(['经济开发区', 1, 1, 0, '—', '—', '—', '—']);
    const totals = rowOf(p, '合计', h);
    expect(totals).toBe(h + 3);
    expect(p.rows[totals - 1]).toEqual(['合计', 3, 8, 2, 150, 400, 20, 866.67]);
    expect(isBold(p, totals, 1)).toBe(true);
    expect(cell(p, totals + 1, 1)).toMatch(/^亩均数按有用地数据的项目计/);
    expectRangesInside(p);
  });

  it('the counts of 九 add up to the active projects of their lists', () => {
    const h = rowOf(p, '八、责任专班') + 1;
    const rows = p.rows.slice(h, h + 3);
    expect(rows.reduce((n, r) => n + Number(r[5]), 0)).toBe(6); // every active snapshot: A B C E F G
  });

  it('speaks English, with method, team and industry names as the county configured them', () => {
    const en = dashboardSheet(d, { county: 'Pingyi', lang: 'en' });
    const h = rowOf(en, '7. Investment methods (clue → signed conversion)') + 1;
    expect(en.rows[h - 1]).toEqual(['Method', 'Clues', 'Signed', 'Landed', 'Producing', 'Active', 'Investment (100M CNY)', 'Clue → signed', 'Median days to sign']);
    expect(en.rows[h + 3]).toEqual(['(no method)', 1, 0, 0, 0, 1, 0.5, '0%', '—']);
    expect(rowOf(en, '8. Special teams')).toBeGreaterThan(h);
    const land = rowOf(en, '10. Per-mu figures of landed and producing projects, by unit') + 1;
    expect(en.rows[land - 1]).toEqual(['Unit', 'Landed + producing', 'Investment (100M CNY)', 'With land', 'Land (mu)', 'Investment per mu (10k CNY)', 'Tax per mu a year (10k CNY)', 'Output per mu (10k CNY)']);
    expect(en.rows[land + 2]).toEqual(['Total', 3, 8, 2, 150, 400, 20, 866.67]);
  });

  it('a dashboard without the sections (an older server) has none', () => {
    const { contribution: _c, ...older } = d;
    const plain = dashboardSheet(older, { county: '平邑县' });
    expect(plain.rows.some((r) => typeof r[0] === 'string' && /^(八|九|十|十一)、/.test(r[0]))).toBe(false);
    expect(plain.rows.length).toBeLessThan(p.rows.length);
  });
});
