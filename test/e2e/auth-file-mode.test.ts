/**
 * Sign-in end to end in the browser file mode: the built task pane, given a deployment.json that points it at
 * a fake OpenID Connect provider (test/support/fake-idp) and at an API that checks tokens with jose, signs in
 * with MSAL's redirect flow, shows the signed-in name, sends the bearer token on every API call, renews it once
 * after a 401, shows role and units (or the 403 advice) in Settings, and signs out. Without deployment.json
 * (the local stack) there is no sign-in step and MSAL is never loaded. Offline: every other request is refused.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { buildSample } from '../../addin/cli/sample';
import { startApiProxy, type ApiProxy } from '../support/fake-idp/api-proxy';
import { startFakeIdp, type FakeIdp, type IdpUser } from '../support/fake-idp';
import { ARTIFACTS, startE2E, type E2E } from './browser';

jest.setTimeout(180_000);
const OFFICE_TELEMETRY = 'https://telemetryservice.firstpartyapps.oaspapps.com/';
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const AUDIENCE = 'api://invest-flags-test';
const CLERK: IdpUser = { sub: 'u-clerk-1', name: '王小红', email: 'wangxh@pingyi.example.cn' };
const STRANGER: IdpUser = { sub: 'u-unknown-9', name: '陌生人', email: 'stranger@example.cn' };

let e2e: E2E;
let idp: FakeIdp;
let api: ApiProxy;
let work: string;
let ledger: string;
const outside: string[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  idp = await startFakeIdp({ clientId: CLIENT_ID, audience: AUDIENCE, user: CLERK });
  api = await startApiProxy({
    verify: (t) => idp.verify(t),
    upstream: e2e.stack.url,
    upstreamToken: e2e.stack.adminToken,
    users: { [CLERK.email]: { role: 'clerk', units: ['仲村镇', '温水镇'] } },
    origin: e2e.stack.url,
  });
  work = mkdtempSync(join(tmpdir(), 'taskpane-auth-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  const sample = await buildSample({ projects: 30, seed: 5, asOf: new Date().toISOString().slice(0, 10), messy: false });
  ledger = join(work, '台账.xlsx');
  await sample.xlsx.writeFile(ledger);
});
afterAll(async () => {
  await e2e?.close();
  await api?.close();
  await idp?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A browser context that reaches only the stack, the fake IdP (self-signed https) and the API; `cloud` serves deployment.json. */
async function context(cloud: boolean): Promise<BrowserContext> {
  const ctx = await e2e.browser.newContext({ acceptDownloads: true, ignoreHTTPSErrors: true, viewport: { width: 360, height: 900 }, locale: 'zh-CN' });
  const allowed = [e2e.stack.url, new URL(idp.authority).origin, api.url];
  await ctx.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed.some((a) => url.startsWith(a)) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  if (cloud) {
    // The shape the CDK stack deploys (infra/cdk/invest-flags-stack.ts), pointed at the fakes.
    const deployment = { apiBaseUrl: api.url, authority: idp.authority, issuer: idp.authority, clientId: CLIENT_ID, scopes: [idp.apiScope] };
    await ctx.route(`${e2e.stack.url}/deployment.json`, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(deployment) }));
  }
  return ctx;
}

async function signIn(page: Page, name: string): Promise<void> {
  await page.goto(`${e2e.stack.url}/taskpane.html`);
  await page.locator('#account-text').getByText('未登录').waitFor();
  expect(await page.getByRole('button', { name: '同步' }).isDisabled()).toBe(true);
  // The redirect: to the IdP's authorize endpoint and straight back with a code, which MSAL redeems.
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.locator('#account-text').getByText(`已登录：${name}`).waitFor();
}

it('signs in by redirect, syncs with the bearer token, renews it once after a 401, shows role and units, signs out', async () => {
  const ctx = await context(true);
  const page = await ctx.newPage();
  await signIn(page, CLERK.name);
  expect(idp.grants.map((g) => g.grant)).toEqual(['authorization_code']);
  // Cloud mode: no backend-URL or dev-token fields in Settings; the deployment decides.
  await page.getByRole('button', { name: '设置' }).click();
  await page.locator('#me-role').waitFor();
  expect(await page.locator('#me-role').textContent()).toBe('填报员（只能同步本单位的项目）');
  expect(await page.locator('#me-units').textContent()).toBe('仲村镇、温水镇');
  expect(await page.locator('#me-user').textContent()).toBe(`${CLERK.name} <${CLERK.email}>`);
  expect(await page.locator('#token').isVisible()).toBe(false);
  expect(await page.locator('#api-url').isVisible()).toBe(false);
  await page.screenshot({ path: join(ARTIFACTS, 'taskpane-auth-settings.png'), fullPage: true });
  await page.getByRole('button', { name: '返回' }).click();

  await page.setInputFiles('#file-input', ledger);
  await page.getByText('已打开：台账.xlsx').waitFor();
  await page.getByRole('button', { name: '同步' }).click();
  await page.locator('#result').waitFor({ state: 'visible' });
  expect(await page.locator('#problem').isVisible()).toBe(false);
  expect(Number(await page.locator('#stat-rows').textContent())).toBeGreaterThanOrEqual(30);
  const syncs = api.seen.filter((r) => r.path === '/v1/sync');
  expect(syncs.length).toBeGreaterThan(0);
  for (const r of api.seen) {
    expect(r.auth.ok).toBe(true);
    if (r.auth.ok) expect([r.auth.claims.sub, r.auth.claims.preferred_username, r.auth.claims.aud]).toEqual([CLERK.sub, CLERK.email, AUDIENCE]);
  }
  expect(syncs.every((r) => r.status === 200)).toBe(true);
  await page.screenshot({ path: join(ARTIFACTS, 'taskpane-auth-signed-in.png'), fullPage: true });

  // The API refuses the next (valid) token once: the pane renews it (refresh_token grant) and retries.
  const firstJti = syncs[0]!.auth.ok ? syncs[0]!.auth.claims.jti : undefined;
  const before = api.seen.length;
  api.rejectNext = 1;
  await page.getByRole('button', { name: '同步' }).click();
  await page.locator('#progress').waitFor({ state: 'hidden' });
  await page.locator('#last-sync').waitFor();
  expect(await page.locator('#problem').isVisible()).toBe(false);
  const again = api.seen.slice(before);
  expect(again[0]).toMatchObject({ path: '/v1/sync', status: 401 });
  expect(again.slice(1).every((r) => r.status === 200)).toBe(true);
  expect(idp.grants.map((g) => g.grant)).toEqual(['authorization_code', 'refresh_token']);
  const renewed = idp.grants[1]!.jti;
  const retried = again[1]!;
  expect(retried.auth.ok && retried.auth.claims.jti).toBe(renewed);
  expect(renewed).not.toBe(firstJti);

  // Sign-out: MSAL's logout redirect through the IdP's end-session endpoint, back to a signed-out pane.
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.locator('#account-text').getByText('未登录').waitFor();
  await page.getByRole('button', { name: '登录', exact: true }).waitFor();
  expect(await page.getByRole('button', { name: '同步' }).isDisabled()).toBe(true);
  await ctx.close();
  expect(outside.filter((u) => !u.startsWith(OFFICE_TELEMETRY))).toEqual([]);
});

it('tells a signed-in user the backend does not know whom to ask, in plain words', async () => {
  idp.user = STRANGER;
  const ctx = await context(true);
  const page = await ctx.newPage();
  try {
    await signIn(page, STRANGER.name);
    await page.getByRole('button', { name: '设置' }).click();
    await page.locator('#me-unknown').waitFor();
    expect(await page.locator('#me-unknown').textContent()).toContain(`“${STRANGER.email}”发给本县招商系统的管理员`);
    expect(await page.locator('#me-server').textContent()).toContain('请联系县招商服务中心的系统管理员');
    await page.screenshot({ path: join(ARTIFACTS, 'taskpane-auth-unknown-user.png'), fullPage: true });
  } finally {
    idp.user = CLERK;
    await ctx.close();
  }
});

it('has no sign-in step and never loads MSAL against the local stack (no deployment.json)', async () => {
  const ctx = await context(false);
  const page = await ctx.newPage();
  const scripts: string[] = [];
  page.on('request', (r) => scripts.push(r.url()));
  // No ?token=: the pane asks the local stack's GET /dev/token.
  await page.goto(`${e2e.stack.url}/taskpane.html`);
  await page.getByRole('button', { name: '打开 .xlsx' }).waitFor();
  await page.setInputFiles('#file-input', ledger);
  await page.getByText('已打开：台账.xlsx').waitFor();
  expect(await page.locator('#account').isVisible()).toBe(false);
  expect(await page.getByRole('button', { name: '同步' }).isDisabled()).toBe(false);
  await page.getByRole('button', { name: '设置' }).click();
  expect(await page.locator('#token').isVisible()).toBe(true);
  // The local stack's real GET /v1/me, called with the dev token: the local administrator.
  await page.locator('#me-role').waitFor();
  expect(await page.locator('#me-role').textContent()).toBe('管理员（管理配置和用户）');
  expect(await page.locator('#me').textContent()).toContain('本地开发模式');
  expect(scripts.some((u) => u.includes('/chunks/msal-client'))).toBe(false);
  expect(scripts.filter((u) => u.startsWith(new URL(idp.authority).origin) || u.startsWith(api.url))).toEqual([]);
  await ctx.close();
});

it('auth-dialog.html (Excel without nested app auth) signs in by redirect inside the dialog and messages the token to the pane', async () => {
  const ctx = await context(true);
  const page = await ctx.newPage();
  try {
    // In place of office.js: Office.onReady and a messageParent that keeps what the dialog sends to the pane.
    const officeShim = `window.Office = { onReady: async () => ({ host: 'Excel' }), context: { ui: { messageParent: (m) => { window.__toPane = m; } } } };`;
    await page.route('**/office-js/office.js', (route) => route.fulfill({ contentType: 'text/javascript', body: officeShim }));
    await page.goto(`${e2e.stack.url}/auth-dialog.html?action=signin`);
    const message = await page.waitForFunction(() => (globalThis as unknown as { __toPane?: string }).__toPane).then((h) => h.jsonValue() as Promise<string>);
    const reply = JSON.parse(message) as { type: string; accessToken: string; expiresOn: number; name: string; username: string };
    expect(reply).toMatchObject({ type: 'token', name: CLERK.name, username: CLERK.email });
    expect(reply.expiresOn).toBeGreaterThan(Date.now());
    await expect(idp.verify(reply.accessToken)).resolves.toMatchObject({ sub: CLERK.sub, aud: AUDIENCE });

    // Opened again to renew: MSAL's cache in the dialog answers without the sign-in page (a refresh grant).
    const grants = idp.grants.length;
    await page.goto(`${e2e.stack.url}/auth-dialog.html?action=refresh`);
    const renewed = await page.waitForFunction(() => (globalThis as unknown as { __toPane?: string }).__toPane).then((h) => h.jsonValue() as Promise<string>);
    expect(JSON.parse(renewed)).toMatchObject({ type: 'token', name: CLERK.name });
    expect(idp.grants.slice(grants).map((g) => g.grant)).toEqual(['refresh_token']);

    await page.goto(`${e2e.stack.url}/auth-dialog.html?action=signout`);
    const out = await page.waitForFunction(() => (globalThis as unknown as { __toPane?: string }).__toPane).then((h) => h.jsonValue() as Promise<string>);
    expect(JSON.parse(out)).toEqual({ type: 'signedOut' });
  } finally {
    await ctx.close();
  }
});
