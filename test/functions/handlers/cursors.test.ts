/**
 * GET /v1/projects' nextToken is checked and bound to its query (issue 17, DESIGN §8): a crafted, foreign or
 * damaged cursor is a 400 naming the field — never a 500 (DynamoDB's ValidationException) and never a page of
 * another query, partition or caller.
 */
import type { ApiError, ProjectsResponse } from '../../../contract';
import { call, request, row, sync, useTestStack, type Answer } from './api';

const stack = useTestStack();
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8').toString('base64url');
const unbase = (t: string) => JSON.parse(Buffer.from(t, 'base64url').toString('utf8')) as { q: string; k: Record<string, string> };
const WENSHUI = encodeURIComponent('温水镇');
let leader: string;

beforeAll(async () => {
  await sync(stack, stack.adminToken, request(Array.from({ length: 6 }, (_, i) => row(`P-${i + 1}`, { unit: i % 2 ? '温水镇' : '临涧镇' }))));
  await stack.putUser({ subject: 'leader-1', role: 'leader', units: [] });
  leader = await stack.issueToken({ sub: 'leader-1' });
});

async function page(path: string, token = stack.adminToken): Promise<Answer<ProjectsResponse>> {
  return call<ProjectsResponse>(stack, 'GET', path, token);
}

function expectRefused(a: Answer<unknown>, what: string) {
  expect({ what, status: a.status, error: (a.body as ApiError).error?.code, field: ((a.body as ApiError).error?.details as { field?: string } | undefined)?.field }).toEqual({ what, status: 400, error: 'bad_request', field: 'nextToken' });
}

describe('crafted nextToken → 400 naming nextToken', () => {
  it('pages with a genuine cursor (same query, same caller)', async () => {
    const first = (await page('/v1/projects?limit=2')).body;
    expect(first.nextToken).toBeDefined();
    const second = await page(`/v1/projects?limit=2&nextToken=${first.nextToken}`);
    expect(second.status).toBe(200);
    expect(second.body.projects.map((p) => p.id)).not.toContain(first.projects[0]!.id);
  });

  it.each([
    ['{"PK":"x"}', b64({ PK: 'x' })],
    ['[]', b64([])],
    ['null', b64('null')],
    ['a number', b64('42')],
    ['a string', b64('"PROJECT#P-1"')],
    ['not base64url', 'not*base64!'],
    ['base64 of non-JSON', b64('garbage')],
    ['empty cursor object', b64({ q: '', k: {} })],
    ['keys of STATE but no query hash', b64({ PK: 'PROJECT#P-1', SK: 'STATE', GSI2PK: 'PROJECTS', GSI2SK: 'x' })],
    ['too long (schema)', 'A'.repeat(2_001)],
    ['long base64 garbage', 'A'.repeat(1_996)],
  ])('%s', async (what, token) => {
    expectRefused(await page(`/v1/projects?limit=2&nextToken=${encodeURIComponent(token)}`), what);
  });

  it('a cursor from another query (other filter or unit) is refused', async () => {
    const all = (await page('/v1/projects?limit=1')).body.nextToken!;
    const unit = (await page(`/v1/projects?limit=1&unit=${WENSHUI}`)).body.nextToken!;
    expectRefused(await page(`/v1/projects?limit=1&unit=${WENSHUI}&nextToken=${all}`), 'all → unit');
    expectRefused(await page(`/v1/projects?limit=1&nextToken=${unit}`), 'unit → all');
    expectRefused(await page(`/v1/projects?limit=1&flag=none&nextToken=${all}`), 'all → flag');
    expectRefused(await page(`/v1/projects?limit=1&unit=${encodeURIComponent('临涧镇')}&nextToken=${unit}`), 'unit → other unit');
    expectRefused(await page(`/v1/projects?limit=1&unit=${WENSHUI}&stage=signed&nextToken=${unit}`), 'unit → unit+stage');
  });

  it('a cursor issued to another caller is refused', async () => {
    const admins = (await page('/v1/projects?limit=1')).body.nextToken!;
    expectRefused(await page(`/v1/projects?limit=1&nextToken=${admins}`, leader), 'admin → leader');
    const leaders = (await page('/v1/projects?limit=1', leader)).body.nextToken!;
    expect((await page(`/v1/projects?limit=1&nextToken=${leaders}`, leader)).status).toBe(200);
  });

  it('a genuine cursor edited to point into another partition, index or item is refused', async () => {
    const t = unbase((await page(`/v1/projects?limit=1&unit=${WENSHUI}`)).body.nextToken!);
    const edited = (k: Record<string, unknown>) => b64({ q: t.q, k });
    const q = `/v1/projects?limit=1&unit=${WENSHUI}&nextToken=`;
    expectRefused(await page(q + edited({ ...t.k, GSI1PK: t.k.GSI1PK!.replace(/[^#]+$/, '临涧镇') })), 'other partition');
    expectRefused(await page(q + edited({ ...t.k, SK: 'EVT#0000000001' })), 'an event, not STATE');
    expectRefused(await page(q + edited({ ...t.k, PK: 'CONFIG' })), 'not a project');
    expectRefused(await page(q + edited({ ...t.k, extra: 'x' })), 'extra key');
    expectRefused(await page(q + edited({ PK: t.k.PK, SK: t.k.SK, GSI2PK: 'PROJECTS', GSI2SK: 'x' })), 'other index');
    expectRefused(await page(q + edited({ ...t.k, GSI1SK: 7 })), 'a number key');
    expectRefused(await page(q + edited({ ...t.k, GSI1SK: 'x'.repeat(1_100) })), 'an oversized key');
    expectRefused(await page(q + b64({ q: t.q, k: t.k, more: 1 })), 'extra cursor field');
    expect((await page(q + edited(t.k))).status).toBe(200);
  });

  it('the dashboard’s red-list cursor (GET /v1/dashboard?nextToken=) is checked the same way', async () => {
    const projects = (await page('/v1/projects?limit=1')).body.nextToken!;
    for (const [what, token] of [['{"PK":"x"}', b64({ PK: 'x' })], ['[]', b64([])], ['not base64url', 'not*base64!'], ['a projects cursor', projects]] as const) {
      expectRefused(await call(stack, 'GET', `/v1/dashboard?nextToken=${encodeURIComponent(token)}`, stack.adminToken), `dashboard: ${what}`);
    }
  });
});
