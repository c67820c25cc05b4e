/**
 * Turns whatever a sync, a gateway or Excel throws into plain words with the next step (a Problem), never a
 * stack trace. Errors are recognised by shape (duck typing), since they come from core, fetch, Office.js and
 * the gateways without a shared base class.
 */
import type { Problem } from './model';
import type { Lang } from './i18n';

/** Whether an error means the clerk cancelled (AbortController), which is not a failure. */
export function isAbort(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; kind?: unknown };
  return e.name === 'AbortError' || (e.name === 'ApiCallError' && e.kind === 'aborted');
}

/** Only the first line of a message, trimmed and capped: enough to report, never a stack. */
export function shortDetail(text: unknown): string {
  const line = String(text ?? '').split('\n')[0]!.trim();
  return line.length > 160 ? `${line.slice(0, 157)}…` : line || '?';
}

function httpProblem(status: number, detail: string): Problem {
  if (status === 401) return { key: 'errUnauthorized' };
  if (status === 403) return { key: 'errForbidden' };
  if (status === 413) return { key: 'errTooLarge' };
  if (status === 429) return { key: 'errThrottled' };
  if (status >= 500) return { key: 'errServer' };
  return { key: 'errBadRequest', params: { detail } };
}

const API_CODE_STATUS: Record<string, number> = {
  unauthorized: 401,
  forbidden: 403,
  payload_too_large: 413,
  throttled: 429,
  internal: 500,
};

export function toProblem(err: unknown, lang: Lang): Problem {
  if (typeof err !== 'object' || err === null) return { key: 'errUnknown', params: { detail: shortDetail(err) } };
  const e = err as Record<string, unknown>;
  // A GatewayError (addin/core/gateway.ts) carries bilingual text a clerk can act on: show it as it is.
  if (e.name === 'GatewayError' && isMessage(e.msg)) {
    return { key: 'errPlain', params: { detail: e.msg[lang] } };
  }
  // addin/app's ApiCallError: the backend could not be reached after retries, or answered with an error.
  if (e.name === 'ApiCallError' && e.kind === 'network') return { key: 'errNetwork' };
  if (e.name === 'LedgerError') return { key: 'errNoLists' };
  if (e.name === 'NoWorkbookError') return { key: 'noFile' };
  if (e.name === 'NotXlsxError') return { key: 'errNotXlsx' };
  // Sign-in (addin/taskpane/auth): a sign-in is needed again, failed, or the deployment's config is broken.
  if (e.name === 'SignInRequiredError') return { key: 'errSignInRequired' };
  if (e.name === 'SignInError') return { key: 'errSignIn', params: { detail: shortDetail(e.detail ?? e.message) } };
  if (e.name === 'RuntimeConfigError') return { key: 'errConfig', params: { detail: shortDetail(e.detail ?? e.message) } };
  // Office.js errors (OfficeExtension.Error) carry a code string.
  if (e.code === 'InvalidOperationInCellEditMode') return { key: 'errEditMode' };
  // An API error from the backend: an HTTP status and/or the contract's { error: { code, message } } body.
  const holder = (typeof e.body === 'object' && e.body !== null ? e.body : e) as { error?: unknown };
  const apiError = typeof holder.error === 'object' && holder.error !== null ? (holder.error as { code?: string; message?: unknown }) : undefined;
  const status = typeof e.status === 'number' ? e.status : apiError?.code ? API_CODE_STATUS[apiError.code] ?? 400 : undefined;
  if (status !== undefined) {
    const msg = isMessage(apiError?.message) ? apiError.message : isMessage(e.msg) ? e.msg : undefined;
    const detail = msg ? msg[lang] : shortDetail(e.message);
    return httpProblem(status, detail);
  }
  // fetch rejects with a TypeError when the network or CORS fails.
  if (e.name === 'TypeError' && /fetch|network|load failed/i.test(String(e.message))) return { key: 'errNetwork' };
  if (isMessage(e.msg)) return { key: 'errUnknown', params: { detail: e.msg[lang] } };
  return { key: 'errUnknown', params: { detail: shortDetail(e.message) } };
}

function isMessage(v: unknown): v is { zh: string; en: string } {
  return typeof v === 'object' && v !== null && typeof (v as { zh?: unknown }).zh === 'string' && typeof (v as { en?: unknown }).en === 'string';
}
