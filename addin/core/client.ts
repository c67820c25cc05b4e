/**
 * The sync client: splits rows into requests (≤ LIMITS.rowsPerRequest rows and ≤ ~1 MB each), sends them
 * with bounded concurrency, retries network errors, 5xx and 429 with exponential backoff and full jitter
 * (honouring Retry-After), never retries other 4xx, stops on an AbortSignal and reports progress. The
 * last request carries `workbookIds`, sent after every other chunk succeeded. `fetch` is injected, so the
 * same client runs in Node, the browser and Office.
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
import { MSG } from './messages';

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
  random?: () => number;
}

export interface SyncProgress {
  chunksDone: number;
  chunksTotal: number;
  rowsDone: number;
  rowsTotal: number;
}

export type SyncErrorKind = 'network' | 'http' | 'aborted';

/** Why a sync failed, with text for the clerk. `network`: the backend could not be reached (after retries). */
export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    readonly msg: Message,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(msg.en);
    this.name = 'SyncError';
  }
}

export interface SyncBatchResult {
  asOf: string;
  results: SyncRowResult[];
  summary: SyncSummary;
  missing: MissingProject[];
}

const DEFAULTS = { concurrency: 2, maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, maxChunkBytes: 1_000_000 };
const encoder = new TextEncoder();

/** Splits rows into chunks by count and by encoded size. */
export function chunkRows(rows: SyncRow[], maxRows: number, maxBytes: number): SyncRow[][] {
  const chunks: SyncRow[][] = [];
  let current: SyncRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = encoder.encode(JSON.stringify(row)).length + 1;
    if (current.length && (current.length >= maxRows || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length || chunks.length === 0) chunks.push(current);
  return chunks;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SyncError('aborted', MSG.aborted()));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new SyncError('aborted', MSG.aborted()));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After in ms (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
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
  const query = Object.entries(call.query ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined);
  const search = query.length ? `?${new URLSearchParams(query.map(([k, v]) => [k, String(v)])).toString()}` : '';
  const url = `${api.url.replace(/\/+$/, '')}/${API_VERSION}/${call.path}${search}`;
  const text = call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers: Record<string, string> = { authorization: `Bearer ${api.token}`, ...(text === undefined ? {} : { 'content-type': 'application/json' }) };
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new SyncError('aborted', MSG.aborted());
    let retryAfter: number | undefined;
    let failure: SyncError;
    try {
      const res = await doFetch(url, { method: call.method, headers, ...(text === undefined ? {} : { body: text }), signal });
      const answer = await res.text();
      if (res.status >= 200 && res.status < 300) {
        try {
          return JSON.parse(answer) as T;
        } catch {
          throw new SyncError('http', MSG.badResponse(), res.status);
        }
      }
      const err = parseError(answer);
      failure = new SyncError('http', err?.error.message ?? MSG.http(res.status), res.status, err?.error.code);
      if (res.status !== 429 && res.status < 500) throw failure;
      retryAfter = retryAfterMs(res.headers.get('retry-after'));
    } catch (e) {
      if (e instanceof SyncError) {
        if (e.kind !== 'http' || (e.status !== 429 && e.status! < 500)) throw e;
        failure = e;
      } else if (signal?.aborted) throw new SyncError('aborted', MSG.aborted());
      else failure = new SyncError('network', MSG.network(e instanceof Error ? (e.cause as Error | undefined)?.message ?? e.message : String(e)));
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
  responses[chunks.length] = await post({ ...base, rows: finalChunk, workbookIds });
  progress.chunksDone++;
  progress.rowsDone += finalChunk.length;
  onProgress?.({ ...progress });

  const summary: SyncSummary = { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, red: 0, yellow: 0, transitions: 0, errors: 0 };
  const missing: MissingProject[] = [];
  for (const r of responses) {
    for (const k of Object.keys(summary) as Array<keyof SyncSummary>) if (k !== 'missing') (summary[k] as number) += r.summary[k] as number;
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
