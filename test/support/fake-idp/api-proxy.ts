/**
 * A stand-in for the cloud API in front of the local stack: it checks every bearer token the way API
 * Gateway's JWT authorizer would (here against the fake IdP's key), records what it saw, answers GET /v1/me
 * from its own user table (role and units, or 403 for an unknown user), and forwards everything else to the
 * local stack with the stack's own admin token. `rejectNext` makes it refuse valid tokens with 401, to test
 * the client's one renewal.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWTPayload } from 'jose';

export interface SeenRequest {
  method: string;
  path: string;
  /** 'valid' with the token's claims, or why the token was refused. */
  auth: { ok: true; claims: JWTPayload } | { ok: false; reason: string };
  status: number;
}

export interface ProxyUser {
  role: 'clerk' | 'leader' | 'admin';
  units: string[];
}

export interface ApiProxyOptions {
  /** Checks a bearer token (FakeIdp.verify). */
  verify(token: string): Promise<JWTPayload>;
  /** Local stack to forward to, and the token it accepts. */
  upstream: string;
  upstreamToken: string;
  /** Known users by preferred_username; others get 403 from /v1/me. */
  users: Record<string, ProxyUser>;
  /** The only origin CORS allows (the task pane's). */
  origin: string;
}

export interface ApiProxy {
  url: string;
  seen: SeenRequest[];
  /** Answer this many more requests with 401 although their token is valid. */
  rejectNext: number;
  close(): Promise<void>;
}

const UNKNOWN_USER = {
  zh: '您的账号尚未在本系统登记。请联系县招商服务中心的系统管理员添加账号并分配单位。',
  en: 'Your account is not registered here yet. Ask the system administrator at the county investment service centre to add you and assign your units.',
};

/** The whole request body (the fake IdP's token endpoint reads its form with it too). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

export async function startApiProxy(o: ApiProxyOptions): Promise<ApiProxy> {
  const cors = { 'access-control-allow-origin': o.origin, vary: 'Origin' };
  const send = (res: ServerResponse, status: number, payload: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...cors }).end(JSON.stringify(payload));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST, PUT', 'access-control-allow-headers': 'authorization, content-type', 'access-control-max-age': '600' }).end();
      return;
    }
    const header = req.headers.authorization ?? '';
    const token = /^Bearer (.+)$/.exec(header)?.[1] ?? '';
    let auth: SeenRequest['auth'];
    try {
      auth = { ok: true, claims: await o.verify(token) };
    } catch (err) {
      auth = { ok: false, reason: token ? String((err as Error).message) : 'no bearer token' };
    }
    const record = (status: number) => proxy.seen.push({ method, path, auth, status });
    const unauthorized = { error: { code: 'unauthorized', message: { zh: '未登录或令牌无效', en: 'Not signed in or invalid token' } } };
    if (!auth.ok) {
      record(401);
      return send(res, 401, unauthorized);
    }
    if (proxy.rejectNext > 0) {
      proxy.rejectNext--;
      record(401);
      return send(res, 401, unauthorized);
    }
    if (path === '/v1/me' && method === 'GET') {
      const username = String(auth.claims.preferred_username ?? '');
      const user = o.users[username];
      if (!user) {
        record(403);
        return send(res, 403, { error: { code: 'forbidden', message: UNKNOWN_USER } });
      }
      record(200);
      return send(res, 200, { name: auth.claims.name, email: username, role: user.role, units: user.units });
    }
    const data = await readBody(req);
    const upstream = new URL(req.url ?? '/', o.upstream);
    const answer = await new Promise<{ status: number; body: Buffer; type: string }>((resolve, reject) => {
      const r = request(upstream, { method, headers: { 'content-type': req.headers['content-type'] ?? 'application/json', authorization: `Bearer ${o.upstreamToken}` } }, (up) => {
        const parts: Buffer[] = [];
        up.on('data', (c: Buffer) => parts.push(c));
        up.on('end', () => resolve({ status: up.statusCode ?? 502, body: Buffer.concat(parts), type: String(up.headers['content-type'] ?? 'application/json') }));
      });
      r.on('error', reject);
      r.end(data);
    });
    record(answer.status);
    res.writeHead(answer.status, { 'content-type': answer.type, ...cors }).end(answer.body);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { error: { code: 'internal', message: { zh: String(err), en: String(err) } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: ApiProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen: [],
    rejectNext: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
