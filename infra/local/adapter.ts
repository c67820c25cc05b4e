/**
 * The local stand-in for API Gateway (HTTP API): matches the route table, checks the bearer token like the
 * JWT authorizer (missing/invalid/expired → 401), turns the request into a payload-format-2.0 event, calls
 * the handler and writes its answer. Also: CORS for localhost origins, and the task pane's static files.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ErrorCode, Message } from '../../contract';
import { ROUTES, type RouteDefinition } from '../../functions/handlers/routes';
import { errorResult, json, type ApiEvent, type ApiResult } from '../../functions/handlers/http';
import { MSG } from '../../functions/handlers/messages';
import type { Handler } from './handlers';
import { isLocalHost, originOf, stackOrigins } from './local-host';
import { decodePathPart, serveStatic } from './static-files';
import { scopesOf, type DevTokens } from './tokens';

export const DEV_TOKEN_PATH = '/dev/token';

/** API Gateway refuses bodies over 10 MB before any function runs. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  def: RouteDefinition;
  pattern: RegExp;
  params: string[];
}

const COMPILED: CompiledRoute[] = ROUTES.map((def) => {
  const params: string[] = [];
  const source = def.path
    .split('/')
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(m[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { def, pattern: new RegExp(`^${source}$`), params };
});

type RouteMatch = { route: CompiledRoute; pathParameters: Record<string, string> } | 'wrong-method' | 'bad-encoding' | null;

function matchRoute(method: string, path: string): RouteMatch {
  let pathMatched = false;
  for (const route of COMPILED) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.def.method !== method) continue;
    const values = route.params.map((_, i) => decodePathPart(m[i + 1]!));
    if (values.some((v) => v === null)) return 'bad-encoding';
    return { route, pathParameters: Object.fromEntries(route.params.map((p, i) => [p, values[i]!])) };
  }
  return pathMatched ? 'wrong-method' : null;
}

/** The route table's methods plus the preflight, like the cloud API's CORS (infra/cdk http-api.ts). */
const CORS_METHODS = [...[...new Set(ROUTES.map((r) => r.method))].sort(), 'OPTIONS'].join(',');

function corsHeaders(origin: string | undefined, allowed: ReadonlySet<string>): Record<string, string> {
  if (!origin || !allowed.has(originOf(origin) ?? '')) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': CORS_METHODS,
    'access-control-allow-headers': 'authorization,content-type',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/** Writes a payload-format-2.0 result (a handler's, or the adapter's own answer) with the CORS headers. */
function send(res: ServerResponse, cors: Record<string, string>, result: ApiResult): void {
  const headers: Record<string, string> = { ...cors };
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
  const out = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  res.writeHead(result.statusCode ?? 200, headers).end(out);
}

/** The adapter's refusals in the handlers' error shape (errorResult), as API Gateway's own would reach the client. */
function sendError(res: ServerResponse, cors: Record<string, string>, code: ErrorCode, message: Message): void {
  send(res, cors, errorResult(code, message));
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the limit keep draining without keeping, so the client still reads the 413.
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks);
}

const TEXTUAL = /^(application\/(json|xml|x-www-form-urlencoded)|text\/)/i;

function toEvent(req: IncomingMessage, url: URL, route: RouteDefinition, pathParameters: Record<string, string>, body: Buffer, claims: Record<string, string>, scopes: string[]): ApiEvent {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  const textual = body.length === 0 || TEXTUAL.test(headers['content-type'] ?? 'application/json');
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: { method: route.method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes } },
    },
    ...(body.length ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !textual,
  } as ApiEvent;
}

/** API Gateway hands claims to the function as strings. */
function claimStrings(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, typeof v === 'string' ? v : Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]));
}

export interface AdapterOptions {
  handlers: Record<string, Handler>;
  tokens: DevTokens;
  /**
   * GET /dev/token answers `{ token }` for the local admin, so the task pane's file mode can call the local
   * stack without a sign-in. Given only in local/test mode (the server listens on 127.0.0.1, answers only to a
   * local Host, and API Gateway has no such route).
   */
  devToken?: () => Promise<string>;
  /**
   * The task pane's origins (default https://localhost:3000). With the server's own origins (localhost,
   * 127.0.0.1, [::1] on the port it listens on) they are the only ones CORS and /dev/token answer.
   */
  paneOrigins?: readonly string[];
  staticDir?: string;
  log: (line: string) => void;
}

export function createLocalServer(opts: AdapterOptions): Server {
  return createServer((req, res) => {
    handle(req, res, opts).catch((e: unknown) => {
      opts.log(JSON.stringify({ level: 'error', at: new Date().toISOString(), adapter: true, error: e instanceof Error ? e.message : String(e) }));
      if (!res.headersSent) sendError(res, {}, 'internal', MSG.internal);
      else res.end();
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: AdapterOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const allowed = stackOrigins(req.socket.localPort, opts.paneOrigins);
  const origin = req.headers.origin;
  const cors = corsHeaders(origin, allowed);
  if (!isLocalHost(req.headers.host, req.socket.localPort)) {
    req.resume();
    return sendError(res, {}, 'forbidden', MSG.notLocalHost);
  }
  if (method === 'OPTIONS') {
    res.writeHead(Object.keys(cors).length ? 204 : 403, cors).end();
    return;
  }
  if (url.pathname === DEV_TOKEN_PATH && opts.devToken) {
    if (method !== 'GET') return sendError(res, cors, 'not_found', MSG.routeNotFound);
    // A page of another origin (any other localhost port included) never gets the admin's token: refused when it
    // names its origin, and when the browser says the request is cross-origin without naming one.
    const site = req.headers['sec-fetch-site'];
    if ((origin !== undefined && !Object.keys(cors).length) || (origin === undefined && site !== undefined && site !== 'same-origin' && site !== 'none')) {
      return sendError(res, {}, 'forbidden', MSG.foreignOrigin);
    }
    return send(res, cors, json(200, { token: await opts.devToken() }));
  }
  const match = matchRoute(method, url.pathname);
  if (match === 'bad-encoding') {
    req.resume();
    return sendError(res, cors, 'bad_request', MSG.badPathEncoding);
  }
  if (match === null || match === 'wrong-method') {
    if (match === null && opts.staticDir && (method === 'GET' || method === 'HEAD') && (await serveStatic(opts.staticDir, url.pathname, req, res))) return;
    sendError(res, cors, 'not_found', MSG.routeNotFound);
    return;
  }
  const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  let claims: Record<string, string>;
  let scopes: string[];
  try {
    if (!auth) throw new Error('no bearer token');
    const payload = await opts.tokens.verify(auth[1]!);
    claims = claimStrings(payload);
    scopes = scopesOf(payload);
  } catch {
    req.resume(); // drain the body we will not read
    sendError(res, cors, 'unauthorized', MSG.unauthorized);
    return;
  }
  const body = await readBody(req);
  if (body === 'too-large') {
    sendError(res, cors, 'payload_too_large', MSG.tooManyBytes(MAX_BODY_BYTES));
    return;
  }
  const handler = opts.handlers[match.route.def.name];
  if (!handler) throw new Error(`no handler for route ${match.route.def.name}`);
  send(res, cors, await handler(toEvent(req, url, match.route.def, match.pathParameters, body, claims, scopes)));
}
