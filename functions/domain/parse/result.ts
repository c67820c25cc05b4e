/** What every cell parser returns: a value (null = blank) or a failure the message layer turns into text. */
export type Parsed<T> = { ok: true; value: T | null } | Failure;

export interface Failure {
  ok: false;
  /** Stable error code clients may switch on (invalid_date, invalid_money, …). */
  code: string;
  /** Finer cause for the message text; the code stays the same. */
  reason?: FailureReason;
  /** The limit that was exceeded (too_long). */
  limit?: number;
}

export type FailureReason = 'range' | 'negative' | 'too_large' | 'too_small' | 'decimal' | 'year' | 'ambiguous' | 'space';

export const ok = <T>(value: T | null): { ok: true; value: T | null } => ({ ok: true, value });
export function fail(code: string, reason?: FailureReason, limit?: number): Failure {
  const failure: Failure = { ok: false, code };
  if (reason !== undefined) failure.reason = reason;
  if (limit !== undefined) failure.limit = limit;
  return failure;
}
