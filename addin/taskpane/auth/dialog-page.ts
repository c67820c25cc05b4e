/**
 * auth-dialog.html: opened by the task pane with Office's dialog API where Excel lacks nested app auth. Runs
 * MSAL's redirect flow in the dialog (the sign-in page cannot be framed in the pane) and messages the access
 * token — or a sign-out confirmation, or an error — back to the pane as JSON (session.ts DialogReply).
 * ?action=signin|refresh|signout is read on the first load; after the identity provider redirects back, MSAL
 * returns to that same address and handleRedirectPromise completes the sign-in. An entry of its own (composition
 * root), so it takes its two Office calls straight from addin/office.
 */
import type { AuthenticationResult } from '@azure/msal-browser';
import { createMsalClient, pageUri } from './msal-client';
import { messageParent } from '../../office/dialog-reply';
import { officeReady } from '../../office/ready';
import { loadRuntimeConfig } from './runtime-config';
import { isInteractionRequired, type DialogReply } from './session';

function reply(r: DialogReply): void {
  if (!messageParent(JSON.stringify(r))) {
    document.body.textContent = r.type === 'error' ? `登录失败 Sign-in failed: ${r.detail}` : '完成，可以关闭此窗口。Done; you may close this window.';
  }
}

function tokenReply(r: AuthenticationResult): DialogReply {
  return {
    type: 'token',
    accessToken: r.accessToken,
    expiresOn: r.expiresOn ? r.expiresOn.getTime() : Date.now() + 5 * 60_000,
    name: r.account?.name ?? '',
    username: r.account?.username ?? '',
  };
}

async function run(): Promise<void> {
  await officeReady();
  const config = await loadRuntimeConfig((url) => fetch(url, { cache: 'no-store' }));
  if (config.kind !== 'cloud') return reply({ type: 'error', detail: 'deployment.json not found' });
  const pca = await createMsalClient(config, 'standard', pageUri());
  const back = await pca.handleRedirectPromise();
  if (back) return reply(tokenReply(back));

  const action = new URLSearchParams(location.search).get('action') ?? 'signin';
  const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? null;
  if (action === 'signout') {
    await pca.clearCache(account ? { account } : {});
    return reply({ type: 'signedOut' });
  }
  if (account) {
    try {
      return reply(tokenReply(await pca.acquireTokenSilent({ scopes: config.scopes, account, forceRefresh: action === 'refresh' })));
    } catch (err) {
      if (!isInteractionRequired(err)) throw err;
    }
  }
  await pca.loginRedirect({ scopes: config.scopes, ...(account ? { loginHint: account.username } : {}) });
}

run().catch((err: unknown) => {
  const e = err as { errorMessage?: string; message?: string } | null;
  reply({ type: 'error', detail: String(e?.errorMessage || e?.message || err).split('\n')[0]!.slice(0, 160) });
});
