/**
 * Sync when things go wrong: a chunk that fails after its events are written and is retried, one row that
 * DynamoDB refuses, rows beyond the contract's limits, and the smaller cases of the review (a unit cell that
 * does not parse, duplicated ids, unit spellings in GET /v1/projects). Real dynalite throughout; the failures
 * come from a store wrapper that stops working once a commit has landed, as a process dying there would.
 */
import { BatchGetCommand, BatchWriteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { ApiError, ProjectsResponse, SyncRequest } from '../../../contract';
import { LIMITS } from '../../../contract';
import { asOfInstant, weekOf } from '../../../functions/domain/calendar';
import { DEFAULT_CONFIG } from '../../../functions/domain/config';
import type { Caller } from '../../../functions/app/caller';
import type { Deps } from '../../../functions/app/deps';
import type { ProjectStore } from '../../../functions/app/ports';
import { syncUseCase } from '../../../functions/app/sync';
import { createDocumentClient, DEFAULT_TABLE_NAME, DynamoStore } from '../../../functions/store';
import { call, request, row, useTestStack, sync } from '../handlers/api';

const stack = useTestStack();

const ADMIN: Caller = { subject: 'local-admin', email: 'admin@localhost', name: '本地管理员', role: 'admin', units: [] };
const deps = (store: ProjectStore, log: string[] = []): Deps => ({ store, mode: 'test', clock: () => new Date().toISOString(), log: (l) => void log.push(l) });

/** The store, except that every write after `events` committed events fails — a crash just past the events. */
function crashAfterEvents(store: ProjectStore, events = 1): ProjectStore {
  let done = 0;
  let committed = false;
  const writes = new Set(['settleStates', 'putMemberships', 'putWeekSnapshots', 'commit']);
  return new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (committed && writes.has(String(prop))) throw new Error('process died');
        const out: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (prop === 'commit' && out === 'committed') committed = ++done >= events;
        return out;
      };
    },
  });
}

const missingOf = async (req: SyncRequest) => (await sync(stack, stack.adminToken, { ...req, rows: [], workbookIds: [] })).summary.missing?.map((m) => m.id);

describe('a chunk that fails after its events, then is retried', () => {
  it('keeps the workbook membership of new projects, so the missing-projects report still names them', async () => {
    const req = request([row('F-1', {}), row('F-2', {})], { workbook: { id: 'wb-crash-new', name: '崩溃.xlsx' } });
    await expect(syncUseCase(deps(crashAfterEvents(stack.store, 2)), ADMIN, req)).rejects.toThrow('process died');
    const retried = await sync(stack, stack.adminToken, req);
    expect(retried.rows.map((r) => r.status)).toEqual(['unchanged', 'unchanged']); // the events were written
    expect(await missingOf(req)).toEqual(['F-1', 'F-2']);
  });

  it('keeps the membership of existing projects joining another workbook', async () => {
    await sync(stack, stack.adminToken, request([row('F-3', {})], { workbook: { id: 'wb-first', name: '甲.xlsx' } }));
    const req = request([row('F-3', { progress: '转入乙' })], { workbook: { id: 'wb-crash-join', name: '乙.xlsx' } });
    // The commit of F-3 lands; the next write (the end of the chunk) fails.
    await expect(syncUseCase(deps(crashAfterEvents(stack.store)), ADMIN, { ...req, rows: [...req.rows, row('F-4', {})] })).rejects.toThrow('process died');
    expect((await sync(stack, stack.adminToken, req)).rows[0]!.status).toBe('unchanged');
    expect(await missingOf(req)).toContain('F-3');
  });

  it('keeps the closing weekly snapshot of the replaced state', async () => {
    const w = { workbook: { id: 'wb-crash-week', name: '周.xlsx' } };
    await sync(stack, stack.adminToken, request([row('F-5', { progress: '洽谈中' })], { ...w, asOf: '2026-03-02' }));
    const week = weekOf(asOfInstant('2026-03-02', DEFAULT_CONFIG.cutoff), DEFAULT_CONFIG.cutoff);
    const next = request([row('F-5', { progress: '已签约' })], { ...w, asOf: '2026-03-18' }); // two weeks on
    await expect(syncUseCase(deps(crashAfterEvents(stack.store)), ADMIN, next)).rejects.toThrow('process died');
    expect((await sync(stack, stack.adminToken, next)).rows[0]!.status).toBe('unchanged');
    const kept = (await stack.store.weekSnapshots(week)).filter((s) => s.id === 'F-5');
    expect(kept).toMatchObject([{ id: 'F-5', week, version: 1 }]);
  });
});

describe('one row that fails', () => {
  it('is that row’s error (zh/en); the other rows of the chunk are written', async () => {
    const log: string[] = [];
    // DynamoDB refuses B-2's event (as it would a number below 1e-130 — which parsing now refuses first, see below).
    const store = new Proxy(stack.store, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (prop === 'commit') {
          return async (e: { id: string }) => {
            if (e.id === 'B-2') throw Object.assign(new Error('One or more parameter values were invalid: Number underflow'), { name: 'ValidationException' });
            return (value as (e: unknown) => Promise<unknown>).call(target, e);
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const res = await syncUseCase(deps(store, log), ADMIN, request([row('B-1', {}), row('B-2', {}), row('B-3', {})]));
    expect(res.rows.map((r) => r.status)).toEqual(['created', 'rejected', 'created']);
    const err = res.rows[1]!.errors[0]!;
    expect(err.code).toBe('internal');
    expect(err.message.zh).toContain('其他行不受影响');
    expect(err.message.en).toContain('other rows are not affected');
    expect(log.join('\n')).toContain('"row":"B-2"');
    expect([...(await stack.store.loadProjects(['B-1', 'B-2', 'B-3'])).keys()].sort()).toEqual(['B-1', 'B-3']);
    expect(res.summary).toMatchObject({ rows: 3, created: 2, rejected: 1 });
  });

  it('a number the store cannot hold (1e-200) is a field error naming the cell, and the row is stored without it', async () => {
    const res = await syncUseCase(deps(stack.store), ADMIN, request([row('B-9', { tax: 1e-200, amount: 2 })]));
    expect(res.rows[0]).toMatchObject({ status: 'created', errors: [{ field: 'tax', code: 'invalid_money' }] });
    expect((await stack.store.loadProjects(['B-9'])).get('B-9')?.fields).toMatchObject({ tax: null, amount: 2 });
  });

  it('an item DynamoDB finds over 400 KB is too_large, and a retry fails the same way without failing the chunk', async () => {
    // dynalite measures strings in characters, DynamoDB in UTF-8 bytes: long Chinese texts pass one and not the
    // other. So DynamoDB's answer comes from aws-sdk-client-mock; everything else goes on to the real dynalite.
    const real = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: 'local' });
    const doc = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: 'local' });
    const mock = mockClient(doc);
    const forward = <I extends object>(Cmd: new (input: I) => unknown) => (input: I) => real.send(new Cmd(input) as never);
    for (const Cmd of [GetCommand, QueryCommand, BatchGetCommand, BatchWriteCommand, UpdateCommand] as const) mock.on(Cmd as never).callsFake(forward(Cmd as never));
    mock.on(PutCommand).callsFake(async (input: PutCommandInput) => {
      if (input.Item?.PK === 'PROJECT#B-5') throw Object.assign(new Error('Item size has exceeded the maximum allowed size'), { name: 'ValidationException' });
      return real.send(new PutCommand(input));
    });
    const store = new DynamoStore(doc, { tableName: DEFAULT_TABLE_NAME });
    try {
      const req = request([row('B-4', {}), row('B-5', { progress: '进'.repeat(LIMITS.stringLength) })]);
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await syncUseCase(deps(store), ADMIN, req);
        expect(res.rows[1]).toMatchObject({ id: 'B-5', status: 'rejected', errors: [{ code: 'too_large', field: null }] });
        expect(res.rows[1]!.errors[0]!.message.zh).toContain('内容过多');
        expect(res.rows[1]!.errors[0]!.message.en).toContain('shorten');
        expect(res.rows[0]!.status).toBe(attempt === 0 ? 'created' : 'unchanged');
      }
    } finally {
      mock.restore();
      real.destroy();
      doc.destroy();
    }
  });
});

describe('the contract’s row limits, over HTTP', () => {
  const bad = async (cells: Record<string, unknown>) => call<ApiError>(stack, 'POST', '/v1/sync', stack.adminToken, request([row('L-1', {}), { ...row('L-2', {}), cells: { name: 'x', ...cells } as never }]));

  it('refuses a row whose cells exceed LIMITS.rowBytes, naming the row', async () => {
    const cells = Object.fromEntries(['investor', 'industry', 'leader', 'team', 'contact', 'progress', 'problem', 'coordination', 'nextSteps'].map((k) => [k, '进'.repeat(LIMITS.stringLength)]));
    const a = await bad(cells);
    expect(a.status).toBe(400);
    expect(a.body.error.message.en).toContain('rows.1.cells');
    expect(a.body.error.message.zh).toContain('rows.1.cells');
  });

  it('refuses a unit longer than LIMITS.unitLength and numbers beyond LIMITS.maxNumber', async () => {
    expect((await bad({ unit: '镇'.repeat(LIMITS.unitLength + 1) })).body.error.message.en).toContain('rows.1.cells.unit');
    expect((await bad({ unit: '镇'.repeat(LIMITS.unitLength) })).status).toBe(200);
    expect((await bad({ jobs: 1e300 })).body.error.message.en).toContain('rows.1.cells.jobs');
    expect((await bad({ jobs: -1e16 })).status).toBe(400);
    const units = await call<ApiError>(stack, 'POST', '/v1/sync', stack.adminToken, request([{ ...row('L-3', {}), units: { amount: 0 } }]));
    expect(units.body.error.message.en).toContain('rows.0.units.amount');
  });
});

describe('smaller cases', () => {
  it('a unit cell that does not parse keeps the stored unit before the clerk’s units are checked', async () => {
    await stack.putUser({ subject: 'clerk-u', email: 'u@county.gov.cn', role: 'clerk', units: ['温水镇'] });
    const clerk = await stack.issueToken({ sub: 'clerk-u', email: 'u@county.gov.cn' });
    await sync(stack, clerk, request([row('U-1', { progress: 'a' })]));
    const res = await sync(stack, clerk, request([row('U-1', { progress: 'b', unit: '#REF!' })]));
    expect(res.rows[0]!.status).toBe('updated');
    expect(res.rows[0]!.errors.map((e) => [e.field, e.code])).toEqual([['unit', expect.not.stringMatching(/forbidden/)]]);
    expect((await stack.store.loadProjects(['U-1'])).get('U-1')?.fields.unit).toBe('温水镇');
  });

  it('duplicated ids report the stored stage and flag, so the add-in keeps the row’s flag', async () => {
    const flagged = await sync(stack, stack.adminToken, request([row('DUP-1', { signedDate: '2025-06-01', progress: 'x' }, 'signed')], { asOf: '2026-03-02' }));
    expect(flagged.rows[0]!.flag.level).not.toBe('none');
    const res = await sync(stack, stack.adminToken, request([row('DUP-1', {}, 'signed'), row('DUP-1', {}, 'signed')], { asOf: '2026-03-02' }));
    expect(res.rows.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    for (const r of res.rows) expect(r).toMatchObject({ stage: flagged.rows[0]!.stage, flag: { level: flagged.rows[0]!.flag.level } });
  });

  it('GET /v1/projects?unit= finds a project whatever width or spaces its unit was typed with', async () => {
    await sync(stack, stack.adminToken, request([row('N-1', { unit: '温水镇' }), row('N-2', { unit: ' 温 水 镇 ' }), row('N-3', { unit: 'ＡＢ镇' })]));
    const ids = async (unit: string) =>
      (await call<ProjectsResponse>(stack, 'GET', `/v1/projects?unit=${encodeURIComponent(unit)}&limit=1000`, stack.adminToken)).body.projects.map((p) => p.id).filter((id) => id.startsWith('N-')).sort();
    expect(await ids('温水镇')).toEqual(['N-1', 'N-2']);
    expect(await ids('温水 镇')).toEqual(['N-1', 'N-2']);
    expect(await ids('AB镇')).toEqual(['N-3']);
  });
});
