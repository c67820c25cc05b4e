import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SyncRequest, SyncResponse, SyncRow } from '../../../contract';
import { ApiCallError, sendSync, type SyncProgress } from '../../../addin/app';
import { chunkRows, retryAfterMs } from '../../../addin/core';

type Reply = { status: number; headers?: Record<string, string>; body?: unknown } | 'hangup';

/** A real HTTP server whose answers are scripted per request, recording what it received. */
async function server(script: (req: SyncRequest, n: number) => Reply) {
  const received: Array<{ body: SyncRequest; auth: string | undefined }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const srv: Server = createServer(async (req: IncomingMessage, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let text = '';
    for await (const c of req) text += c;
    const body = JSON.parse(text) as SyncRequest;
    received.push({ body, auth: req.headers.authorization });
    await new Promise((r) => setImmediate(r));
    const reply = script(body, received.length);
    inFlight--;
    if (reply === 'hangup') return req.socket.destroy();
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body ?? ok(body)));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return { url, received, maxInFlight: () => maxInFlight, close: () => new Promise((r) => srv.close(r)) };
}

function ok(req: SyncRequest): SyncResponse {
  return {
    asOf: '2026-06-01',
    rows: req.rows.map((r) => ({ ref: r.ref, id: r.id, status: 'created', stage: r.list, targetList: null, flag: { level: 'none', reasons: [] }, errors: [] })),
    summary: { rows: req.rows.length, created: req.rows.length, updated: 0, unchanged: 0, rejected: 0, red: 0, yellow: 0, transitions: 0, errors: 0, ...(req.workbookIds ? { missing: [{ id: 'P-GONE2222', name: '旧', stage: 'clue', unit: '' }] } : {}) },
  };
}

const rows = (n: number): SyncRow[] => Array.from({ length: n }, (_, i) => ({ ref: { sheet: 'S', row: i + 2 }, list: 'clue', id: `P-${i}`, cells: { name: `项目${i}` } }));
const base = { workbook: { id: 'W-1', name: 'x.xlsx' }, dateSystem: 1900 as const };
const sleeps: number[] = [];
const sleep = async (ms: number) => void sleeps.push(ms);
beforeEach(() => (sleeps.length = 0));

describe('chunking', () => {
  it('splits by row count and by bytes', () => {
    expect(chunkRows(rows(2500), 1000, 1e9).map((c) => c.length)).toEqual([1000, 1000, 500]);
    const big = rows(10).map((r) => ({ ...r, cells: { progress: '进'.repeat(1000) } }));
    expect(chunkRows(big, 1000, 7000).map((c) => c.length)).toEqual([2, 2, 2, 2, 2]);
  });
  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(10_000);
    expect(retryAfterMs(null, 0)).toBeUndefined();
  });
});

describe('sendSync against a real HTTP server', () => {
  it('sends chunks with bounded concurrency, the ids with the last chunk only, and reports progress', async () => {
    const s = await server(() => ({ status: 200 }));
    const progress: SyncProgress[] = [];
    const out = await sendSync({ url: s.url, token: 'tok' }, base, rows(2300), ['P-0', 'P-1'], { concurrency: 2, rowsPerChunk: 500, sleep }, (p) => progress.push(p));
    await s.close();
    expect(s.received.map((r) => [r.body.rows.length, r.body.workbookIds?.length])).toEqual([[500, undefined], [500, undefined], [500, undefined], [500, undefined], [300, 2]]);
    expect(s.received.every((r) => r.auth === 'Bearer tok')).toBe(true);
    expect(s.maxInFlight()).toBeLessThanOrEqual(2);
    expect(out.results).toHaveLength(2300);
    expect(out.summary.created).toBe(2300);
    expect(out.missing.map((m) => m.id)).toEqual(['P-GONE2222']);
    expect(progress[0]).toEqual({ chunksDone: 0, chunksTotal: 5, rowsDone: 0, rowsTotal: 2300 });
    expect(progress.at(-1)).toEqual({ chunksDone: 5, chunksTotal: 5, rowsDone: 2300, rowsTotal: 2300 });
  });

  it('retries 5xx, 429 (honouring Retry-After) and dropped connections, then succeeds', async () => {
    const s = await server((_, n) => (n === 1 ? { status: 503 } : n === 2 ? { status: 429, headers: { 'retry-after': '7' } } : n === 3 ? 'hangup' : { status: 200 }));
    const out = await sendSync({ url: s.url, token: 't' }, base, rows(3), ['a'], { sleep, random: () => 0.5, baseDelayMs: 100 });
    await s.close();
    expect(out.results).toHaveLength(3);
    expect(s.received).toHaveLength(4);
    expect(sleeps).toEqual([50, 7000, 200]); // jittered backoff, Retry-After, jittered backoff
  });

  it('does not retry other 4xx and passes on the server’s bilingual message', async () => {
    const s = await server(() => ({ status: 400, body: { error: { code: 'bad_request', message: { zh: '请求无效', en: 'Bad request' } } } }));
    const err = await sendSync({ url: s.url, token: 't' }, base, rows(3), [], { sleep }).catch((e) => e);
    await s.close();
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toMatchObject({ kind: 'http', status: 400, code: 'bad_request', msg: { zh: '请求无效', en: 'Bad request' } });
    expect(s.received).toHaveLength(1);
  });

  it('gives up after maxAttempts on an unreachable backend with a network error', async () => {
    const s = await server(() => ({ status: 200 }));
    await s.close();
    const err = await sendSync({ url: s.url, token: 't' }, base, rows(1), [], { sleep, maxAttempts: 3 }).catch((e) => e);
    expect(err).toMatchObject({ kind: 'network' });
    expect(err.msg.zh).toContain('无法连接服务器');
    expect(sleeps).toHaveLength(2);
  });

  it('stops when cancelled', async () => {
    const ctl = new AbortController();
    const s = await server(() => {
      ctl.abort();
      return { status: 503 };
    });
    const err = await sendSync({ url: s.url, token: 't' }, base, rows(1), [], { sleep }, undefined, ctl.signal).catch((e) => e);
    await s.close();
    expect(err).toMatchObject({ kind: 'aborted' });
  });
});
