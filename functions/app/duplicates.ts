/**
 * The leaders' "possible duplicates" (issue 15): pairs of stored projects that may be one project, from the name
 * index (one paged Query of GSI2 NAMES per dashboard call, store.allNames) — across units and workbooks:
 *   - 'same': one unit, one normalised name, several projects (created beside each other with a warning, or by
 *     two chunks racing: sync.ts settleNames);
 *   - 'otherUnit': the same normalised name in two units (never merged by a sync);
 *   - 'near': one unit, one name containing the other (functions/domain/identity.ts isNearName).
 * Sorted by unit then name; at most MAX_PAIRS, `duplicatesTotal` counts them all.
 */
import type { DuplicatePair } from '../../contract';
import { isNearName } from '../domain/identity';
import type { NameEntry } from './ports';

export const MAX_PAIRS = 200;

export function possibleDuplicates(entries: readonly NameEntry[]): { pairs: DuplicatePair[]; total: number } {
  const pairs: DuplicatePair[] = [];
  const p = (e: NameEntry, id: string) => ({ id, name: e.name, unit: e.unit });
  const byUnit = new Map<string, NameEntry[]>();
  const byName = new Map<string, NameEntry[]>();
  for (const e of entries) {
    if (e.ids.length === 0) continue;
    byUnit.set(e.key.unit, [...(byUnit.get(e.key.unit) ?? []), e]);
    byName.set(e.key.name, [...(byName.get(e.key.name) ?? []), e]);
    for (let i = 0; i < e.ids.length; i++) for (let j = i + 1; j < e.ids.length; j++) pairs.push({ kind: 'same', a: p(e, e.ids[i]!), b: p(e, e.ids[j]!) });
  }
  for (const same of byName.values()) {
    for (let i = 0; i < same.length; i++) for (let j = i + 1; j < same.length; j++) pairs.push({ kind: 'otherUnit', a: p(same[i]!, same[i]!.ids[0]!), b: p(same[j]!, same[j]!.ids[0]!) });
  }
  for (const unit of byUnit.values()) {
    for (let i = 0; i < unit.length; i++) {
      for (let j = i + 1; j < unit.length; j++) {
        if (isNearName(unit[i]!.key.name, unit[j]!.key.name)) pairs.push({ kind: 'near', a: p(unit[i]!, unit[i]!.ids[0]!), b: p(unit[j]!, unit[j]!.ids[0]!) });
      }
    }
  }
  const key = (x: DuplicatePair) => `${x.a.unit}\u0000${x.a.name}\u0000${x.b.unit}\u0000${x.b.name}\u0000${x.a.id}\u0000${x.b.id}`;
  pairs.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  return { pairs: pairs.slice(0, MAX_PAIRS), total: pairs.length };
}
