/**
 * Identity is the account, not the e-mail: a profile an admin registered by e-mail is bound to the account
 * (Entra `oid`) that first signs in with it, and from then on that e-mail opens nothing for another account.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiError, MeResponse, UsersResponse } from '../../../contract';
import { createDocumentClient, DEFAULT_TABLE_NAME } from '../../../functions/store';
import { PROFILE_SK, userPkByEmail } from '../../../functions/store/keys';
import { call, useTestStack } from './api';

const stack = useTestStack();

const token = (oid: string, email: string) => stack.issueToken({ sub: `app-sub-${oid}`, oid, email });
const users = async () => (await call<UsersResponse>(stack, 'GET', '/v1/users', stack.adminToken)).body.users;

describe('a profile registered by e-mail', () => {
  it('is bound to the first account that signs in with it; the same e-mail then opens nothing for another account', async () => {
    await stack.putUser({ email: 'wang@county.gov.cn', name: '王科长', role: 'leader', units: [] });
    const first = await token('oid-wang', 'wang@county.gov.cn');
    const me = await call<MeResponse>(stack, 'GET', '/v1/me', first);
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('leader');
    expect((await users()).filter((u) => u.email === 'wang@county.gov.cn')).toEqual([expect.objectContaining({ subject: 'oid-wang', role: 'leader', name: '王科长' })]);

    // Another account carrying the same e-mail claim (a reassigned mailbox, a second tenant): no access.
    const other = await token('oid-someone-else', 'wang@county.gov.cn');
    for (const path of ['/v1/me', '/v1/projects', '/v1/dashboard']) {
      const a = await call<ApiError>(stack, 'GET', path, other);
      expect(a.status).toBe(403);
      expect(a.body.error.message.zh).toContain('管理员');
    }
    // The bound account keeps its access under a renamed e-mail.
    expect((await call(stack, 'GET', '/v1/projects', await token('oid-wang', 'wang.k@county.gov.cn'))).status).toBe(200);
  });

  it('read-only functions let the e-mail in until the account is bound, and do not bind it', async () => {
    await stack.putUser({ email: 'li@county.gov.cn', role: 'leader', units: [] });
    expect((await call(stack, 'GET', '/v1/projects', await token('oid-li', 'li@county.gov.cn'))).status).toBe(200);
    expect((await users()).find((u) => u.email === 'li@county.gov.cn')?.subject).toBeUndefined();
    expect((await call(stack, 'GET', '/v1/me', await token('oid-li', 'li@county.gov.cn'))).status).toBe(200);
    expect((await users()).find((u) => u.email === 'li@county.gov.cn')?.subject).toBe('oid-li');
  });

  it('two accounts binding at once: exactly one wins', async () => {
    await stack.putUser({ email: 'race@county.gov.cn', role: 'leader', units: [] });
    const { profile } = (await stack.store.findUser({ subjects: [], email: 'race@county.gov.cn' }))!;
    const bound = await Promise.all(['oid-r1', 'oid-r2'].map((s) => stack.store.bindUser(profile, s)));
    expect(bound.filter((b) => b !== null)).toHaveLength(1);
    const winner = bound.find((b) => b !== null)!.subject!;
    const loser = winner === 'oid-r1' ? 'oid-r2' : 'oid-r1';
    expect((await call(stack, 'GET', '/v1/me', await token(winner, 'race@county.gov.cn'))).status).toBe(200);
    expect((await call(stack, 'GET', '/v1/me', await token(loser, 'race@county.gov.cn'))).status).toBe(403);
  });

  it('a binding cut short (e-mail item marked, not yet moved) belongs to its account, which finishes it', async () => {
    await stack.putUser({ email: 'half@county.gov.cn', role: 'leader', units: [] });
    const doc = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: 'local' });
    await doc.send(new UpdateCommand({ TableName: DEFAULT_TABLE_NAME, Key: { PK: userPkByEmail('half@county.gov.cn'), SK: PROFILE_SK }, UpdateExpression: 'SET subject = :s', ExpressionAttributeValues: { ':s': 'oid-half' } }));
    doc.destroy();
    expect((await call(stack, 'GET', '/v1/me', await token('oid-other', 'half@county.gov.cn'))).status).toBe(403);
    expect((await call(stack, 'GET', '/v1/me', await token('oid-half', 'half@county.gov.cn'))).status).toBe(200);
    expect((await users()).filter((u) => u.email === 'half@county.gov.cn').map((u) => u.subject)).toEqual(['oid-half']);
    expect((await stack.store.findUser({ subjects: ['oid-half'] }))?.by).toBe('subject');
  });
});
