/**
 * The API's side of the one ID grammar (issue 17): an id with "#", a control or invisible character, spaces around
 * it or too long is a 400 naming the field (rows.N.id, workbookIds.N, workbook.id, the history path's id) — the
 * same ids the add-in refuses (test/addin/core/id-grammar.test.ts) — and nothing is stored.
 */
import type { ApiError, ProjectsResponse } from '../../../contract';
import { BAD_IDS, GOOD_IDS } from '../../fixtures/ids';
import { call, request, row, useTestStack } from './api';

const stack = useTestStack();
const field = (a: { body: unknown }) => ((a.body as ApiError).error?.details as { field?: string } | undefined)?.field;

describe('ids outside the grammar → 400 naming the field', () => {
  it.each(BAD_IDS)('a row id: %s', async (_what, id) => {
    const a = await call<ApiError>(stack, 'POST', '/v1/sync', stack.adminToken, request([row('P-OK', {}), row(id, {})]));
    expect([a.status, a.body.error.code, field(a)]).toEqual([400, 'bad_request', 'rows.1.id']);
    expect(a.body.error.message.en).toContain('rows.1.id');
  });

  it('workbookIds and the workbook id follow the grammar too', async () => {
    const ids = await call<ApiError>(stack, 'POST', '/v1/sync', stack.adminToken, request([], { workbookIds: ['P-1', 'P#2'] }));
    expect([ids.status, field(ids)]).toEqual([400, 'workbookIds.1']);
    const wb = await call<ApiError>(stack, 'POST', '/v1/sync', stack.adminToken, request([], { workbook: { id: 'W\u0001', name: 'x.xlsx' } }));
    expect([wb.status, field(wb)]).toEqual([400, 'workbook.id']);
  });

  it('the history path refuses them too', async () => {
    for (const id of ['P#1', 'P%00', 'P%E2%80%AE1']) {
      const a = await call<ApiError>(stack, 'GET', `/v1/projects/${id.replace('#', '%23')}/history`, stack.adminToken);
      expect([id, a.status, field(a)]).toEqual([id, 400, 'id']);
    }
  });

  it('nothing of a refused request is stored; grammatical ids sync', async () => {
    const good = await call(stack, 'POST', '/v1/sync', stack.adminToken, request(GOOD_IDS.map((id) => row(id, {}))));
    expect(good.status).toBe(200);
    const list = await call<ProjectsResponse>(stack, 'GET', '/v1/projects', stack.adminToken);
    expect(list.body.projects.map((p) => p.id).sort()).toEqual([...GOOD_IDS].sort());
  });
});
