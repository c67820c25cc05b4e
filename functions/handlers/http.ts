/**
 * Shared HTTP plumbing of the thin handlers: JSON answers, the error shape
 * `{error:{code,message:{zh,en},details}}` with the status of its code (the one place codes become statuses),
 * body decoding with a size limit, zod validation (400 naming the bad field's path) and one structured JSON log
 * line per request.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { ERROR_STATUS, type ApiError, type ErrorCode, type Message } from '../../contract';
import type { Deps } from '../app/deps';
import { AppFailure } from '../app/failure';
import { errorText } from '../app/log';
import { MSG } from './messages';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(status: number, body: unknown): ApiResult {
  return { statusCode: status, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

/** A JSON answer already serialised (e.g. a closed week's report as stored): sent as is, never parsed or re-serialised. */
export function jsonText(status: number, text: string): ApiResult {
  return { statusCode: status, headers: JSON_HEADERS, body: text };
}

/** The error answer of a failure code: its status from contract's ERROR_STATUS. */
export function errorResult(code: ErrorCode, message: Message, details?: unknown): ApiResult {
  const body: ApiError = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return json(ERROR_STATUS[code], body);
}

/** The body as text, refusing more than `maxBytes` (413) before anything parses it. */
export function bodyText(event: ApiEvent, maxBytes: number): string {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > maxBytes) throw new AppFailure('payload_too_large', MSG.tooManyBytes(maxBytes), { bytes: bytes.length, limit: maxBytes });
  return bytes.toString('utf8');
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppFailure('bad_request', MSG.badJson);
  }
}

/** Validates with a zod/mini schema; the 400 names the first bad field by its path (e.g. rows.3.cells.amount). */
export function validate<S extends z.ZodMiniType>(schema: S, data: unknown): z.infer<S> {
  const result = z.safeParse(schema, data);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0]!;
  // `field` names the first offending field (its path), as the use cases' own 400s do.
  throw new AppFailure('bad_request', MSG.invalid(first.path, first.message), { field: first.path, issues });
}

/** Fields a use case adds to the request's log line (counts, ids — never row contents). */
export type LogFields = Record<string, unknown>;

export type RouteLogic = (event: ApiEvent, deps: Deps, log: LogFields) => Promise<ApiResult>;

/** Wraps a route's logic: an AppFailure becomes its code's error answer, anything else a 500; one JSON log line per request. */
export function lambda(route: string, getDeps: () => Deps, logic: RouteLogic): (event: ApiEvent) => Promise<ApiResult> {
  return async (event) => {
    const started = Date.now();
    const deps = getDeps();
    const log: LogFields = {};
    let result: ApiResult;
    try {
      result = await logic(event, deps, log);
    } catch (e) {
      if (e instanceof AppFailure) result = errorResult(e.code, e.text, e.details);
      else {
        log.error = errorText(e);
        result = errorResult('internal', MSG.internal);
      }
    }
    const status = result.statusCode ?? 200;
    deps.log(
      JSON.stringify({
        level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
        at: new Date().toISOString(),
        route,
        method: event.requestContext?.http?.method,
        path: event.rawPath,
        status,
        ms: Date.now() - started,
        requestId: event.requestContext?.requestId,
        ...log,
      }),
    );
    return result;
  };
}
