/**
 * Role × endpoint × expected status, over HTTP on dynalite: clerks sync their units and read everything,
 * leaders read only, admins also manage config and users, unknown users get 403 and no token 401.
 */
import type { ApiError, CountyConfig, SyncResponse } from '../../../contract';
import { call, request, row, useTestStack, sync } from './api';

type Role = 'clerk' | 'leader' | 'admin' | 'unknown';
const ROLES: Role[] = ['clerk', 'leader', 'admin', 'unknown'];

const stack = useTestStack();
const tokens = {} as Record<Role, string>;
let config: CountyConfig;

beforeAll(async () => {
  await stack.putUser({ subject: 'clerk-1', email: 'clerk@county.gov.cn', name: '李经办', role: 'clerk', units: ['温水镇'] });
  await stack.putUser({ email: 'leader@county.gov.cn', role: 'leader', units: [] });
  tokens.clerk = await stack.issueToken({ sub: 'clerk-1', email: 'clerk@county.gov.cn', name: '李经办' });
  tokens.leader = await stack.issueToken({ sub: 'leader-sub', email: 'leader@county.gov.cn' });
  tokens.admin = stack.adminToken;
  tokens.unknown = await stack.issueToken({ sub: 'who', email: 'who@example.com' });
  await sync(stack, tokens.admin, request([row('T-1', { unit: '温水镇' }), row('T-2', { unit: '临涧镇' })]));
  config = (await call<CountyConfig>(stack, 'GET', '/v1/config', tokens.admin)).body;
});

interface Endpoint {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: () => unknown;
  expect: Record<Role, number>;
}

let n = 0;
const ENDPOINTS: Endpoint[] = [
  { name: 'sync', method: 'POST', path: '/v1/sync', body: () => request([row(`R-${++n}`, { unit: '温水镇' })]), expect: { clerk: 200, leader: 403, admin: 200, unknown: 403 } },
  { name: 'projects', method: 'GET', path: '/v1/projects', expect: { clerk: 200, leader: 200, admin: 200, unknown: 403 } },
  { name: 'history', method: 'GET', path: '/v1/projects/T-2/history', expect: { clerk: 200, leader: 200, admin: 200, unknown: 403 } },
  { name: 'config GET', method: 'GET', path: '/v1/config', expect: { clerk: 200, leader: 200, admin: 200, unknown: 403 } },
  { name: 'config PUT', method: 'PUT', path: '/v1/config', body: () => config, expect: { clerk: 403, leader: 403, admin: 200, unknown: 403 } },
  { name: 'reports', method: 'GET', path: '/v1/reports/weekly?week=2026-W10', expect: { clerk: 200, leader: 200, admin: 200, unknown: 403 } },
  { name: 'dashboard', method: 'GET', path: '/v1/dashboard', expect: { clerk: 200, leader: 200, admin: 200, unknown: 403 } },
  { name: 'users GET', method: 'GET', path: '/v1/users', expect: { clerk: 403, leader: 403, admin: 200, unknown: 403 } },
  { name: 'users PUT', method: 'PUT', path: '/v1/users', body: () => ({ email: 'new@county.gov.cn', role: 'leader' }), expect: { clerk: 403, leader: 403, admin: 200, unknown: 403 } },
  { name: 'me', method: 'GET', path: '/v1/me', expect: { clerk: 200, leader: 200, admin: 200, unknown: 403 } },
  { name: 'channels GET', method: 'GET', path: '/v1/channels', expect: { clerk: 403, leader: 403, admin: 200, unknown: 403 } },
  { name: 'channels PUT', method: 'PUT', path: '/v1/channels', body: () => ({ channels: [], leaders: {}, units: {}, schedule: { afterCutoff: true, reminderHoursBefore: 24 } }), expect: { clerk: 403, leader: 403, admin: 200, unknown: 403 } },
  { name: 'cutoff', method: 'POST', path: '/v1/cutoff', body: () => ({ dryRun: true }), expect: { clerk: 403, leader: 403, admin: 200, unknown: 403 } },
];

const TABLE = ENDPOINTS.flatMap((e) => [...ROLES.map((r) => [e.name, r, e.expect[r]] as const), [e.name, 'no token', 401] as const]);

describe('role × endpoint', () => {
  it.each(TABLE)('%s as %s → %i', async (name, who, status) => {
    const e = ENDPOINTS.find((x) => x.name === name)!;
    const token = who === 'no token' ? null : tokens[who];
    const a = await call<ApiError>(stack, e.method, e.path, token, e.body?.());
    expect(a.status).toBe(status);
    if (status >= 400) {
      expect(a.body.error.code).toBe(status === 401 ? 'unauthorized' : 'forbidden');
      expect(a.body.error.message.zh).toBeTruthy();
      expect(a.body.error.message.en).toBeTruthy();
    }
  });

  it('every route of the table is covered', async () => {
    const { ROUTES } = await import('../../../functions/handlers/routes');
    const covered = new Set(ENDPOINTS.map((e) => `${e.method} ${e.path.split('?')[0]!.replace('T-2', '{id}')}`));
    expect(ROUTES.map((r) => `${r.method} ${r.path}`).filter((r) => !covered.has(r))).toEqual([]);
  });
});

describe('a clerk’s mixed chunk', () => {
  it('only the other unit’s rows fail, each naming the unit; the clerk’s own rows sync', async () => {
    const res = await sync(stack, tokens.clerk, request([
      row('T-1', { unit: '温水镇', progress: '本单位已有项目的进展' }),
      row('M-1', { unit: '温水镇' }),
      row('T-2', { unit: '临涧镇', progress: '改别人的' }),
      row('M-2', { unit: '临涧镇' }),
      row('M-3', { unit: '温水镇' }),
    ]));
    expect(res.rows.map((r) => [r.id, r.status])).toEqual([['T-1', 'updated'], ['M-1', 'created'], ['T-2', 'rejected'], ['M-2', 'rejected'], ['M-3', 'created']]);
    for (const r of res.rows.filter((x) => x.status === 'rejected')) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ field: 'unit', code: 'forbidden_unit' });
      expect(r.errors[0]!.message.zh).toContain('临涧镇');
      expect(r.errors[0]!.message.en).toContain('临涧镇');
    }
    expect(res.summary).toMatchObject({ rows: 5, created: 2, updated: 1, rejected: 2 });
  });

  it('a row relabelling another unit’s project as the clerk’s own is refused too', async () => {
    const res = await call<SyncResponse>(stack, 'POST', '/v1/sync', tokens.clerk, request([row('T-2', { unit: '温水镇', progress: '改成自己的单位' })]));
    expect(res.body.rows[0]).toMatchObject({ status: 'rejected', errors: [{ code: 'forbidden_unit' }] });
    expect(res.body.rows[0]!.errors[0]!.message.zh).toContain('临涧镇');
  });
});
