import { loadRuntimeConfig, parseDeployment, RuntimeConfigError } from '../../../../addin/taskpane/auth/runtime-config';

/** What infra/cdk/invest-flags-stack.ts deploys as deployment.json. */
const deployed = {
  apiBaseUrl: 'https://abc123.execute-api.cn-north-1.amazonaws.com.cn/',
  authority: 'https://login.partner.microsoftonline.cn/0000-tenant',
  issuer: 'https://login.partner.microsoftonline.cn/0000-tenant/v2.0',
  clientId: 'client-1',
  scopes: ['api://pane.example.cn/client-1/access_as_user'],
};

describe('deployment.json', () => {
  it('reads the CDK stack’s shape: Entra authority in AAD mode, its host trusted, the API URL without a trailing slash', () => {
    expect(parseDeployment(deployed)).toEqual({
      kind: 'cloud',
      apiBaseUrl: 'https://abc123.execute-api.cn-north-1.amazonaws.com.cn',
      authority: 'https://login.partner.microsoftonline.cn/0000-tenant',
      clientId: 'client-1',
      scopes: ['api://pane.example.cn/client-1/access_as_user'],
      knownAuthorities: ['login.partner.microsoftonline.cn'],
      protocolMode: 'AAD',
    });
  });

  it('drops a /v2.0 suffix for Entra (MSAL adds it), keeps other providers as written in OIDC mode', () => {
    expect(parseDeployment({ ...deployed, authority: 'https://login.microsoftonline.com/t/v2.0/' }).authority).toBe('https://login.microsoftonline.com/t');
    const other = parseDeployment({ ...deployed, authority: 'https://idp.example:8443/realm/v2.0', knownAuthorities: ['alias.example'] });
    expect(other).toMatchObject({ authority: 'https://idp.example:8443/realm/v2.0', protocolMode: 'OIDC', knownAuthorities: ['idp.example:8443', 'alias.example'] });
    expect(parseDeployment({ ...deployed, protocolMode: 'OIDC' }).protocolMode).toBe('OIDC');
  });

  it('refuses what would send a token somewhere unsafe or cannot sign in at all', () => {
    const bad = (over: object) => () => parseDeployment({ ...deployed, ...over });
    expect(bad({ apiBaseUrl: 'http://api.example' })).toThrow(RuntimeConfigError);
    expect(bad({ authority: 'not a url' })).toThrow(/authority/);
    expect(bad({ clientId: '' })).toThrow(/clientId/);
    expect(bad({ scopes: [] })).toThrow(/scopes/);
    expect(() => parseDeployment(null)).toThrow(/object/);
    // http is allowed on loopback only (tests, a developer's machine).
    expect(parseDeployment({ ...deployed, apiBaseUrl: 'http://127.0.0.1:3000' }).apiBaseUrl).toBe('http://127.0.0.1:3000');
  });

  it('is local when the file is absent or unreachable, an error when it is there but broken', async () => {
    const answer = (status: number, body: () => Promise<unknown>) => async () => ({ ok: status < 300, status, json: body });
    await expect(loadRuntimeConfig(answer(404, async () => ({})))).resolves.toEqual({ kind: 'local' });
    // The local stack's own answer (infra/local/static-files.ts), so the page logs no 404.
    await expect(loadRuntimeConfig(answer(200, async () => ({ kind: 'local' })))).resolves.toEqual({ kind: 'local' });
    await expect(loadRuntimeConfig(async () => { throw new TypeError('Failed to fetch'); })).resolves.toEqual({ kind: 'local' });
    await expect(loadRuntimeConfig(answer(200, async () => deployed))).resolves.toMatchObject({ kind: 'cloud', clientId: 'client-1' });
    await expect(loadRuntimeConfig(answer(200, async () => { throw new SyntaxError('x'); }))).rejects.toThrow(/not valid JSON/);
    await expect(loadRuntimeConfig(answer(200, async () => ({ apiBaseUrl: 'x' })))).rejects.toBeInstanceOf(RuntimeConfigError);
  });
});
