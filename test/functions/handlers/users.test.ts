/** GET|PUT /v1/users, GET /v1/me and the first-admin bootstrap, over HTTP on dynalite. */
import type { ApiError, MeResponse, UserPutResponse, UsersResponse } from '../../../contract';
import { call, useTestStack } from './api';

describe('users and me', () => {
  const stack = useTestStack();
  const put = (body: unknown, token = stack.adminToken) => call<UserPutResponse & ApiError>(stack, 'PUT', '/v1/users', token, body);
  const list = async () => (await call<UsersResponse>(stack, 'GET', '/v1/users', stack.adminToken)).body.users;

  it('an admin registers a clerk by e-mail; units are trimmed, de-duplicated and spelt as configured', async () => {
    const a = await put({ email: ' Li.Si@County.gov.cn ', name: '李四', role: 'clerk', units: ['温水镇', ' 温水镇 ', '临涧镇', ''] });
    expect(a.status).toBe(200);
    expect(a.body.user).toMatchObject({ email: 'li.si@county.gov.cn', name: '李四', role: 'clerk', units: ['温水镇', '临涧镇'], updatedBy: 'admin@localhost' });
    const users = await list();
    expect(users.map((u) => [u.role, u.email])).toEqual([['admin', 'admin@localhost'], ['clerk', 'li.si@county.gov.cn']]);
  });

  it('the clerk signs in (found by e-mail) and sees their role and units', async () => {
    const token = await stack.issueToken({ sub: 'pairwise-1', oid: 'oid-lisi', email: 'li.si@county.gov.cn', name: '李四' });
    const me = await call<MeResponse>(stack, 'GET', '/v1/me', token);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ subject: 'pairwise-1', email: 'li.si@county.gov.cn', name: '李四', role: 'clerk', units: ['温水镇', '临涧镇'] });
  });

  it('learning the object id moves the profile to it (listed once), and the token’s oid finds it', async () => {
    const a = await put({ subject: 'oid-lisi', email: 'li.si@county.gov.cn', role: 'leader' });
    expect(a.status).toBe(200);
    expect(a.body.user).toMatchObject({ subject: 'oid-lisi', email: 'li.si@county.gov.cn', name: '李四', role: 'leader', units: [] });
    expect((await list()).filter((u) => u.email === 'li.si@county.gov.cn')).toHaveLength(1);
    const token = await stack.issueToken({ sub: 'pairwise-1', oid: 'oid-lisi' });
    expect((await call<MeResponse>(stack, 'GET', '/v1/me', token)).body.role).toBe('leader');
  });

  it('refuses bad input with zh/en messages naming the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ email: 'x@county.gov.cn', role: 'clerk', units: ['温水振'] }, /温水振/],
      [{ email: 'x@county.gov.cn', role: 'clerk', units: [] }, /单位/],
      [{ role: 'leader', units: [] }, /邮箱/],
      [{ email: 'x@county.gov.cn', role: 'boss', units: [] }, /role/],
      [{ email: 'not-an-email', role: 'leader' }, /email/],
      ['{', /JSON/],
    ];
    for (const [body, zh] of cases) {
      const a = await put(body);
      expect(a.status).toBe(400);
      expect(a.body.error.code).toBe('bad_request');
      expect(a.body.error.message.zh).toMatch(zh);
      expect(a.body.error.message.en.length).toBeGreaterThan(10);
    }
    const unknown = await put({ email: 'x@county.gov.cn', role: 'clerk', units: ['温水振'] });
    expect(unknown.body.error.message.en).toContain('温水振');
  });

  it('an e-mail that belongs to another account is a 409; so is demoting the last admin', async () => {
    const taken = await put({ subject: 'oid-other', email: 'li.si@county.gov.cn', role: 'clerk', units: ['温水镇'] });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message.zh).toContain('oid-lisi');
    const last = await put({ subject: 'local-admin', role: 'leader' });
    expect(last.status).toBe(409);
    expect(last.body.error.message.zh).toContain('最后一个管理员');
    // With a second stack.adminToken, the first may step down.
    expect((await put({ email: 'chief@county.gov.cn', role: 'admin' })).status).toBe(200);
    expect((await put({ subject: 'local-admin', role: 'leader' })).status).toBe(200);
    expect((await put({ email: 'chief@county.gov.cn', role: 'admin' })).status).toBe(403); // no longer an admin
    const chief = await stack.issueToken({ sub: 'sub-chief', email: 'chief@county.gov.cn' });
    expect((await put({ subject: 'local-admin', email: 'admin@localhost', role: 'admin' }, chief)).status).toBe(200);
    expect((await list()).filter((u) => u.role === 'admin').map((u) => u.email).sort()).toEqual(['admin@localhost', 'chief@county.gov.cn']);
  });

  it('only admins list or set users', async () => {
    const leader = await stack.issueToken({ sub: 'x', oid: 'oid-lisi' });
    for (const a of [await call<ApiError>(stack, 'GET', '/v1/users', leader), await put({ email: 'y@county.gov.cn', role: 'admin' }, leader)]) {
      expect(a.status).toBe(403);
      expect(a.body.error.message.zh).toContain('管理员');
    }
  });

  it('an unknown caller gets 403 telling them to ask the county administrator', async () => {
    const token = await stack.issueToken({ sub: 'nobody', email: 'nobody@example.com' });
    const a = await call<ApiError>(stack, 'GET', '/v1/me', token);
    expect(a.status).toBe(403);
    expect(a.body.error.message.zh).toMatch(/联系县招商部门管理员/);
    expect(a.body.error.message.en).toMatch(/ask the county administrator/);
  });
});

describe('first-admin bootstrap (BOOTSTRAP_ADMIN_EMAIL)', () => {
  const stack = useTestStack({
    registerLocalAdmin: false,
    bootstrapAdminEmail: 'Chief@County.gov.cn', adminContact: '县招商服务中心 王五 0539-4211234',
  });

  it('makes that e-mail admin on first call while no admin exists, then it is an ordinary stored admin', async () => {
    const stranger = await stack.issueToken({ sub: 's-1', email: 'someone@county.gov.cn' });
    const refused = await call<ApiError>(stack, 'GET', '/v1/me', stranger);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message.zh).toContain('县招商服务中心 王五 0539-4211234');
    expect(refused.body.error.message.en).toContain('0539-4211234');

    const chief = await stack.issueToken({ sub: 'sub-chief', oid: 'oid-chief', email: 'chief@county.gov.cn', name: '赵局长' });
    // A read-only function lets them in but cannot register them.
    expect((await call(stack, 'GET', '/v1/projects', chief)).status).toBe(200);
    expect(await stack.store.listUsers()).toEqual([]);
    const first = await call<MeResponse>(stack, 'GET', '/v1/me', chief);
    expect(first.body).toMatchObject({ role: 'admin', email: 'chief@county.gov.cn', bootstrapped: true });
    expect(await stack.store.listUsers()).toMatchObject([{ subject: 'oid-chief', email: 'chief@county.gov.cn', name: '赵局长', role: 'admin', updatedBy: 'bootstrap' }]);
    const again = await call<MeResponse>(stack, 'GET', '/v1/me', chief);
    expect(again.body).not.toHaveProperty('bootstrapped');
    expect((await call(stack, 'PUT', '/v1/users', chief, { email: 'clerk@county.gov.cn', role: 'clerk', units: ['温水镇'] })).status).toBe(200);
  });

  it('does nothing once an admin exists', async () => {
    await stack.store.saveUser({ email: 'other@county.gov.cn', role: 'admin', units: [] });
    const lookalike = await stack.issueToken({ sub: 'new-sub', email: 'chief@county.gov.cn' });
    // Another account with the bootstrap e-mail (the stored chief is kept under its object id) is not let in.
    expect((await call(stack, 'GET', '/v1/me', lookalike)).status).toBe(403);
    const chief = await stack.issueToken({ sub: 'sub-chief', oid: 'oid-chief' });
    expect((await call<MeResponse>(stack, 'GET', '/v1/me', chief)).body).toMatchObject({ role: 'admin' });
    expect((await stack.store.listUsers()).filter((u) => u.role === 'admin')).toHaveLength(2);
  });
});
