/**
 * Upkeep: what is derived from the projects' STATE brought up to date where it may lag, by a process allowed to write
 * (the embedded stack at start; the cut-off job and POST /v1/cutoff in the cloud, every tick):
 *   - the name index (DESIGN §5) for projects stored before it existed, indexed under the keys of an earlier
 *     normalName rule, or in the store's earlier layout (the mark keeps NAME_RULE and the layout; until this pass ran —
 *     in the cloud, the next tick after a deploy — a sync also reads the earlier entries and looks up the rows' rule-1
 *     keys, app/identity.ts; a key left from the old rule names its project, which the lookups check against the
 *     project's current key, and the duplicates drop a project paired with itself): without them a sync of the
 *     original ledger would create those projects again, and the leaders' possible duplicates (app/duplicates.ts)
 *     would miss exactly the projects doubled before identity. Every stored project missing from its name's entry is
 *     appended (store.putNames: never over a sync's own entries). A sync of the earlier release still running during
 *     the pass writes its names where this release no longer reads once the mark is written; so in the cloud a second
 *     pass, once any sync running during the first is over (DEAD_AFTER_MS later), adds what is missing, and the mark
 *     is `verified` only when a pass found nothing missing. At the embedded stack's start no sync can be running: one
 *     pass.
 *   - the dashboard's live aggregates (app/aggregates.ts): rebuilt from STATE when they never were built, when a
 *     sync chunk died owing its deltas, or when a rebuild is owed (opts.rebuildOwed: the cut-off closed a week —
 *     a weekly repair of what the chunk marks cannot see, such as a red list entry whose write was lost). A chunk
 *     is noted open before its first event and closed once its deltas are applied (sync.ts); one still open long
 *     after a sync function's time limit — or, at the embedded stack's start, any — died between its events and its
 *     deltas, which no retry applies (the retried rows are unchanged). The rebuild replaces the counters, so it is
 *     exact only if no chunk ran meanwhile: it waits while a chunk is open and alive, and it closes what it owed
 *     only if no chunk began between its first look and its write (`begun` unchanged); else a rebuild stays owed
 *     (OWED_CHUNK) and the next upkeep (the cloud's tick, every 15 minutes) does it again.
 *   - the leaders' possible duplicates (app/duplicates.ts), taken again when names changed since they were.
 * Every STATE is read only when a step needs it.
 */
import { NAME_RULE, nameKeyOf, nameKeyString } from '../domain/identity';
import type { ProjectState } from '../domain/types';
import { rebuildAggregates } from './aggregates';
import { DEAD_AFTER_MS, isDead, OWED_CHUNK } from './chunks';
import type { Deps } from './deps';
import { currentDuplicates } from './duplicates';
import { logLine } from './log';
import { allEnded } from './pool';

export interface UpkeepResult {
  /** Ids added to the name index (0 once it is complete). */
  namesAdded: number;
  aggregates: 'kept' | 'built' | 'rebuilt' | 'waiting';
}

type UpkeepDeps = Pick<Deps, 'store' | 'aggregates' | 'clock' | 'log'>;

/** Appends every stored project missing from its name's entry; answers how many were added. */
async function backfillNames(deps: UpkeepDeps, states: readonly ProjectState[]): Promise<number> {
  const found = new Map((await deps.store.allNames()).map((e) => [nameKeyString(e.key), e]));
  const missing = states.flatMap((s) => {
    const key = nameKeyOf(s.fields.name, s.fields.unit);
    return key && !found.get(nameKeyString(key))?.ids.includes(s.id) ? [{ key, id: s.id, name: s.fields.name ?? '', unit: s.fields.unit ?? '' }] : [];
  });
  await deps.store.putNames(missing);
  return missing.length;
}

export async function upkeep(
  deps: UpkeepDeps,
  opts: { allChunksDead?: boolean; rebuildOwed?: boolean; states?: readonly ProjectState[] } = {},
): Promise<UpkeepResult> {
  const { store } = deps;
  const now = Date.parse(deps.clock());
  const agg = deps.aggregates;
  if (agg && opts.rebuildOwed) await agg.beginChunk(OWED_CHUNK);
  // The two looks side by side: the name index's mark, and the aggregates' counters and open chunks.
  const [mark, look] = await Promise.all([store.nameIndexMark(), agg ? Promise.all([agg.unitCounters(), agg.openChunks()]) : undefined]);

  // An index built with another normalName rule lacks the keys this rule gives, one in the store's earlier layout is
  // not read by a sync once this pass is marked: every project is indexed again.
  const current = mark?.rule === NAME_RULE && !mark.oldLayout ? mark : null;
  const namesDue = !current || (!current.verified && (opts.allChunksDead || now - Date.parse(current.at) >= DEAD_AFTER_MS));
  let aggregates: UpkeepResult['aggregates'] = 'kept';
  const [{ built }, chunks] = look ?? [{ built: true }, { open: [], begun: 0 }];
  const dead = chunks.open.filter((c) => opts.allChunksDead || isDead(c, now));
  const rebuild = (!built || dead.length > 0) && dead.length === chunks.open.length;
  if ((!built || dead.length > 0) && !rebuild) aggregates = 'waiting';

  // One STATE read for both passes, after the look at the chunks (a chunk that ended before it is in what a rebuild
  // reads), as a writer: new projects' STATEs their first event confirmed lose their creation mark on the way. A name
  // pass alone may use the states its caller read.
  const states = rebuild || (namesDue && !opts.states) ? await store.allStates({ settleCreating: true }) : (opts.states ?? []);
  let namesAdded = 0;
  // The name index and the aggregates are kept apart (their own items): the passes run side by side.
  await allEnded([
    namesDue &&
      (async () => {
        namesAdded = await backfillNames(deps, states);
        // Verified: no sync can be running (stack start), or a pass after the first (with this rule) found nothing missing.
        await store.markNameIndex({ at: deps.clock(), verified: opts.allChunksDead === true || (current !== null && namesAdded === 0), rule: NAME_RULE }, namesAdded);
      })(),
    rebuild &&
      agg &&
      (async () => {
        await rebuildAggregates(deps, states);
        aggregates = built ? 'rebuilt' : 'built';
        // Exact only if no chunk began meanwhile: then what was owed is paid; else a rebuild stays owed.
        if ((await agg.openChunks()).begun === chunks.begun) await agg.endChunks(dead);
        else await agg.beginChunk(OWED_CHUNK);
      })(),
  ]);
  // The leaders' possible duplicates, taken again when syncs (or this backfill) changed names since.
  await currentDuplicates(deps, { store: true, stale: namesAdded > 0 });
  // A fresh store (nothing stored) has nothing worth a line.
  if (states.length > 0 && (namesAdded || aggregates !== 'kept')) logLine(deps, 'info', { job: 'upkeep', projects: states.length, namesAdded, aggregates });
  return { namesAdded, aggregates };
}
