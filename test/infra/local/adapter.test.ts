import type { ApiEvent, ApiResult } from '../../../functions/handlers/http';
import { createLocalServer, isLocalOrigin } from '../../../infra/local/adapter';
import { DevTokens } from '../../../infra/local/tokens';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { resolveInside } from '../../../infra/local/static-files';

describe('the API Gateway stand-in', () => {
  const seen: ApiEvent[] = [];
  const echo = async (e: ApiEvent): Promise<ApiResult> => {
    seen.push(e);
    return { statusCode: 201, headers: { 'X-Echo': 'yes', 'content-type': 'text/plain' }, body: 'ok' };
  };
  const tokens = new DevTokens(new Uint8Array(32).fill(7));
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createLocalServer({ handlers: { sync: echo, projects: echo, history: echo, config: echo }, tokens, log: () => {} });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('builds a payload-2.0 event with verified claims, lower-cased headers, query and path parameters', async () => {
    const token = await tokens.issue({ sub: 'u-1', email: 'u@x.cn', name: '李四' });
    const res = await fetch(`${base}/v1/projects/P%2D7/history?a=1&a=2&b=%E9%95%87`, { headers: { Authorization: `Bearer ${token}`, 'X-Custom': 'Hi' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('yes');
    expect(await res.text()).toBe('ok');
    const e = seen.at(-1)!;
    expect(e).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/projects/{id}/history',
      rawPath: '/v1/projects/P%2D7/history',
      rawQueryString: 'a=1&a=2&b=%E9%95%87',
      queryStringParameters: { a: '1,2', b: '镇' },
      pathParameters: { id: 'P-7' },
      isBase64Encoded: false,
    });
    expect(e.headers['x-custom']).toBe('Hi');
    expect(e.requestContext.http.method).toBe('GET');
    expect(e.requestContext.authorizer.jwt.claims).toMatchObject({ sub: 'u-1', email: 'u@x.cn', name: '李四', iss: 'invest-flags-local', aud: 'invest-flags' });
    expect(typeof e.requestContext.authorizer.jwt.claims.exp).toBe('string');
    // Like API Gateway: the token's scopes (required: access_as_user) are passed on.
    expect(e.requestContext.authorizer.jwt.scopes).toEqual(['access_as_user']);
  });

  it('passes JSON bodies as text and other bodies base64-encoded', async () => {
    const token = await tokens.issue({ sub: 'u-1' });
    await fetch(`${base}/v1/sync`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"a":"镇"}' });
    expect(seen.at(-1)).toMatchObject({ body: '{"a":"镇"}', isBase64Encoded: false, routeKey: 'POST /v1/sync' });
    await fetch(`${base}/v1/config`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 255]) });
    expect(seen.at(-1)).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
  });

  it('refuses requests without a valid token before any handler runs', async () => {
    const n = seen.length;
    const res = await fetch(`${base}/v1/sync`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect(seen.length).toBe(n);
  });

  it('refuses bodies over 10 MB like API Gateway', async () => {
    const token = await tokens.issue({ sub: 'u-1' });
    const res = await fetch(`${base}/v1/sync`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
  });
});

describe('helpers', () => {
  it('knows local origins', () => {
    expect(isLocalOrigin('https://localhost:3000')).toBe(true);
    expect(isLocalOrigin('http://127.0.0.1')).toBe(true);
    expect(isLocalOrigin('https://localhost.evil.com')).toBe(false);
    expect(isLocalOrigin('null')).toBe(false);
    expect(isLocalOrigin(undefined)).toBe(false);
  });

  it('keeps static paths inside their folder', () => {
    expect(resolveInside('/srv/site', '/a/b.js')).toBe('/srv/site/a/b.js');
    expect(resolveInside('/srv/site', '/')).toBe('/srv/site');
    expect(resolveInside('/srv/site', '/../etc/passwd')).toBeNull();
    expect(resolveInside('/srv/site', '/..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveInside('/srv/site', '/%2e%2e/site-evil/x')).toBeNull();
    expect(resolveInside('/srv/site', '/%00')).toBeNull();
    expect(resolveInside('/srv/site', '/%E0%A4%A')).toBe('bad-encoding');
  });
});
