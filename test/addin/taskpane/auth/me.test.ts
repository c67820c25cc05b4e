import { parseMe, whoAmI } from '../../../../addin/taskpane/auth/me';
import type { HttpInit } from '../../../../addin/taskpane/auth/bearer-fetch';

const answer = (status: number, body: string) => {
  const calls: Array<{ url: string; init: HttpInit }> = [];
  const fetch = async (url: string, init: HttpInit) => (calls.push({ url, init }), { status, headers: { get: () => null }, text: async () => body });
  return { fetch, calls };
};

describe('GET /v1/me', () => {
  it('reads role, units and name, with the dev token when one is given', async () => {
    const a = answer(200, JSON.stringify({ name: '王小红', email: 'w@x.cn', role: 'clerk', units: ['仲村镇'] }));
    await expect(whoAmI('http://127.0.0.1:1/', 'dev', a.fetch)).resolves.toEqual({ kind: 'ok', me: { name: '王小红', email: 'w@x.cn', role: 'clerk', units: ['仲村镇'] } });
    expect(a.calls[0]).toMatchObject({ url: 'http://127.0.0.1:1/v1/me', init: { method: 'GET', headers: { authorization: 'Bearer dev' } } });
    expect(a.calls[0]!.init.body).toBeUndefined();
    // Cloud mode passes no token: the bearer transport adds it.
    const b = answer(200, '{}');
    await whoAmI('https://api', '', b.fetch);
    expect(b.calls[0]!.init.headers.authorization).toBeUndefined();
  });

  it('accepts a nested user object and ignores what it does not know', () => {
    expect(parseMe({ user: { name: 'A', email: 'a@x', role: 'leader', units: ['x', 3] } })).toEqual({ name: 'A', email: 'a@x', role: 'leader', units: ['x'] });
    expect(parseMe({ role: 'king' })).toEqual({ name: '', email: '', role: null, units: [] });
    expect(parseMe(null)).toEqual({ name: '', email: '', role: null, units: [] });
  });

  it('turns 403 into "unknown user" with the backend’s message, other failures into errors', async () => {
    const msg = { zh: '请联系管理员', en: 'Ask the administrator' };
    await expect(whoAmI('https://api', '', answer(403, JSON.stringify({ error: { code: 'forbidden', message: msg } })).fetch)).resolves.toEqual({ kind: 'unknown', message: msg });
    await expect(whoAmI('https://api', '', answer(403, '<html>').fetch)).resolves.toEqual({ kind: 'unknown', message: null });
    await expect(whoAmI('https://api', '', answer(500, '').fetch)).resolves.toEqual({ kind: 'error', status: 500, message: null });
    await expect(whoAmI('https://api', '', async () => { throw new TypeError('Failed to fetch'); })).resolves.toEqual({ kind: 'error', status: null, message: null });
  });
});
