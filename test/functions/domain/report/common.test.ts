import type { ReportProject } from '../../../../contract';
import { orderUnits, passedLists, projectOrder, toWan, fromWan } from '../../../../functions/domain/report/common';

const p = (id: string, unit: string, name: string, stage: ReportProject['stage'] = 'clue'): ReportProject => ({
  id, name, unit, stage, leader: null, amount: null, flag: 'none',
});

describe('report ordering helpers', () => {
  it('orderUnits: configured (trimmed, deduplicated) first, others by pinyin, no unit last', () => {
    expect(orderUnits(['温水镇', '', '保太镇', '地方镇'], [' 地方镇', '仲村镇', '地方镇', ''])).toEqual(['地方镇', '仲村镇', '保太镇', '温水镇', '']);
  });

  it('projectOrder: unit order, units not listed after, then stage, name, id', () => {
    const sorted = [p('b', 'Z', '甲'), p('c', '地方镇', '乙'), p('a', '地方镇', '乙'), p('d', '地方镇', '甲', 'signed'), p('e', '地方镇', '甲')]
      .sort(projectOrder(['地方镇']))
      .map((x) => x.id);
    expect(sorted).toEqual(['e', 'a', 'c', 'd', 'b']);
  });

  it('passedLists only for forward moves between lists', () => {
    expect(passedLists('clue', 'producing')).toEqual(['signed', 'landed']);
    expect(passedLists('signed', 'landed')).toEqual([]);
    expect(passedLists(null, 'landed')).toEqual([]);
    expect(passedLists('dropped', 'landed')).toEqual([]);
    expect(passedLists('clue', 'dropped')).toEqual([]);
  });

  it('money sums in whole 万元', () => {
    expect(fromWan(toWan(0.1) + toWan(0.2))).toBe(0.3);
    expect(toWan(null)).toBe(0);
    expect(toWan(0.00004)).toBe(0);
  });
});
