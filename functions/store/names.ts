/**
 * The name index (PK=NAME#<unit>#<normalised name>, SK=NAME; layout in table.ts): which projects of a unit carry a
 * name, so a row whose id the store does not know is matched to the project it is (functions/app/identity.ts).
 *
 * A new project's name is written before its first event, in batches with the chunk's other new names (putNames,
 * 25 a request, unconditional); the sync reads them back after its events and settles a race (sync.ts
 * settleNames: the invariant is stated there). Projects created on purpose beside a stored one of the same name (a
 * possible duplicate the clerk was told about), and stored projects renamed, are added to the item's id set
 * (claimName 'add', UpdateItem ADD). Lookups are batched: one BatchGetItem per 100 keys, and one Query of the GSI2
 * NAMES partition per chunk for near names and other units.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mapPool } from '../app/pool';
import type { DuplicatesSnapshot, NameEntry, NameIndexMark } from '../app/ports';
import { nameKeyString, type NameKey } from '../domain/identity';
import { batchGet, batchPut, type Item } from './batch';
import { DUPLICATES_KEY, NAME_INDEX_MARK_KEY, NAME_SK, nameGsi2sk, namePk, NAMES_GSI2PK } from './keys';
import { SharedReads } from './shared-reads';
import type { TableIO } from './table-io';

const itemKey = (k: NameKey) => ({ PK: namePk(k), SK: NAME_SK });
/** A name item's attributes besides its ids: the GSI2 NAMES keys, the normalised key, the name and unit as written. */
const attributes = (k: NameKey, name: string, unit: string) => ({ GSI2PK: NAMES_GSI2PK, GSI2SK: nameGsi2sk(k), unitKey: k.unit, nameKey: k.name, name, unit });
/** Name items updated at once by addIds. */
const PARALLEL_ADDS = 16;

function toEntry(item: Item): NameEntry {
  const ids = item.ids instanceof Set ? [...(item.ids as Set<string>)] : Array.isArray(item.ids) ? (item.ids as string[]) : [];
  return { key: { unit: String(item.unitKey), name: String(item.nameKey) }, ids: ids.sort(), name: String(item.name ?? ''), unit: String(item.unit ?? '') };
}

export class NameRecords {
  private readonly reads = new SharedReads();

  constructor(private readonly io: TableIO) {}

  /** The entries of these keys that exist, by `<unit>#<name>` (BatchGetItem, 100 keys a request). */
  async findNames(keys: readonly NameKey[]): Promise<Map<string, NameEntry>> {
    const { doc, table, retry } = this.io;
    const items = await batchGet(doc, table, keys.map(itemKey), retry);
    return new Map(items.map((i) => toEntry(i)).map((e) => [nameKeyString(e.key), e]));
  }

  /** Every entry of the county (one paged Query of GSI2 NAMES, small items). */
  async allNames(): Promise<NameEntry[]> {
    const items = await this.io.queryAll({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': NAMES_GSI2PK },
      ProjectionExpression: 'ids, #n, #u, unitKey, nameKey',
      ExpressionAttributeNames: { '#n': 'name', '#u': 'unit' },
    });
    return items.map(toEntry);
  }

  /**
   * New projects' names, 25 to a BatchWriteItem (unconditional: each item holds the one id), for keys the chunk
   * found free. A racing chunk that found the same key free may land over it; the sync reads its keys back after
   * its events and re-adds an id it finds missing (functions/app/sync.ts settleNames).
   */
  async putNames(claims: readonly { key: NameKey; id: string; name: string; unit: string }[]): Promise<void> {
    if (claims.length === 0) return;
    const { doc, table, retry, count } = this.io;
    const items = claims.map(({ key, id, name, unit }) => ({ ...itemKey(key), ...attributes(key, name, unit), ids: new Set([id]) }));
    await batchPut(doc, table, items, count, retry);
  }

  /**
   * 'new': claims the key for `id` only if nobody holds it; answers the entry found when somebody does (null when
   * claimed). 'add': adds `id` to the key's ids (creating the item if needed); answers null.
   */
  async claimName(key: NameKey, id: string, name: string, unit: string, mode: 'new' | 'add'): Promise<NameEntry | null> {
    if (mode === 'new') {
      if (await this.io.put({ ...itemKey(key), ...attributes(key, name, unit), ids: new Set([id]) }, { expr: 'attribute_not_exists(PK)' })) return null;
      const found = (await this.findNames([key])).get(nameKeyString(key));
      if (found && !found.ids.includes(id)) return found;
      if (found) return null;
      // Gone between the put and the read (never deleted today): add.
    }
    await this.addIds([{ key, ids: [id], name, unit }]);
    return null;
  }

  /**
   * Adds ids to their keys' items (UpdateItem ADD, creating an item that does not exist; a name and unit already
   * there are kept): idempotent, and safe beside a sync adding or claiming the same key. One request per key.
   */
  async addIds(entries: readonly { key: NameKey; ids: readonly string[]; name: string; unit: string }[]): Promise<void> {
    await mapPool(entries, PARALLEL_ADDS, async ({ key, ids, name, unit }) => {
      if (ids.length === 0) return;
      const a = attributes(key, name, unit);
      this.io.count(1, 1);
      await this.io.doc.send(
        new UpdateCommand({
          TableName: this.io.table,
          Key: itemKey(key),
          UpdateExpression: 'ADD ids :ids SET GSI2PK = :g, GSI2SK = :s, unitKey = :uk, nameKey = :nk, #n = if_not_exists(#n, :n), #u = if_not_exists(#u, :u)',
          ExpressionAttributeNames: { '#n': 'name', '#u': 'unit' },
          ExpressionAttributeValues: { ':ids': new Set(ids), ':g': a.GSI2PK, ':s': a.GSI2SK, ':uk': a.unitKey, ':nk': a.nameKey, ':n': a.name, ':u': a.unit },
        }),
      );
    });
  }

  /** The backfill's mark (app/upkeep.ts): when it last ran, and whether a later pass found nothing missing. */
  async indexMark(): Promise<NameIndexMark | null> {
    const out = await this.io.doc.send(new GetCommand({ TableName: this.io.table, Key: NAME_INDEX_MARK_KEY, ConsistentRead: true }));
    return out.Item ? { at: String(out.Item.at), verified: out.Item.verified === true, rule: typeof out.Item.rule === 'number' ? out.Item.rule : 1 } : null;
  }

  async markIndexed(mark: NameIndexMark, added: number): Promise<void> {
    await this.io.put({ ...NAME_INDEX_MARK_KEY, ...mark, added });
  }

  /** The possible duplicates as last taken (one item: at most MAX_PAIRS pairs and their total). */
  async duplicates(): Promise<DuplicatesSnapshot | null> {
    // Concurrent dashboards share the read (the snapshot is one item of up to ~50 KB).
    const out = await this.reads.read('duplicates', () => this.io.doc.send(new GetCommand({ TableName: this.io.table, Key: DUPLICATES_KEY, ConsistentRead: true })));
    if (!out.Item) return null;
    const { pairs, total, begun, at } = out.Item as unknown as DuplicatesSnapshot;
    return { pairs, total, begun, at };
  }

  async putDuplicates(snapshot: DuplicatesSnapshot): Promise<void> {
    await this.io.put({ ...DUPLICATES_KEY, ...snapshot });
  }
}
