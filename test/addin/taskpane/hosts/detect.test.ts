/** Host detection: the pane's decision (host.ts) over what addin/office/ready.ts reads from stand-in Office globals. */
import { officeReady } from '../../../../addin/office/ready';
import { detectHost, openedByOffice } from '../../../../addin/taskpane/hosts/detect';

const probe = (g: unknown) => () => officeReady(g);

describe('host detection', () => {
  it('is Office mode when Office.onReady reports Excel, with Office’s display language', async () => {
    const Office = { onReady: async () => ({ host: 'Excel' }), context: { displayLanguage: 'en-US' } };
    await expect(detectHost(probe({ Office }), 'zh-CN')).resolves.toEqual({ mode: 'office', displayLanguage: 'en-US' });
    // Excel that names no display language: Chinese, the pane's default.
    await expect(detectHost(probe({ Office: { onReady: async () => ({ host: 'Excel' }) } }), 'en-GB')).resolves.toEqual({ mode: 'office', displayLanguage: 'zh-CN' });
  });

  it('is file mode, in the browser’s language, without Office.js or when Office.js runs outside Excel', async () => {
    await expect(detectHost(probe({}), 'en-GB')).resolves.toEqual({ mode: 'file', displayLanguage: 'en-GB' });
    const Office = { onReady: async () => ({ host: null }), context: {} };
    await expect(detectHost(probe({ Office }), 'zh-CN')).resolves.toEqual({ mode: 'file', displayLanguage: 'zh-CN' });
    await expect(detectHost(probe({ Office: { onReady: async () => ({ host: 'Word' }) } }), 'zh-CN')).resolves.toEqual({ mode: 'file', displayLanguage: 'zh-CN' });
    await expect(detectHost(probe({ Office: { onReady: () => Promise.reject(new Error('x')) } }), 'zh-TW')).resolves.toEqual({ mode: 'file', displayLanguage: 'zh-TW' });
    // A probe that itself throws is file mode too (never an unhandled rejection at start-up).
    await expect(detectHost(() => Promise.reject(new Error('boom')), 'en-US')).resolves.toEqual({ mode: 'file', displayLanguage: 'en-US' });
  });

  it('gives up waiting when Office.onReady never answers (office.js loaded outside Office)', async () => {
    const never = { Office: { onReady: () => new Promise<never>(() => undefined) } };
    await expect(detectHost(probe(never), 'en-US', 5)).resolves.toEqual({ mode: 'file', displayLanguage: 'en-US' });
  });

  it('knows from the URL alone whether Office opened the pane (office.js is loaded only then)', () => {
    expect(openedByOffice('?host=office')).toBe(true); // manifest.xml's SourceLocation
    expect(openedByOffice('?_host_Info=Excel$Win32$16.01$zh-CN$$$$0')).toBe(true); // added by Office
    expect(openedByOffice('?host=office&_host_Info=Excel$Web$16.01$en-US$$$$0&token=t')).toBe(true);
    expect(openedByOffice('')).toBe(false); // the local stack's /, a plain browser, WPS
    expect(openedByOffice('?token=t')).toBe(false);
    expect(openedByOffice('?host=excel')).toBe(false);
  });
});
