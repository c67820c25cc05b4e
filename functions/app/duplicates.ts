/**
 * The leaders' "possible duplicates" (issue 15): pairs of stored projects that may be one project, from the name
 * index (every entry, one read of the index, taken again only when names changed: currentDuplicates) —
 * across units and workbooks:
 *   - 'same': one unit, one normalised name, several projects (created beside each other with a warning, or by
 *     two chunks racing: sync.ts settleNames);
 *   - 'otherUnit': the same normalised name in two units (never merged by a sync);
 *   - 'near': one unit, one name containing the other (functions/domain/identity.ts isNearName).
 * Sorted by unit then name; at most MAX_PAIRS, `duplicatesTotal` counts them all.
 */
import type { DuplicatePair } from '../../contract';
import { nearNameFinder } from '../domain/identity';
import { isDead } from './chunks';
import type { Deps } from './deps';
import type { NameEntry } from './ports';

export const MAX_PAIRS = 200;
/** The entries that hold ids, grouped by unit and by normalised name (the duplicates here, a sync's near names). */
export function groupNames(entries: readonly NameEntry[]): { byUnit: Map<string, NameEntry[]>; byName: Map<string, NameEntry[]> } {
  const byUnit = new Map<string, NameEntry[]>();
  const byName = new Map<string, NameEntry[]>();
  for (const e of entries) {
    if (e.ids.length === 0) continue;
    (byUnit.get(e.key.unit) ?? byUnit.set(e.key.unit, []).get(e.key.unit)!).push(e);
    (byName.get(e.key.name) ?? byName.set(e.key.name, []).get(e.key.name)!).push(e);
  }
  return { byUnit, byName };
}

export function possibleDuplicates(entries: readonly NameEntry[]): { pairs: DuplicatePair[]; total: number } {
  const pairs: DuplicatePair[] = [];
  const p = (e: NameEntry, id: string) => ({ id, name: e.name, unit: e.unit });
  const { byUnit, byName } = groupNames(entries);
  for (const e of entries) {
    for (let i = 0; i < e.ids.length; i++) for (let j = i + 1; j < e.ids.length; j++) pairs.push({ kind: 'same', a: p(e, e.ids[i]!), b: p(e, e.ids[j]!) });
  }
  for (const same of byName.values()) {
    for (let i = 0; i < same.length; i++) for (let j = i + 1; j < same.length; j++) pairs.push({ kind: 'otherUnit', a: p(same[i]!, same[i]!.ids[0]!), b: p(same[j]!, same[j]!.ids[0]!) });
  }
  for (const unit of byUnit.values()) {
    const near = nearNameFinder(unit.map((e) => e.key.name));
    unit.forEach((e, i) => {
      for (const j of near(e.key.name)) if (j > i) pairs.push({ kind: 'near', a: p(e, e.ids[0]!), b: p(unit[j]!, unit[j]!.ids[0]!) });
    });
  }
  // One project under two keys (a key left from an earlier normalName rule, or from a rename) is no pair.
  const distinct = pairs.filter((x) => x.a.id !== x.b.id);
  const key = (x: DuplicatePair) => `${x.a.unit}\u0000${x.a.name}\u0000${x.b.unit}\u0000${x.b.name}\u0000${x.a.id}\u0000${x.b.id}`;
  distinct.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  return { pairs: distinct.slice(0, MAX_PAIRS), total: distinct.length };
}

/**
 * The possible duplicates as the dashboard answers them, without reading every name entry per call: the stored
 * snapshot while no sync chunk began since it was taken (the chunks' `begun` count: names change only in chunks that
 * write, and in the upkeep's backfill, which says `stale`), else taken again from every entry — and stored when the
 * caller may write (`store`: the embedded stack's functions, the cut-off job) and no live chunk is open (one running
 * may still write names). The cloud's read-only dashboard answers the snapshot, at most one cut-off tick old.
 * Without aggregates (no chunk count) every call takes them from every entry.
 */
export async function currentDuplicates(deps: Pick<Deps, 'store' | 'aggregates' | 'clock'>, opts: { store: boolean; stale?: boolean }): Promise<{ pairs: DuplicatePair[]; total: number }> {
  const agg = deps.aggregates;
  if (!agg) return possibleDuplicates(await deps.store.allNames());
  // Only a caller that may store a fresh snapshot needs the chunks (the cloud's dashboard: one request less a call).
  const [stored, chunks] = await Promise.all([deps.store.duplicatesSnapshot(), opts.store ? agg.openChunks() : null]);
  if (stored && !opts.stale && (!chunks || stored.begun === chunks.begun)) return { pairs: stored.pairs, total: stored.total };
  const taken = possibleDuplicates(await deps.store.allNames());
  const now = Date.parse(deps.clock());
  if (chunks && chunks.open.every((c) => isDead(c, now))) await deps.store.putDuplicatesSnapshot({ ...taken, begun: chunks.begun, at: deps.clock() });
  return taken;
}
