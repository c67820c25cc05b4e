/**
 * refreshLeaderSheets against a real HTTP server with scripted answers (the reports made by the real domain
 * aggregation), writing into a real .xlsx through XlsxGateway: what is asked for, paging, retries, errors.
 */
import ExcelJS from 'exceljs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiCallError, refreshLeaderSheets, type LeaderProgress } from '../../../addin/app';
import { EMPTY_PLAN, type WorkbookGateway, type WritePlan } from '../../../addin/core';
import { formatInstant } from '../../../addin/core/leader-sheets';
import { XlsxGateway } from '../../../addin/xlsx';
import { DEFAULT_CONFIG } from '../../../functions/domain/config';
import { dashboard, weeklyReport } from '../../../functions/domain/report';
import type { ProjectSummary } from '../../../contract';
import { flag, history, period, UNITS } from '../../functions/domain/report/history';

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

const h = history();
const upTo = (week: string) => h.filter((s) => s.week <= week);
const weeklyOf = (week: string) => weeklyReport(upTo(week), upTo(period(week).previousWeek), period(week), { units: UNITS });
const DASHBOARD = dashboard(upTo('2026-W48'), { asOf: '2026-11-27T04:00:00.000Z', week: '2026-W48', units: UNITS });
const project = (i: number): ProjectSummary => ({
  id: `P-${String(i).padStart(4, '0')}`, name: `项目${i}`, unit: UNITS[i % 3]!, leader: '王明远', stage: 'clue', amount: 1, flag: flag(i % 4 ? 'none' : 'red'),
  flagSince: null, updatedAt: '2026-11-20T02:00:00.000Z', version: 1, fields: {},
});
const PROJECTS = Array.from({ length: 7 }, (_, i) => project(i + 1));

/** The routes a leaders' refresh calls, scripted; `override` answers first when it returns a reply. */
async function backend(override: (path: string, q: URLSearchParams, n: number) => Reply | undefined = () => undefined) {
  const calls: Array<{ method: string; path: string; query: string; auth?: string; body: string }> = [];
  const srv: Server = createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    const url = new URL(req.url!, 'http://x');
    calls.push({ method: req.method!, path: url.pathname, query: url.search, auth: req.headers.authorization, body });
    const q = url.searchParams;
    const reply: Reply = override(url.pathname, q, calls.length) ?? (() => {
      switch (url.pathname) {
        case '/v1/config':
          return { status: 200, body: { ...DEFAULT_CONFIG, county: '平邑县' } };
        case '/v1/dashboard':
          return { status: 200, body: DASHBOARD };
        case '/v1/reports/weekly':
          return { status: 200, body: weeklyOf(q.get('week')!) };
        case '/v1/projects': {
          const from = Number(q.get('nextToken') ?? 0);
          const limit = Number(q.get('limit'));
          const next = from + limit < PROJECTS.length ? String(from + limit) : undefined;
          return { status: 200, body: { projects: PROJECTS.slice(from, from + limit), ...(next ? { nextToken: next } : {}) } };
        }
        default:
          return { status: 404, body: { error: { code: 'not_found', message: { zh: '无此路由', en: 'No such route' } } } };
      }
    })();
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, calls, close: () => new Promise((r) => srv.close(r)) };
}

async function ledger(): Promise<XlsxGateway> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('重点线索').addRow(['项目名称', '线索时间']);
  return XlsxGateway.of(wb);
}

/** Records the plans a refresh applies (and applies them to a real workbook). */
function recording(gw: WorkbookGateway): WorkbookGateway & { plans: WritePlan[] } {
  const plans: WritePlan[] = [];
  return { plans, readSheets: () => gw.readSheets(), readSettings: () => gw.readSettings(), apply: (p) => (plans.push(p), gw.apply(p)) };
}

const noSleep = { sleep: async () => {}, random: () => 0 };

describe('refreshLeaderSheets', () => {
  it('asks for the dashboard as of a date, the weekly report of the dashboard’s week, and writes only leader sheets', async () => {
    const api = await backend();
    try {
      const gw = recording(await ledger());
      const progress: LeaderProgress[] = [];
      const out = await refreshLeaderSheets({ gateway: gw, api: { url: api.url, token: 'tok' }, options: { asOf: '2026-11-27' }, onProgress: (p) => progress.push(p) });
      expect(api.calls.map((c) => `${c.method} ${c.path}${c.query}`).sort()).toEqual(['GET /v1/config', 'GET /v1/dashboard?asOf=2026-11-27', 'GET /v1/reports/weekly?week=2026-W48']);
      expect(api.calls.every((c) => c.auth === 'Bearer tok' && c.body === '')).toBe(true);
      expect(gw.plans).toHaveLength(1);
      expect(gw.plans[0]).toMatchObject({ ...EMPTY_PLAN, leaderSheets: [{ name: '领导看板' }, { name: '周调度' }] });
      expect(gw.plans[0]!.settings).toBeUndefined();
      expect(progress.map((p) => p.phase)).toEqual(['fetch', 'write', 'done']);
      expect(out).toMatchObject({ week: '2026-W48', asOf: DASHBOARD.asOf, sheets: ['领导看板', '周调度'], countyProjects: null });
      expect(out.dashboard).toMatchObject({ count: DASHBOARD.total.count, red: DASHBOARD.total.red, yellow: DASHBOARD.total.yellow, redProjects: DASHBOARD.redFlags.length });
      const w = weeklyOf('2026-W48').county.total;
      expect(out.weekly).toMatchObject({ count: w.count, red: w.red, entered: w.entered, noUpdate: w.noUpdate });
      const sheets = (await gw.readSheets()).map((s) => s.name);
      expect(sheets).toEqual(['重点线索', '领导看板', '周调度']);
      const dash = (await gw.readSheets()).find((s) => s.name === '领导看板')!;
      expect(dash.values[0]![0]).toBe('平邑县招商引资四个清单 · 领导看板'); // the county's name from the config
    } finally {
      await api.close();
    }
  });

  it('an explicit week wins; 全县项目 pulls every page (small pages here) and says how far it got', async () => {
    const api = await backend();
    try {
      const gw = recording(await ledger());
      const progress: LeaderProgress[] = [];
      const out = await refreshLeaderSheets({
        gateway: gw, api: { url: api.url, token: 't' }, options: { week: '2026-W46', includeCountyProjects: true, pageSize: 3 }, onProgress: (p) => progress.push(p),
      });
      expect(api.calls.filter((c) => c.path === '/v1/reports/weekly').map((c) => c.query)).toEqual(['?week=2026-W46']);
      expect(api.calls.filter((c) => c.path === '/v1/projects').map((c) => c.query)).toEqual(['?limit=3', '?limit=3&nextToken=3', '?limit=3&nextToken=6']);
      expect(progress.filter((p) => p.phase === 'projects').map((p) => [p.pages, p.projects])).toEqual([[0, 0], [1, 3], [2, 6], [3, 7]]);
      expect(out).toMatchObject({ week: '2026-W46', countyProjects: 7, sheets: ['领导看板', '周调度', '全县项目'] });
      const projects = gw.plans[0]!.leaderSheets[2]!;
      expect(projects.protect).toBe(true);
      expect(projects.rows.filter((r) => typeof r[2] === 'string' && r[2].startsWith('P-')).map((r) => r[2]).sort()).toEqual(PROJECTS.map((p) => p.id));
      // Stamped with the reports' as-of instant the server answered (the dashboard's), not the client's clock.
      const stamp = formatInstant(DASHBOARD.asOf, 'Asia/Shanghai');
      expect(projects.rows.flat().some((c) => typeof c === 'string' && c.includes(stamp))).toBe(true);
    } finally {
      await api.close();
    }
  });

  it('counts stage changes as sync does: a move between lists; a new project is an arrival (entered), a drop no change', async () => {
    const api = await backend();
    try {
      const outcome = async (week: string) => (await refreshLeaderSheets({ gateway: await ledger(), api: { url: api.url, token: 't' }, options: { week } })).weekly;
      // 2026-W47 moves one clue to 落地项目 and drops another; 2026-W48 only brings a new signed project.
      expect(weeklyOf('2026-W47').movements.map((m) => [m.from, m.to])).toEqual([['clue', 'landed'], ['clue', 'dropped']]);
      expect(weeklyOf('2026-W48').movements.map((m) => [m.from, m.to])).toEqual([[null, 'signed']]);
      expect(await outcome('2026-W47')).toMatchObject({ stageChanges: 1, entered: 1 });
      expect(await outcome('2026-W48')).toMatchObject({ stageChanges: 0, entered: 1 });
    } finally {
      await api.close();
    }
  });

  it('retries a 503 through the sync client’s plumbing, then succeeds', async () => {
    let failed = 0;
    const api = await backend((path) => (path === '/v1/dashboard' && failed++ < 2 ? { status: 503, body: {} } : undefined));
    try {
      const out = await refreshLeaderSheets({ gateway: await ledger(), api: { url: api.url, token: 't' }, options: noSleep });
      expect(failed).toBe(3);
      expect(out.week).toBe('2026-W48');
    } finally {
      await api.close();
    }
  });

  it('a backend without the reports gets plain words; a 403 keeps the server’s message; the workbook is untouched', async () => {
    const api = await backend((path) =>
      path === '/v1/reports/weekly' ? { status: 404, body: { error: { code: 'not_found', message: { zh: '无此路由', en: 'No such route' } } } }
        : path === '/v1/projects' ? { status: 403, body: { error: { code: 'forbidden', message: { zh: '无权查看全县项目', en: 'Not allowed to read the county' } } } } : undefined,
    );
    try {
      const gw = recording(await ledger());
      const e1 = await refreshLeaderSheets({ gateway: gw, api: { url: api.url, token: 't' } }).catch((e: unknown) => e);
      expect(e1).toBeInstanceOf(ApiCallError);
      expect((e1 as ApiCallError).msg.zh).toContain('升级后台');
      expect(gw.plans).toHaveLength(0);
    } finally {
      await api.close();
    }
    const api2 = await backend((path) => (path === '/v1/projects' ? { status: 403, body: { error: { code: 'forbidden', message: { zh: '无权查看全县项目', en: 'Not allowed' } } } } : undefined));
    try {
      const gw = recording(await ledger());
      const e2 = await refreshLeaderSheets({ gateway: gw, api: { url: api2.url, token: 't' }, options: { includeCountyProjects: true } }).catch((e: unknown) => e);
      expect(e2).toMatchObject({ name: 'ApiCallError', status: 403, msg: { zh: '无权查看全县项目' } });
      expect(gw.plans).toHaveLength(0);
    } finally {
      await api2.close();
    }
  });

  it('refuses a malformed week or date before any request, in both languages', async () => {
    const gw = await ledger();
    const api = { url: 'http://127.0.0.1:9', token: 't', fetch: async () => { throw new Error('no request expected'); } };
    await expect(refreshLeaderSheets({ gateway: gw, api, options: { week: '2026-48' } })).rejects.toMatchObject({ msg: { zh: expect.stringContaining('2026-W48'), en: expect.stringContaining('2026-48') } });
    await expect(refreshLeaderSheets({ gateway: gw, api, options: { asOf: '27.11.2026' } })).rejects.toMatchObject({ msg: { en: expect.stringContaining('YYYY-MM-DD') } });
  });

  it('stops when aborted, without writing', async () => {
    const controller = new AbortController();
    const api = await backend((path) => {
      if (path === '/v1/reports/weekly') controller.abort();
      return undefined;
    });
    try {
      const gw = recording(await ledger());
      const err = await refreshLeaderSheets({ gateway: gw, api: { url: api.url, token: 't' }, signal: controller.signal }).catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'ApiCallError', kind: 'aborted' });
      expect(gw.plans).toHaveLength(0);
    } finally {
      await api.close();
    }
  });
});
