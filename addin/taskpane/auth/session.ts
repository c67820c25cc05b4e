/**
 * Sign-in sessions over MSAL (nested app auth or the browser redirect flow) and over the Office dialog.
 * MSAL is used only through the narrow `MsalClient` slice of IPublicClientApplication (type import only), so
 * this decision logic — silent first, interactive when MSAL says interaction is required, one forced renewal
 * after a 401 — is unit-tested against a stub, and the MSAL code itself loads only in cloud mode.
 */
import type { AccountInfo, AuthenticationResult, IPublicClientApplication } from '@azure/msal-browser';

export interface SignedInUser {
  /** Display name (the token's `name`), or the username when there is none. */
  name: string;
  /** Sign-in name / email (preferred_username). */
  username: string;
}

export interface TokenSource {
  /** A valid access token for the API; `forceRefresh` skips the cache (after the API said 401). */
  token(opts?: { forceRefresh?: boolean }): Promise<string>;
}

export interface AuthSession extends TokenSource {
  readonly flow: 'naa' | 'dialog' | 'redirect';
  /** At start: completes a redirect that just came back, or finds an existing sign-in without asking. */
  start(): Promise<SignedInUser | null>;
  /** Interactive sign-in. The redirect flow navigates away (the promise then never matters). */
  signIn(): Promise<SignedInUser | null>;
  signOut(): Promise<void>;
  user(): SignedInUser | null;
}

/** The clerk must sign in (again) before the pane can call the API. */
export class SignInRequiredError extends Error {
  constructor() {
    super('Sign-in required');
    this.name = 'SignInRequiredError';
  }
}

/** A sign-in that failed (identity provider error, dialog blocked…), with its provider's short detail. */
export class SignInError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'SignInError';
  }
}

export type MsalClient = Pick<
  IPublicClientApplication,
  | 'acquireTokenSilent'
  | 'acquireTokenPopup'
  | 'loginRedirect'
  | 'handleRedirectPromise'
  | 'getActiveAccount'
  | 'setActiveAccount'
  | 'getAllAccounts'
  | 'logoutRedirect'
  | 'clearCache'
>;

/** MSAL error codes meaning "a user interaction is needed", whatever class carries them. */
const INTERACTION_CODES = new Set([
  'interaction_required',
  'consent_required',
  'login_required',
  'no_tokens_found',
  'no_account_error',
  'refresh_token_expired',
  'bad_token',
  'native_account_unavailable',
  'ux_not_allowed',
]);

/** Recognised by shape, not instanceof, so callers need not load MSAL to classify its errors. */
export function isInteractionRequired(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; errorCode?: unknown };
  return e.name === 'InteractionRequiredAuthError' || (typeof e.errorCode === 'string' && INTERACTION_CODES.has(e.errorCode));
}

export function userOf(account: Pick<AccountInfo, 'name' | 'username'> | null | undefined): SignedInUser | null {
  if (!account) return null;
  const username = account.username ?? '';
  return { name: account.name?.trim() || username, username };
}

function detailOf(err: unknown): string {
  const e = err as { errorMessage?: unknown; message?: unknown; errorCode?: unknown } | null;
  const text = String(e?.errorMessage || e?.message || e?.errorCode || err).split('\n')[0]!;
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

export interface MsalSessionOptions {
  flow: 'naa' | 'redirect';
  scopes: string[];
  /** Where the redirect flow returns after sign-out (the page itself). */
  postLogoutRedirectUri?: string;
}

export function msalSession(pca: MsalClient, o: MsalSessionOptions): AuthSession {
  let account: AccountInfo | null = null;
  const remember = (r: AuthenticationResult): string => {
    if (r.account) {
      account = r.account;
      pca.setActiveAccount(r.account);
    }
    return r.accessToken;
  };
  const interactive = async (): Promise<string> => {
    if (o.flow === 'redirect') {
      // A redirect would drop the workbook opened in this page; the clerk signs in again by choice.
      account = null;
      throw new SignInRequiredError();
    }
    try {
      return remember(await pca.acquireTokenPopup({ scopes: o.scopes }));
    } catch (err) {
      throw new SignInError(detailOf(err));
    }
  };

  return {
    flow: o.flow,
    async start() {
      if (o.flow === 'redirect') {
        let back: AuthenticationResult | null;
        try {
          back = await pca.handleRedirectPromise();
        } catch (err) {
          throw new SignInError(detailOf(err));
        }
        if (back) remember(back);
        else account = pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? null;
        if (account) pca.setActiveAccount(account);
        return userOf(account);
      }
      // Nested app auth: Office is already signed in; a silent token tells us who, without a prompt.
      try {
        remember(await pca.acquireTokenSilent({ scopes: o.scopes }));
      } catch (err) {
        if (isInteractionRequired(err)) return null;
        throw new SignInError(detailOf(err));
      }
      return userOf(account);
    },
    async signIn() {
      if (o.flow === 'redirect') {
        await pca.loginRedirect({ scopes: o.scopes });
        return null;
      }
      await interactive();
      return userOf(account);
    },
    async token(opts = {}) {
      if (o.flow === 'redirect' && !account) throw new SignInRequiredError();
      try {
        return remember(await pca.acquireTokenSilent({ scopes: o.scopes, ...(account ? { account } : {}), forceRefresh: opts.forceRefresh === true }));
      } catch (err) {
        if (isInteractionRequired(err)) return interactive();
        throw new SignInError(detailOf(err));
      }
    },
    async signOut() {
      const was = account;
      account = null;
      pca.setActiveAccount(null);
      if (o.flow === 'redirect') {
        await pca.logoutRedirect({ ...(was ? { account: was } : {}), ...(o.postLogoutRedirectUri ? { postLogoutRedirectUri: o.postLogoutRedirectUri } : {}) });
      } else {
        // Nested app auth has no sign-out of Office itself: forget this add-in's tokens.
        await pca.clearCache(was ? { account: was } : {});
      }
    },
    user: () => userOf(account),
  };
}

/** What the sign-in dialog (auth-dialog.ts) sends back to the task pane, as JSON. */
export type DialogReply =
  | { type: 'token'; accessToken: string; expiresOn: number; name: string; username: string }
  | { type: 'signedOut' }
  | { type: 'error'; detail: string };

export function parseDialogReply(text: string): DialogReply {
  try {
    const v = JSON.parse(text) as Partial<Record<string, unknown>>;
    if (v.type === 'token' && typeof v.accessToken === 'string' && typeof v.expiresOn === 'number') {
      return { type: 'token', accessToken: v.accessToken, expiresOn: v.expiresOn, name: String(v.name ?? ''), username: String(v.username ?? '') };
    }
    if (v.type === 'signedOut') return { type: 'signedOut' };
    if (v.type === 'error') return { type: 'error', detail: String(v.detail ?? '') };
  } catch {
    /* fall through */
  }
  return { type: 'error', detail: 'unreadable reply from the sign-in dialog' };
}

/** Renew this long before expiry, so a token never expires in the middle of a sync's chunks. */
export const RENEW_BEFORE_MS = 5 * 60_000;

export interface DialogSessionOptions {
  /** auth-dialog.html's absolute URL (Office requires https and the add-in's domain). */
  dialogUrl: string;
  /** Opens the dialog and resolves with its first message (addin/office/dialog.ts openDialog). */
  open(url: string): Promise<string>;
  now?: () => number;
}

/**
 * Excel without nested app auth: MSAL runs in the dialog (which keeps its own cache and refresh token);
 * the pane keeps the access token in memory until shortly before it expires, then asks the dialog again —
 * which answers silently when its cache can, and shows the sign-in page only when it must.
 */
export function dialogSession(o: DialogSessionOptions): AuthSession {
  const now = o.now ?? Date.now;
  let held: { accessToken: string; expiresOn: number; user: SignedInUser } | null = null;
  const ask = async (action: 'signin' | 'refresh' | 'signout'): Promise<DialogReply> => {
    const url = new URL(o.dialogUrl);
    url.searchParams.set('action', action);
    let reply: DialogReply;
    try {
      reply = parseDialogReply(await o.open(url.href));
    } catch (err) {
      throw new SignInError(detailOf(err));
    }
    if (reply.type === 'error') throw new SignInError(reply.detail);
    return reply;
  };
  const fetchToken = async (action: 'signin' | 'refresh'): Promise<string> => {
    const reply = await ask(action);
    if (reply.type !== 'token') throw new SignInError('the sign-in dialog returned no token');
    held = { accessToken: reply.accessToken, expiresOn: reply.expiresOn, user: { name: reply.name || reply.username, username: reply.username } };
    return reply.accessToken;
  };
  return {
    flow: 'dialog',
    // A dialog may not open without the clerk's action, so nothing happens at start.
    start: async () => null,
    async signIn() {
      await fetchToken('signin');
      return held?.user ?? null;
    },
    async token(opts = {}) {
      if (held && !opts.forceRefresh && held.expiresOn - RENEW_BEFORE_MS > now()) return held.accessToken;
      return fetchToken(opts.forceRefresh || held ? 'refresh' : 'signin');
    },
    async signOut() {
      held = null;
      await ask('signout');
    },
    user: () => held?.user ?? null,
  };
}
