import { detectHost } from '../../../addin/taskpane/host';

describe('host detection', () => {
  it('is Office mode when Office.onReady reports Excel, with Office’s display language', async () => {
    const Office = { onReady: async () => ({ host: 'Excel' }), context: { displayLanguage: 'en-US' } };
    await expect(detectHost({ Office, navigator: { language: 'zh-CN' } })).resolves.toEqual({ mode: 'office', displayLanguage: 'en-US' });
  });

  it('is file mode without Office.js, or when Office.js runs outside Excel', async () => {
    await expect(detectHost({ navigator: { language: 'en-GB' } })).resolves.toEqual({ mode: 'file', displayLanguage: 'en-GB' });
    const Office = { onReady: async () => ({ host: null }), context: {} };
    await expect(detectHost({ Office, navigator: { language: 'zh-CN' } })).resolves.toEqual({ mode: 'file', displayLanguage: 'zh-CN' });
    const Word = { onReady: async () => ({ host: 'Word' }) };
    await expect(detectHost({ Office: Word })).resolves.toMatchObject({ mode: 'file' });
    const broken = { onReady: () => Promise.reject(new Error('x')) };
    await expect(detectHost({ Office: broken })).resolves.toMatchObject({ mode: 'file' });
  });
});
