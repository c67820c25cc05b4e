/**
 * Which stored project a row is, when the store does not know the row's id (DESIGN §5): a file synced again
 * without its IDs (the original of a copy-mode sync, an interrupted sync re-run), or a new row.
 *
 * Among the projects of the row's unit with the row's normalised name (functions/domain/identity.ts), found in
 * the name index (one read of it per chunk):
 *   - one (not already the project of another row of the request): the row IS that project — it is decided and
 *     written under that canonical id, and the answer's `id` carries it (`sentId` the id the row sent);
 *   - several: the one whose stored content is the row's (contentHash: the file synced again unchanged) — so twins of
 *     one unit, synced again from a file without IDs, each find their own instead of being created again; twins alike
 *     to the letter only when the request holds as many such rows (another chunk could take one twice). Else the row is
 *     created, with a `possible_duplicate` warning naming them: never the twin left over by elimination, which may be
 *     another project;
 *   - none: the row is created; a near name in its unit, or its name in another unit (never merged across
 *     units), found in the same read of the index, is a `possible_duplicate` warning.
 * A created row claims its name before its first event (sync.ts: store.putNames), and the sync reads the name back after
 * its events: a project under it that the lookup did not see was created meanwhile by another chunk, and is warned of.
 */
import type { DuplicateCandidate, RowWarning, SyncRow } from '../../contract';
import { NAME_RULE, nameKeyOf, nameKeyString, nearNameFinder, rule1NameKey, type NameKey } from '../domain/identity';
import type { ProjectState } from '../domain/types';
import { groupNames } from './duplicates';
import type { NameEntry, ProjectStore } from './ports';

/** At most this many projects are named in one warning. */
const MAX_NAMED = 5;

export interface Identity {
  /** The stored project the row is (≠ the row's id). */
  canonicalId?: string;
  /**
   * The name to claim before the row's first event when it creates a project, and the stored projects the lookup saw
   * under it (`seen`): after the events, a project under that name beyond those is one created meanwhile (sync.ts settleNames).
   */
  claim?: { key: NameKey; seen: readonly string[] };
  warning?: RowWarning;
}

export interface UnknownRow {
  index: number;
  row: SyncRow;
  name: string | null;
  unit: string | null;
  /** What the row sent, hashed as the state it leads to records it (row-hash.ts). */
  contentHash: string;
}

/** The key a state is indexed under (its `nameKey`, else computed from its fields). */
export const stateNameKey = (s: ProjectState): string | null => {
  const k = nameKeyOf(s.fields.name, s.fields.unit);
  return k && nameKeyString(k);
};

export function duplicateWarning(projects: DuplicateCandidate[]): RowWarning {
  const named = projects.slice(0, MAX_NAMED);
  const more = projects.length - named.length;
  const zh = named.map((p) => `${p.id}（${p.name}，${p.unit}）`).join('、') + (more > 0 ? ` 等 ${projects.length} 个` : '');
  const en = named.map((p) => `${p.id} (${p.name}, ${p.unit})`).join(', ') + (more > 0 ? ` and ${more} more` : '');
  return {
    code: 'possible_duplicate',
    projects: named,
    message: {
      zh: `可能与已有项目重复：${zh}。本行已作为新项目保存；如为同一项目，请把项目编号改为已有编号`,
      en: `Possibly the same project as ${en}. The row was saved as a new project; if it is the same one, change its ID to the existing one`,
    },
  };
}

const candidatesOf = (e: NameEntry, ids: readonly string[]): DuplicateCandidate[] => ids.map((id) => ({ id, name: e.name, unit: e.unit }));

/**
 * The name entries of the rows' keys, by key string, and every entry (`all`, for near names and other units): one read
 * of the whole index (store.allNames). While the index is not yet all in the store's current layout under the current
 * normalName rule (its mark), an earlier release's entries are read too, and each row's key and its rule-1 key looked
 * up among them: candidates are checked against their current key anyway (stateNameKey), so a stale key can add a
 * warning, never a match.
 */
async function findEntries(
  store: ProjectStore,
  keyed: readonly { name: string | null; unit: string | null; key: NameKey; keyString: string }[],
): Promise<{ entries: Map<string, NameEntry>; all: NameEntry[] }> {
  // The mark before the index: upkeep writes its entries, then the mark, so an index read after a mark that says
  // "moved" holds them (read side by side, a late answer for the mark could pass over entries not yet read).
  const mark = await store.nameIndexMark();
  const index = await store.allNames();
  const byKey = new Map(index.map((e) => [nameKeyString(e.key), e]));
  const entries = new Map(keyed.flatMap((r) => (byKey.has(r.keyString) ? [[r.keyString, byKey.get(r.keyString)!] as const] : [])));
  if (mark && mark.rule === NAME_RULE && !mark.oldLayout) return { entries, all: index };
  const legacy = await store.legacyNames();
  const legacyByKey = new Map(legacy.map((e) => [nameKeyString(e.key), e]));
  for (const r of keyed) {
    const old = rule1NameKey(r.name, r.unit);
    const found = [r.keyString, ...(old ? [nameKeyString(old)] : [])].flatMap((k) => legacyByKey.get(k) ?? []);
    if (found.length === 0) continue;
    const entry = entries.get(r.keyString) ?? { ...found[0]!, key: r.key, ids: [] };
    entries.set(r.keyString, { ...entry, ids: [...new Set([...entry.ids, ...found.flatMap((e) => e.ids)])].sort() });
  }
  return { entries, all: [...index, ...legacy] };
}

/**
 * The identity of each unknown row, by index, and the states of the projects they were matched to (read in one
 * batch, for the decisions). `known`: ids of the request's rows the store knows; `sent`: every id the request's rows
 * carry — none is ever matched to another row (two rows would write one project).
 */
export async function resolveIdentities(
  store: ProjectStore,
  rows: readonly UnknownRow[],
  known: ReadonlySet<string>,
  sent: ReadonlySet<string>,
): Promise<{ identities: Map<number, Identity>; states: Map<string, ProjectState> }> {
  const identities = new Map<number, Identity>();
  const keyed = rows.flatMap((r) => {
    const key = nameKeyOf(r.name, r.unit);
    return key ? [{ ...r, key, keyString: nameKeyString(key) }] : [];
  });
  if (keyed.length === 0) return { identities, states: new Map() };
  const { entries, all } = await findEntries(store, keyed);
  const candidateIds = [...new Set([...entries.values()].flatMap((e) => e.ids))].filter((id) => !known.has(id));
  const states = candidateIds.length ? await store.loadProjects(candidateIds) : new Map<string, ProjectState>();

  // The row's own claim, made by an earlier attempt that stopped before (or right after) its first event: that id is
  // this row's (it creates under it again), never another row's candidate.
  const ownClaim = (r: (typeof keyed)[number]) => entries.get(r.keyString)?.ids.includes(r.row.id) === true;
  // Ids no row may be matched to: every id of the request (the stored ones among them).
  const taken = new Set(sent);
  // A candidate is a stored project still of this name: not one renamed since it was indexed under this key, nor an id
  // with no project (a claim whose creation never happened: its row refused, or stopped before its first event).
  const nameValid = (r: (typeof keyed)[number], id: string) => states.has(id) && stateNameKey(states.get(id)!) === r.keyString;
  // Ids under a name that are projects (stored, or rows of this request): what a warning may name, and what the lookup saw.
  const present = (id: string) => states.has(id) || sent.has(id);
  const seen = (entry: NameEntry | undefined) => (entry?.ids ?? []).filter(present);
  const validFor = (r: (typeof keyed)[number]) => (entries.get(r.keyString)?.ids ?? []).filter((id) => !taken.has(id) && nameValid(r, id));
  // Names several stored projects carry (the request's known rows among them, before any row took one): a row of such a
  // name is one of them only by its content, never by elimination — a new row beside its twin is not the other twin.
  const several = new Map<string, string[]>();
  for (const r of keyed) {
    const stored = (entries.get(r.keyString)?.ids ?? []).filter((id) => known.has(id) || (states.has(id) && nameValid(r, id)));
    if (stored.length >= 2) several.set(r.keyString, stored);
  }
  // Rows among several projects of their name that one of them holds unchanged: that one (ids in order). Twins alike to
  // the letter are told apart only when this request holds as many such rows as there are such projects: another
  // chunk of the same sync (or a row deleted) could otherwise take one twin twice.
  const alikeKey = (r: (typeof keyed)[number]) => `${r.keyString}\u0000${r.contentHash}`;
  const alike = new Map<string, number>();
  for (const r of keyed) if (several.has(r.keyString) && !ownClaim(r)) alike.set(alikeKey(r), (alike.get(alikeKey(r)) ?? 0) + 1);
  for (const r of keyed) {
    if (ownClaim(r) || !several.has(r.keyString)) continue;
    const same = several.get(r.keyString)!.filter((id) => states.get(id)?.contentHash === r.contentHash).sort();
    if (same.length === 0 || same.length > alike.get(alikeKey(r))!) continue;
    const id = same.find((x) => !taken.has(x));
    if (id === undefined) continue;
    identities.set(r.index, { canonicalId: id });
    taken.add(id);
  }
  const claimedNew = new Map<string, string>();
  const missed: Array<(typeof keyed)[number] & { exact: DuplicateCandidate[] }> = [];
  for (const r of keyed) {
    if (identities.has(r.index)) continue;
    const entry = entries.get(r.keyString);
    if (ownClaim(r)) continue;
    const valid = validFor(r);
    const namedBySeveral = several.get(r.keyString);
    if (entry && valid.length === 1 && !namedBySeveral) {
      identities.set(r.index, { canonicalId: valid[0]! });
      taken.add(valid[0]!);
      continue;
    }
    const earlier = claimedNew.get(r.keyString);
    const claim = { key: r.key, seen: seen(entry) };
    if (entry && (valid.length > 1 || namedBySeveral)) {
      identities.set(r.index, { claim, warning: duplicateWarning(candidatesOf(entry, namedBySeveral ?? valid)) });
    } else if (earlier !== undefined) {
      // The same name twice among this chunk's new rows: the first claims it, the others are warned of it.
      identities.set(r.index, { claim, warning: duplicateWarning([{ id: earlier, name: r.name ?? '', unit: r.unit ?? '' }]) });
    } else {
      claimedNew.set(r.keyString, r.row.id);
      // Taken by other rows of this request (the file holds the name twice) or stale: created beside them.
      missed.push({ ...r, exact: entry ? candidatesOf(entry, claim.seen.filter((id) => id !== r.row.id)) : [] });
      identities.set(r.index, { claim });
    }
  }

  if (missed.length > 0) {
    // Grouped once per chunk: a row compares its name with its own unit's names only, and looks its name up in the others.
    const { byUnit, byName } = groupNames(all);
    // Near names through their first characters (domain nearNameFinder), one finder per unit a missed row is in.
    const finders = new Map<string, (name: string) => number[]>();
    const nearIn = (unit: string, name: string): NameEntry[] => {
      const entries = byUnit.get(unit) ?? [];
      const find = finders.get(unit) ?? finders.set(unit, nearNameFinder(entries.map((e) => e.key.name))).get(unit)!;
      return find(name).map((i) => entries[i]!);
    };
    for (const r of missed) {
      const near = [...nearIn(r.key.unit, r.key.name), ...(byName.get(r.key.name) ?? []).filter((e) => e.key.unit !== r.key.unit)];
      const found = [...r.exact, ...near.flatMap((e) => candidatesOf(e, e.ids))].filter((c, i, list) => c.id !== r.row.id && list.findIndex((x) => x.id === c.id) === i);
      if (found.length) identities.set(r.index, { ...identities.get(r.index)!, warning: duplicateWarning(found) });
    }
  }
  return { identities, states };
}
