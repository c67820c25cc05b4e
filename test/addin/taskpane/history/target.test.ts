/**
 * Which project the selected row holds: addin/office/selection.ts reads over the fake Excel host, core decides
 * (history/target.ts). The id found must be the one a sync sends for that row, whatever the workbook's layout.
 */
import { extractRows, findLayouts, type WorkbookSettings } from '../../../../addin/core';
import { OfficeWorkbookGateway } from '../../../../addin/office';
import { readSelectedRow } from '../../../../addin/office/selection';
import { projectAtRow } from '../../../../addin/taskpane/history/target';
import { FakeBook, FakeExcelHost, type CellValue } from '../../../support/fake-excel';
import { clickCell, installActiveCell } from '../../../support/fake-excel/active-cell';
import { COL, FIRST_ROW, LISTS, ledgerBook } from '../../office/workbook';

beforeAll(installActiveCell);

async function at(host: FakeExcelHost, sheet: string, cell: string, settings: WorkbookSettings = {}) {
  clickCell(host.book, sheet, cell);
  return projectAtRow(await readSelectedRow(host.officeHost), settings);
}

/** Ids as a sync leaves them: P-<list><n> in 项目编号. */
function withIds(book: FakeBook): FakeBook {
  for (const list of LISTS) {
    const sheet = book.sheet(list)!;
    for (let r = FIRST_ROW; sheet.cells.has(`${r},${COL.name}`); r++) sheet.cells.set(`${r},${COL.id}`, { value: `P-${LISTS.indexOf(list)}${r}` });
  }
  return book;
}

describe('projectAtRow over the selected row', () => {
  it('finds, on every row of every list, the id and name core reads from the whole workbook for a sync', async () => {
    const host = new FakeExcelHost(withIds(ledgerBook(40)));
    const layouts = findLayouts(await new OfficeWorkbookGateway({ host: host.officeHost }).readSheets(), {});
    const synced = layouts.sheets.flatMap((l) => extractRows(l).rows);
    expect(synced).toHaveLength(40);
    for (const row of synced) {
      // Any cell of the row will do: the clerk clicks where they are reading.
      const cell = `${'ACEH'[row.row % 4]}${row.row}`;
      await expect(at(host, row.sheet, cell)).resolves.toEqual({ kind: 'project', sheet: row.sheet, row: row.row, id: row.id, name: row.cells.name });
    }
  });

  it('a project row without an id has not been synced; the title and header rows hold no project', async () => {
    const host = new FakeExcelHost(ledgerBook(8));
    await expect(at(host, '落地项目', 'C3')).resolves.toEqual({ kind: 'noId', sheet: '落地项目', row: 3 });
    await expect(at(host, '落地项目', 'A1')).resolves.toEqual({ kind: 'notProjectRow', sheet: '落地项目', row: 1 });
    await expect(at(host, '落地项目', 'C2')).resolves.toEqual({ kind: 'notProjectRow', sheet: '落地项目', row: 2 });
    await expect(at(host, '落地项目', 'C30')).resolves.toEqual({ kind: 'notProjectRow', sheet: '落地项目', row: 30 });
  });

  it('a total row or a note row below the projects holds none either', async () => {
    const book = withIds(ledgerBook(8));
    const sheet = book.sheet('重点线索')!;
    sheet.cells.set('6,1', { value: '合计' });
    sheet.cells.set('6,5', { value: 12.5 });
    sheet.cells.set('7,1', { value: '注：本表每周五下午五点前更新。' });
    const host = new FakeExcelHost(book);
    await expect(at(host, '重点线索', 'E6')).resolves.toEqual({ kind: 'notProjectRow', sheet: '重点线索', row: 6 });
    await expect(at(host, '重点线索', 'A7')).resolves.toEqual({ kind: 'notProjectRow', sheet: '重点线索', row: 7 });
  });

  it('a sheet that is not a list — by name, or because the saved mapping says so — is named in the answer', async () => {
    const book = withIds(ledgerBook(8));
    book.addSheet('领导看板', [['平邑县招商引资四个清单 · 领导看板'], ['项目名称', '所属单位', '包联领导'], ['x', 'y', 'z']]);
    book.addSheet('Sheet1', [['随手记']]);
    const host = new FakeExcelHost(book);
    await expect(at(host, '领导看板', 'A3')).resolves.toEqual({ kind: 'notList', sheet: '领导看板' });
    await expect(at(host, 'Sheet1', 'A1')).resolves.toEqual({ kind: 'notList', sheet: 'Sheet1' });
    // The clerk told the add-in which sheets are lists: 重点线索 is not among them.
    const mapping: WorkbookSettings = { mapping: { 签约项目: 'signed', 落地项目: 'landed', 投产项目: 'producing' } };
    await expect(at(host, '重点线索', 'C3', mapping)).resolves.toEqual({ kind: 'notList', sheet: '重点线索' });
    await expect(at(host, '签约项目', 'C3', mapping)).resolves.toMatchObject({ kind: 'project', id: 'P-13' });
  });

  it('honours the clerk’s header corrections: a column mapped to the project id by hand', async () => {
    const book = new FakeBook();
    const rows: CellValue[][] = [['序号', '项目代号', '项目名称', '所属单位'], [1, 'ZS-001', '光伏组件', '仲村镇'], [2, 'ZS-002', '乳品加工', '温水镇']];
    book.addSheet('2026年签约项目台账', rows, { top: 4 });
    const host = new FakeExcelHost(book);
    // Unknown header "项目代号": without the correction the sheet has no id column yet.
    await expect(at(host, '2026年签约项目台账', 'C6')).resolves.toEqual({ kind: 'noId', sheet: '2026年签约项目台账', row: 6 });
    const corrected: WorkbookSettings = { headerOverrides: { '2026年签约项目台账': { B: 'id' } } };
    await expect(at(host, '2026年签约项目台账', 'C6', corrected)).resolves.toEqual({ kind: 'project', sheet: '2026年签约项目台账', row: 6, id: 'ZS-002', name: '乳品加工' });
  });

  it('a single sheet with a stage column is the ledger only while no sheet is named after a list', async () => {
    const single: CellValue[][] = [['阶段', '项目编号', '项目名称', '所属单位'], ['签约', 'P-A', '光伏组件', '仲村镇'], ['线索', 'P-B', '乳品加工', '温水镇']];
    const book = new FakeBook();
    book.addSheet('台账', single);
    const host = new FakeExcelHost(book);
    await expect(at(host, '台账', 'B3')).resolves.toEqual({ kind: 'project', sheet: '台账', row: 3, id: 'P-B', name: '乳品加工' });
    book.addSheet('重点线索', [['项目编号', '项目名称', '所属单位'], ['P-C', '木业', '保太镇']]);
    await expect(at(host, '台账', 'B3')).resolves.toEqual({ kind: 'notList', sheet: '台账' });
    await expect(at(host, '重点线索', 'B2')).resolves.toMatchObject({ kind: 'project', id: 'P-C' });
  });
});
