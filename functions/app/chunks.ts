/**
 * Sync chunks noted open while they owe the dashboard their deltas (sync.ts beginChunk → endChunks; the marks are
 * `<ISO instant>|<unique id>`): when one counts as dead, and the mark of a rebuild owed (app/upkeep.ts).
 */

/** A sync function runs at most 25 s (infra/cdk); a chunk open this long after it began is dead. */
export const DEAD_AFTER_MS = 5 * 60_000;
/** An open "chunk" that is only a rebuild owed: dead from the start, closed by the rebuild that pays it. */
export const OWED_CHUNK = '1970-01-01T00:00:00.000Z|rebuild owed';

/** Whether the chunk died (a mark whose time does not read counts as dead rather than blocking every rebuild). */
export function isDead(chunk: string, nowMs: number): boolean {
  const began = Date.parse(chunk.slice(0, chunk.indexOf('|')));
  return Number.isNaN(began) || nowMs - began >= DEAD_AFTER_MS;
}
