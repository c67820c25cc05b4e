/**
 * The sign-in decision logic against MSAL's client stubbed at its boundary (the IPublicClientApplication
 * methods the session calls): silent first, interactive only when MSAL says interaction is required, the
 * redirect flow's start, sign-out per flow, and the Office-dialog session's token lifetime.
 */
import type { AccountInfo, AuthenticationResult } from '@azure/msal-browser';
import {
  dialogSession,
  isInteractionRequired,
  msalSession,
  RENEW_BEFORE_MS,
  SignInError,
  SignInRequiredError,
  type MsalClient,
} from '../../../../addin/taskpane/auth/session';

const SCOPES = ['api://x/access_as_user'];
const account = (name = '王小红'): AccountInfo =>
  ({ homeAccountId: 'h', environment: 'e', tenantId: 't', localAccountId: 'l', username: 'wang@example.cn', name }) as AccountInfo;
const result = (token: string, acc: AccountInfo = account()): AuthenticationResult => ({ accessToken: token, account: acc, expiresOn: new Date(Date.now() + 3600_000) }) as AuthenticationResult;
/** MSAL's InteractionRequiredAuthError, by the shape the session recognises. */
const interaction = (code = 'interaction_required') => Object.assign(new Error(code), { name: 'InteractionRequiredAuthError', errorCode: code });

type Calls = Array<[string, unknown?]>;
function stub(over: Partial<MsalClient> = {}): MsalClient & { calls: Calls } {
  const calls: Calls = [];
  const rec =
    <A extends unknown[], R>(name: string, impl: (...a: A) => R) =>
    (...a: A): R => {
      calls.push([name, a[0]]);
      return impl(...a);
    };
  let active: AccountInfo | null = null;
  const base: MsalClient = {
    acquireTokenSilent: async () => result('silent'),
    acquireTokenPopup: async () => result('popup'),
    loginRedirect: async () => undefined,
    handleRedirectPromise: async () => null,
    getActiveAccount: () => active,
    setActiveAccount: (a) => void (active = a),
    getAllAccounts: () => [],
    logoutRedirect: async () => undefined,
    clearCache: async () => undefined,
  };
  const merged = { ...base, ...over };
  const wrapped = Object.fromEntries(Object.entries(merged).map(([k, f]) => [k, rec(k, f as (...a: unknown[]) => unknown)])) as unknown as MsalClient;
  return Object.assign(wrapped, { calls });
}
const names = (c: Calls) => c.map(([n]) => n).filter((n) => n !== 'setActiveAccount' && n !== 'getActiveAccount' && n !== 'getAllAccounts');

describe('interaction-required errors', () => {
  it('are recognised by name or by MSAL error code, nothing else', () => {
    expect(isInteractionRequired(interaction())).toBe(true);
    expect(isInteractionRequired({ errorCode: 'no_account_error' })).toBe(true);
    expect(isInteractionRequired({ errorCode: 'consent_required', name: 'ServerError' })).toBe(true);
    expect(isInteractionRequired({ errorCode: 'network_error' })).toBe(false);
    expect(isInteractionRequired(new TypeError('Failed to fetch'))).toBe(false);
    expect(isInteractionRequired(null)).toBe(false);
  });
});

describe('nested app auth session', () => {
  it('finds the Office user silently at start, and gets tokens silently', async () => {
    const pca = stub();
    const s = msalSession(pca, { flow: 'naa', scopes: SCOPES });
    await expect(s.start()).resolves.toEqual({ name: '王小红', username: 'wang@example.cn' });
    await expect(s.token()).resolves.toBe('silent');
    expect(names(pca.calls)).toEqual(['acquireTokenSilent', 'acquireTokenSilent']);
    expect(pca.calls[0]![1]).toEqual({ scopes: SCOPES });
    expect(pca.calls.find(([n], i) => n === 'acquireTokenSilent' && i > 0)![1]).toMatchObject({ scopes: SCOPES, account: account(), forceRefresh: false });
  });

  it('starts signed out when interaction is required, and signs in with the host’s popup on request', async () => {
    const pca = stub({ acquireTokenSilent: async () => { throw interaction('login_required'); } });
    const s = msalSession(pca, { flow: 'naa', scopes: SCOPES });
    await expect(s.start()).resolves.toBeNull();
    expect(s.user()).toBeNull();
    await expect(s.signIn()).resolves.toMatchObject({ name: '王小红' });
    expect(names(pca.calls)).toEqual(['acquireTokenSilent', 'acquireTokenPopup']);
  });

  it('goes interactive when a silent renewal needs interaction, and passes forceRefresh after a 401', async () => {
    let silent = 0;
    const pca = stub({
      acquireTokenSilent: async () => {
        silent++;
        if (silent === 2) throw interaction();
        return result(`silent-${silent}`);
      },
    });
    const s = msalSession(pca, { flow: 'naa', scopes: SCOPES });
    await s.start();
    await expect(s.token()).resolves.toBe('popup');
    await expect(s.token({ forceRefresh: true })).resolves.toBe('silent-3');
    expect(names(pca.calls)).toEqual(['acquireTokenSilent', 'acquireTokenSilent', 'acquireTokenPopup', 'acquireTokenSilent']);
    expect(pca.calls.filter(([n]) => n === 'acquireTokenSilent').at(-1)![1]).toMatchObject({ forceRefresh: true });
  });

  it('reports other failures as sign-in errors, never as interaction', async () => {
    const pca = stub({ acquireTokenSilent: async () => { throw Object.assign(new Error('x'), { errorCode: 'network_error', errorMessage: 'Network request failed' }); } });
    const s = msalSession(pca, { flow: 'naa', scopes: SCOPES });
    await expect(s.start()).rejects.toEqual(new SignInError('Network request failed'));
    await expect(s.token()).rejects.toBeInstanceOf(SignInError);
    expect(names(pca.calls)).not.toContain('acquireTokenPopup');
    const denied = stub({ acquireTokenSilent: async () => { throw interaction(); }, acquireTokenPopup: async () => { throw Object.assign(new Error('user_cancelled'), { errorCode: 'user_cancelled' }); } });
    await expect(msalSession(denied, { flow: 'naa', scopes: SCOPES }).signIn()).rejects.toEqual(new SignInError('user_cancelled'));
  });

  it('signs out by forgetting this add-in’s tokens (Office stays signed in)', async () => {
    const pca = stub();
    const s = msalSession(pca, { flow: 'naa', scopes: SCOPES });
    await s.start();
    await s.signOut();
    expect(s.user()).toBeNull();
    expect(names(pca.calls)).toEqual(['acquireTokenSilent', 'clearCache']);
    expect(pca.calls.at(-1)![1]).toEqual({ account: account() });
  });
});

describe('browser redirect session', () => {
  it('completes a redirect that just came back', async () => {
    const pca = stub({ handleRedirectPromise: async () => result('from-redirect', account('李四')) });
    const s = msalSession(pca, { flow: 'redirect', scopes: SCOPES });
    await expect(s.start()).resolves.toEqual({ name: '李四', username: 'wang@example.cn' });
    expect(pca.getActiveAccount()).toMatchObject({ name: '李四' });
  });

  it('otherwise takes an account MSAL already has, or starts signed out', async () => {
    const known = stub({ getAllAccounts: () => [account('老用户')] });
    await expect(msalSession(known, { flow: 'redirect', scopes: SCOPES }).start()).resolves.toMatchObject({ name: '老用户' });
    const none = stub();
    const s = msalSession(none, { flow: 'redirect', scopes: SCOPES });
    await expect(s.start()).resolves.toBeNull();
    await expect(s.token()).rejects.toBeInstanceOf(SignInRequiredError);
    expect(names(none.calls)).toEqual(['handleRedirectPromise']);
  });

  it('signs in with a redirect on request, never on its own', async () => {
    const pca = stub();
    const s = msalSession(pca, { flow: 'redirect', scopes: SCOPES });
    await s.start();
    await expect(s.signIn()).resolves.toBeNull();
    expect(names(pca.calls)).toEqual(['handleRedirectPromise', 'loginRedirect']);
    expect(pca.calls.at(-1)![1]).toEqual({ scopes: SCOPES });
  });

  it('turns "interaction required" during a sync into "sign in again" (a redirect would drop the open file)', async () => {
    const pca = stub({ getAllAccounts: () => [account()], acquireTokenSilent: async () => { throw interaction('refresh_token_expired'); } });
    const s = msalSession(pca, { flow: 'redirect', scopes: SCOPES });
    await s.start();
    await expect(s.token()).rejects.toBeInstanceOf(SignInRequiredError);
    expect(s.user()).toBeNull();
    expect(names(pca.calls)).not.toContain('acquireTokenRedirect');
    expect(names(pca.calls)).not.toContain('loginRedirect');
  });

  it('reports an identity provider error coming back from the redirect', async () => {
    const pca = stub({ handleRedirectPromise: async () => { throw Object.assign(new Error('x'), { errorMessage: 'AADSTS50105: user not assigned' }); } });
    await expect(msalSession(pca, { flow: 'redirect', scopes: SCOPES }).start()).rejects.toEqual(new SignInError('AADSTS50105: user not assigned'));
  });

  it('signs out with MSAL’s logout redirect back to the page', async () => {
    const pca = stub({ getAllAccounts: () => [account()] });
    const s = msalSession(pca, { flow: 'redirect', scopes: SCOPES, postLogoutRedirectUri: 'https://pane.example/taskpane.html' });
    await s.start();
    await s.signOut();
    expect(pca.calls.at(-1)).toEqual(['logoutRedirect', { account: account(), postLogoutRedirectUri: 'https://pane.example/taskpane.html' }]);
    expect(s.user()).toBeNull();
  });
});

describe('Office dialog session', () => {
  const reply = (token: string, expiresOn: number) => JSON.stringify({ type: 'token', accessToken: token, expiresOn, name: '王小红', username: 'wang@example.cn' });

  it('opens the dialog only when asked, and keeps the token until shortly before it expires', async () => {
    let now = 1_000_000;
    const opened: string[] = [];
    let n = 0;
    const s = dialogSession({
      dialogUrl: 'https://pane.example/auth-dialog.html',
      open: async (url) => (opened.push(url), reply(`t${++n}`, now + 3600_000)),
      now: () => now,
    });
    await expect(s.start()).resolves.toBeNull();
    expect(opened).toEqual([]);
    await expect(s.signIn()).resolves.toEqual({ name: '王小红', username: 'wang@example.cn' });
    await expect(s.token()).resolves.toBe('t1');
    now += 3600_000 - RENEW_BEFORE_MS - 1;
    await expect(s.token()).resolves.toBe('t1');
    now += 2;
    await expect(s.token()).resolves.toBe('t2');
    await expect(s.token({ forceRefresh: true })).resolves.toBe('t3');
    expect(opened.map((u) => new URL(u).searchParams.get('action'))).toEqual(['signin', 'refresh', 'refresh']);
  });

  it('reports a failed or closed dialog as a sign-in error, and signs out through the dialog', async () => {
    const closed = dialogSession({ dialogUrl: 'https://pane.example/auth-dialog.html', open: async () => { throw Object.assign(new Error('dialog event 12006'), { name: 'DialogClosedError' }); } });
    await expect(closed.signIn()).rejects.toEqual(new SignInError('dialog event 12006'));
    const refused = dialogSession({ dialogUrl: 'https://pane.example/auth-dialog.html', open: async () => JSON.stringify({ type: 'error', detail: 'AADSTS65001 consent' }) });
    await expect(refused.token()).rejects.toEqual(new SignInError('AADSTS65001 consent'));
    const garbled = dialogSession({ dialogUrl: 'https://pane.example/auth-dialog.html', open: async () => 'not json' });
    await expect(garbled.signIn()).rejects.toBeInstanceOf(SignInError);

    const opened: string[] = [];
    const s = dialogSession({
      dialogUrl: 'https://pane.example/auth-dialog.html',
      open: async (url) => (opened.push(url), url.includes('signout') ? JSON.stringify({ type: 'signedOut' }) : reply('t', Date.now() + 3600_000)),
    });
    await s.signIn();
    await s.signOut();
    expect(s.user()).toBeNull();
    expect(opened.at(-1)).toBe('https://pane.example/auth-dialog.html?action=signout');
  });
});
