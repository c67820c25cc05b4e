/**
 * The live aggregates' items (layout in table.ts): PK=LIVE, SK=UNIT#<unit> (one flat record of counters per unit,
 * domain/report/live.ts) and SK=META (built once, when); the red list PK=LIVE#RED, SK=<flagSince|~>#<id> (longest
 * flagged first); PK=LIVE#CHUNKS, SK=OPEN the sync chunks whose deltas are owed (a string set, and a count of all
 * ever begun). Red entries are put and deleted in batches; the red list is paged with the shared cursor (cursor.ts).
 * The adapter of app's LiveAggregateStore.
 *
 * A unit's counters are one JSON attribute (`counters`), moved by a put conditional on the item's `version`: the
 * chunk reads its units (one consistent BatchGetItem), adds its deltas, and puts each back only if no other writer
 * moved it since — else reads that unit again. A put whose answer was lost after it landed is not applied twice: the
 * item keeps the ids of the last APPLIED_KEPT chunks that moved it. (ADD of every counter, hundreds a unit, cost the
 * embedded stack's table more than a first sync's events: bench/sync.ts.) Items written before hold each counter as
 * a number attribute; they are read as such, and the first delta rewrites them in this form.
 */
import { randomInt } from 'node:crypto';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapPool } from '../app/pool';
import type { LiveAggregateStore, Page } from '../app/ports';
import { addCounters, dropZeros, redKey, type Counters, type RedEntry, type UnitCounters, type WeekCounts } from '../domain/report/live';
import { SECTIONS_FORMAT } from '../domain/report/sections';
import { LIST_ORDER, type ListKey } from '../../contract/vocabulary';
import { batchGet, batchWrite, type Item } from './batch';
import { decodeToken, encodeToken, queryHash } from './cursor';
import { weekClosePk } from './keys';
import { SharedReads } from './shared-reads';
import { CONDITIONAL_PUT_CONCURRENCY, TableIO, type DynamoStoreOptions } from './table-io';

export const LIVE_PK = 'LIVE';
export const LIVE_META_SK = 'META';
export const LIVE_RED_PK = 'LIVE#RED';
/** The sync chunks whose deltas are owed: one item, its `open` string set and the `begun` count (app/upkeep.ts). */
const CHUNKS_KEY = { PK: 'LIVE#CHUNKS', SK: 'OPEN' } as const;
const UNIT_PREFIX = 'UNIT#';
export const liveUnitSk = (unit: string): string => `${UNIT_PREFIX}${unit}`;
/** Chunk ids a unit item keeps (applyDeltas): far more than can be in doubt at once. */
const APPLIED_KEPT = 16;
/** Reads and puts of one chunk's deltas while other writers keep moving its units, each round after a random pause of up to a few ms a round. */
const APPLY_ATTEMPTS = 50;
const APPLY_PAUSE_MS = 4;
const KEY_ATTRS = new Set(['PK', 'SK', 'unit', 'version']);

/**
 * A unit item back to its counters: the JSON attribute, plus any number attributes — an earlier item's counters, or
 * what an earlier release's ADD put beside the JSON while both ran (a deploy); the next put folds them into the JSON.
 */
function countersOf(item: Item): Counters {
  const c: Counters = typeof item.counters === 'string' ? (JSON.parse(item.counters) as Counters) : {};
  for (const [k, v] of Object.entries(item)) if (!KEY_ATTRS.has(k) && typeof v === 'number') c[k] = (c[k] ?? 0) + v;
  return c;
}

/** A unit item with these counters; `version` is new to every reader, `applied` the chunks that moved it lately. */
function unitItemOf(unit: string, counters: Counters, version: number, applied: readonly string[]): Item {
  return { PK: LIVE_PK, SK: liveUnitSk(unit), unit, counters: JSON.stringify(counters), version, applied: [...applied] };
}

/** A rebuilt unit: a version no writer holds (a chunk that read the unit before puts nothing over it). */
export const unitItem = (u: UnitCounters): Item => unitItemOf(u.unit, u.counters, randomInt(2 ** 47), []);
export const redItem = (e: RedEntry): Item => ({ PK: LIVE_RED_PK, SK: redKey(e), ...e });

export class LiveAggregateRecords implements LiveAggregateStore {
  /** Concurrent dashboards share one Query instead of four. */
  private readonly reads = new SharedReads();
  /** Closed weeks' counts never change once written (the cut-off puts the same items again on a rerun). */
  private readonly closed = new Map<string, WeekCounts>();

  constructor(private readonly io: TableIO) {}

  unitCounters(): Promise<{ built: boolean; units: UnitCounters[] }> {
    return this.reads.read('units', () => this.readUnits());
  }

  private async readUnits(): Promise<{ built: boolean; units: UnitCounters[] }> {
    const items = await this.io.queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': LIVE_PK } });
    // Counters built in another format (before the contribution sections' names) are as good as never built.
    const built = items.some((i) => i.SK === LIVE_META_SK && (i.format ?? 0) === SECTIONS_FORMAT);
    const units = items.filter((i) => String(i.SK).startsWith(UNIT_PREFIX)).map((i) => ({ unit: String(i.SK).slice(UNIT_PREFIX.length), counters: countersOf(i) }));
    return { built, units };
  }

  async applyDeltas(chunk: string, deltas: ReadonlyMap<string, Counters>, red: { put: readonly RedEntry[]; remove: readonly string[] }): Promise<void> {
    let pending = new Map(deltas);
    for (let attempt = 0; pending.size > 0; attempt++) {
      if (attempt === APPLY_ATTEMPTS) throw new Error(`the counters of ${[...pending.keys()].join(', ')} kept moving`);
      // Writers that lost a round spread out, so that one of them wins the next.
      if (attempt > 0) await new Promise((ok) => setTimeout(ok, Math.random() * APPLY_PAUSE_MS * attempt));
      const items = await batchGet(this.io.doc, this.io.table, [...pending.keys()].map((u) => ({ PK: LIVE_PK, SK: liveUnitSk(u) })), this.io.retry);
      const held = new Map(items.map((i) => [String(i.SK).slice(UNIT_PREFIX.length), i]));
      const moved = new Map<string, Counters>();
      await mapPool([...pending], CONDITIONAL_PUT_CONCURRENCY, async ([unit, delta]) => {
        const item = held.get(unit);
        const applied = Array.isArray(item?.applied) ? (item.applied as string[]) : [];
        if (applied.includes(chunk)) return; // this chunk's put landed, its answer was lost
        const counters = dropZeros(addCounters(item ? countersOf(item) : {}, delta));
        const version = typeof item?.version === 'number' ? item.version : null;
        const next = unitItemOf(unit, counters, (version ?? 0) + 1, [...applied, chunk].slice(-APPLIED_KEPT));
        const put = await this.io.put(next, version === null ? { expr: 'attribute_not_exists(version)' } : { expr: 'version = :v', values: { ':v': version } });
        if (!put) moved.set(unit, delta);
      });
      pending = moved;
    }
    if (red.put.length || red.remove.length) {
      await batchWrite(this.io.doc, this.io.table, { deletes: red.remove.map((SK) => ({ PK: LIVE_RED_PK, SK })), puts: red.put.map(redItem) }, this.io.count, this.io.retry);
    }
  }

  async redPage(limit: number, nextToken: string | undefined, caller: string): Promise<Page<RedEntry>> {
    const q = queryHash(['red', caller]);
    const start = decodeToken(nextToken, q, ['PK', 'SK'], (k) => k.PK === LIVE_RED_PK);
    const read = () =>
      this.io.doc.send(new QueryCommand({ TableName: this.io.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': LIVE_RED_PK }, Limit: limit + 1, ExclusiveStartKey: start }));
    const out = await this.reads.read(`red\u0000${limit}\u0000${start ? start.SK : ''}`, read);
    const items = out.Items ?? [];
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    const more = items.length > limit;
    const entries = page.map(({ PK: _pk, SK: _sk, ...e }) => e as unknown as RedEntry);
    return { items: entries, ...(more && last ? { nextToken: encodeToken(q, { PK: String(last.PK), SK: String(last.SK) }) } : {}) };
  }

  async rebuild(units: readonly UnitCounters[], red: readonly RedEntry[], at: string): Promise<void> {
    const [held, heldRed] = await Promise.all([
      this.io.queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': LIVE_PK }, ProjectionExpression: 'PK, SK' }),
      this.io.queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': LIVE_RED_PK }, ProjectionExpression: 'PK, SK' }),
    ]);
    const unitItems = units.map(unitItem);
    const redItems = red.map(redItem);
    const keep = new Set([...unitItems, ...redItems].map((i) => `${String(i.PK)}\u0000${String(i.SK)}`));
    const deletes = [...held, ...heldRed]
      .filter((i) => i.SK !== LIVE_META_SK && !keep.has(`${String(i.PK)}\u0000${String(i.SK)}`))
      .map((i) => ({ PK: String(i.PK), SK: String(i.SK) }));
    await batchWrite(this.io.doc, this.io.table, { puts: [...unitItems, ...redItems], deletes }, this.io.count, this.io.retry);
    await this.io.put({ PK: LIVE_PK, SK: LIVE_META_SK, builtAt: at, format: SECTIONS_FORMAT });
  }

  async beginChunk(chunk: string): Promise<void> {
    this.io.count(1, 1);
    await this.io.doc.send(new UpdateCommand({ TableName: this.io.table, Key: CHUNKS_KEY, UpdateExpression: 'ADD #open :c, begun :one', ExpressionAttributeNames: { '#open': 'open' }, ExpressionAttributeValues: { ':c': new Set([chunk]), ':one': 1 } }));
  }

  async endChunks(chunks: readonly string[]): Promise<void> {
    if (chunks.length === 0) return;
    this.io.count(1, 1);
    await this.io.doc.send(new UpdateCommand({ TableName: this.io.table, Key: CHUNKS_KEY, UpdateExpression: 'DELETE #open :c', ExpressionAttributeNames: { '#open': 'open' }, ExpressionAttributeValues: { ':c': new Set(chunks) } }));
  }

  async openChunks(): Promise<{ open: string[]; begun: number }> {
    // Never shared with a read in flight: upkeep's check after a rebuild must see every chunk begun before it.
    const item = await this.io.get(CHUNKS_KEY);
    const open = item?.open;
    return { open: open instanceof Set ? [...(open as Set<string>)].sort() : [], begun: Number(item?.begun ?? 0) };
  }

  async closedWeekCounts(weeks: readonly string[]): Promise<Map<string, WeekCounts>> {
    const found = await mapPool(weeks, 6, async (week): Promise<WeekCounts | null> => this.closed.get(week) ?? this.reads.read(`closed\u0000${week}`, () => this.readClosed(week)));
    for (const c of found) if (c) this.closed.set(c.week, c);
    return new Map(found.filter((c): c is WeekCounts => c !== null).map((c) => [c.week, c]));
  }

  private async readClosed(week: string): Promise<WeekCounts | null> {
    {
      const items = await this.io.queryAll({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :agg)',
        ExpressionAttributeValues: { ':pk': weekClosePk(week), ':agg': 'AGG#' },
        ExpressionAttributeNames: { '#kind': 'kind', '#key': 'key' },
        ProjectionExpression: '#kind, #key, red, yellow',
      });
      if (items.length === 0) return null;
      const units = new Map<string, { red: number; yellow: number }>();
      const lists = Object.fromEntries(LIST_ORDER.map((l) => [l, { red: 0, yellow: 0 }])) as Record<ListKey, { red: number; yellow: number }>;
      for (const i of items) {
        const v = { red: Number(i.red ?? 0), yellow: Number(i.yellow ?? 0) };
        if (i.kind === 'unit') units.set(String(i.key), v);
        else if (i.kind === 'list' && (LIST_ORDER as readonly string[]).includes(String(i.key))) lists[i.key as ListKey] = v;
      }
      const counts: WeekCounts = { week, units, lists };
      return counts;
    }
  }
}

/** The live aggregates over the same table (the composition roots build it next to the DynamoStore). */
export function createLiveAggregates(doc: DynamoDBDocumentClient, opts: DynamoStoreOptions): LiveAggregateStore {
  return new LiveAggregateRecords(new TableIO(doc, opts));
}
