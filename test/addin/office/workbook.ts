/** A generated ledger workbook and a full write plan for it, shared by the Office gateway tests. */
import type { CellRef, WritePlan } from '../../../addin/core/gateway';
import { FakeBook, type CellValue } from '../../support/fake-excel';

export const LISTS = ['重点线索', '签约项目', '落地项目', '投产项目'] as const;
const HEADER = ['序号', '项目编号', '项目名称', '投资方', '总投资（亿元）', '所属单位', '包联领导', '签约时间', '本周进展', '存在问题', '旗帜', '预警原因'];
export const COL = { id: 2, name: 3, flag: 11, reason: 12 } as const;
export const FIRST_ROW = 3; // title row, header row, then data

/** `projects` rows spread over the four lists (title row + header row on each). */
export function ledgerBook(projects: number): FakeBook {
  const book = new FakeBook();
  LISTS.forEach((list, li) => {
    const rows: CellValue[][] = [[`平邑县2026年${list}台账`], HEADER];
    for (let i = li; i < projects; i += LISTS.length) {
      const n = rows.length - 1;
      rows.push([n, null, `项目${i}：年产${i % 90}万吨新材料生产线`, `山东某某投资集团有限公司${i % 37}`, (i % 50) / 10 + 0.5, `${['城关', '仲村', '武台', '保太'][i % 4]}镇`, `张${i % 11}`, 46000 + (i % 400), `第${i % 52}周：完成土地预审，正在办理环评手续，计划下月开工`, i % 3 ? null : '用地指标待落实', null, null]);
    }
    book.addSheet(list, rows);
  });
  return book;
}

/** Ids for every row, flags + reasons + fills for ~40% of rows, a few moves from each list to the next. */
export function fullPlan(book: FakeBook, moves = 3): WritePlan {
  const plan: WritePlan = { sheets: [], moves: [], leaderSheets: [], settings: { workbookId: 'W-TEST00000001', mapping: { 重点线索: 'clue' } } };
  LISTS.forEach((list, li) => {
    const sheet = book.sheet(list)!;
    const last = Math.max(...[...sheet.cells.keys()].map((k) => Number(k.split(',')[0])));
    const n = last - FIRST_ROW + 1;
    const ids: string[] = [];
    const flags: Array<string | null> = [];
    const reasons: Array<string | null> = [];
    const red: CellRef[] = [];
    const yellow: CellRef[] = [];
    for (let i = 0; i < n; i++) {
      const row = FIRST_ROW + i;
      ids.push(`P-${(li * 100_000 + i).toString(36).toUpperCase().padStart(8, '0')}`);
      const level = i % 5 === 0 ? 'red' : i % 5 === 1 ? 'yellow' : null;
      flags.push(level === 'red' ? '红旗' : level === 'yellow' ? '黄旗' : null);
      reasons.push(level ? `签约后${90 + (i % 100)}天仍未开工（超过${level === 'red' ? 180 : 90}天）；本周进展连续2个截止日未更新` : null);
      if (level === 'red') red.push({ row, col: COL.flag }, { row, col: COL.reason });
      if (level === 'yellow') yellow.push({ row, col: COL.flag }, { row, col: COL.reason });
    }
    plan.sheets.push({
      sheet: list,
      columns: [
        { col: COL.id, top: FIRST_ROW, values: ids },
        { col: COL.flag, top: FIRST_ROW, values: flags },
        { col: COL.reason, top: FIRST_ROW, values: reasons },
      ],
      styles: [
        { style: { fill: '#FFC7CE', font: '#9C0006' }, cells: red },
        { style: { fill: '#FFEB9C', font: '#9C5700' }, cells: yellow },
      ],
      notes: [],
    });
    if (li < LISTS.length - 1) {
      const target = book.sheet(LISTS[li + 1]!)!;
      const targetLast = Math.max(...[...target.cells.keys()].map((k) => Number(k.split(',')[0])));
      for (let m = 0; m < moves; m++) {
        const from = FIRST_ROW + 7 + m * 11;
        const cells = HEADER.map((_, j) => ({ col: j + 1, value: sheet.cells.get(`${from},${j + 1}`)?.value ?? null }));
        cells[COL.id - 1] = { col: COL.id, value: ids[from - FIRST_ROW]! };
        plan.moves.push({ id: ids[from - FIRST_ROW]!, from: { sheet: list, row: from }, to: { sheet: LISTS[li + 1]!, row: targetLast + 1 + m }, cells });
      }
    }
  });
  return plan;
}
