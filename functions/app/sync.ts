/**
 * POST /v1/sync: parse every row, compare with the stored state, record events, update STATE, the weekly
 * snapshot and the workbook's membership, and answer per row. Reads are batched for the whole chunk;
 * unchanged rows write nothing; a row whose version another writer took is decided again on the newer state.
 *
 * Retries: a chunk may fail after some of its events are written, and its retry then finds those rows
 * unchanged. So what a commit implies besides STATE is written *before* the event: the workbook's membership
 * (one item for the chunk, from the rows decided first) and the closing weekly snapshot. A retry redoes them
 * when the event was not written, and finds them in place when it was. STATE goes out after all the chunk's
 * events, batched (store.settleStates), except a new project's, written whole before its EVT#1 (store.putCreating);
 * should it be lost, the retry repairs it from the event: its read of STATE catches up from the next event
 * (loadProjects), and a new project's EVT#1 conflicts (latestState).
 *
 * Weekly snapshots are written lazily: STATE is itself the snapshot of the week of its last change, so a
 * commit needs to keep the state it replaces only when that state belongs to an earlier week — it was then that
 * week's final state (WEEK#<week of prev.updatedAt>). The reports read STATE for every week from its
 * `updatedAt` on, and WEEK# items before (functions/app/reports.ts). A project created or
 * changed again within the same week writes no snapshot at all. A WEEK# put is conditional on `version`, so a
 * writer holding an older state (it will lose its commit) never replaces a newer snapshot of that week.
 *
 * One row's failure (an item DynamoDB refuses, a store error) is that row's error; the other rows go on.
 *
 * Identity (DESIGN §5, ./identity.ts): a row whose id the store does not know is first matched by unit + normalised
 * name; a match is decided and written under the stored project's id (answered as `id`, the sent one as `sentId`).
 * A new project's name and its whole STATE are batch-written before any of the chunk's events (store.putNames,
 * store.putCreating: the crash invariant of functions/store/projects.ts); a stored project renamed, or a row created
 * beside the projects it is warned of, is appended under its name the same way, before its event.
 *
 * INVARIANT (name index, settleNames): when a chunk answers, every project it created or renamed is under its name in
 * the index, and a project another chunk created with the same unit + name while this one was writing is named in
 * this row's `possible_duplicate` warning (of one of the two rows at least) — never merged silently, never lost.
 * Names are appended before the events (store.putNames: a write never replaces another's, functions/store/names.ts),
 * and after all its events each chunk reads the index again (consistently): under a name it looked up, a project it
 * did not write, no row of its request sent and its lookup did not see is a concurrent creation, warned of. Of two
 * chunks racing for one name, the one reading back last sees the other's entry — each appended its own before its
 * events, so before its read — and by then the other's project exists (its EVT#1 is written before it reads back).
 */
import { randomUUID } from 'node:crypto';
import type { ListKey, MissingProject, SyncRequest, SyncResponse, SyncRowResult, SyncSummary } from '../../contract';
import type { CutoffConfig } from '../../contract';
import { weekOf, weekRange } from '../domain/calendar';
import { parseRow } from '../domain/parse';
import { snapshotOf, type WeekSnapshot } from '../domain/report';
import type { ProjectState } from '../domain/types';
import type { Caller } from './caller';
import { now as requestNow } from './clock';
import type { Deps } from './deps';
import { MSG } from './messages';
import { logLine } from './log';
import { mapPool } from './pool';
import { cachedConfig } from './config';
import { recordAggregates } from './aggregates';
import { rowContentHash } from './row-hash';
import { figuresOf } from './figures';
import { decideRow, targetList, type RowDecision, type RowInput } from './sync-row';
import { duplicateWarning, resolveIdentities, type Identity, type UnknownRow } from './identity';
import { nameKeyOf, nameKeyString, type NameKey } from '../domain/identity';
import { moveTransition } from '../domain/stage';
import type { ParsedRow } from '../domain/types';

/** Rows written at once (each an event put): bounds requests in flight. */
const WRITE_CONCURRENCY = 32;
/** Attempts per row when other writers keep taking the next version. */
const MAX_ATTEMPTS = 5;

function duplicateErrors(rows: SyncRequest['rows']): Map<number, SyncRowResult['errors']> {
  const byId = new Map<string, number[]>();
  rows.forEach((r, i) => byId.set(r.id, [...(byId.get(r.id) ?? []), i]));
  const out = new Map<number, SyncRowResult['errors']>();
  for (const [id, idx] of byId) {
    if (idx.length < 2) continue;
    for (const i of idx) {
      const others = idx.filter((j) => j !== i).map((j) => rows[j]!.ref);
      const zh = others.map((o) => `${o.sheet} 第 ${o.row} 行`).join('、');
      const en = others.map((o) => `${o.sheet} row ${o.row}`).join(', ');
      out.set(i, [{ field: 'id', code: 'duplicate_id', message: { zh: `项目编号 ${id} 与 ${zh} 重复，请改为唯一编号`, en: `Project ID ${id} is also used by ${en}; IDs must be unique` } }]);
    }
  }
  return out;
}

/**
 * The snapshot to keep when a commit replaces `prev`: prev itself, as the final state of its week, when that
 * week has closed by `now`; null when prev belongs to the same (or, with a back-dated asOf, a later) week.
 */
export function closingSnapshot(prev: ProjectState, now: string, cutoff: CutoffConfig): WeekSnapshot | null {
  const week = weekOf(prev.updatedAt, cutoff);
  if (week >= weekOf(now, cutoff)) return null;
  return snapshotOf(prev, { week, ...weekRange(week, cutoff) }, now);
}

/** DynamoDB refuses items over 400 KB and index keys over their limits with a ValidationException. */
function rowFailure(e: unknown): SyncRowResult['errors'][number] {
  const err = e as { name?: string; message?: string } | undefined;
  const tooLarge = err?.name === 'ValidationException' && /size|exceed|too (large|long)/i.test(err.message ?? '');
  return tooLarge ? { field: null, code: 'too_large', message: MSG.rowTooLarge } : { field: null, code: 'internal', message: MSG.rowFailed };
}

const joinsWorkbook = (d: RowDecision, prev: ProjectState | null, workbookId: string): boolean =>
  d.kind === 'write' && !(prev?.workbooks.includes(workbookId) ?? false);

/** A row parsed and decided on the state read for the chunk (under its canonical id when matched by name). */
interface Decided {
  input: RowInput;
  prev: ProjectState | null;
  decision: RowDecision;
  identity?: Identity;
  /** The id the row sent, when it was matched to another stored project. */
  sentId?: string;
}

/** What the writes of one chunk share. */
interface ChunkWriter {
  deps: Deps;
  workbookId: string;
  now: string;
  cutoff: CutoffConfig;
  /** Ids whose membership of the workbook is written. */
  members: Set<string>;
  /** States whose events this chunk committed, with the row's index: STATE is put after all the events. */
  committed: { index: number; state: ProjectState; prev: ProjectState | null }[];
  /** The chunk's token: a new project's STATE is written with it and the row's index (rowToken) before its EVT#1, which carries the same. */
  creating: string;
  /** New projects' STATEs this chunk wrote before their events, by id (store.putCreating). */
  created: Map<string, ProjectState>;
  /** Rows whose name was batch-written before the events (store.putNames). */
  batched: Set<number>;
  /** Name claims this chunk made, with the row's index: read back after the events (settleNames). */
  claims: { index: number; key: NameKey; id: string; name: string; unit: string; seen?: readonly string[] }[];
}

/** A new project's creation token: the chunk's and the row's index, so two rows of one request never share one. */
const rowToken = (chunkToken: string, index: number): string => `${chunkToken}.${index}`;

/** Ids and warnings the answer carries for a row matched by name or warned of. */
const identityFields = (sentId: string | undefined, warning: Identity['warning']): Pick<SyncRowResult, 'sentId' | 'warnings'> => ({
  ...(sentId !== undefined ? { sentId } : {}),
  ...(warning ? { warnings: [warning] } : {}),
});

/**
 * The name claim a write needs before its event: a new project claims its name (as resolveIdentities said: 'new'
 * or 'add'); a stored project whose name or unit changed (or that was never indexed) adds itself under the new key.
 */
function claimFor(d: Extract<RowDecision, { kind: 'write' }>, prev: ProjectState | null, identity: Identity | undefined): { key: NameKey; seen?: readonly string[] } | null {
  const key = nameKeyOf(d.state.fields.name, d.state.fields.unit);
  if (!key) return null;
  if (!prev) return identity?.claim && nameKeyString(identity.claim.key) === nameKeyString(key) ? identity.claim : identity?.canonicalId ? null : { key };
  return prev.nameKey === nameKeyString(key) ? null : { key };
}

/** Writes one decided row: membership and closing snapshot, then its event; on a lost version, decides again. */
async function writeRow(w: ChunkWriter, decided: Decided, index: number): Promise<SyncRowResult> {
  const { store } = w.deps;
  const { input, identity, sentId } = decided;
  let prev = decided.prev;
  const row = input.row;
  let claimed = w.batched.has(index);
  try {
    let d = decided.decision;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) d = decideRow(input, prev);
      if (d.kind === 'rejected') return { ...reject(row, prev, d.errors), ...identityFields(sentId, undefined) };
      if (d.kind === 'unchanged') {
        return { ref: row.ref, id: row.id, ...identityFields(sentId, identity?.warning), status: 'unchanged', stage: d.state.stage, targetList: targetList(d.state.stage, row.list), flag: d.flag, errors: d.errors, figures: figuresOf(d.state.fields) };
      }
      // The name is claimed before the event: appended, and read back after the chunk's events (settleNames).
      const claim = claimed ? null : claimFor(d, prev, identity);
      if (claim) {
        const entry = { key: claim.key, id: row.id, name: d.state.fields.name ?? '', unit: d.state.fields.unit ?? '' };
        await store.putNames([entry]);
        w.claims.push({ index, ...entry, ...(claim.seen ? { seen: claim.seen } : {}) });
        claimed = true;
      }
      // Written before the event, so that a retry after a failure past the event finds them.
      if (joinsWorkbook(d, prev, w.workbookId) && !w.members.has(row.id)) {
        await store.putMemberships(w.workbookId, [row.id]);
        w.members.add(row.id);
      }
      const closing = prev && closingSnapshot(prev, w.now, w.cutoff);
      if (closing) await store.putWeekSnapshots([closing]);
      // A new project's STATE stands before its EVT#1 (store/projects.ts): this state's, unless the batch wrote it.
      if (!prev && w.created.get(row.id) !== d.state) {
        const refused = await store.putCreating([{ state: d.state, token: rowToken(w.creating, index) }]);
        if (refused.size > 0) throw refused.get(row.id);
        w.created.set(row.id, d.state);
      }
      if ((await store.commit(d.event, prev ? undefined : rowToken(w.creating, index))) === 'committed') {
        w.committed.push({ index, state: d.state, prev });
        return {
          ref: row.ref,
          id: row.id,
          ...identityFields(sentId, identity?.warning),
          status: prev ? 'updated' : 'created',
          stage: d.state.stage,
          targetList: targetList(d.state.stage, row.list),
          ...(d.transition ? { transition: d.transition } : {}),
          flag: d.state.flag,
          errors: d.errors,
          figures: figuresOf(d.state.fields),
        };
      }
      // Another writer took this version: decide again on its state (repairing STATE if it is behind).
      prev = await store.latestState(row.id);
    }
    return { ...reject(row, prev, [{ field: null, code: 'conflict', message: MSG.conflict }]), ...identityFields(sentId, undefined) };
  } catch (e) {
    logRowFailure(w.deps, row.id, e);
    return { ...reject(row, prev, [rowFailure(e)]), ...identityFields(sentId, undefined) };
  }
}

export async function syncUseCase(deps: Deps, caller: Caller, req: SyncRequest): Promise<SyncResponse> {
  const { store } = deps;
  const config = await cachedConfig(store);
  const now = requestNow(deps, config.cutoff, req.asOf);
  const duplicates = duplicateErrors(req.rows);
  // Duplicates too: their rejection reports the stored stage and flag, so the add-in keeps the row's flag.
  // Every id the request's rows carry (the identity pass never gives one of them to another row).
  const sent = new Set(req.rows.map((r) => r.id));
  const states = await store.loadProjects([...sent]);
  const workbookId = req.workbook.id;

  const parsedRows = req.rows.map((row): ParsedRow | SyncRowResult => {
    try {
      return parseRow(row.cells, { dateSystem: req.dateSystem, investmentMethods: config.investmentMethods, ...(row.units ? { units: row.units } : {}) });
    } catch (e) {
      logRowFailure(deps, row.id, e);
      return reject(row, states.get(row.id) ?? null, [rowFailure(e)]);
    }
  });
  // Rows whose id the store does not know: the same project by unit and name (functions/app/identity.ts).
  const hashes = req.rows.map((row) => rowContentHash(row, req.dateSystem));
  const unknown = req.rows.flatMap((row, i): UnknownRow[] => {
    const parsed = parsedRows[i]!;
    if (states.has(row.id) || duplicates.has(i) || !('fields' in parsed)) return [];
    return [{ index: i, row, name: parsed.fields.name, unit: parsed.fields.unit, contentHash: hashes[i]! }];
  });
  const matched = await resolveIdentities(store, unknown, new Set(states.keys()), sent);

  // Decide every row first (no I/O), so the chunk's membership is written before any of its events.
  const first = req.rows.map((sent, i): Decided | SyncRowResult => {
    const parsed = parsedRows[i]!;
    if (!('fields' in parsed)) return parsed;
    const identity = matched.identities.get(i);
    const row = identity?.canonicalId ? { ...sent, id: identity.canonicalId } : sent;
    const prev = states.get(row.id) ?? matched.states.get(row.id) ?? null;
    try {
      const dup = duplicates.get(i);
      if (dup) return reject(row, prev, [...dup, ...parsed.errors]);
      const input: RowInput = { row, parsed, contentHash: hashes[i]!, workbookId, workbookName: req.workbook.name, now, config, caller };
      return { input, prev, decision: decideRow(input, prev), ...(identity ? { identity } : {}), ...(identity?.canonicalId ? { sentId: sent.id } : {}) };
    } catch (e) {
      logRowFailure(deps, row.id, e);
      return reject(row, prev, [rowFailure(e)]);
    }
  });
  const joining = first.flatMap((f) => ('decision' in f && joinsWorkbook(f.decision, f.prev, workbookId) ? [f.input.row.id] : []));
  await store.putMemberships(workbookId, joining);
  // New projects' STATEs before any of their events (the crash invariant, store/projects.ts), and the names the
  // chunk's writes claim (new projects', renamed ones'), both batched (the name invariant above).
  const batchedNames = first.flatMap((f, index) => {
    if (!('decision' in f) || f.decision.kind !== 'write') return [];
    const claim = claimFor(f.decision, f.prev, f.identity);
    const { name, unit } = f.decision.state.fields;
    return claim ? [{ index, key: claim.key, id: f.input.row.id, name: name ?? '', unit: unit ?? '', ...(claim.seen ? { seen: claim.seen } : {}) }] : [];
  });
  // The chunk owes the dashboard its deltas from its first event on: noted open until they are applied (app/upkeep.ts).
  const chunk = deps.aggregates && first.some((f) => 'decision' in f && f.decision.kind === 'write') ? `${deps.clock()}|${randomUUID()}` : null;
  const creating = randomUUID();
  const creations = first.flatMap((f, i) => ('decision' in f && f.decision.kind === 'write' && !f.prev ? [{ state: f.decision.state, token: rowToken(creating, i) }] : []));
  const created = new Map(creations.map((c) => [c.state.id, c.state]));
  const [refused] = await Promise.all([
    store.putCreating(creations),
    store.putNames(batchedNames),
    chunk ? deps.aggregates!.beginChunk(chunk) : undefined,
  ]);
  // A STATE DynamoDB refused (too large): its row appends nothing and is that row's error.
  first.forEach((f, i) => {
    if (!('decision' in f) || !refused.has(f.input.row.id)) return;
    logRowFailure(deps, f.input.row.id, refused.get(f.input.row.id));
    first[i] = { ...reject(f.input.row, null, [rowFailure(refused.get(f.input.row.id))]), ...identityFields(f.sentId, undefined) };
    created.delete(f.input.row.id);
  });

  const writer: ChunkWriter = {
    deps, workbookId, now, cutoff: config.cutoff, members: new Set(joining), committed: [], creating, created,
    batched: new Set(batchedNames.map((c) => c.index)), claims: [...batchedNames],
  };
  const results = await mapPool(first, WRITE_CONCURRENCY, (f, i) => ('decision' in f ? writeRow(writer, f, i) : Promise.resolve(f)));

  // STATE after all the events (a new project's stands already); a put that fails turns its row into an error (its
  // event stands: the retry repairs).
  const failed = await store.settleStates(writer.committed.flatMap((c) => (c.prev ? [c.state] : [])));
  // The dashboard's live aggregates: this chunk's committed events, each once (app/aggregates.ts).
  if (chunk && (await recordAggregates(deps, chunk, writer.committed, config.cutoff))) await endChunk(deps, chunk);
  for (const c of writer.committed) {
    if (!failed.has(c.state.id)) continue;
    const e = failed.get(c.state.id);
    logRowFailure(deps, c.state.id, e);
    const { sentId, warnings: _w, ...row } = results[c.index]!;
    results[c.index] = { ...reject({ ...req.rows[c.index]!, ref: row.ref, id: c.state.id }, c.prev, [rowFailure(e)]), ...identityFields(sentId, undefined) };
  }
  await settleNames(writer, results, sent);
  const summary = summarize(results);
  // After the count (which is of transitions recorded now): a row still on an earlier list than its stage — a move
  // the clerk has not confirmed, seen again — carries the move it awaits, with its cycle days (domain/stage.ts).
  results.forEach((r, i) => {
    const f = first[i]!;
    if (r.transition || r.status === 'rejected' || !('decision' in f) || f.decision.kind === 'rejected') return;
    const t = moveTransition(f.input.row.list, r.stage, f.decision.state.fields);
    if (t) results[i] = { ...r, transition: t };
  });
  if (req.workbookIds) summary.missing = await missingProjects(deps, req, results);
  return { asOf: now, rows: results, summary };
}

/**
 * The name invariant (header): on each name the chunk looked up and stored a project under, read back after all its
 * events, a project neither its own, nor sent by this request, nor seen by the lookup was created concurrently: the
 * row is warned of it. (An id whose creation never happened — its row refused, or stopped before its event — is no
 * project, and is named in no warning.)
 */
async function settleNames(w: ChunkWriter, results: SyncRowResult[], requestIds: ReadonlySet<string>): Promise<void> {
  const stored = w.claims.filter((c) => c.seen && results[c.index]?.id === c.id && (results[c.index]!.status === 'created' || results[c.index]!.status === 'updated'));
  if (stored.length === 0) return;
  const entries = new Map((await w.deps.store.allNames()).map((e) => [nameKeyString(e.key), e]));
  const others = new Map(stored.map((c) => {
    const entry = entries.get(nameKeyString(c.key));
    return [c, entry ? entry.ids.filter((id) => id !== c.id && !requestIds.has(id) && !c.seen!.includes(id)) : []] as const;
  }));
  const projects = await w.deps.store.loadProjects([...new Set([...others.values()].flat())]);
  for (const [c, ids] of others) {
    const found = ids.filter((id) => projects.has(id));
    if (found.length === 0) continue;
    const entry = entries.get(nameKeyString(c.key))!;
    const r = results[c.index]!;
    const named = [...(r.warnings ?? []).flatMap((x) => x.projects ?? []), ...found.map((id) => ({ id, name: entry.name, unit: entry.unit }))];
    results[c.index] = { ...r, warnings: [duplicateWarning(named.filter((p, i) => named.findIndex((q) => q.id === p.id) === i))] };
  }
}

/** The chunk's deltas are applied. A failure here only leaves it open: upkeep then rebuilds, which is exact anyway. */
async function endChunk(deps: Deps, chunk: string): Promise<void> {
  try {
    await deps.aggregates!.endChunks([chunk]);
  } catch (e) {
    logLine(deps, 'warn', { route: 'sync', chunk }, e);
  }
}

/** One log line per failed row: its id and the error, never its contents. */
function logRowFailure(deps: Deps, id: string, e: unknown): void {
  logLine(deps, 'error', { route: 'sync', row: id }, e);
}

function reject(row: { ref: SyncRowResult['ref']; id: string; list: ListKey }, prev: ProjectState | null, errors: SyncRowResult['errors']): SyncRowResult {
  const stage = prev?.stage ?? row.list;
  return { ref: row.ref, id: row.id, status: 'rejected', stage, targetList: targetList(stage, row.list), flag: prev?.flag ?? { level: 'none', reasons: [] }, errors };
}

function summarize(rows: SyncRowResult[]): SyncSummary {
  const s: SyncSummary = { rows: rows.length, created: 0, updated: 0, unchanged: 0, rejected: 0, red: 0, yellow: 0, transitions: 0, errors: 0 };
  for (const r of rows) {
    s[r.status]++;
    if (r.flag.level !== 'none') s[r.flag.level]++;
    if (r.transition) s.transitions++;
    s.errors += r.errors.length;
    if (r.warnings?.length) s.warnings = (s.warnings ?? 0) + 1;
    if (r.sentId !== undefined) s.matched = (s.matched ?? 0) + 1;
  }
  return s;
}

/** Projects this workbook synced before and no longer holds — reported, never deleted. */
async function missingProjects(deps: Deps, req: SyncRequest, results: readonly SyncRowResult[]): Promise<MissingProject[]> {
  const present = new Set([...(req.workbookIds ?? []), ...req.rows.map((r) => r.id), ...results.map((r) => r.id)]);
  const gone = (await deps.store.listMembership(req.workbook.id)).filter((id) => !present.has(id));
  if (gone.length === 0) return [];
  const states = await deps.store.loadProjects(gone);
  return gone
    .map((id) => states.get(id))
    .filter((s): s is ProjectState => s !== undefined)
    .map((s) => ({ id: s.id, name: s.fields.name ?? '', stage: s.stage, unit: s.fields.unit ?? '' }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
