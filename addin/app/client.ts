/**
 * The API client: every call to the backend goes through callApi, which retries network errors, 5xx and 429
 * with exponential backoff and full jitter (honouring Retry-After), never retries other 4xx, stops on an
 * AbortSignal and fails with an ApiCallError. sendSync splits rows into requests (core's chunkRows), sends
 * them with bounded concurrency and reports progress; the last request carries `workbookIds`, sent after
 * every other chunk succeeded. fetch, timers, the clock and randomness are injectable (ClientOptions, ApiTarget);
 * the defaults here are the platform's (globalThis.fetch, setTimeout, Date.now, Math.random).
 */
import {
  API_VERSION,
  LIMITS,
  type ApiError,
  type Message,
  type MissingProject,
  type SyncRequest,
  type SyncResponse,
  type SyncRow,
  type SyncRowResult,
  type SyncSummary,
} from '../../contract';
import { chunkRows, MSG, retryAfterMs } from '../core';

/** `body` is absent on GET (fetch refuses a body there). */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export interface ApiTarget {
  url: string;
  token: string;
  fetch?: FetchLike;
}

export interface ClientOptions {
  concurrency?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxChunkBytes?: number;
  rowsPerChunk?: number;
  /** Injected for tests; defaults to setTimeout. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter of the backoff; defaults to Math.random. */
  random?: () => number;
  /** The clock (epoch ms) Retry-After dates are measured from; defaults to Date.now. */
  now?: () => number;
}

export interface SyncProgress {
  chunksDone: number;
  chunksTotal: number;
  rowsDone: number;
  rowsTotal: number;
}

export type ApiCallErrorKind = 'network' | 'http' | 'aborted';

/**
 * Why a call to the API failed (a sync, a report, the history…), with text for the clerk. `network`: the
 * backend could not be reached (after retries); `http`: it answered with an error; `aborted`: cancelled.
 * (Not contract's ApiError, which is the shape of the error body the server sends.)
 */
export class ApiCallError extends Error {
  constructor(
    readonly kind: ApiCallErrorKind,
    readonly msg: Message,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(msg.en);
    this.name = 'ApiCallError';
  }
}

export interface SyncBatchResult {
  asOf: string;
  results: SyncRowResult[];
  summary: SyncSummary;
  missing: MissingProject[];
}

const DEFAULTS = { concurrency: 2, maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, maxChunkBytes: 1_000_000 };
function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ApiCallError('aborted', MSG.aborted()));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new ApiCallError('aborted', MSG.aborted()));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** One API call: which endpoint, its query (undefined values left out) and JSON body. */
export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT';
  /** Path under /v1, e.g. "sync" or "reports/weekly". */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

/**
 * Calls the API with the bearer token and parses the JSON answer, retrying network errors, 5xx and 429 with
 * exponential backoff and full jitter (honouring Retry-After); other 4xx fail at once with the server's
 * message. Every endpoint the client calls goes through here.
 */
export async function callApi<T>(api: ApiTarget, call: ApiCall, opts: ClientOptions = {}, signal?: AbortSignal): Promise<T> {
  const o = { ...DEFAULTS, ...opts };
  const doFetch = api.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const query = Object.entries(call.query ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined);
  const search = query.length ? `?${new URLSearchParams(query.map(([k, v]) => [k, String(v)])).toString()}` : '';
  const url = `${api.url.replace(/\/+$/, '')}/${API_VERSION}/${call.path}${search}`;
  const text = call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers: Record<string, string> = { authorization: `Bearer ${api.token}`, ...(text === undefined ? {} : { 'content-type': 'application/json' }) };
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new ApiCallError('aborted', MSG.aborted());
    let retryAfter: number | undefined;
    let failure: ApiCallError;
    try {
      const res = await doFetch(url, { method: call.method, headers, ...(text === undefined ? {} : { body: text }), signal });
      const answer = await res.text();
      if (res.status >= 200 && res.status < 300) {
        try {
          return JSON.parse(answer) as T;
        } catch {
          throw new ApiCallError('http', MSG.badResponse(), res.status);
        }
      }
      const err = parseError(answer);
      failure = new ApiCallError('http', err?.error.message ?? MSG.http(res.status), res.status, err?.error.code);
      if (res.status !== 429 && res.status < 500) throw failure;
      retryAfter = retryAfterMs(res.headers.get('retry-after'), now());
    } catch (e) {
      if (e instanceof ApiCallError) {
        if (e.kind !== 'http' || (e.status !== 429 && e.status! < 500)) throw e;
        failure = e;
      } else if (signal?.aborted) throw new ApiCallError('aborted', MSG.aborted());
      else failure = new ApiCallError('network', MSG.network(e instanceof Error ? (e.cause as Error | undefined)?.message ?? e.message : String(e)));
    }
    if (attempt >= o.maxAttempts) throw failure;
    const backoff = random() * Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
    await sleep(Math.min(o.maxDelayMs, Math.max(backoff, retryAfter ?? 0)), signal);
  }
}

export async function sendSync(
  api: ApiTarget,
  base: Omit<SyncRequest, 'rows' | 'workbookIds'>,
  rows: SyncRow[],
  workbookIds: string[],
  opts: ClientOptions = {},
  onProgress?: (p: SyncProgress) => void,
  signal?: AbortSignal,
): Promise<SyncBatchResult> {
  const o = { ...DEFAULTS, ...opts };
  const maxRows = Math.min(opts.rowsPerChunk ?? LIMITS.rowsPerRequest, LIMITS.rowsPerRequest);
  // The id list (≤ 50,000 ids, well under 1 MB) rides with the last chunk, sent once all others succeeded.
  const chunks = chunkRows(rows, maxRows, o.maxChunkBytes);
  const finalChunk = chunks.pop()!;
  const progress: SyncProgress = { chunksDone: 0, chunksTotal: chunks.length + 1, rowsDone: 0, rowsTotal: rows.length };
  onProgress?.({ ...progress });
  const post = (body: SyncRequest) => callApi<SyncResponse>(api, { method: 'POST', path: 'sync', body }, opts, signal);

  const responses: SyncResponse[] = new Array(chunks.length + 1);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < chunks.length && !failed) {
      const i = next++;
      try {
        responses[i] = await post({ ...base, rows: chunks[i]! });
      } catch (e) {
        failed = true; // the other workers stop taking chunks
        throw e;
      }
      progress.chunksDone++;
      progress.rowsDone += chunks[i]!.length;
      onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, chunks.length)) }, worker));
  // Rows matched by name to a stored project (sentId) are that project now: the id list names the canonical ids.
  const canonical = new Map(responses.flatMap((r) => r.rows.flatMap((x) => (x.sentId !== undefined ? [[x.sentId, x.id] as const] : []))));
  responses[chunks.length] = await post({ ...base, rows: finalChunk, workbookIds: canonical.size ? workbookIds.map((id) => canonical.get(id) ?? id) : workbookIds });
  progress.chunksDone++;
  progress.rowsDone += finalChunk.length;
  onProgress?.({ ...progress });

  const summary: SyncSummary = { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, red: 0, yellow: 0, transitions: 0, errors: 0, warnings: 0, matched: 0 };
  const missing: MissingProject[] = [];
  for (const r of responses) {
    for (const k of Object.keys(summary) as Array<keyof SyncSummary>) if (k !== 'missing') (summary[k] as number) += (r.summary[k] as number | undefined) ?? 0;
    missing.push(...(r.summary.missing ?? []));
  }
  return { asOf: responses[responses.length - 1]!.asOf, results: responses.flatMap((r) => r.rows), summary, missing };
}

function parseError(text: string): ApiError | undefined {
  try {
    const body = JSON.parse(text) as ApiError;
    return body?.error?.message?.zh ? body : undefined;
  } catch {
    return undefined;
  }
}
