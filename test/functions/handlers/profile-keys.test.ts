/**
 * Profile keys (issue 17): subjects and e-mails live in separate key namespaces. A token whose subject is
 * "email:<someone's e-mail>" does not land on that e-mail's profile (which only the one-time binding of a token
 * carrying that e-mail may take), and no two subjects share a key.
 */
import type { MeResponse } from '../../../contract';
import { userPkByEmail, userPkBySubject } from '../../../functions/store/keys';
import { call, useTestStack } from './api';

const stack = useTestStack();

describe('subject and e-mail keys cannot cross', () => {
  it('a subject of the form email:<e-mail> is not that e-mail’s registered profile', async () => {
    await stack.putUser({ email: 'boss@county.gov.cn', role: 'admin', units: [] });
    for (const sub of ['email:boss@county.gov.cn', 'email:BOSS@county.gov.cn', 'sub:email:boss@county.gov.cn']) {
      const forged = await stack.issueToken({ sub });
      expect({ sub, status: (await call(stack, 'GET', '/v1/me', forged)).status }).toEqual({ sub, status: 403 });
      expect({ sub, status: (await call(stack, 'GET', '/v1/users', forged)).status }).toEqual({ sub, status: 403 });
    }
    // The e-mail profile is still unbound: its owner's first sign-in takes it.
    const owner = await stack.issueToken({ sub: 'oid-boss', email: 'boss@county.gov.cn' });
    const me = await call<MeResponse>(stack, 'GET', '/v1/me', owner);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'admin' });
  });

  it('a subject registered as email:… or sub:… is found under its own key, not another’s', async () => {
    await stack.putUser({ subject: 'email:clerk@county.gov.cn', role: 'leader', units: [] });
    await stack.putUser({ email: 'clerk@county.gov.cn', role: 'clerk', units: ['温水镇'] });
    const odd = await call<MeResponse>(stack, 'GET', '/v1/me', await stack.issueToken({ sub: 'email:clerk@county.gov.cn' }));
    expect(odd.body).toMatchObject({ role: 'leader' });
    const real = await call<MeResponse>(stack, 'GET', '/v1/me', await stack.issueToken({ sub: 'oid-clerk', email: 'clerk@county.gov.cn' }));
    expect(real.body).toMatchObject({ role: 'clerk' });
  });

  it('keys: no subject’s key is an e-mail’s, subjects never share one, ordinary subjects keep theirs', () => {
    const subjects = ['oid-1', 'dev:a@b.cn', 'local-admin', 'email:a@b.cn', 'sub:email:a@b.cn', 'sub:x', 'x', 'sub:sub:x', 'EMAIL:a@b.cn', 'email', ''];
    const keys = subjects.map(userPkBySubject);
    expect(new Set(keys).size).toBe(subjects.length);
    for (const k of keys) expect(k.startsWith('USER#email:')).toBe(false);
    expect(keys.includes(userPkByEmail('a@b.cn'))).toBe(false);
    // Existing data stays readable: the product's subjects keep the key format they were stored under.
    expect(['oid-1', 'dev:a@b.cn', 'local-admin', '00000000-0000-0000-0000-000000000001'].map(userPkBySubject)).toEqual(['USER#oid-1', 'USER#dev:a@b.cn', 'USER#local-admin', 'USER#00000000-0000-0000-0000-000000000001']);
  });
});
