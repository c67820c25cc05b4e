/** GET /v1/projects' reads: STATE by unit (+ stage) on GSI1, else the PROJECTS partition of GSI2; paged by nextToken. */
import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { BadPageTokenError, type Page, type ProjectFilter } from '../app/ports';
import type { ProjectState } from '../domain/types';
import type { Item } from './batch';
import { ALL_PROJECTS_GSI2PK, stripKeys, unitGsi1pk } from './keys';
import type { TableIO } from './table-io';

/** Whether a state belongs in a list filtered by `filter` (what the index keys and filter expression select). */
function matches(filter: ProjectFilter, s: ProjectState): boolean {
  return (
    (filter.unit === undefined || (s.fields.unit !== null && unitGsi1pk(s.fields.unit) === unitGsi1pk(filter.unit))) &&
    (filter.stage === undefined || s.stage === filter.stage) &&
    (filter.flag === undefined || s.flag.level === filter.flag)
  );
}

/**
 * A page cursor: the key to resume after (`k`, exactly the STATE item's table and index keys) and `q`, a hash of
 * the query it belongs to — index, partition, stage and flag filters — and the caller it was issued to. No secret
 * is needed: a cursor can only resume the caller's own query, inside the partition the query reads, at a STATE
 * item; anything else (another filter, unit or caller, a hand-made key, not base64url JSON) is a BadPageTokenError
 * (400 naming nextToken), never a DynamoDB ValidationException (500).
 */
interface Cursor {
  q: string;
  k: Record<string, string>;
}

/** Longest key value a cursor may carry (DynamoDB's own limit for a partition key is 2,048 bytes). */
const MAX_KEY_CHARS = 1_024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function queryHash(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

function encodeToken(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const sameKeys = (o: Record<string, unknown>, keys: readonly string[]) => Object.keys(o).length === keys.length && keys.every((k) => Object.hasOwn(o, k));

/** The start key of a cursor issued for this query (`q`), on `index` in partition `pk` (GSIxSK under `skPrefix`). */
function decodeToken(token: string | undefined, q: string, index: 'GSI1' | 'GSI2', pk: string, skPrefix: string): Record<string, string> | undefined {
  if (token === undefined || token === '') return undefined;
  if (token.length > 2_000 || !BASE64URL.test(token)) throw new BadPageTokenError();
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new BadPageTokenError();
  }
  const keys = ['PK', 'SK', `${index}PK`, `${index}SK`];
  if (!isPlainObject(cursor) || !sameKeys(cursor, ['q', 'k']) || cursor.q !== q) throw new BadPageTokenError();
  const k = cursor.k;
  if (!isPlainObject(k) || !sameKeys(k, keys) || !keys.every((key) => typeof k[key] === 'string' && (k[key] as string).length <= MAX_KEY_CHARS)) throw new BadPageTokenError();
  const key = k as Record<string, string>;
  if (key[`${index}PK`] !== pk || key.SK !== 'STATE' || !key.PK!.startsWith('PROJECT#') || !key[`${index}SK`]!.startsWith(skPrefix)) throw new BadPageTokenError();
  return key;
}

/** One page of states; `caughtUp` brings each up to its newest event (ProjectRecords.caughtUp). */
export async function queryProjects(
  io: TableIO,
  caughtUp: (states: ProjectState[]) => Promise<ProjectState[]>,
  filter: ProjectFilter,
  limit: number,
  nextToken?: string,
  /** Who asks (the caller's subject): a cursor resumes only the query and caller it was issued to. */
  caller = '',
): Promise<Page<ProjectState>> {
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  const filters: string[] = [];
  let keyCondition: string;
  let index: 'GSI1' | 'GSI2';
  if (filter.unit !== undefined) {
    index = 'GSI1';
    values[':pk'] = unitGsi1pk(filter.unit);
    keyCondition = 'GSI1PK = :pk';
    if (filter.stage) {
      values[':stage'] = `${filter.stage}#`;
      keyCondition += ' AND begins_with(GSI1SK, :stage)';
    }
  } else {
    index = 'GSI2';
    values[':pk'] = ALL_PROJECTS_GSI2PK;
    keyCondition = 'GSI2PK = :pk';
    if (filter.stage) {
      values[':stage'] = filter.stage;
      names['#stage'] = 'stage';
      filters.push('#stage = :stage');
    }
  }
  if (filter.flag) {
    values[':flag'] = filter.flag;
    filters.push('flagLevel = :flag');
  }
  const items: Item[] = [];
  const q = queryHash([index, values[':pk'], filter.stage ?? null, filter.flag ?? null, caller]);
  const skPrefix = index === 'GSI1' && filter.stage ? `${filter.stage}#` : '';
  let start: Record<string, unknown> | undefined = decodeToken(nextToken, q, index, values[':pk'] as string, skPrefix);
  let more = true;
  while (items.length < limit && more) {
    const out = await io.doc.send(
      new QueryCommand({
        TableName: io.table,
        IndexName: index,
        KeyConditionExpression: keyCondition,
        ExpressionAttributeValues: values,
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        Limit: Math.max(limit, 25),
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
    more = start !== undefined;
  }
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  // Resume after the last item returned (not after the last one read), so nothing is skipped.
  const resume = last && (items.length > limit || more)
    ? Object.fromEntries(['PK', 'SK', `${index}PK`, `${index}SK`].map((k) => [k, last[k] as string]))
    : undefined;
  // A state caught up from a newer event may no longer match the filter (its flag cleared, say): leave it out.
  const states = (await caughtUp(page.map((i) => stripKeys<ProjectState>(i)))).filter((s) => matches(filter, s));
  return { items: states, ...(resume ? { nextToken: encodeToken({ q, k: resume }) } : {}) };
}
