/** Office mode's services over the fake Excel host: the workbook's real name goes to the backend; "go to cell" selects. */
import type { FetchLike } from '../../../../addin/app';
import { officeServices } from '../../../../addin/taskpane/hosts/office-host';
import { DEFAULT_SETTINGS } from '../../../../addin/taskpane/model';
import { FakeExcelHost } from '../../../support/fake-excel';
import { ledgerBook } from '../../office/workbook';

/** Records each request; answers /v1/sync with a 400 so the sync stops right after sending (no retries). */
function recordingFetch(onSync: () => void = () => undefined) {
  const bodies: unknown[] = [];
  const fetch: FetchLike = async (url, init) => {
    if (url.endsWith('/v1/sync')) {
      bodies.push(JSON.parse(init.body ?? 'null'));
      onSync();
    }
    const body = JSON.stringify({ error: { code: 'bad_request', message: { zh: '测试', en: 'test' } } });
    return { status: 400, headers: { get: (h: string) => (h.toLowerCase() === 'content-type' ? 'application/json' : null) }, text: async () => body };
  };
  return { fetch, bodies };
}

describe('officeServices', () => {
  test('sends the workbook name read through addin/office, re-read at each sync', async () => {
    const host = new FakeExcelHost(ledgerBook(8));
    host.book.name = '平邑县招商台账.xlsx';
    const { fetch, bodies } = recordingFetch();
    const services = officeServices('zh-CN', { host: host.officeHost, fetch, origin: 'https://localhost:3000' });
    const settings = { ...DEFAULT_SETTINGS, token: 't' };
    const hooks = { signal: new AbortController().signal, onStep: () => undefined, onProgress: () => undefined };
    // The backend's 400 stops each sync with its own code and bilingual message (not a network error, no retry).
    const refused = { name: 'ApiCallError', kind: 'http', status: 400, code: 'bad_request', msg: { zh: '测试', en: 'test' }, message: 'test' };
    await expect(services.sync(settings, hooks)).rejects.toMatchObject(refused);
    host.book.name = '平邑县招商台账（另存）.xlsx'; // Save As
    await expect(services.sync(settings, hooks)).rejects.toMatchObject(refused);
    expect(bodies.map((b) => (b as { workbook: { name: string } }).workbook.name)).toEqual(['平邑县招商台账.xlsx', '平邑县招商台账（另存）.xlsx']);
  });

  test('a sync reads name, settings and sheets in two round trips, then writes the ids in two', async () => {
    const host = new FakeExcelHost(ledgerBook(8));
    host.book.name = '平邑县招商台账.xlsx';
    const tripsAtSync: number[] = [];
    const { fetch, bodies } = recordingFetch(() => tripsAtSync.push(host.roundTrips));
    const services = officeServices('zh-CN', { host: host.officeHost, fetch, origin: 'https://localhost:3000' });
    const steps: string[] = [];
    const hooks = { signal: new AbortController().signal, onStep: (s: string) => void steps.push(s), onProgress: () => undefined };
    await expect(services.sync({ ...DEFAULT_SETTINGS, token: 't' }, hooks)).rejects.toMatchObject({ code: 'bad_request' });
    expect(tripsAtSync).toEqual([4]);
    expect(steps[0]).toBe('reading');
    expect((bodies[0] as { workbook: { name: string } }).workbook.name).toBe('平邑县招商台账.xlsx');
  });

  test('"go to cell" activates the sheet and selects the cell; a deleted sheet gives a GatewayError', async () => {
    const host = new FakeExcelHost(ledgerBook(8));
    const services = officeServices('zh-CN', { host: host.officeHost, fetch: recordingFetch().fetch, origin: 'https://localhost:3000' });
    await services.goToCell!('落地项目', 'C5');
    expect(host.book.selection).toEqual({ sheet: '落地项目', address: 'C5' });
    expect(host.book.activeSheet).toBe('落地项目');
    await expect(services.goToCell!('不存在', 'A1')).rejects.toMatchObject({ name: 'GatewayError', code: 'sheet_missing' });
  });
});
