/**
 * The area unit a header names (issue 21): 用地面积（平方米） / （公顷） / a units row under 用地面积 make core send
 * the column's factor (亩 per unit) with each row, and the server's parser turns a bare number into 亩 with it —
 * 20000 平方米 = 30 亩, 2 公顷 = 30 亩; a header in 亩 sends 1, none no factor; text naming its own unit wins.
 */
import { extractRows, findLayouts } from '../../../addin/core';
import { parseRow } from '../../../functions/domain/parse';
import { sheet } from '../../fixtures/ledgers';

function landOf(values: Parameters<typeof sheet>[1]) {
  const layout = findLayouts([sheet('落地项目', values)], {}).sheets[0]!;
  const rows = extractRows(layout).rows;
  return {
    unit: layout.units.landArea,
    mu: rows.map((r) => parseRow(r.cells, { dateSystem: 1900, investmentMethods: [], units: r.units }).fields.landArea),
  };
}

describe('area units from the header', () => {
  it('用地面积（平方米）: bare numbers are square metres', () => {
    const got = landOf([['项目名称', '总投资（亿元）', '用地面积（平方米）'], ['甲', 1, 20000], ['乙', 2, '8万平方米'], ['丙', 3, '12亩']]);
    expect(got.unit).toBeCloseTo(3 / 2000, 12);
    expect(got.mu).toEqual([30, 120, 12]);
  });

  it('占地（公顷） and a units row under 用地面积', () => {
    expect(landOf([['项目名称', '占地（公顷）'], ['甲', 2]])).toEqual({ unit: 15, mu: [30] });
    const withRow = landOf([['项目名称', '总投资', '用地面积'], ['', '（亿元）', '（平方米）'], ['甲', 1, 6666.67]]);
    expect(withRow.unit).toBeCloseTo(3 / 2000, 12);
    expect(withRow.mu[0]).toBeCloseTo(10, 2);
  });

  it('in 亩, or no unit: no factor, numbers are 亩', () => {
    const mu = landOf([['项目名称', '用地面积（亩）'], ['甲', 45]]);
    expect(mu.mu).toEqual([45]);
    expect([undefined, 1]).toContain(mu.unit);
    expect(landOf([['项目名称', '亩数'], ['甲', 45]])).toEqual({ unit: 1, mu: [45] });
    expect(landOf([['项目名称', '用地面积'], ['甲', 45]])).toEqual({ unit: undefined, mu: [45] });
  });
});
