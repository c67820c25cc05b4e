/**
 * How the entry wires sign-in: which session each host gets (without loading MSAL where it is not needed),
 * MSAL's configuration for Entra and for other OpenID providers, and the services calling the deployment's
 * API through the bearer transport once connected.
 */
import ExcelJS from 'exceljs';
import { officeCapabilities, openDialog } from '../../../../addin/office/dialog';
import { apiAccess, createPaneAuth, type OfficeAuthPorts } from '../../../../addin/taskpane/auth';
import { msalConfiguration, pageUri } from '../../../../addin/taskpane/auth/msal-client';
import { parseDeployment } from '../../../../addin/taskpane/auth/runtime-config';
import type { AuthSession } from '../../../../addin/taskpane/auth/session';
import { DEFAULT_SETTINGS } from '../../../../addin/taskpane/model';
import { workbookServices } from '../../../../addin/taskpane/sync/workbook-services';
import { XlsxGateway } from '../../../../addin/xlsx';

const entra = parseDeployment({
  apiBaseUrl: 'https://api.example/prod',
  authority: 'https://login.microsoftonline.com/tenant-1',
  clientId: 'client-1',
  scopes: ['api://pane.example/client-1/access_as_user'],
});

/** Sign-in's Office ports (addin/office/dialog.ts) over a stand-in Office global, as the entry injects them. */
const officeOver = (Office: unknown): OfficeAuthPorts => ({ capabilities: () => officeCapabilities({ Office }), openDialog: (url) => openDialog(url, { Office }) });

describe('createPaneAuth', () => {
  it('is the local dev token, without a session, when there is no deployment.json', async () => {
    await expect(createPaneAuth({ kind: 'local' }, 'office', { pageUrl: 'https://localhost:3000/taskpane.html' })).resolves.toEqual({ flow: 'local', session: null, access: null });
  });

  it('gives Excel without nested app auth the dialog session, opening auth-dialog.html next to the pane', async () => {
    const opened: string[] = [];
    const office = officeOver({
      context: {
        requirements: { isSetSupported: (name: string) => name === 'DialogApi' },
        ui: {
          displayDialogAsync: (url: string, _o: unknown, cb: (r: unknown) => void) => {
            opened.push(url);
            cb({ status: 'succeeded', value: { addEventHandler: (t: string, h: (a: unknown) => void) => t === 'dialogMessageReceived' && h({ message: JSON.stringify({ type: 'token', accessToken: 'tk', expiresOn: Date.now() + 3600_000, name: '王', username: 'w@x' }) }), close: () => undefined } });
          },
        },
      },
    });
    const auth = await createPaneAuth(entra, 'office', { office, pageUrl: 'https://pane.example/taskpane.html?x=1' });
    expect(auth.flow).toBe('dialog');
    await expect(auth.session!.signIn()).resolves.toEqual({ name: '王', username: 'w@x' });
    expect(opened).toEqual(['https://pane.example/auth-dialog.html?action=signin']);
    expect(auth.access?.apiUrl).toBe('https://api.example/prod');
  });

  it('falls back to the dialog when Excel claims nested app auth but MSAL cannot reach its bridge', async () => {
    // Here MSAL's NAA client is created for real and fails (no Office bridge in Node).
    const office = officeOver({ context: { requirements: { isSetSupported: () => true }, ui: { displayDialogAsync: () => undefined } } });
    const auth = await createPaneAuth(entra, 'office', { office, pageUrl: 'https://pane.example/taskpane.html' });
    expect(auth.flow).toBe('dialog');
    expect(auth.session?.flow).toBe('dialog');
  });

  it('says "unsupported" for Excel with neither nested app auth nor dialogs', async () => {
    const office = officeOver({ context: { requirements: { isSetSupported: () => false } } });
    await expect(createPaneAuth(entra, 'office', { office, pageUrl: 'https://pane.example/taskpane.html' })).resolves.toEqual({ flow: 'unsupported', session: null, access: null });
    // Office mode without Office's ports injected can only be "unsupported" too (never a redirect inside Excel).
    await expect(createPaneAuth(entra, 'office', { pageUrl: 'https://pane.example/taskpane.html' })).resolves.toEqual({ flow: 'unsupported', session: null, access: null });
  });
});

describe('MSAL configuration', () => {
  it('Entra: AAD protocol, the authority’s host known (no instance discovery), the page as redirect URI, localStorage cache', () => {
    expect(msalConfiguration(entra, 'https://pane.example/taskpane.html')).toEqual({
      auth: {
        clientId: 'client-1',
        authority: 'https://login.microsoftonline.com/tenant-1',
        knownAuthorities: ['login.microsoftonline.com'],
        redirectUri: 'https://pane.example/taskpane.html',
        postLogoutRedirectUri: 'https://pane.example/taskpane.html',
      },
      cache: { cacheLocation: 'localStorage' },
      system: { protocolMode: 'AAD' },
    });
  });

  it('another OpenID provider: OIDC protocol with its host known', () => {
    const other = parseDeployment({ apiBaseUrl: 'https://api.example', authority: 'https://idp.example:8443/realm', clientId: 'c', scopes: ['s'] });
    expect(msalConfiguration(other, 'https://p/x.html')).toMatchObject({ auth: { knownAuthorities: ['idp.example:8443'] }, system: { protocolMode: 'OIDC' } });
    expect(pageUri({ origin: 'https://pane.example', pathname: '/taskpane.html' })).toBe('https://pane.example/taskpane.html');
  });
});

describe('services connected to a cloud deployment', () => {
  function session(tokens: string[]): AuthSession & { asked: number } {
    const s = {
      asked: 0,
      flow: 'redirect' as const,
      start: async () => null,
      signIn: async () => null,
      signOut: async () => undefined,
      user: () => null,
      token: async () => tokens[Math.min(s.asked++, tokens.length - 1)]!,
    };
    return s;
  }

  function gateway(): XlsxGateway {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('重点线索');
    ws.addRow(['项目名称', '所属单位', '包联领导', '线索时间', '本周进展']);
    ws.addRow(['光伏组件', '仲村镇', '王明远', '2026-03-05', '洽谈']);
    return XlsxGateway.of(wb);
  }

  it('send sync and /v1/me to the deployment’s API with the session’s token, never the workbook’s URL or a dev token', async () => {
    const seen: Array<{ url: string; auth: string | undefined }> = [];
    let devTokenAsked = 0;
    const services = workbookServices({
      mode: 'file',
      displayLanguage: 'zh-CN',
      gateway: gateway,
      workbookName: () => 'a.xlsx',
      defaultApiUrl: 'https://pane.example',
      fetch: async (url, init) => {
        seen.push({ url, auth: init.headers.authorization });
        if (url.endsWith('/v1/me')) return { status: 200, headers: { get: () => null }, text: async () => JSON.stringify({ role: 'leader', units: [] }) };
        // Only the transport is under test here: the backend refuses, and the request is what we look at.
        const error = { error: { code: 'bad_request', message: { zh: '测试', en: 'test' } } };
        return { status: 400, headers: { get: () => null }, text: async () => JSON.stringify(error) };
      },
      fallbackToken: async () => (devTokenAsked++, 'dev'),
    });
    const s = session(['cloud-1']);
    services.connect!(apiAccess(entra, s));
    const settings = { ...DEFAULT_SETTINGS, apiUrl: 'https://elsewhere.example', token: 'typed' };
    await expect(services.whoAmI!(settings)).resolves.toEqual({ kind: 'ok', me: { name: '', email: '', role: 'leader', units: [] } });
    await expect(services.sync(settings, { signal: new AbortController().signal, onStep: () => undefined, onProgress: () => undefined })).rejects.toMatchObject({ status: 400 });
    expect(seen.map((r) => r.url.replace(/^.*\/v1\//, ''))).toEqual(['me', 'sync']);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const r of seen) {
      expect(r.url.startsWith('https://api.example/prod/v1/')).toBe(true);
      expect(r.auth).toBe('Bearer cloud-1');
    }
    expect(devTokenAsked).toBe(0);
  });
});
