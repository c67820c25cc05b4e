import { GatewayError } from '../../../addin/core/gateway';
import { selectCell } from '../../../addin/office';
import { FakeExcelHost } from '../../support/fake-excel';
import { ledgerBook } from './workbook';

describe('selectCell ("go to cell")', () => {
  test('activates the sheet and selects the cell in one round trip', async () => {
    const host = new FakeExcelHost(ledgerBook(12));
    await selectCell('签约项目', 'E4', host.officeHost);
    expect(host.book.activeSheet).toBe('签约项目');
    expect(host.book.selection).toEqual({ sheet: '签约项目', address: 'E4' });
    expect(host.roundTrips).toBe(1);
  });

  test('a sheet renamed or deleted since the sync: a clear zh/en error naming sheet and cell, selection unchanged', async () => {
    const host = new FakeExcelHost(ledgerBook(12));
    host.book.sheet('落地项目')!.name = '落地项目（旧）';
    const error = await selectCell('落地项目', 'H7', host.officeHost).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'sheet_missing', sheet: '落地项目' });
    expect((error as GatewayError).msg.zh).toContain('找不到工作表“落地项目”');
    expect((error as GatewayError).msg.zh).toContain('落地项目!H7');
    expect((error as GatewayError).msg.en).toContain('Worksheet "落地项目" is gone');
    expect(host.book.selection).toBeNull();
  });

  test('a hidden sheet and a cell in edit mode each say what to do', async () => {
    const host = new FakeExcelHost(ledgerBook(12));
    host.book.sheet('投产项目')!.visibility = 'Hidden';
    await expect(selectCell('投产项目', 'A1', host.officeHost)).rejects.toMatchObject({ msg: { zh: expect.stringContaining('取消隐藏'), en: expect.stringContaining('Unhide') } });
    host.editMode = true;
    await expect(selectCell('重点线索', 'A1', host.officeHost)).rejects.toMatchObject({ code: 'edit_mode', msg: { zh: expect.stringContaining('Enter') } });
  });
});
