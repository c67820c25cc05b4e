/**
 * The selected row as addin/office/selection.ts reads it over the fake Excel host: one round trip, only the
 * sheet's first rows and the selected row (not the sheet), and plain-word errors on old or busy hosts.
 */
import { HEAD_ROWS, combine, readSelectedRow } from '../../../addin/office/selection';
import { FakeBook, FakeExcelHost } from '../../support/fake-excel';
import { clickCell, installActiveCell } from '../../support/fake-excel/active-cell';
import { ledgerBook } from './workbook';

beforeAll(installActiveCell);

describe('readSelectedRow', () => {
  it('reads the active cell, the sheet list, the header block and the selected row in one round trip', async () => {
    const host = new FakeExcelHost(ledgerBook(400));
    clickCell(host.book, '签约项目', 'E60');
    const sel = await readSelectedRow(host.officeHost);
    expect(host.roundTrips).toBe(1);
    expect(sel).toMatchObject({ sheet: '签约项目', cell: 'E60', row: 60 });
    expect(sel.sheets).toEqual(['重点线索', '签约项目', '落地项目', '投产项目'].map((name) => ({ name, visible: true })));
    const { snapshot } = sel;
    expect(snapshot).toMatchObject({ name: '签约项目', top: 1, left: 1, visible: true });
    expect(snapshot.values[0]![0]).toBe('平邑县2026年签约项目台账');
    expect(snapshot.values[1]![2]).toBe('项目名称');
    // Rows HEAD_ROWS+1…59 were never read; row 60 was, whole.
    expect(snapshot.values.slice(HEAD_ROWS, 59).every((r) => r.length === 0)).toBe(true);
    expect(snapshot.values[59]![2]).toBe(host.book.value('签约项目', 60, 3));
    expect(snapshot.values).toHaveLength(60);
    // A 400-project workbook, yet the answer is a few kilobytes: the sheet itself is not read.
    expect(host.maxResponseBytes).toBeLessThan(12_000);
  });

  it('starts where the sheet’s values start, keeps a far row’s cells right of the header block, blank cells as null', async () => {
    const book = new FakeBook();
    book.addSheet('重点线索', [['项目名称', '所属单位', '包联领导'], ['光伏', null, '王']], { top: 3, left: 2 });
    book.sheet('重点线索')!.cells.set('80,1', { value: '左' });
    book.sheet('重点线索')!.cells.set('80,6', { value: '右' });
    const host = new FakeExcelHost(book);
    clickCell(book, '重点线索', 'C4');
    expect((await readSelectedRow(host.officeHost)).snapshot).toMatchObject({ top: 3, left: 2, values: [['项目名称', '所属单位', '包联领导'], ['光伏', null, '王']] });
    clickCell(book, '重点线索', 'D80');
    const far = (await readSelectedRow(host.officeHost)).snapshot;
    expect(far).toMatchObject({ top: 3, left: 1 });
    expect(far.values[0]).toEqual([null, '项目名称', '所属单位', '包联领导']);
    expect(far.values[77]).toEqual(['左', null, null, null, null, '右']);
  });

  it('an empty sheet, or an empty row, reads as no values', async () => {
    const book = new FakeBook();
    book.addSheet('Sheet1');
    const host = new FakeExcelHost(book);
    await expect(readSelectedRow(host.officeHost)).resolves.toMatchObject({ sheet: 'Sheet1', cell: 'A1', row: 1, snapshot: { values: [] } });
    expect(combine(null, { values: [['', '']], rowIndex: 4, columnIndex: 0 })).toEqual({ values: [['', '']], rowIndex: 4, columnIndex: 0 });
  });

  it('says in plain words when Excel is too old or busy editing a cell', async () => {
    const old = new FakeExcelHost(ledgerBook(4), { apiVersion: '1.6' });
    await expect(readSelectedRow(old.officeHost)).rejects.toMatchObject({
      name: 'GatewayError',
      code: 'unknown',
      msg: { zh: expect.stringContaining('需要 ExcelApi 1.7'), en: expect.stringContaining('needs ExcelApi 1.7') },
    });
    expect(old.roundTrips).toBe(0);
    const busy = new FakeExcelHost(ledgerBook(4));
    busy.editMode = true;
    await expect(readSelectedRow(busy.officeHost)).rejects.toMatchObject({
      name: 'GatewayError',
      code: 'edit_mode',
      msg: { zh: 'Excel 正在编辑单元格。请按 Enter 或 Esc 结束编辑后再查看历史。' },
    });
  });
});
