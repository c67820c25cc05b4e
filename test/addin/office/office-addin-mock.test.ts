import { OfficeMockObject } from 'office-addin-mock';
import { OfficeWorkbookGateway } from '../../../addin/office';
import type { OfficeHost } from '../../../addin/office/host';
import { strict } from './strict-mock';

/** A workbook of office-addin-mock objects; context.sync syncs every mock handed out. */
function mockHost(sheets: Array<{ name: string; visibility: string; used: { values: unknown[][]; rowIndex: number; columnIndex: number } | null }>) {
  const created: OfficeMockObject[] = [];
  const track = (data: Record<string, unknown>) => {
    const mock = new OfficeMockObject(data);
    created.push(mock);
    return mock;
  };
  let syncs = 0;
  const items = sheets.map(({ name, visibility, used }) => {
    const range = track(used ? { ...used, isNullObject: false } : { isNullObject: true, values: [], rowIndex: 0, columnIndex: 0 });
    // As in Office.js, isNullObject is known after the sync of any load on an *OrNullObject result.
    (range as unknown as { setValue(k: string, v: unknown): void }).setValue('load', (props: string) => OfficeMockObject.prototype.load.call(range, `${props},isNullObject`));
    return track({ name, visibility, getUsedRangeOrNullObject: (valuesOnly: boolean) => {
      expect(valuesOnly).toBe(true);
      return range;
    } });
  });
  const worksheets = track({
    load(props: string) {
      // office-addin-mock cannot load through an array ("items/name"); load each item's own properties instead.
      const own = props.split(',').map((p) => p.trim().replace(/^items\//, ''));
      items.forEach((item) => item.load(own));
      (worksheets as unknown as { setValue(k: string, v: unknown): void }).setValue('items', items);
      OfficeMockObject.prototype.load.call(worksheets, 'items'); // readable only after the next sync
    },
  });
  // The workbook's Excel tables load with the sheet list (this workbook has none).
  const tables = track({
    load(props: string) {
      expect(props).toBe('items/name,items/showHeaders,items/showTotals,items/worksheet/name');
      (tables as unknown as { setValue(k: string, v: unknown): void }).setValue('items', []);
      OfficeMockObject.prototype.load.call(tables, 'items');
    },
  });
  // The context itself is plain: office-addin-mock's own sync would walk it; here sync syncs every mock handed out.
  const context = {
    workbook: { worksheets: strict(worksheets, 'worksheets'), tables: strict(tables, 'tables') },
    sync: async () => {
      syncs++;
      for (const mock of created) await mock.sync();
    },
  };
  const host: OfficeHost = {
    run: (batch) => batch(context as unknown as Excel.RequestContext),
    isSetSupported: () => false,
  };
  return { host, syncs: () => syncs };
}

describe('Office gateway with office-addin-mock (strict)', () => {
  test('readSheets loads everything it reads, in 2 syncs', async () => {
    const { host, syncs } = mockHost([
      { name: '重点线索', visibility: 'Visible', used: { values: [['项目名称', '总投资'], ['光伏项目', 2.3], ['', '#REF!']], rowIndex: 1, columnIndex: 0 } },
      { name: '空表', visibility: 'Hidden', used: null },
    ]);
    const snaps = await new OfficeWorkbookGateway({ host }).readSheets();
    expect(snaps).toEqual([
      { name: '重点线索', top: 2, left: 1, values: [['项目名称', '总投资'], ['光伏项目', 2.3], [null, null]], visible: true, cellErrors: [{ address: 'B4', error: '#REF!' }] },
      { name: '空表', top: 1, left: 1, values: [], visible: false },
    ]);
    expect(syncs()).toBe(2);
  });

  test('the strict wrapper fails on an unloaded property and on an unknown member', async () => {
    const range = strict(new OfficeMockObject({ values: [[1]], address: 'A1' }));
    expect(() => (range as unknown as { values: unknown }).values).toThrow(/not loaded/);
    expect(() => (range as unknown as { formulas: unknown }).formulas).toThrow(/not part of the mocked/);
    range.load('values');
    expect(() => (range as unknown as { values: unknown }).values).toThrow(/sync/);
    await range.sync();
    expect((range as unknown as { values: unknown }).values).toEqual([[1]]);
  });
});
