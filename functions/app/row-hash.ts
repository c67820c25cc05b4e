/** A stable hash of what a row sent, so a row sent again unchanged is recognised without comparing fields. */
import { createHash } from 'node:crypto';
import type { SyncRow } from '../../contract';

const sorted = (o: Record<string, unknown> | undefined): Array<[string, unknown]> =>
  Object.entries(o ?? {}).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export function rowContentHash(row: SyncRow, dateSystem: number): string {
  const canonical = JSON.stringify([row.list, dateSystem, sorted(row.cells), sorted(row.units)]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 32);
}
