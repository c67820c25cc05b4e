/**
 * Issue 16, Office gateway: lists kept as Excel tables. The tables are read with the sheets in the same two round
 * trips; a plan that resizes a table costs no extra round trip; a host without table.resize (ExcelApi before 1.13 —
 * the manifest asks for 1.9) appends the new owned columns as table columns (table.columns.add) instead.
 */
import { OfficeWorkbookGateway } from '../../../addin/office';
import { FakeExcelHost } from '../../support/fake-excel';
import { tablePlans } from '../../fixtures/table-ledger';
import { fakeBookFromXlsx, tableLedger } from './table-books';

const OWNED = ['序号', '项目名称', '投资方', '总投资（亿元）', '签约时间', '所属单位', '项目编号', '旗帜', '预警原因'];

async function run(totals: boolean, apiVersion: string) {
  const host = new FakeExcelHost(await fakeBookFromXlsx(await tableLedger(totals)), { apiVersion });
  const gateway = new OfficeWorkbookGateway({ host: host.officeHost });
  const snapshots = await gateway.readSheets();
  const readTrips = host.roundTrips;
  const p = await tablePlans(gateway);
  host.resetCounters();
  await gateway.apply(p.ids);
  await gateway.apply(p.flags);
  return { host, snapshots, readTrips, applyTrips: host.roundTrips };
}

describe('Office gateway: lists kept as Excel tables', () => {
  test('tables are read in the same 2 round trips as the sheets; each apply stays at 2', async () => {
    const { snapshots, readTrips, applyTrips } = await run(true, '1.18');
    expect(readTrips).toBe(2);
    expect(snapshots.map((s) => [s.name, s.tables])).toEqual([
      ['重点线索', [{ name: '线索表', ref: 'A2:G6', totalsRow: true }]],
      ['签约项目', [{ name: '签约表', ref: 'A2:F5', totalsRow: true }]],
    ]);
    expect(applyTrips).toBe(4);
  });

  test('a table renamed since the read is left as it is: the plan is written, beside it', async () => {
    const host = new FakeExcelHost(await fakeBookFromXlsx(await tableLedger(true)), { apiVersion: '1.18' });
    const gateway = new OfficeWorkbookGateway({ host: host.officeHost });
    const p = await tablePlans(gateway);
    host.book.table('签约表')!.table.name = '改名';
    await gateway.apply(p.ids);
    expect(host.book.table('改名')!.table.ref).toBe('A2:F5');
    expect(host.book.value('签约项目', 2, 7)).toBe('项目编号');
  });

  test('ExcelApi 1.12 (no resize): the new owned and created columns are appended as table columns; a move above a totals row is inside', async () => {
    const { host } = await run(true, '1.12');
    const clue = host.book.table('线索表')!.table;
    expect(clue.columns).toEqual([...OWNED.slice(0, 4), '线索时间', '所属单位', '签约时间', '项目编号', '旗帜', '预警原因']);
    const signed = host.book.table('签约表')!.table;
    // The owned columns (ids plan) and 线索时间, the column the move created (flags plan), were appended, as resize names them.
    expect(signed.columns).toEqual([...OWNED, '线索时间']);
    expect(signed.ref).toBe('A2:J6');
    expect(host.book.value('签约项目', 5, 2)).toBe('锂电池正极材料项目');
    expect(host.book.value('签约项目', 6, 1)).toBe('合计');
  });

  test('ExcelApi 1.12, no totals row: the moved row lands right below the table, outside it (only resize could take it in)', async () => {
    const { host } = await run(false, '1.12');
    expect(host.book.table('签约表')!.table.ref).toBe('A2:J4');
    expect(host.book.value('签约项目', 5, 2)).toBe('锂电池正极材料项目');
  });
});
