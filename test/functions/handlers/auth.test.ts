import { SignJWT } from 'jose';
import type { ApiError, HistoryResponse, SyncResponse } from '../../../contract';
import { call, request, row, useTestStack, sync } from './api';

const stack = useTestStack();
beforeAll(async () => {
  await stack.putUser({ subject: 'clerk-a', email: 'a@county.gov.cn', role: 'clerk', units: ['温水镇'] });
  await stack.putUser({ email: 'leader@county.gov.cn', role: 'leader', units: [] });
});

describe('who is calling', () => {
  it('no token → 401 in the error shape', async () => {
    const a = await call<ApiError>(stack, 'GET', '/v1/projects', null);
    expect(a.status).toBe(401);
    expect(a.body.error).toMatchObject({ code: 'unauthorized', message: { zh: expect.stringMatching(/登录/), en: expect.stringMatching(/sign/) } });
  });

  it('a forged, foreign or expired token → 401', async () => {
    const forged = await new SignJWT({ sub: 'local-admin' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('invest-flags-local').setAudience('invest-flags').setExpirationTime('1h').sign(new Uint8Array(32));
    const expired = await stack.issueToken({ sub: 'local-admin' }, { expiresIn: '-1m' });
    for (const token of ['not-a-jwt', forged, expired]) {
      const a = await call<ApiError>(stack, 'POST', '/v1/sync', token, request([row('Z-1', {})]));
      expect(a.status).toBe(401);
      expect(a.body.error.code).toBe('unauthorized');
    }
    expect((await call(stack, 'GET', '/v1/projects', stack.adminToken, undefined, {})).status).toBe(200);
    expect((await call(stack, 'GET', '/v1/projects', null, undefined, { authorization: `Basic ${stack.adminToken}` })).status).toBe(401);
  });

  it('a valid token of a user the county has not registered → 403 telling them whom to ask', async () => {
    const token = await stack.issueToken({ sub: 'stranger', email: 'x@example.com' });
    const a = await call<ApiError>(stack, 'GET', '/v1/projects', token);
    expect(a.status).toBe(403);
    expect(a.body.error.message.zh).toContain('管理员');
    expect(a.body.error.message.en).toContain('administrator');
  });

  it('a clerk of unit A cannot change unit B’s projects, while A’s rows sync', async () => {
    await sync(stack, stack.adminToken, request([row('B-1', { unit: '临涧镇', progress: 'B 的进展' })]));
    const clerk = await stack.issueToken({ sub: 'clerk-a', email: 'a@county.gov.cn' });
    const res = await sync(stack, clerk, request([
      row('A-1', { unit: '温水镇' }),
      row('B-1', { unit: '温水镇', progress: '被改了' }), // B's project, relabelled as A's
      row('B-2', { unit: '临涧镇' }), // a new project of B
      row('A-2', { unit: ' 温水镇 ' }),
    ]));
    expect(res.rows.map((r) => r.status)).toEqual(['created', 'rejected', 'rejected', 'created']);
    expect(res.rows[1]!.errors[0]).toMatchObject({ code: 'forbidden_unit', field: 'unit' });
    expect(res.rows[1]!.errors[0]!.message.zh).toContain('临涧镇');
    expect(res.rows[2]!.errors[0]!.code).toBe('forbidden_unit');
    const events = await call<{ events: Array<{ changes?: unknown }> }>(stack, 'GET', '/v1/projects/B-1/history', stack.adminToken);
    expect(events.body.events).toHaveLength(1);
    expect((await call(stack, 'GET', '/v1/projects/B-2/history', stack.adminToken)).status).toBe(404);
  });

  it('a leader, found by e-mail, reads everything but cannot sync', async () => {
    const leader = await stack.issueToken({ sub: 'entra-oid-123', email: 'Leader@County.gov.cn', name: '王书记' });
    expect((await call(stack, 'GET', '/v1/projects', leader)).status).toBe(200);
    const a = await call<ApiError>(stack, 'POST', '/v1/sync', leader, request([row('Y-1', {})]));
    expect(a.status).toBe(403);
    expect(a.body.error.message.zh).toContain('领导');
  });

  it('records who made each change', async () => {
    const clerk = await stack.issueToken({ sub: 'clerk-a', email: 'a@county.gov.cn', name: '李经办' });
    await call<SyncResponse>(stack, 'POST', '/v1/sync', clerk, request([row('A-9', {})]));
    await sync(stack, stack.adminToken, request([row('A-9', { progress: '管理员补录' })], { workbook: { id: 'wb-9', name: '县汇总.xlsx' } }));
    const h = await call<HistoryResponse>(stack, 'GET', '/v1/projects/A-9/history', clerk);
    expect(h.body.events).toEqual([
      expect.objectContaining({ version: 1, by: 'a@county.gov.cn', user: { subject: 'clerk-a', email: 'a@county.gov.cn', name: '李经办' }, workbook: 'wb-1', workbookName: '平邑县招商台账.xlsx' }),
      expect.objectContaining({ version: 2, by: 'admin@localhost', user: { subject: 'local-admin', email: 'admin@localhost', name: '本地管理员' }, workbook: 'wb-9', workbookName: '县汇总.xlsx' }),
    ]);
  });
});
