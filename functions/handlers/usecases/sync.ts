/**
 * POST /v1/sync: parse every row, compare with the stored state, record events, update STATE, the weekly
 * snapshot and the workbook's membership, and answer per row. Reads are batched for the whole chunk;
 * unchanged rows write nothing; a row whose version another writer took is decided again on the newer state.
 *
 * Weekly snapshots are written lazily: STATE is itself the snapshot of the week of its last change, so a
 * commit needs to keep the state it replaces only when that state belongs to an earlier week — it was then that
 * week's final state (WEEK#<week of prev.updatedAt>). The reports read STATE for every week from its
 * `updatedAt` on, and WEEK# items before (functions/handlers/usecases/reports.ts). A project created or
 * changed again within the same week writes no snapshot at all, and each WEEK# item has exactly one writer
 * (the committer of the next version), so no slower writer can overwrite a newer snapshot.
 */
import type { ListKey, MissingProject, SyncRequest, SyncResponse, SyncRowResult, SyncSummary } from '../../contract';
import type { CutoffConfig } from '../../contract';
import { asOfInstant, weekOf, weekRange } from '../../domain/calendar';
import { parseRow } from '../../domain/parse';
import { snapshotOf, type WeekSnapshot } from '../../domain/report';
import type { ProjectState } from '../../domain/types';
import { mapPool } from '../../store/pool';
import type { Caller } from '../caller';
import type { Deps } from '../deps';
import { cachedConfig } from './config';
import { rowContentHash } from './row-hash';
import { decideRow, targetList, type RowInput } from './sync-row';

/** Rows written at once (an event put, then for existing projects a STATE put): bounds requests in flight. */
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

export async function syncUseCase(deps: Deps, caller: Caller, req: SyncRequest): Promise<SyncResponse> {
  const { store } = deps;
  const config = await cachedConfig(store);
  const now = deps.mode !== 'cloud' && req.asOf ? asOfInstant(req.asOf, config.cutoff) : deps.clock();
  const duplicates = duplicateErrors(req.rows);
  const ids = [...new Set(req.rows.filter((_, i) => !duplicates.has(i)).map((r) => r.id))];
  const states = await store.loadProjects(ids);

  const snapshots: WeekSnapshot[] = [];
  const members: string[] = [];
  // New projects: EVT#1 is the conditional put (lock and idempotency); their STATE goes out in batches.
  const created: ProjectState[] = [];
  const results = await mapPool(req.rows, WRITE_CONCURRENCY, async (row, i): Promise<SyncRowResult> => {
    const base = { ref: row.ref, id: row.id };
    let prev = states.get(row.id) ?? null;
    const dup = duplicates.get(i);
    const parsed = parseRow(row.cells, { dateSystem: req.dateSystem, ...(row.units ? { units: row.units } : {}) });
    if (dup) return reject(base, prev, row.list, [...dup, ...parsed.errors]);
    const input: RowInput = {
      row, parsed, contentHash: rowContentHash(row, req.dateSystem), workbookId: req.workbook.id, workbookName: req.workbook.name, now, config, caller,
    };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const d = decideRow(input, prev);
      if (d.kind === 'rejected') return reject(base, prev, row.list, d.errors);
      if (d.kind === 'unchanged') {
        return { ...base, status: 'unchanged', stage: d.state.stage, targetList: targetList(d.state.stage, row.list), flag: d.flag, errors: d.errors };
      }
      if ((await store.commit(d.event, { stateLater: prev === null })) === 'committed') {
        if (prev === null) created.push(d.state);
        const closing = prev && closingSnapshot(prev, now, config.cutoff);
        if (closing) snapshots.push(closing);
        // Membership is recorded once, when the project joins this workbook.
        if (!prev?.workbooks.includes(req.workbook.id)) members.push(row.id);
        return {
          ...base,
          status: prev ? 'updated' : 'created',
          stage: d.state.stage,
          targetList: targetList(d.state.stage, row.list),
          ...(d.transition ? { transition: d.transition } : {}),
          flag: d.state.flag,
          errors: d.errors,
        };
      }
      // Another writer took this version: decide again on its state (repairing STATE if it is behind).
      prev = await store.latestState(row.id);
    }
    return reject(base, prev, row.list, [{ field: null, code: 'conflict', message: { zh: '该项目正被同时修改，请稍后重新同步', en: 'The project is being changed concurrently; please sync again shortly' } }]);
  });

  await Promise.all([store.putCreatedStates(created), store.putWeekSnapshots(snapshots), store.putMemberships(req.workbook.id, members)]);
  const summary = summarize(results);
  if (req.workbookIds) summary.missing = await missingProjects(deps, req);
  return { asOf: now, rows: results, summary };
}

function reject(base: Pick<SyncRowResult, 'ref' | 'id'>, prev: ProjectState | null, list: ListKey, errors: SyncRowResult['errors']): SyncRowResult {
  const stage = prev?.stage ?? list;
  return { ...base, status: 'rejected', stage, targetList: targetList(stage, list), flag: prev?.flag ?? { level: 'none', reasons: [] }, errors };
}

function summarize(rows: SyncRowResult[]): SyncSummary {
  const s: SyncSummary = { rows: rows.length, created: 0, updated: 0, unchanged: 0, rejected: 0, red: 0, yellow: 0, transitions: 0, errors: 0 };
  for (const r of rows) {
    s[r.status]++;
    if (r.flag.level !== 'none') s[r.flag.level]++;
    if (r.transition) s.transitions++;
    s.errors += r.errors.length;
  }
  return s;
}

/** Projects this workbook synced before and no longer holds — reported, never deleted. */
async function missingProjects(deps: Deps, req: SyncRequest): Promise<MissingProject[]> {
  const present = new Set([...(req.workbookIds ?? []), ...req.rows.map((r) => r.id)]);
  const gone = (await deps.store.listMembership(req.workbook.id)).filter((id) => !present.has(id));
  if (gone.length === 0) return [];
  const states = await deps.store.loadProjects(gone);
  return gone
    .map((id) => states.get(id))
    .filter((s): s is ProjectState => s !== undefined)
    .map((s) => ({ id: s.id, name: s.fields.name ?? '', stage: s.stage, unit: s.fields.unit ?? '' }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
