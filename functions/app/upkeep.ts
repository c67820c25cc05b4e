/**
 * Upkeep: what is derived from the projects' STATE brought up to date where it may lag, by a process allowed to write
 * (the embedded stack at start; the cut-off job and POST /v1/cutoff in the cloud):
 *   - the name index (DESIGN §5) for projects stored before it existed: without them a sync of the original
 *     ledger would create those projects again, and the leaders' possible duplicates (app/duplicates.ts) would miss
 *     exactly the projects doubled before identity. Every stored project's id is added to its name's entry (ADD:
 *     idempotent, safe beside a sync), then the index is marked complete, so this runs once per store.
 *   - the dashboard's live aggregates (app/aggregates.ts): built when they never were, and rebuilt when a sync chunk
 *     died owing its deltas. A chunk is noted open before its first event and closed once its deltas are applied
 *     (sync.ts); one still open long after a sync function's time limit (DEAD_AFTER_MS) — or, at the embedded stack's
 *     start, any (no other process can be running it) — died between its events and its deltas, which no retry
 *     applies (the retried rows are unchanged). The rebuild reads every STATE and replaces the counters, so it is
 *     exact only if no chunk ran meanwhile: it waits while a chunk is open and not dead, and it clears the dead
 *     chunks only if none began between its first look and its write (`begun` unchanged); else the next upkeep
 *     (the cloud's cut-off tick, every 15 minutes) rebuilds again.
 * Every STATE is read only when a step needs it.
 */
import { nameKeyOf, nameKeyString, type NameKey } from '../domain/identity';
import type { ProjectState } from '../domain/types';
import { rebuildAggregates } from './aggregates';
import type { Deps } from './deps';

/** A sync function runs at most 25 s (infra/cdk); a chunk open this long after it began is dead. */
export const DEAD_AFTER_MS = 5 * 60_000;

export interface UpkeepResult {
  /** Projects added to the name index (0 once it is complete). */
  namesAdded: number;
  aggregates: 'kept' | 'built' | 'rebuilt';
}

/** Each name key's entry as the stored projects say it should be: the ids of the projects carrying it. */
function expectedNames(states: readonly ProjectState[]): Map<string, { key: NameKey; ids: string[]; name: string; unit: string }> {
  const byKey = new Map<string, { key: NameKey; ids: string[]; name: string; unit: string }>();
  for (const s of states) {
    const key = nameKeyOf(s.fields.name, s.fields.unit);
    if (!key) continue;
    const k = nameKeyString(key);
    const entry = byKey.get(k) ?? byKey.set(k, { key, ids: [], name: s.fields.name ?? '', unit: s.fields.unit ?? '' }).get(k)!;
    entry.ids.push(s.id);
  }
  return byKey;
}

export async function upkeep(
  deps: Pick<Deps, 'store' | 'aggregates' | 'clock' | 'log'>,
  opts: { allChunksDead?: boolean; states?: readonly ProjectState[] } = {},
): Promise<UpkeepResult> {
  const { store } = deps;
  let read: Promise<readonly ProjectState[]> | undefined = opts.states && Promise.resolve(opts.states);
  const states = () => (read ??= store.allStates());
  /** Every STATE read now (the rebuild's: not a list the caller read before). */
  const fresh = () => (read = store.allStates());

  let namesAdded = 0;
  if (!(await store.namesIndexed())) {
    const expected = expectedNames(await states());
    const found = await store.findNames([...expected.values()].map((e) => e.key));
    const missing = [...expected].flatMap(([k, e]) => {
      const ids = e.ids.filter((id) => !found.get(k)?.ids.includes(id));
      return ids.length ? [{ ...e, ids }] : [];
    });
    await store.addNameIds(missing);
    namesAdded = missing.reduce((n, e) => n + e.ids.length, 0);
    await store.markNamesIndexed(deps.clock(), namesAdded);
  }

  let aggregates: UpkeepResult['aggregates'] = 'kept';
  const agg = deps.aggregates;
  if (agg) {
    const [{ built }, chunks] = await Promise.all([agg.unitCounters(), agg.openChunks()]);
    const now = Date.parse(deps.clock());
    const dead = chunks.open.filter((c) => opts.allChunksDead || now - Date.parse(c.slice(0, c.indexOf('|'))) >= DEAD_AFTER_MS);
    const quiet = dead.length === chunks.open.length;
    if (!built || (dead.length > 0 && quiet)) {
      // STATE read after the look at the chunks (a chunk that ended before it is in what it read).
      await rebuildAggregates(deps, await fresh());
      aggregates = built ? 'rebuilt' : 'built';
      if (quiet && (await agg.openChunks()).begun === chunks.begun) await agg.endChunks(dead);
      else if (dead.length) deps.log(JSON.stringify({ level: 'warn', at: deps.clock(), job: 'upkeep', aggregates: 'syncs ran during the rebuild: rebuilt again at the next upkeep', dead: dead.length }));
    }
  }
  // A fresh store (nothing read, or nothing stored) has nothing worth a line.
  const projects = read ? (await read).length : 0;
  if (projects > 0 && (namesAdded || aggregates !== 'kept')) deps.log(JSON.stringify({ level: 'info', at: deps.clock(), job: 'upkeep', projects, namesAdded, aggregates }));
  return { namesAdded, aggregates };
}
