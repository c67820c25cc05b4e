/**
 * The table as the store's adapters share it: the clients, the retry policy, the write counter, and the few
 * request shapes they all use (a conditional single put, a paged Query, a GSI2 partition).
 */
import { ConditionalCheckFailedException, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { WriteCounter } from '../app/ports';
import { DEFAULT_RETRY, type Item, type RetryPolicy } from './batch';
import { stripKeys } from './keys';

/** As the document client marshals (createDocumentClient). */
const MARSHALL = { removeUndefinedValues: true } as const;

export const isConditionFailure = (e: unknown): boolean =>
  e instanceof ConditionalCheckFailedException || (e as Error)?.name === 'ConditionalCheckFailedException';

export const PROJECT_READ_CONCURRENCY = 16;
/** Conditional puts in flight at once (no condition is possible in a batch). */
export const CONDITIONAL_PUT_CONCURRENCY = 32;
/** Only a newer version replaces an item: STATE, and each week's snapshot. */
export const NEWER_VERSION = 'attribute_not_exists(SK) OR version < :v';

export interface DynamoStoreOptions {
  tableName: string;
  retry?: RetryPolicy;
  /** A low-level client for single-item puts (see createClients); without it they go through the document client. */
  putClient?: DynamoDBClient;
  /**
   * Every event append of the table goes through this store (this process alone writes the table, and no other store
   * of it appends events): events are then appended in batches under an in-process lock (event-appends.ts). Only the
   * embedded stack, whose data folder is locked to one process.
   */
  soleWriter?: boolean;
}

export class TableIO {
  readonly writes: WriteCounter = { requests: 0, items: 0 };
  readonly table: string;
  readonly retry: RetryPolicy;
  readonly soleWriter: boolean;
  private readonly putClient: DynamoDBClient | undefined;

  constructor(
    readonly doc: DynamoDBDocumentClient,
    opts: DynamoStoreOptions,
  ) {
    this.table = opts.tableName;
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.soleWriter = opts.soleWriter ?? false;
    this.putClient = opts.putClient;
  }

  readonly count = (requests: number, items: number): void => {
    this.writes.requests += requests;
    this.writes.items += items;
  };

  /** A single put; false when its condition failed. */
  async put(Item: Item, condition?: { expr: string; values?: Record<string, unknown> }): Promise<boolean> {
    this.count(1, 1);
    const input = {
      TableName: this.table,
      Item,
      ...(condition ? { ConditionExpression: condition.expr } : {}),
      ...(condition?.values ? { ExpressionAttributeValues: condition.values } : {}),
    };
    try {
      if (this.putClient) {
        const { Item: item, ExpressionAttributeValues: values, ...rest } = input;
        await this.putClient.send(new PutItemCommand({ ...rest, Item: marshall(item, MARSHALL), ...(values ? { ExpressionAttributeValues: marshall(values, MARSHALL) } : {}) }));
      } else await this.doc.send(new PutCommand(input));
      return true;
    } catch (e) {
      if (condition && isConditionFailure(e)) return false;
      throw e;
    }
  }

  /** One item by its key, read consistently (a mark or a config item another writer may just have put). */
  async get(key: { PK: string; SK: string }): Promise<Item | undefined> {
    return (await this.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }))).Item;
  }

  async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(new QueryCommand({ TableName: this.table, ...input, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** Every item of one GSI2 partition (all projects, all users, or one week's snapshots), keys stripped. */
  async gsi2Partition<T>(pk: string): Promise<T[]> {
    const items = await this.queryAll({ IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': pk } });
    return items.map((i) => stripKeys<T>(i));
  }
}
