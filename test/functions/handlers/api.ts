/** Test helpers: an in-memory embedded stack on a free port, driven over HTTP with fetch. */
import type { SyncRequest, SyncResponse, SyncRow } from '../../../contract';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../../infra/local/stack';

/**
 * One in-memory stack (test mode, free port) for the enclosing file or describe block: started before its
 * tests and hooks, closed after them. The handle forwards to it, so use it only inside tests and hooks.
 */
export function useTestStack(opts: LocalStackOptions = {}): LocalStack {
  let started: LocalStack | undefined;
  const live = (): LocalStack => {
    if (!started) throw new Error('the test stack is used outside a test or hook, or failed to start');
    return started;
  };
  beforeAll(async () => {
    started = await startLocalStack({ inMemory: true, mode: 'test', port: 0, ...opts });
  });
  afterAll(async () => {
    await started?.close();
  });
  return {
    get url() { return live().url; },
    get dynamoEndpoint() { return live().dynamoEndpoint; },
    get adminToken() { return live().adminToken; },
    get store() { return live().store; },
    issueToken: (user, o) => live().issueToken(user, o),
    putUser: (profile) => live().putUser(profile),
    close: () => live().close(),
  };
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = unknown>(stack: LocalStack, method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const res = await fetch(`${stack.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

let rowNo = 1;
export function row(id: string, cells: SyncRow['cells'], list: SyncRow['list'] = 'clue'): SyncRow {
  return { ref: { sheet: '重点线索', row: ++rowNo }, list, id, cells: { name: `项目${id}`, unit: '温水镇', leader: '张县长', ...cells } };
}

export function request(rows: SyncRow[], over: Partial<SyncRequest> = {}): SyncRequest {
  return { workbook: { id: 'wb-1', name: '平邑县招商台账.xlsx' }, dateSystem: 1900, rows, asOf: '2026-03-02', ...over };
}

export async function sync(stack: LocalStack, token: string, req: SyncRequest): Promise<SyncResponse> {
  const a = await call<SyncResponse>(stack, 'POST', '/v1/sync', token, req);
  if (a.status !== 200) throw new Error(`sync answered ${a.status}: ${JSON.stringify(a.body)}`);
  return a.body;
}
