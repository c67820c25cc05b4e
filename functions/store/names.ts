/**
 * The name index (DESIGN §5; layout in table.ts): which projects of a unit carry a normalised name, so a row whose id
 * the store does not know is matched to the project it is (functions/app/identity.ts), and the leaders' possible
 * duplicates (app/duplicates.ts).
 *
 * Append-only, many names to an item: each write (a sync chunk's new and renamed projects, an upkeep pass) puts its
 * entries — unit key, name key, project id, and the name and unit as written — as one JSON string in one item (more
 * when they pass ENTRIES_BYTES) of the one partition PK=NAMES, SK=<ISO time>#<uuid>#<part>. A read is one
 * consistent Query of that partition (all pages), merged by key: nothing is ever overwritten, so two writers never
 * lose each other's ids, and a name's entry is the union of every write of it. (One item per name cost a first sync
 * as much as a third of its writes: bench/sync.ts.) Entries are never removed: a project renamed keeps its old
 * name's entry, which lookups check against the project's current name (identity.ts), and the duplicates drop a
 * project paired with itself.
 *
 * The index of an earlier release (one item per key: PK=NAME#<unit>#<name>, SK=NAME, all in the GSI2 NAMES
 * partition) is read by legacyNames until upkeep has indexed every project here (the mark's `oldLayout`).
 */
import { randomUUID } from 'node:crypto';
import type { DuplicatesSnapshot, NameEntry, NameIndexMark } from '../app/ports';
import { nameKeyString, type NameKey } from '../domain/identity';
import { batchPut, type Item } from './batch';
import { DUPLICATES_KEY, NAME_INDEX_MARK_KEY, NAMES_GSI2PK, NAMES_PK } from './keys';
import { SharedReads } from './shared-reads';
import type { TableIO } from './table-io';

/** The layout the mark names (markIndexed): 2, the entries of NAMES items; 1 (or none), an earlier release's items. */
const LAYOUT = 2;
/** JSON bytes of entries per item: well under DynamoDB's 400 KB an item. */
const ENTRIES_BYTES = 300_000;

/** A project under a name: what a write appends. */
export interface NameClaim {
  key: NameKey;
  id: string;
  name: string;
  unit: string;
}

/** One entry as stored: [unit key, name key, id, name, unit]. */
type Row = [string, string, string, string, string];

/** Entries merged by key, each key's ids once and in order; the name and unit as first read. */
function merged(rows: Iterable<Row>): NameEntry[] {
  const byKey = new Map<string, NameEntry & { seen: Set<string> }>();
  for (const [unitKey, nameKey, id, name, unit] of rows) {
    const key = { unit: unitKey, name: nameKey };
    const k = nameKeyString(key);
    const e = byKey.get(k) ?? byKey.set(k, { key, ids: [], name, unit, seen: new Set() }).get(k)!;
    if (!e.seen.has(id)) e.seen.add(id), e.ids.push(id);
  }
  return [...byKey.values()].map(({ seen: _seen, ids, ...e }) => ({ ...e, ids: ids.sort() }));
}

/** The claims as items of up to ENTRIES_BYTES of JSON each, all under one write's SK prefix. */
function itemsOf(claims: readonly NameClaim[]): Item[] {
  const write = `${new Date().toISOString()}#${randomUUID()}`;
  const parts: Row[][] = [[]];
  let bytes = 0;
  for (const c of claims) {
    const row: Row = [c.key.unit, c.key.name, c.id, c.name, c.unit];
    const size = Buffer.byteLength(JSON.stringify(row)) + 1;
    if (bytes + size > ENTRIES_BYTES && parts[parts.length - 1]!.length > 0) parts.push([]), (bytes = 0);
    parts[parts.length - 1]!.push(row);
    bytes += size;
  }
  return parts.map((rows, i) => ({ PK: NAMES_PK, SK: `${write}#${i}`, entries: JSON.stringify(rows) }));
}

export class NameRecords {
  private readonly reads = new SharedReads();

  constructor(private readonly io: TableIO) {}

  /** Every entry of the county, merged by key (one consistent, paged Query of the NAMES partition). */
  async allNames(): Promise<NameEntry[]> {
    const items = await this.io.queryAll({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': NAMES_PK },
      ProjectionExpression: 'entries',
      ConsistentRead: true,
    });
    return merged(items.flatMap((i) => JSON.parse(String(i.entries)) as Row[]));
  }

  /** Appends these projects under their names: one BatchWriteItem of a few items, whatever their number. */
  async putNames(claims: readonly NameClaim[]): Promise<void> {
    if (claims.length === 0) return;
    const { doc, table, retry, count } = this.io;
    await batchPut(doc, table, itemsOf(claims), count, retry);
  }

  /** An earlier release's index: one item per key in the GSI2 NAMES partition (read until upkeep moved it). */
  async legacyNames(): Promise<NameEntry[]> {
    const items = await this.io.queryAll({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': NAMES_GSI2PK },
      ProjectionExpression: 'ids, #n, #u, unitKey, nameKey',
      ExpressionAttributeNames: { '#n': 'name', '#u': 'unit' },
    });
    return merged(items.flatMap((i) => {
      const ids = i.ids instanceof Set ? [...(i.ids as Set<string>)] : Array.isArray(i.ids) ? (i.ids as string[]) : [];
      return ids.map((id): Row => [String(i.unitKey), String(i.nameKey), id, String(i.name ?? ''), String(i.unit ?? '')]);
    }));
  }

  /** The backfill's mark (app/upkeep.ts): when it last ran, whether a later pass found nothing missing, its rule and layout. */
  async indexMark(): Promise<NameIndexMark | null> {
    const item = await this.io.get(NAME_INDEX_MARK_KEY);
    if (!item) return null;
    return { at: String(item.at), verified: item.verified === true, rule: typeof item.rule === 'number' ? item.rule : 1, oldLayout: item.layout !== LAYOUT };
  }

  async markIndexed(mark: Omit<NameIndexMark, 'oldLayout'>, added: number): Promise<void> {
    await this.io.put({ ...NAME_INDEX_MARK_KEY, ...mark, layout: LAYOUT, added });
  }

  /** The possible duplicates as last taken (one item: at most MAX_PAIRS pairs and their total). */
  async duplicates(): Promise<DuplicatesSnapshot | null> {
    // Concurrent dashboards share the read (the snapshot is one item of up to ~50 KB).
    const item = await this.reads.read('duplicates', () => this.io.get(DUPLICATES_KEY));
    if (!item) return null;
    const { pairs, total, begun, at } = item as unknown as DuplicatesSnapshot;
    return { pairs, total, begun, at };
  }

  async putDuplicates(snapshot: DuplicatesSnapshot): Promise<void> {
    await this.io.put({ ...DUPLICATES_KEY, ...snapshot });
  }
}
