/**
 * Issue 21: each project's per-mu figures (投资强度, 亩均税收, 亩均产值) reach the clients — on every synced row
 * (POST /v1/sync), on every project (GET /v1/projects) and on a project's history — computed by the domain
 * (functions/domain/contribution.ts), null without land; every answer passes the contract's strict schemas.
 */
import { historyResponseSchema, projectsResponseSchema, syncResponseSchema } from '../../../contract/responses';
import type { HistoryResponse, ProjectsResponse } from '../../../contract';
import { call, request, row, sync, useTestStack } from './api';

const stack = useTestStack();

describe('per-mu figures in the API', () => {
  it('answers them on sync, on the list and on history; null without land; units converted', async () => {
    const res = await sync(stack, stack.adminToken, request([
      // 50 亩, 固定资产投资 1.5 亿 → 300 万元/亩; tax 0.06 亿 → 12 万元/亩·年; output 2 亿 → 400 万元/亩.
      row('F-1', { landArea: 50, fixedInvestment: 1.5, amount: 3, tax: 0.06, outputValue: 2 }, 'signed'),
      // No 固定资产投资: intensity from 总投资 (2 亿 over 40 亩 = 500); land in 公顷 by the header's unit factor (2 × 15 = 30 亩).
      row('F-2', { landArea: 2, amount: 1.5 }, 'clue'),
      // No land: every figure null.
      row('F-3', { amount: 5, tax: 0.1 }, 'clue'),
      // Zero land: null, never Infinity.
      row('F-4', { landArea: 0, amount: 1 }, 'clue'),
      // Rejected (no name): no figures.
      { ...row('F-5', { landArea: 10, amount: 1 }), cells: { name: null, unit: '温水镇' } },
    ].map((r) => (r.id === 'F-2' ? { ...r, units: { landArea: 15 } } : r))));
    expect(syncResponseSchema.safeParse(res).success).toBe(true);
    const byId = new Map(res.rows.map((r) => [r.id, r]));
    expect(byId.get('F-1')!.figures).toEqual({ landArea: 50, investmentIntensity: 300, investmentBasis: 'fixedInvestment', taxPerMu: 12, outputPerMu: 400 });
    expect(byId.get('F-2')!.figures).toEqual({ landArea: 30, investmentIntensity: 500, investmentBasis: 'amount', taxPerMu: null, outputPerMu: null });
    expect(byId.get('F-3')!.figures).toEqual({ landArea: null, investmentIntensity: null, investmentBasis: null, taxPerMu: null, outputPerMu: null });
    expect(byId.get('F-4')!.figures).toEqual({ landArea: null, investmentIntensity: null, investmentBasis: null, taxPerMu: null, outputPerMu: null });
    expect(byId.get('F-5')!.status).toBe('rejected');
    expect(byId.get('F-5')).not.toHaveProperty('figures');

    // The same again: unchanged rows carry their figures too.
    const again = await sync(stack, stack.adminToken, request([row('F-1', { landArea: 50, fixedInvestment: 1.5, amount: 3, tax: 0.06, outputValue: 2 }, 'signed')]));
    expect(again.rows[0]).toMatchObject({ status: 'unchanged', figures: { investmentIntensity: 300 } });

    const list = await call<ProjectsResponse>(stack, 'GET', '/v1/projects', stack.adminToken);
    expect(projectsResponseSchema.safeParse(list.body).success).toBe(true);
    const listed = new Map(list.body.projects.map((p) => [p.id, p.figures]));
    expect(listed.get('F-1')).toEqual(byId.get('F-1')!.figures);
    expect(listed.get('F-3')!.investmentIntensity).toBeNull();

    const h = await call<HistoryResponse>(stack, 'GET', '/v1/projects/F-1/history', stack.adminToken);
    expect(historyResponseSchema.safeParse(h.body).success).toBe(true);
    expect(h.body.figures).toEqual(byId.get('F-1')!.figures);
  });

  it('the history answers the figures of the latest state after a change', async () => {
    await sync(stack, stack.adminToken, request([row('F-9', { landArea: 100, fixedInvestment: 1 })], { asOf: '2026-03-02' }));
    await sync(stack, stack.adminToken, request([row('F-9', { landArea: 25, fixedInvestment: 1 })], { asOf: '2026-03-03' }));
    const h = await call<HistoryResponse>(stack, 'GET', '/v1/projects/F-9/history', stack.adminToken);
    expect(h.body.events.length).toBe(2);
    expect(h.body.figures).toMatchObject({ landArea: 25, investmentIntensity: 400 });
  });
});
