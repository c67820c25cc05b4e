/**
 * Upkeep: what is derived from the projects' STATE brought up to date where it may lag, by a process allowed to write
 * (the embedded stack at start; the cut-off job and POST /v1/cutoff in the cloud):
 *   - the name index (DESIGN §5) for projects stored before it existed: without them a sync of the original
 *     ledger would create those projects again, and the leaders' possible duplicates (app/duplicates.ts) would miss
 *     exactly the projects doubled before identity. Every stored project's id is added to its name's entry (ADD:
 *     idempotent, safe beside a sync), then the index is marked complete, so this runs once per store.
 *   - the dashboard's live aggregates (app/aggregates.ts): built when they never were, and rebuilt when the
 *     caller knows they may have drifted: the embedded stack after an unclean stop (a kill -9 between a chunk's
 *     events and its deltas, which no retry applies: the retried rows are unchanged), at start, before it serves a
 *     request — a rebuild while syncs run would overwrite the deltas they apply between its read and its write.
 *     (In the cloud, a sync function stopped by its timeout between events and deltas leaves the counts off until
 *     the aggregates are rebuilt: not automated yet.)
 * Every STATE is read at most once, and only when a step needs it.
 */
import { nameKeyOf, nameKeyString, type NameKey } from '../domain/identity';
import type { ProjectState } from '../domain/types';
import { rebuildAggregates } from './aggregates';
import type { Deps } from './deps';

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
  opts: { rebuildAggregates?: boolean; states?: readonly ProjectState[] } = {},
): Promise<UpkeepResult> {
  const { store } = deps;
  let read: Promise<readonly ProjectState[]> | undefined = opts.states && Promise.resolve(opts.states);
  const states = () => (read ??= store.allStates());

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
  if (deps.aggregates) {
    const { built } = await deps.aggregates.unitCounters();
    if (!built || opts.rebuildAggregates) {
      await rebuildAggregates(deps, await states());
      aggregates = built ? 'rebuilt' : 'built';
    }
  }
  // A fresh store (nothing read, or nothing stored) has nothing worth a line.
  const projects = read ? (await read).length : 0;
  if (projects > 0 && (namesAdded || aggregates !== 'kept')) deps.log(JSON.stringify({ level: 'info', at: deps.clock(), job: 'upkeep', projects, namesAdded, aggregates }));
  return { namesAdded, aggregates };
}
