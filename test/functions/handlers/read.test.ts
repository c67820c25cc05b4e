import type { ApiError, CountyConfig, HistoryResponse, ProjectsResponse } from '../../../contract';
import { call, request, row, useTestStack, sync } from './api';

const stack = useTestStack();
beforeAll(async () => {
  await sync(stack, stack.adminToken, request([
    row('P-1', { unit: '温水镇', progress: 'x' }),
    row('P-2', { unit: '温水镇', signedDate: '2026-02-01' }, 'signed'),
    row('P-3', { unit: '临涧镇', leader: null }),
    row('P-4', { unit: '临涧镇', status: '终止' }),
  ]));
});

const ids = (r: ProjectsResponse) => r.projects.map((p) => p.id).sort();

describe('GET /v1/projects', () => {
  it('lists all, and filters by unit, stage and flag', async () => {
    expect(ids((await call<ProjectsResponse>(stack, 'GET', '/v1/projects', stack.adminToken)).body)).toEqual(['P-1', 'P-2', 'P-3', 'P-4']);
    expect(ids((await call<ProjectsResponse>(stack, 'GET', `/v1/projects?unit=${encodeURIComponent('温水镇')}`, stack.adminToken)).body)).toEqual(['P-1', 'P-2']);
    expect(ids((await call<ProjectsResponse>(stack, 'GET', `/v1/projects?unit=${encodeURIComponent('温水镇')}&stage=signed`, stack.adminToken)).body)).toEqual(['P-2']);
    expect(ids((await call<ProjectsResponse>(stack, 'GET', '/v1/projects?stage=dropped', stack.adminToken)).body)).toEqual(['P-4']);
    expect(ids((await call<ProjectsResponse>(stack, 'GET', '/v1/projects?flag=yellow', stack.adminToken)).body)).toEqual(['P-3']);
    const p2 = (await call<ProjectsResponse>(stack, 'GET', '/v1/projects?stage=signed', stack.adminToken)).body.projects[0]!;
    expect(p2).toMatchObject({ id: 'P-2', name: '项目P-2', unit: '温水镇', leader: '张县长', stage: 'signed', version: 1, fields: { signedDate: '2026-02-01' } });
  });

  it('pages with nextToken', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const q = `/v1/projects?limit=3${token ? `&nextToken=${token}` : ''}`;
      const page = (await call<ProjectsResponse>(stack, 'GET', q, stack.adminToken)).body;
      expect(page.projects.length).toBeLessThanOrEqual(3);
      seen.push(...page.projects.map((p) => p.id));
      token = page.nextToken;
    } while (token);
    expect(seen.sort()).toEqual(['P-1', 'P-2', 'P-3', 'P-4']);
  });

  it('answers 400 for a bad filter or token', async () => {
    const a = await call<ApiError>(stack, 'GET', '/v1/projects?stage=somewhere', stack.adminToken);
    expect(a.status).toBe(400);
    expect(a.body.error.message.zh).toContain('stage');
    const bad = await call<ApiError>(stack, 'GET', '/v1/projects?nextToken=garbage', stack.adminToken);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'bad_request', details: { field: 'nextToken' } });
    expect((await call(stack, 'GET', '/v1/projects?limit=0', stack.adminToken)).status).toBe(400);
  });
});

describe('GET /v1/projects/{id}/history', () => {
  it('lists the events of one project, oldest first', async () => {
    await sync(stack, stack.adminToken, request([row('P-1', { unit: '温水镇', progress: 'y' })], { asOf: '2026-03-03' }));
    const h = await call<HistoryResponse>(stack, 'GET', '/v1/projects/P-1/history', stack.adminToken);
    expect(h.status).toBe(200);
    expect(h.body.id).toBe('P-1');
    expect(h.body.events.map((e) => [e.version, e.kind])).toEqual([[1, 'created'], [2, 'fields']]);
    expect(h.body.events[0]!.changes?.name).toEqual({ from: null, to: '项目P-1' });
    expect(h.body.events[1]).toMatchObject({ at: '2026-03-03T15:59:59.999Z', changes: { progress: { from: 'x', to: 'y' } } });
    expect(h.body.events[1]).not.toHaveProperty('state');
  });

  it('404 for an unknown project', async () => {
    const a = await call<ApiError>(stack, 'GET', '/v1/projects/NOPE/history', stack.adminToken);
    expect(a.status).toBe(404);
    expect(a.body.error.message.zh).toContain('NOPE');
  });
});

describe('GET|PUT /v1/config', () => {
  it('gives the defaults, lets an admin change them, refuses others and bad values', async () => {
    const got = await call<CountyConfig>(stack, 'GET', '/v1/config', stack.adminToken);
    expect(got.body.cutoff).toEqual({ weekday: 5, time: '12:00', timeZone: 'Asia/Shanghai' });

    await stack.putUser({ subject: 'clerk-1', role: 'clerk', units: ['温水镇'] });
    const clerk = await stack.issueToken({ sub: 'clerk-1' });
    expect((await call<CountyConfig>(stack, 'GET', '/v1/config', clerk)).status).toBe(200);
    const denied = await call<ApiError>(stack, 'PUT', '/v1/config', clerk, { county: '费县' });
    expect(denied.status).toBe(403);

    const bad = await call<ApiError>(stack, 'PUT', '/v1/config', stack.adminToken, { cutoff: { weekday: 9 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('cutoff.weekday');

    const put = await call<CountyConfig>(stack, 'PUT', '/v1/config', stack.adminToken, { county: '费县', rules: { weeklyUpdate: { yellow: 2, red: 3 } } });
    expect(put.status).toBe(200);
    const after = await call<CountyConfig>(stack, 'GET', '/v1/config', clerk);
    expect(after.body.county).toBe('费县');
    expect(after.body.rules.weeklyUpdate).toMatchObject({ yellow: 2, red: 3 });
  });

  it('answers 404 in the error shape for an unknown route', async () => {
    const a = await call<ApiError>(stack, 'DELETE', '/v1/config', stack.adminToken);
    expect(a.status).toBe(404);
    expect(a.body.error.code).toBe('not_found');
  });
});
