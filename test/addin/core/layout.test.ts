import { colLetter, extractRows, findLayouts, listFromName, toGrid, detectHeader } from '../../../addin/core';
import { GOLDEN, sheet } from '../../fixtures/ledgers';

describe.each(GOLDEN)('golden ledger: $name', ({ sheets, expect: want }) => {
  const layouts = findLayouts(sheets, {});

  it('finds exactly the expected list sheets', () => {
    expect(layouts.sheets.map((l) => [l.sheet, l.list])).toEqual(Object.entries(want).map(([s, w]) => [s, w.list]));
  });

  it.each(Object.entries(want))('maps %s', (name, w) => {
    const l = layouts.sheets.find((x) => x.sheet === name)!;
    expect({ headerTop: l.headerTop, dataTop: l.dataTop }).toEqual({ headerTop: w.headerTop, dataTop: w.dataTop });
    expect(Object.fromEntries(l.columns.map((c) => [colLetter(c.col), c.field]))).toEqual(w.fields);
    expect(l.units).toEqual(w.units ?? {});
    expect({ id: colLetter(l.ownedCols.id), flag: colLetter(l.ownedCols.flag), reason: colLetter(l.ownedCols.reason) }).toEqual(w.owned);
    expect(extractRows(l).rows.map((r) => r.row)).toEqual(w.rows);
  });
});

describe('sheet names', () => {
  it.each([
    ['2026年签约项目台账', 'signed'],
    ['重点招商线索', 'clue'],
    ['落地项目（2026）', 'landed'],
    ['已投产项目清单', 'producing'],
    ['Signed projects', 'signed'],
    ['领导看板', null],
    ['周调度', null],
  ])('%s → %s', (name, list) => expect(listFromName(name)).toBe(list));

  it('a saved mapping wins over names', () => {
    const sheets = [
      sheet('签约项目', [['项目名称', '签约时间'], ['甲', 46000]]),
      sheet('Sheet3', [['项目名称', '签约时间'], ['乙', 46000]]),
    ];
    const l = findLayouts(sheets, { mapping: { Sheet3: 'landed' } });
    expect(l.sheets.map((s) => [s.sheet, s.list])).toEqual([['Sheet3', 'landed']]);
  });

  it('reports a list sheet without a header and finds no lists in an unrelated workbook', () => {
    expect(findLayouts([sheet('签约项目', [['随便写的'], ['内容']])], {}).headerless).toEqual(['签约项目']);
    expect(findLayouts([sheet('Sheet1', [['a', 'b'], [1, 2]])], {}).sheets).toEqual([]);
  });
});

describe('header mapping', () => {
  it('never maps 序号 to the id, reports unmapped and duplicated headers with their cells', () => {
    const g = toGrid(sheet('签约项目', [['序号', '项目名称', '备用列', '签约时间', '签约日期'], [1, '甲', 'x', 46000, 46001]]));
    const h = detectHeader(g)!;
    expect(h.colOf.id).toBeUndefined();
    expect(h.issues.map((i) => [i.kind, i.cell, i.header])).toEqual([
      ['unmapped', 'C1', '备用列'],
      ['duplicate', 'E1', '签约日期'],
    ]);
    expect(h.issues[1]!.message.zh).toContain('签约项目!E1');
    expect(h.issues[1]!.message.en).toContain('签约项目!E1');
  });

  it('applies header overrides by column letter', () => {
    const g = toGrid(sheet('签约项目', [['项目名称', '备用列', '签约时间'], ['甲', '王', 46000]]));
    const h = detectHeader(g, { 签约项目: { B: 'leader', C: 'ignore' } })!;
    expect(h.columns.map((c) => [c.col, c.field])).toEqual([[1, 'name'], [2, 'leader']]);
    expect(h.issues).toEqual([]);
  });

  it('treats merged data cells (a town over its projects) as each row’s value', () => {
    const s = sheet('签约项目', [['项目名称', '镇街'], ['甲', '温水镇'], ['乙', null]], ['B2:B3']);
    const l = findLayouts([s], {}).sheets[0]!;
    expect(extractRows(l).rows.map((r) => r.cells.unit)).toEqual(['温水镇', '温水镇']);
  });

  it('puts new owned columns right of unlabeled data, never over it', () => {
    const s = sheet('签约项目', [['项目名称', '签约时间'], ['甲', 46000, '手写备注']]);
    const l = findLayouts([s], {}).sheets[0]!;
    expect([l.ownedCols.id, l.ownedCols.flag, l.ownedCols.reason]).toEqual([4, 5, 6]);
  });
});
