/**
 * What each function is asked, in order: the first administrator signs in (bootstrap), registers a clerk, sets
 * the configuration; the clerk syncs a 1,000-row chunk and syncs it again unchanged; then projects in pages,
 * a history, the weekly report and the dashboard. Every answer is checked against contract/responses.ts, and
 * every function also answers an error path or more (bad input → 400, no claims → 401, a clerk on an admin
 * route → 403, an unknown project → 404). A function the template has and no scenario covers fails.
 */
import * as z from 'zod/mini';
import {
  apiErrorSchema,
  channelsResponseSchema,
  countyConfigSchema,
  cutoffResultSchema,
  dashboardSchema,
  historyResponseSchema,
  meResponseSchema,
  projectsResponseSchema,
  syncResponseSchema,
  userPutResponseSchema,
  usersResponseSchema,
  weeklyReportSchema,
} from '../../../contract/responses';
import type { CountyConfig, ErrorCode, SyncRequest, SyncRow } from '../../../contract';
import type { ChannelSettings } from '../../../contract/channels';
import type { Answer, FunctionProcess } from './bundles';
import { apiEvent, type Person, type Request, type Tenant } from './events';
import { syntheticRow } from './synthetic-row';

export const CHUNK_ROWS = 1000;
const UNIT = '温水镇';

export interface World {
  tenant: Tenant;
  admin: Person;
  clerk: Person;
  /** Ids the first sync created (later scenarios page through and look them up). */
  ids: string[];
  /** The weekly report's previous week (its cut-off has passed): the week the on-demand cut-off is asked about. */
  previousWeek: string | null;
}

export function makeWorld(tenant: Tenant, adminEmail: string): World {
  return {
    tenant,
    admin: { oid: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a', email: adminEmail, name: '县招商服务中心管理员' },
    clerk: { oid: '1a2b3c4d-5e6f-4708-9a1b-2c3d4e5f6071', email: 'clerk.wenshui@pingyi.gov.cn', name: '温水镇文员' },
    ids: [],
    previousWeek: null,
  };
}

/** Asks one function: invoke, then check status and body. */
export class Caller {
  constructor(
    private readonly fn: FunctionProcess,
    private readonly world: World,
  ) {}

  async call(label: string, req: Request): Promise<Answer> {
    return this.fn.invoke(label, apiEvent(req, this.world.tenant));
  }

  /** A 2xx answer whose body the schema accepts; the parsed body. */
  async ok<S extends z.ZodMiniType>(label: string, req: Request, schema: S): Promise<z.infer<S>> {
    const a = await this.call(label, req);
    if (a.status !== 200) throw this.fail(label, `answered ${a.status}, expected 200: ${JSON.stringify(a.body).slice(0, 500)}`);
    this.headers(label, a);
    return this.body(label, schema, a.body);
  }

  /** An error answer with this status and code, in the ApiError shape. */
  async refused(label: string, req: Request, status: number, code: ErrorCode): Promise<void> {
    const a = await this.call(label, req);
    if (a.status !== status) throw this.fail(label, `answered ${a.status}, expected ${status}: ${JSON.stringify(a.body).slice(0, 500)}`);
    this.headers(label, a);
    const body = this.body(label, apiErrorSchema, a.body);
    if (body.error.code !== code) throw this.fail(label, `error code ${body.error.code}, expected ${code}`);
  }

  /**
   * A function not behind the API, invoked with each payload its schedules send (the template's): the handler
   * resolves, and what it resolves to (Lambda's answer to Scheduler) is checked against the schema.
   */
  async scheduled<S extends z.ZodMiniType>(label: string, schema: S): Promise<z.infer<S>[]> {
    const inputs = this.fn.fn.scheduleInputs;
    if (inputs.length === 0) throw this.fail(label, 'no EventBridge Scheduler schedule of the template targets this function');
    const out: z.infer<S>[] = [];
    for (const [i, input] of inputs.entries()) {
      const result = await this.fn.invokeRaw(`${label}${inputs.length > 1 ? ` (schedule ${i + 1})` : ''}`, input);
      out.push(this.body(label, schema, result));
    }
    return out;
  }

  check(label: string, ok: boolean, what: string): void {
    if (!ok) throw this.fail(label, what);
  }

  private headers(label: string, a: Answer): void {
    if (!/^application\/json/.test(a.headers['content-type'] ?? '')) throw this.fail(label, `content-type ${a.headers['content-type']}`);
  }

  private body<S extends z.ZodMiniType>(label: string, schema: S, body: unknown): z.infer<S> {
    const r = z.safeParse(schema, body);
    if (r.success) return r.data;
    const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw this.fail(label, `the body does not match contract/responses.ts: ${issues.join('; ')}`);
  }

  private fail(label: string, what: string): Error {
    return new Error(`${this.fn.label} ${label}: ${what}\n${this.fn.log(8)}`);
  }
}

// ---------------------------------------------------------------- the rows a clerk syncs

/** One ledger row as the add-in sends it, in the clerk's unit. */
const ledgerRow = (i: number): SyncRow => syntheticRow(i, { id: `VB-${String(i).padStart(5, '0')}`, unit: UNIT });

function syncRequest(rows: SyncRow[], last: boolean): SyncRequest {
  return { workbook: { id: 'verify-wb', name: '平邑县招商台账.xlsx' }, dateSystem: 1900, rows, ...(last ? { workbookIds: rows.map((r) => r.id) } : {}) };
}

// ---------------------------------------------------------------- one scenario per function

export type Scenario = (c: Caller, w: World) => Promise<void>;

const noClaims = (r: Omit<Request, 'as'>): Request => ({ ...r, as: null });

export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  async me(c, w) {
    const req: Request = { method: 'GET', route: '/v1/me', as: w.admin };
    const first = await c.ok('GET /v1/me (first admin, bootstrap)', req, meResponseSchema);
    c.check('GET /v1/me', first.role === 'admin' && first.bootstrapped === true, `expected the bootstrap admin, got ${JSON.stringify(first)}`);
    const again = await c.ok('GET /v1/me (admin again)', req, meResponseSchema);
    c.check('GET /v1/me', again.role === 'admin' && again.bootstrapped === undefined, `expected a stored admin, got ${JSON.stringify(again)}`);
    await c.refused('GET /v1/me without claims', noClaims(req), 401, 'unauthorized');
  },

  async users(c, w) {
    const put: Request = { method: 'PUT', route: '/v1/users', as: w.admin, body: { email: w.clerk.email, role: 'clerk', units: [UNIT] } };
    const saved = await c.ok('PUT /v1/users (register a clerk)', put, userPutResponseSchema);
    c.check('PUT /v1/users', saved.user.role === 'clerk' && saved.user.units.includes(UNIT), `stored ${JSON.stringify(saved.user)}`);
    const list = await c.ok('GET /v1/users', { method: 'GET', route: '/v1/users', as: w.admin }, usersResponseSchema);
    c.check('GET /v1/users', list.users.length === 2, `expected the admin and the clerk, got ${list.users.length} users`);
    await c.refused('PUT /v1/users bad body', { ...put, body: { email: w.clerk.email, role: 'boss' } }, 400, 'bad_request');
    await c.refused('GET /v1/users as clerk', { method: 'GET', route: '/v1/users', as: w.clerk }, 403, 'forbidden');
    await c.refused('PUT /v1/users without claims', noClaims(put), 401, 'unauthorized');
  },

  async config(c, w) {
    const get: Request = { method: 'GET', route: '/v1/config', as: w.admin };
    const config = await c.ok('GET /v1/config', get, countyConfigSchema);
    const next: CountyConfig = { ...config, county: '平邑县', units: [...new Set([...config.units, UNIT])] };
    const put: Request = { method: 'PUT', route: '/v1/config', as: w.admin, body: next };
    const saved = await c.ok('PUT /v1/config', put, countyConfigSchema);
    c.check('PUT /v1/config', saved.county === '平邑县' && saved.units.includes(UNIT), `answered ${JSON.stringify(saved).slice(0, 300)}`);
    const read = await c.ok('GET /v1/config (as clerk)', { ...get, as: w.clerk }, countyConfigSchema);
    c.check('GET /v1/config', read.county === '平邑县', 'the saved configuration is not what GET answers');
    await c.refused('PUT /v1/config bad body', { ...put, body: { ...next, cutoff: { ...next.cutoff, weekday: 9 } } }, 400, 'bad_request');
    await c.refused('PUT /v1/config as clerk', { ...put, as: w.clerk }, 403, 'forbidden');
    await c.refused('GET /v1/config without claims', noClaims(get), 401, 'unauthorized');
  },

  async sync(c, w) {
    const rows = Array.from({ length: CHUNK_ROWS }, (_, i) => ledgerRow(i));
    const req = (body: unknown): Request => ({ method: 'POST', route: '/v1/sync', as: w.clerk, body });
    const first = await c.ok(`POST /v1/sync first ${CHUNK_ROWS} rows`, req(syncRequest(rows, false)), syncResponseSchema);
    const s = first.summary;
    c.check('POST /v1/sync first', first.rows.length === CHUNK_ROWS && s.created === CHUNK_ROWS && s.rejected === 0, `summary ${JSON.stringify(s)}`);
    w.ids.push(...first.rows.map((r) => r.id));
    const again = await c.ok(`POST /v1/sync unchanged ${CHUNK_ROWS} rows`, req(syncRequest(rows, true)), syncResponseSchema);
    const a = again.summary;
    c.check('POST /v1/sync unchanged', a.unchanged === CHUNK_ROWS && a.created + a.updated + a.rejected === 0, `summary ${JSON.stringify({ ...a, missing: a.missing?.length })}`);
    c.check('POST /v1/sync unchanged', Array.isArray(a.missing) && a.missing.length === 0, 'the last chunk (with workbookIds) reports no missing list');
    await c.refused('POST /v1/sync bad body', req({ workbook: { id: 'verify-wb' }, rows: 'none' }), 400, 'bad_request');
    await c.refused('POST /v1/sync broken JSON', req('{"rows": ['), 400, 'bad_request');
    await c.refused('POST /v1/sync without claims', noClaims(req(syncRequest(rows.slice(0, 1), false))), 401, 'unauthorized');
  },

  async projects(c, w) {
    const page = (query: Record<string, string>): Request => ({ method: 'GET', route: '/v1/projects', as: w.clerk, query });
    const size = Math.ceil(w.ids.length * 0.6);
    const one = await c.ok(`GET /v1/projects page 1 (limit ${size})`, page({ limit: String(size) }), projectsResponseSchema);
    c.check('GET /v1/projects page 1', one.projects.length === size && typeof one.nextToken === 'string', `${one.projects.length} projects, nextToken ${one.nextToken}`);
    const two = await c.ok('GET /v1/projects page 2 (nextToken)', page({ limit: String(size), nextToken: one.nextToken! }), projectsResponseSchema);
    const seen = new Set([...one.projects, ...two.projects].map((p) => p.id));
    c.check('GET /v1/projects page 2', two.nextToken === undefined && seen.size === w.ids.length && w.ids.every((id) => seen.has(id)), `pages hold ${seen.size} distinct of ${w.ids.length} synced ids, nextToken ${two.nextToken}`);
    await c.refused('GET /v1/projects bad limit', page({ limit: '0' }), 400, 'bad_request');
    await c.refused('GET /v1/projects without claims', noClaims(page({})), 401, 'unauthorized');
  },

  async history(c, w) {
    const req = (id: string): Request => ({ method: 'GET', route: '/v1/projects/{id}/history', pathParameters: { id }, as: w.admin });
    const id = w.ids[0] ?? 'VB-00000';
    const h = await c.ok(`GET /v1/projects/${id}/history`, req(id), historyResponseSchema);
    c.check('GET history', h.id === id && h.events[0]?.kind === 'created', `events ${JSON.stringify(h.events.map((e) => e.kind))}`);
    await c.refused('GET history of an unknown id', req('VB-NOPE'), 404, 'not_found');
    await c.refused('GET history without claims', noClaims(req(id)), 401, 'unauthorized');
  },

  async reports(c, w) {
    const req = (query?: Record<string, string>): Request => ({ method: 'GET', route: '/v1/reports/weekly', as: w.clerk, ...(query ? { query } : {}) });
    const report = await c.ok('GET /v1/reports/weekly', req(), weeklyReportSchema);
    w.previousWeek = report.period.previousWeek;
    await c.ok(`GET /v1/reports/weekly?week=${report.period.previousWeek}`, req({ week: report.period.previousWeek }), weeklyReportSchema);
    await c.refused('GET /v1/reports/weekly bad week', req({ week: 'last' }), 400, 'bad_request');
    await c.refused('GET /v1/reports/weekly without claims', noClaims(req()), 401, 'unauthorized');
  },

  async dashboard(c, w) {
    const req = (query?: Record<string, string>): Request => ({ method: 'GET', route: '/v1/dashboard', as: w.admin, ...(query ? { query } : {}) });
    const board = await c.ok('GET /v1/dashboard', req(), dashboardSchema);
    c.check('GET /v1/dashboard', board.total.count + board.dropped === w.ids.length, `counts ${board.total.count} active + ${board.dropped} dropped, synced ${w.ids.length}`);
    await c.refused('GET /v1/dashboard bad asOf', req({ asOf: 'yesterday' }), 400, 'bad_request');
    await c.refused('GET /v1/dashboard without claims', noClaims(req()), 401, 'unauthorized');
  },

  async channels(c, w) {
    const get: Request = { method: 'GET', route: '/v1/channels', as: w.admin };
    const empty = await c.ok('GET /v1/channels (none yet)', get, channelsResponseSchema);
    c.check('GET /v1/channels', empty.settings.channels.length === 0 && empty.lastRuns.length === 0, `expected no channels, got ${JSON.stringify(empty).slice(0, 300)}`);
    const wecomUrl = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
    const dingUrl = 'https://oapi.dingtalk.com/robot/send?access_token=2f9c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e';
    const dingSecret = 'SECb6e4f0c8a2d94e1f7b3a5c9d0e2f4a6b8c1d3e5f7a9b0c2d4e6f8a1b3c5d7e9f0';
    // No routing: the scheduled job that runs later must not post to the robots (no network from the verifier).
    const settings: ChannelSettings = {
      channels: [
        { id: 'wenshui-wecom', kind: 'wecom', name: '温水镇招商群', url: wecomUrl },
        { id: 'leaders-dingtalk', kind: 'dingtalk', name: '县领导钉钉群', url: dingUrl, secret: dingSecret },
      ],
      leaders: {},
      units: {},
      schedule: { afterCutoff: true, reminderHoursBefore: 24 },
    };
    const put: Request = { method: 'PUT', route: '/v1/channels', as: w.admin, body: settings };
    const masked = (label: string, s: ChannelSettings) => {
      const [wecom, ding] = [s.channels.find((ch) => ch.id === 'wenshui-wecom'), s.channels.find((ch) => ch.id === 'leaders-dingtalk')];
      const text = JSON.stringify(s);
      c.check(label, !!wecom && !!ding && s.channels.length === 2, `expected the two channels, got ${text.slice(0, 300)}`);
      c.check(label, !text.includes(wecomUrl) && !text.includes(dingUrl) && !text.includes(dingSecret) && !text.includes('693a91f6') && !text.includes('access_token'), `a webhook key or secret is not masked: ${text.slice(0, 400)}`);
      c.check(label, wecom!.url!.startsWith('https://qyapi.weixin.qq.com/') && wecom!.url!.endsWith(wecomUrl.slice(-4)), `the WeCom URL is masked as ${wecom!.url}`);
      c.check(label, ding!.secret !== undefined && ding!.secret.endsWith(dingSecret.slice(-4)) && ding!.secret !== dingSecret, `the DingTalk secret is masked as ${ding!.secret}`);
    };
    const saved = await c.ok('PUT /v1/channels (WeCom URL, DingTalk secret)', put, channelsResponseSchema);
    masked('PUT /v1/channels', saved.settings);
    const read = await c.ok('GET /v1/channels (masked)', get, channelsResponseSchema);
    masked('GET /v1/channels', read.settings);
    await c.refused('GET /v1/channels as clerk', { ...get, as: w.clerk }, 403, 'forbidden');
    await c.refused('PUT /v1/channels as clerk', { ...put, as: w.clerk }, 403, 'forbidden');
    await c.refused('PUT /v1/channels bad body', { ...put, body: { ...settings, channels: [{ id: 'x', kind: 'pager', name: 'x' }] } }, 400, 'bad_request');
    await c.refused('PUT /v1/channels without claims', noClaims(put), 401, 'unauthorized');
  },

  async cutoff(c, w) {
    const week = w.previousWeek;
    c.check('POST /v1/cutoff', week !== null, 'the reports scenario did not record the previous week');
    const req = (body: unknown): Request => ({ method: 'POST', route: '/v1/cutoff', as: w.admin, body });
    const dry = await c.ok(`POST /v1/cutoff ${week} dryRun`, req({ week, dryRun: true }), cutoffResultSchema);
    c.check('POST /v1/cutoff dryRun', dry.dryRun && dry.weeks.length === 1 && dry.weeks[0]!.week === week && dry.weeks[0]!.status === 'wouldClose', `answered ${JSON.stringify(dry).slice(0, 400)}`);
    c.check('POST /v1/cutoff dryRun', dry.push === null && dry.reminder === null && Array.isArray(dry.preview), 'a dry run pushed, or answered no preview');
    await c.refused('POST /v1/cutoff bad week', req({ week: 'last', dryRun: true }), 400, 'bad_request');
    await c.refused('POST /v1/cutoff broken JSON', req('{"week": '), 400, 'bad_request');
    await c.refused('POST /v1/cutoff as clerk', { ...req({ week, dryRun: true }), as: w.clerk }, 403, 'forbidden');
    await c.refused('POST /v1/cutoff without claims', noClaims(req({ week, dryRun: true })), 401, 'unauthorized');
  },

  /** The scheduled job: three ticks with the payload its schedule sends; what is due gets closed once, never twice. */
  async 'cutoff-job'(c) {
    const closedOnce = new Set<string>();
    for (const tick of [1, 2, 3]) {
      for (const res of await c.scheduled(`scheduled tick ${tick}`, cutoffResultSchema)) {
        c.check(`tick ${tick}`, !res.dryRun && res.preview === undefined, `a scheduled run answered ${JSON.stringify(res).slice(0, 300)}`);
        for (const week of res.weeks) {
          c.check(`tick ${tick}`, week.status === 'closed' || week.status === 'alreadyClosed', `week ${week.week} ${week.status}`);
          if (week.status === 'closed') {
            c.check(`tick ${tick}`, !closedOnce.has(week.week), `week ${week.week} closed twice`);
            closedOnce.add(week.week);
          }
        }
        // No channel is routed (see channels): nothing is delivered, nothing fails.
        c.check(`tick ${tick}`, (res.push?.failed ?? 0) === 0 && (res.reminder?.failed ?? 0) === 0, `a delivery failed: ${JSON.stringify(res.push ?? res.reminder)}`);
      }
    }
  },
};

/** The order the functions run in: each builds on what the ones before stored. */
export const SCENARIO_ORDER = ['me', 'users', 'config', 'sync', 'projects', 'history', 'reports', 'dashboard', 'channels', 'cutoff', 'cutoff-job'] as const;
