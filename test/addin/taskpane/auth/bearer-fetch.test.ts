import { withBearer, type HttpInit } from '../../../../addin/taskpane/auth/bearer-fetch';

const API = 'https://api.example/prod';

function server(statuses: number[]) {
  const seen: Array<{ url: string; auth: string | undefined }> = [];
  const fetch = async (url: string, init: HttpInit) => {
    seen.push({ url, auth: Object.entries(init.headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] });
    const status = statuses.shift() ?? 200;
    return { status, headers: { get: () => null }, text: async () => '{}' };
  };
  return { fetch, seen };
}

function tokens() {
  const asked: boolean[] = [];
  let n = 0;
  return { asked, token: async (o: { forceRefresh?: boolean } = {}) => (asked.push(o.forceRefresh === true), `tok${++n}`) };
}

describe('bearer transport', () => {
  it('replaces whatever authorization header core sent with the session’s token', async () => {
    const s = server([200]);
    const t = tokens();
    const res = await withBearer(s.fetch, t, API)(`${API}/v1/sync`, { method: 'POST', headers: { authorization: 'Bearer ', 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    expect(s.seen).toEqual([{ url: `${API}/v1/sync`, auth: 'Bearer tok1' }]);
    expect(t.asked).toEqual([false]);
  });

  it('after a 401 renews the token once (forced) and retries once; a second 401 is the answer', async () => {
    const once = server([401, 200]);
    const t = tokens();
    expect((await withBearer(once.fetch, t, API)(`${API}/v1/me`, { method: 'GET', headers: {} })).status).toBe(200);
    expect(once.seen.map((r) => r.auth)).toEqual(['Bearer tok1', 'Bearer tok2']);
    expect(t.asked).toEqual([false, true]);

    const twice = server([401, 401, 200]);
    const t2 = tokens();
    expect((await withBearer(twice.fetch, t2, API)(`${API}/v1/me`, { method: 'GET', headers: {} })).status).toBe(401);
    expect(twice.seen).toHaveLength(2);
    expect(t2.asked).toEqual([false, true]);
  });

  it('does not retry a cancelled request', async () => {
    const s = server([401, 200]);
    const abort = new AbortController();
    abort.abort();
    expect((await withBearer(s.fetch, tokens(), API)(`${API}/v1/sync`, { method: 'POST', headers: {}, body: '', signal: abort.signal })).status).toBe(401);
    expect(s.seen).toHaveLength(1);
  });

  it('never sends the token to another backend, even one sharing the prefix', async () => {
    const s = server([200, 200]);
    const t = tokens();
    const f = withBearer(s.fetch, t, `${API}/`);
    await f('https://evil.example/v1/sync', { method: 'POST', headers: { Authorization: 'Bearer leaked?' }, body: '' });
    await f(`${API}-other/v1/sync`, { method: 'POST', headers: {}, body: '' });
    expect(s.seen.map((r) => r.auth)).toEqual([undefined, undefined]);
    expect(t.asked).toEqual([]);
  });
});
