/**
 * BatchGetItem (100 keys) and BatchWriteItem (25 items) with their unprocessed remainders retried using
 * exponential backoff with full jitter. DynamoDB returns unprocessed keys/items under load instead of failing,
 * so a caller that ignores them silently loses reads or writes.
 */
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chunk, mapPool } from '../app/pool';

export type Key = Record<string, string>;
export type Item = Record<string, unknown>;

export interface RetryPolicy {
  /** Requests per batch, including the first; after that the batch fails. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 10,
  baseMs: 25,
  capMs: 2000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Full jitter: a random wait in [0, min(cap, base·2^attempt)). */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  return Math.floor(policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** attempt));
}

export class UnprocessedError extends Error {
  constructor(operation: string, left: number) {
    super(`${operation}: ${left} keys/items still unprocessed after retries`);
    this.name = 'UnprocessedError';
  }
}

export const BATCH_GET_MAX = 100;
export const BATCH_WRITE_MAX = 25;
/** Batches in flight at once. */
export const PARALLEL_BATCHES = 4;

/** Sends `first`, then whatever DynamoDB answers as unprocessed, with backoff, until nothing is left. */
async function untilProcessed<T>(operation: string, first: T[], policy: RetryPolicy, send: (pending: T[]) => Promise<T[]>): Promise<void> {
  let pending = first;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) {
      if (attempt >= policy.maxAttempts) throw new UnprocessedError(operation, pending.length);
      await policy.sleep(backoffMs(attempt, policy));
    }
    pending = await send(pending);
  }
}

/** An item's (or a key's) table key as one string. */
export const keyOf = (k: Item): string => `${String(k.PK)}\u0000${String(k.SK)}`;

/**
 * Reads every key (consistently), in batches of 100; duplicates are asked once. Order is not kept.
 * `attributes`: read only these, e.g. to learn which keys exist.
 */
export async function batchGet(doc: DynamoDBDocumentClient, table: string, keys: readonly Key[], policy: RetryPolicy = DEFAULT_RETRY, attributes?: readonly string[]): Promise<Item[]> {
  const unique = [...new Map(keys.map((k) => [keyOf(k), k])).values()];
  const projection = attributes
    ? { ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '), ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])) }
    : {};
  const pages = await mapPool(chunk(unique, BATCH_GET_MAX), PARALLEL_BATCHES, async (batch) => {
    const found: Item[] = [];
    await untilProcessed<Item>('BatchGetItem', batch, policy, async (pending) => {
      const out = await doc.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true, ...projection } } }));
      found.push(...(out.Responses?.[table] ?? []));
      return out.UnprocessedKeys?.[table]?.Keys ?? [];
    });
    return found;
  });
  return pages.flat();
}

/**
 * Puts every item (no conditions are possible in a batch), 25 per request; a key given twice is written once
 * (the last one), since DynamoDB rejects duplicate keys in one batch. `count(requests, items)` is told of each
 * request sent.
 */
export async function batchPut(
  doc: DynamoDBDocumentClient,
  table: string,
  items: readonly Item[],
  count: (requests: number, items: number) => void,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<void> {
  await batchWrite(doc, table, { puts: items }, count, policy);
}

type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };

/** Puts and deletes, 25 per request, unprocessed ones retried; a key named twice is written once (the last). */
export async function batchWrite(
  doc: DynamoDBDocumentClient,
  table: string,
  ops: { puts?: readonly Item[]; deletes?: readonly Key[] },
  count: (requests: number, items: number) => void,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<void> {
  const byKey = new Map<string, WriteRequest>();
  for (const Key of ops.deletes ?? []) byKey.set(keyOf(Key), { DeleteRequest: { Key } });
  for (const Item of ops.puts ?? []) byKey.set(keyOf(Item), { PutRequest: { Item } });
  await mapPool(chunk([...byKey.values()], BATCH_WRITE_MAX), PARALLEL_BATCHES, (batch) =>
    untilProcessed('BatchWriteItem', batch, policy, async (pending) => {
      count(1, pending.length);
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      return (out.UnprocessedItems?.[table] ?? []).filter((r) => r.PutRequest?.Item !== undefined || r.DeleteRequest?.Key !== undefined) as WriteRequest[];
    }),
  );
}
