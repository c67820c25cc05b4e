/**
 * API Gateway HTTP API events (payload format 2.0) as the service hands them to a Lambda integration behind the
 * Entra ID JWT authorizer: lower-case headers, the raw and the decoded query, path parameters, the request time
 * in API Gateway's own format, and the token's claims as strings under requestContext.authorizer.jwt.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { API_SCOPE } from '../../api-scope';

/** A signed-in person, as an Entra ID v2 access token describes them. */
export interface Person {
  oid: string;
  email: string;
  name: string;
}

export interface Tenant {
  tenantId: string;
  clientId: string;
}

export interface Request {
  method: 'GET' | 'POST' | 'PUT';
  /** The route's path as in routes.ts, e.g. `/v1/projects/{id}/history`. */
  route: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  /** Sent as JSON unless a string (sent as is: a broken body). */
  body?: unknown;
  /** Who calls; null = a request that reached the function without the authorizer's claims. */
  as: Person | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's requestContext.time: "12/Mar/2026:19:03:58 +0000". */
function gatewayTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/**
 * The claims of an Entra ID v2 access token for the add-in's API, as the JWT authorizer passes them: every value
 * a string (numbers too; an array would arrive as "[a b]"), the delegated scope in `scp`.
 */
export function entraClaims(person: Person, tenant: Tenant, now: Date): Record<string, string> {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    aud: `api://${tenant.clientId}`,
    iss: `https://login.microsoftonline.com/${tenant.tenantId}/v2.0`,
    iat: String(iat),
    nbf: String(iat),
    exp: String(iat + 3600),
    aio: 'AWQAm/8ZAAAA',
    azp: tenant.clientId,
    azpacr: '0',
    email: person.email,
    name: person.name,
    oid: person.oid,
    preferred_username: person.email,
    rh: '1.AQsA.',
    scp: API_SCOPE,
    // Entra's `sub` is per application (pairwise), not the object id.
    sub: `pairwise-${person.oid.slice(0, 8)}`,
    tid: tenant.tenantId,
    uti: randomUUID().slice(0, 22),
    ver: '2.0',
  };
}

export function apiEvent(req: Request, tenant: Tenant, now = new Date()): APIGatewayProxyEventV2WithJWTAuthorizer {
  const rawPath = req.route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(req.pathParameters?.[name] ?? ''));
  const rawQueryString = new URLSearchParams(req.query ?? {}).toString();
  const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  const routeKey = `${req.method} ${req.route}`;
  const headers: Record<string, string> = {
    accept: 'application/json',
    host: 'abcdef1234.execute-api.cn-north-1.amazonaws.com.cn',
    origin: 'https://d111111abcdef8.cloudfront.net',
    'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Excel/16.0',
    'x-amzn-trace-id': `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    'x-forwarded-for': '203.0.113.7',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...(req.as ? { authorization: 'Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln' } : {}),
    ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
  };
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers,
    ...(req.query && Object.keys(req.query).length ? { queryStringParameters: { ...req.query } } : {}),
    ...(req.pathParameters ? { pathParameters: { ...req.pathParameters } } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef1234',
      ...(req.as ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: entraClaims(req.as, tenant, now), scopes: [API_SCOPE] } } } : {}),
      domainName: headers.host!,
      domainPrefix: 'abcdef1234',
      http: { method: req.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: headers['user-agent']! },
      requestId: `${randomUUID().slice(0, 8)}=`,
      routeKey,
      stage: '$default',
      time: gatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}
