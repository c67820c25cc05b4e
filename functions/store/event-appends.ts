/**
 * How an event is appended: only if its key (EVT#<version>) is free — the optimistic lock of the sync's writes
 * (projects.ts). Two ways, one outcome (true: appended; false: the version was taken):
 *   - ConditionalAppends: one PutItem with attribute_not_exists(SK) per event. DynamoDB checks the condition, so it
 *     holds with any number of writers (the cloud: concurrent Lambda invocations).
 *   - BatchedAppends: where every event append of the table goes through this one instance — the embedded stack, the
 *     only writer of its project items (a data folder is locked to one process, infra/local/dynalite.ts; its port
 *     listens on 127.0.0.1 for this process's store, and tools given it — LocalStack.dynamoEndpoint — write no
 *     EVT# item while the stack runs). The lock is then in-process: one flush at a time takes the appends waiting
 *     (a key twice: the second waits for the next flush), one consistent BatchGetItem finds the keys already
 *     taken — except keys the caller knows are free (a new project's EVT#1 whose absence this process read, with no
 *     append of it since: projects.ts) — and the free ones go out 25 to a BatchWriteItem before the next flush starts: a first sync's events take
 *     about a tenth of the requests. A BatchWriteItem that fails is redone item by item (redo), so only the row at
 *     fault fails, and an event that landed before the failure is still answered as appended.
 * Either way an append that fails leaves nothing half-done for the event: a crash mid-batch leaves each of its items
 * written or not, as it leaves each of 25 conditional puts in flight.
 */
import { chunk, mapPool } from '../app/pool';
import { BATCH_GET_MAX, BATCH_WRITE_MAX, batchGet, batchPut, keyOf, PARALLEL_BATCHES, type Item } from './batch';
import { CONDITIONAL_PUT_CONCURRENCY, type TableIO } from './table-io';

export interface EventAppends {
  /** `free`: the caller knows the key is free (where this process alone appends: BatchedAppends need not check it). */
  append(item: Item, free?: boolean): Promise<boolean>;
}

const FREE_KEY = { expr: 'attribute_not_exists(SK)' };

export class ConditionalAppends implements EventAppends {
  constructor(private readonly io: TableIO) {}

  append(item: Item): Promise<boolean> {
    return this.io.put(item, FREE_KEY);
  }
}

interface Waiting {
  item: Item;
  key: string;
  /** Known free (EventAppends.append): written without the check. */
  free: boolean;
  done: (appended: boolean) => void;
  fail: (e: unknown) => void;
}

export class BatchedAppends implements EventAppends {
  private waiting: Waiting[] = [];
  /** A flush is running or scheduled: its keys are held until it ends, since the next one starts only then. */
  private flushing = false;

  constructor(private readonly io: TableIO) {}

  append(item: Item, free = false): Promise<boolean> {
    return new Promise((done, fail) => {
      this.waiting.push({ item, key: keyOf(item), free, done, fail });
      this.schedule();
    });
  }

  /**
   * One flush at a time — the lock: no key is checked while another flush may still write it. What arrives meanwhile
   * goes out together in the next.
   */
  private schedule(): void {
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => void this.flush());
  }

  /** Takes up to BATCH_GET_MAX waiting appends, each key once (a second append of a key waits for the next flush). */
  private async flush(): Promise<void> {
    const keys = new Set<string>();
    const taken: Waiting[] = [];
    const later: Waiting[] = [];
    for (const w of this.waiting) {
      if (taken.length < BATCH_GET_MAX && !keys.has(w.key)) {
        keys.add(w.key);
        taken.push(w);
      } else later.push(w);
    }
    this.waiting = later;
    try {
      await this.appendAll(taken);
    } finally {
      this.flushing = false;
      if (this.waiting.length > 0) this.schedule();
    }
  }

  /** The keys of these appends the table holds (one consistent read); null, every append failed, when it cannot tell. */
  private async stored(appends: Waiting[]): Promise<Set<string> | null> {
    const { doc, table, retry } = this.io;
    try {
      return new Set((await batchGet(doc, table, appends.map((w) => ({ PK: String(w.item.PK), SK: String(w.item.SK) })), retry, ['PK', 'SK'])).map(keyOf));
    } catch (e) {
      for (const w of appends) w.fail(e);
      return null;
    }
  }

  private async appendAll(batch: Waiting[]): Promise<void> {
    const { doc, table, retry, count } = this.io;
    const toCheck = batch.filter((w) => !w.free);
    const existing = await this.stored(toCheck);
    const free = batch.filter((w) => w.free);
    if (existing) for (const w of toCheck) if (existing.has(w.key)) w.done(false); else free.push(w);
    await mapPool(chunk(free, BATCH_WRITE_MAX), PARALLEL_BATCHES, async (part) => {
      try {
        await batchPut(doc, table, part.map((w) => w.item), count, retry);
        for (const w of part) w.done(true);
      } catch {
        await this.redo(part);
      }
    });
  }

  /**
   * A BatchWriteItem that failed: refused whole (an item too large), or failed after DynamoDB applied some of it (a
   * response lost on every attempt). The flush still runs and nobody else writes, so a key found now is this
   * append's own; the others go out one conditional put each, which tells each item's outcome.
   */
  private async redo(part: Waiting[]): Promise<void> {
    const landed = await this.stored(part);
    if (!landed) return;
    for (const w of part) if (landed.has(w.key)) w.done(true);
    await mapPool(part.filter((w) => !landed.has(w.key)), CONDITIONAL_PUT_CONCURRENCY, (w) => this.io.put(w.item, FREE_KEY).then(w.done, w.fail));
  }
}
