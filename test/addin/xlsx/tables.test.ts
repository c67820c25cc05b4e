/**
 * Issue 16: a ledger kept as Excel tables. The owned columns (项目编号, 旗帜, 预警原因) become table columns — the
 * table is resized over them, header names set — instead of sitting beside the table, and a row moved into a list
 * lands inside its table, above the totals row, the table growing by that row. Through the .xlsx gateway, read back
 * from the saved file's xl/tables/*.xml.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { XlsxGateway } from '../../../addin/xlsx';
import { tableLedgerXlsx, tablePlans } from '../../fixtures/table-ledger';

async function tablesOf(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f))) {
    const xml = await zip.file(name)!.async('string');
    out.set(/ name="([^"]+)"/.exec(xml)![1]!, xml);
  }
  return out;
}

const columnsOf = (xml: string) => [...xml.matchAll(/<tableColumn [^>]*name="([^"]+)"/g)].map((m) => m[1]);
const refOf = (xml: string) => / ref="([^"]+)"/.exec(xml)![1];

describe('a ledger kept as Excel tables (.xlsx)', () => {
  let tables: Map<string, string>;
  let signed: ExcelJS.Worksheet;
  let clue: ExcelJS.Worksheet;
  let bytes: Uint8Array;

  beforeAll(async () => {
    const gateway = await XlsxGateway.load(await tableLedgerXlsx({ signedDate: '2026.3.2' }));
    const p = await tablePlans(gateway);
    await gateway.apply(p.ids);
    await gateway.apply(p.flags);
    bytes = await gateway.save();
    tables = await tablesOf(bytes);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as unknown as ArrayBuffer);
    signed = back.getWorksheet('签约项目')!;
    clue = back.getWorksheet('重点线索')!;
  });

  test('the owned columns are table columns: the table was resized over them, named by their headers', () => {
    expect(columnsOf(tables.get('签约表')!)).toEqual(['序号', '项目名称', '投资方', '总投资（亿元）', '签约时间', '所属单位', '项目编号', '旗帜', '预警原因', '线索时间']);
    expect(columnsOf(tables.get('线索表')!)).toEqual(['序号', '项目名称', '投资方', '总投资（亿元）', '线索时间', '所属单位', '签约时间', '项目编号', '旗帜', '预警原因']);
    expect(tables.get('签约表')!).toMatch(/<tableColumns count="10">/);
  });

  test('the moved row is inside the target table, above its totals row; the table grew by it and the one it left shrank', () => {
    // 签约表: header row 2, rows 3..5 (the moved row is 5), totals row 6.
    expect(refOf(tables.get('签约表')!)).toBe('A2:J6');
    expect([3, 4, 5, 6].map((r) => signed.getCell(r, 2).value)).toEqual(['高端板材深加工', '中药饮片加工项目', '锂电池正极材料项目', null]);
    expect(signed.getCell('A6').value).toBe('合计');
    expect(signed.getCell('D6').value).toMatchObject({ formula: 'SUBTOTAL(109,签约表[总投资（亿元）])' });
    expect(signed.getCell('A8').value).toBe('注：本表每周五前报县招商服务中心。');
    expect(signed.getCell('E5').value).toBe('2026.3.2');
    expect(signed.getCell('A5').value).toBe(3); // 序号 continues
    // 线索表 lost its first row: header 2, rows 3..4, totals 5.
    expect(refOf(tables.get('线索表')!)).toBe('A2:J5');
    expect(clue.getCell('B3').value).toBe('木业板材智能工厂');
    expect(clue.getCell('A5').value).toBe('合计');
  });

  test('the filter stops above the totals row; the moved row keeps its reason with the cycle days', () => {
    expect(tables.get('签约表')!).toMatch(/<autoFilter ref="A2:J5"/);
    expect(tables.get('线索表')!).toMatch(/<autoFilter ref="A2:J4"/);
    const reasonCol = 9;
    expect(signed.getCell(2, reasonCol).value).toBe('预警原因');
    expect(String(signed.getCell(5, reasonCol).value)).toContain('重点线索→签约项目 用时 49 天');
  });

  test('read again, the lists are found in their tables with the owned columns inside: nothing more to resize', async () => {
    const again = await XlsxGateway.load(bytes);
    const snapshots = await again.readSheets();
    expect(snapshots.find((s) => s.name === '签约项目')!.tables).toEqual([{ name: '签约表', ref: 'A2:J6', totalsRow: true }]);
    const p = await tablePlans(again, false);
    expect(p.ids.sheets.filter((s) => s.table)).toEqual([]);
    expect(p.flags.sheets.filter((s) => s.table)).toEqual([]);
  });
});
