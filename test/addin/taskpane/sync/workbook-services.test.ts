import ExcelJS from 'exceljs';
import type { SyncOutcome as CoreOutcome } from '../../../../addin/app';
import { XlsxGateway } from '../../../../addin/xlsx';
import { DEFAULT_SETTINGS } from '../../../../addin/taskpane/model';
import { describeLayout, fromWorkbookSettings, toPaneOutcome, toWorkbookSettings, workbookServices } from '../../../../addin/taskpane/sync/workbook-services';

function ledger(): XlsxGateway {
  const wb = new ExcelJS.Workbook();
  const clues = wb.addWorksheet('重点线索');
  clues.addRow(['平邑县2026年重点招商线索台账']);
  clues.addRow(['序号', '项目名称', '投资方', '总投资（亿元）', '线索时间', '备注栏']);
  clues.addRow([1, '光伏组件', '某新能源', 2.3, '2026.3.5', '']);
  const signed = wb.addWorksheet('签约');
  signed.addRow(['项目名称', '签约时间']);
  wb.addWorksheet('说明').addRow(['填表说明']);
  return XlsxGateway.of(wb);
}

describe('workbook services', () => {
  it('describes each sheet: its list, header row and columns (unknown headers unmapped)', async () => {
    const layout = describeLayout(await ledger().readSheets(), {});
    expect(layout.map((s) => [s.name, s.list, s.headerRow])).toEqual([
      ['重点线索', 'clue', 2],
      ['签约', 'signed', 1],
      ['说明', null, null],
    ]);
    const cols = layout[0]!.columns;
    expect(cols.find((c) => c.header === '项目名称')).toEqual({ col: 'B', header: '项目名称', field: 'name' });
    expect(cols.find((c) => c.header.startsWith('总投资'))?.field).toBe('amount');
    expect(cols.find((c) => c.header === '备注栏')?.field).toBeNull();
  });

  it('applies the clerk’s corrections: a sheet that is not a list, a column mapped by hand', async () => {
    const gw = ledger();
    const layout = describeLayout(await gw.readSheets(), { mapping: { 重点线索: 'clue' }, headerOverrides: { 重点线索: { F: 'problem', C: 'ignore' } } });
    expect(layout.find((s) => s.name === '签约')?.list).toBeNull();
    const cols = layout[0]!.columns;
    expect(cols.find((c) => c.col === 'F')?.field).toBe('problem');
    expect(cols.find((c) => c.col === 'C')?.field).toBeNull();
  });

  it('saves settings in the workbook without the token and without "not a list"', async () => {
    const gw = ledger();
    const services = workbookServices({
      mode: 'file',
      displayLanguage: 'zh-CN',
      gateway: () => gw,
      workbookName: () => 'a.xlsx',
      defaultApiUrl: 'http://127.0.0.1:1',
      fetch: async () => { throw new Error('no network in this test'); },
      fallbackToken: async () => '',
    });
    const settings = { ...DEFAULT_SETTINGS, token: 'secret', tintName: true, apiUrl: 'https://flags.example', mapping: { 重点线索: 'clue' as const, 签约: null } };
    await services.saveSettings(settings);
    const stored = await gw.readSettings();
    expect(stored).toMatchObject({ tintName: true, autoMoveRows: false, apiUrl: 'https://flags.example', mapping: { 重点线索: 'clue' } });
    expect(JSON.stringify(stored)).not.toContain('secret');
    const loaded = await services.loadSettings();
    expect(loaded.settings).toMatchObject({ tintName: true, apiUrl: 'https://flags.example', token: '' });
    expect(toWorkbookSettings(loaded.settings).mapping).toEqual({ 重点线索: 'clue' });
  });

  it('reports a missing workbook as "open a file first", and defaults before one is opened', async () => {
    const services = workbookServices({
      mode: 'file', displayLanguage: 'zh-CN', gateway: () => null, workbookName: () => '', defaultApiUrl: '', fallbackToken: async () => '',
      fetch: async () => { throw new Error('unused'); },
    });
    await expect(services.loadSettings()).resolves.toEqual({ settings: DEFAULT_SETTINGS, lastSync: null });
    await expect(services.describe(DEFAULT_SETTINGS)).resolves.toBeNull();
    await expect(services.sync(DEFAULT_SETTINGS, { signal: new AbortController().signal, onStep() {}, onProgress() {} })).rejects.toMatchObject({ name: 'NoWorkbookError' });
    expect(fromWorkbookSettings({ lastSync: '2026-01-01T00:00:00Z' }).lastSync).toBe('2026-01-01T00:00:00Z');
  });

  it('turns core’s outcome into the summary the pane shows', () => {
    const core = {
      rows: 12, red: 1, yellow: 2,
      transitions: [{ id: 'P-1', name: 'A', sheet: '重点线索', row: 3, from: 'clue', to: 'signed', on: '2026-03-01' }],
      pendingMoves: [{ id: 'P-1', name: 'A', from: { sheet: '重点线索', row: 3, list: 'clue' }, to: { list: 'signed', sheet: '签约', row: null }, cycleDays: 50 }],
      moved: [],
      flagged: [{ id: 'P-2', name: 'B', sheet: '签约', row: 6, cell: 'B6', level: 'red', reasons: [{ zh: '签约后200天仍未开工', en: 'Not started 200 days after signing' }] }],
      errors: [{ sheet: '重点线索', row: 4, cell: 'E4', field: 'clueDate', message: { zh: '日期无效', en: 'bad date' } }],
      headerIssues: [{ sheet: '重点线索', cell: 'F2', header: '备注栏', kind: 'unmapped', message: { zh: '无法识别', en: 'unknown' } }],
      sheetsWithoutHeader: [{ sheet: '投产', message: { zh: '找不到表头', en: 'no header' } }],
      missing: [],
    } as unknown as CoreOutcome;
    const o = toPaneOutcome(core, '2026-03-06T00:00:00Z');
    expect(o).toMatchObject({ rows: 12, red: 1, yellow: 2, transitions: 1, movedAutomatically: 0, at: '2026-03-06T00:00:00Z' });
    expect(o.moves).toEqual([{ id: 'P-1', name: 'A', from: 'clue', to: 'signed', sheet: '重点线索', row: 3, cycleDays: 50 }]);
    expect(o.errors.map((e) => `${e.sheet}!${e.cell}`)).toEqual(['投产!A1', '重点线索!F2', '重点线索!E4']);
    // The red and yellow projects with their reasons, at their name cells (issue 20).
    expect(o.flagged).toEqual([{ id: 'P-2', name: 'B', sheet: '签约', cell: 'B6', level: 'red', reasons: [{ zh: '签约后200天仍未开工', en: 'Not started 200 days after signing' }] }]);
  });
});
