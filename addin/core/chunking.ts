/**
 * The pure half of the sync client: splitting rows into requests (≤ LIMITS.rowsPerRequest rows and ≤ ~1 MB
 * each) and reading a Retry-After header. The I/O half (fetch, retries, timers) is addin/app/client.ts.
 */
import type { SyncRow } from '../../contract';

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

/** Retry-After in ms (seconds or an HTTP date, measured from `now` in epoch ms); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
