import { fileNameOf, OfficeWorkbookGateway } from '../../../addin/office';
import { ledgerBook, LISTS } from './workbook';
import { FakeExcelHost } from '../../support/fake-excel';

describe('fileNameOf', () => {
  test.each([
    ['C:\\Users\\li\\Documents\\平邑县台账.xlsx', '平邑县台账.xlsx'],
    ['/Users/li/招商 台账.xlsx', '招商 台账.xlsx'],
    ['https://x.sharepoint.com/Shared%20Documents/A%2BB.xlsx?web=1#top', 'A+B.xlsx'],
    ['https://x.sharepoint.com/_layouts/15/Doc.aspx?sourcedoc=%7B1%7D&file=%E5%8F%B0%E8%B4%A6.xlsx&action=default', '台账.xlsx'],
    ['https://d.docs.live.net/abc/bad%E0.xlsx', 'bad%E0.xlsx'],
    ['', ''],
    [null, ''],
  ])('%s → %s', (url, name) => expect(fileNameOf(url)).toBe(name));
});

describe('OfficeWorkbookGateway.readWorkbook', () => {
  test('name, settings and sheets in the two round trips readSheets takes', async () => {
    const book = ledgerBook(3);
    book.name = '平邑县招商台账.xlsx';
    const host = new FakeExcelHost(book);
    const gateway = new OfficeWorkbookGateway({ host: host.officeHost });
    await gateway.apply({ sheets: [], moves: [], leaderSheets: [], settings: { workbookId: 'W-1', tintName: true } });
    host.resetCounters();
    const read = await gateway.readWorkbook();
    expect(host.roundTrips).toBe(2);
    expect(read.name).toBe('平邑县招商台账.xlsx');
    expect(read.settings).toEqual({ workbookId: 'W-1', tintName: true });
    expect(read.sheets.map((s) => s.name)).toEqual([...LISTS]);
    expect(read.sheets).toEqual(await gateway.readSheets());
  });

  test('older hosts: the document URL names the file ("" when never saved); no settings sheet reads as none', async () => {
    const host = new FakeExcelHost(ledgerBook(3), { apiVersion: '1.6', documentUrl: 'C:\\台账\\平邑.xlsx' });
    const read = await new OfficeWorkbookGateway({ host: host.officeHost }).readWorkbook();
    expect(host.roundTrips).toBe(2);
    expect(read.name).toBe('平邑.xlsx');
    expect(read.settings).toEqual({});
    await expect(new OfficeWorkbookGateway({ host: new FakeExcelHost(ledgerBook(3), { apiVersion: '1.6' }).officeHost }).readWorkbook()).resolves.toMatchObject({ name: '' });
  });
});
