/**
 * Page cursors (DESIGN §8: checked and bound to their query), shared by every paged read: GET /v1/projects
 * (project-query.ts) and the dashboard's red list (live-aggregates.ts). A cursor is base64url JSON of `q`, a hash of
 * the query it belongs to (its index, partition, filters and the caller it was issued to), and `k`, the key to resume
 * after. No secret is needed: a cursor can only resume the caller's own query, at a key the query's `accept` allows;
 * anything else (another query or caller, a hand-made key, not base64url JSON) is a BadPageTokenError (400 naming
 * nextToken), never a DynamoDB ValidationException (500).
 */
import { createHash } from 'node:crypto';
import { BadPageTokenError } from '../app/ports';

interface Cursor {
  q: string;
  k: Record<string, string>;
}

/** Longest key value a cursor may carry (DynamoDB's own limit for a partition key is 2,048 bytes). */
const MAX_KEY_CHARS = 1_024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function queryHash(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

export function encodeToken(q: string, k: Record<string, string>): string {
  return Buffer.from(JSON.stringify({ q, k } satisfies Cursor), 'utf8').toString('base64url');
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const sameKeys = (o: Record<string, unknown>, keys: readonly string[]) => Object.keys(o).length === keys.length && keys.every((k) => Object.hasOwn(o, k));

/**
 * The start key of a cursor issued for query `q`: exactly the attributes `keys`, each a string of at most 1,024
 * characters, that `accept` allows (the partition the query reads, an item of the kind it lists). Undefined when
 * there is no token.
 */
export function decodeToken(token: string | undefined, q: string, keys: readonly string[], accept: (key: Record<string, string>) => boolean): Record<string, string> | undefined {
  if (token === undefined || token === '') return undefined;
  if (token.length > 2_000 || !BASE64URL.test(token)) throw new BadPageTokenError();
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new BadPageTokenError();
  }
  if (!isPlainObject(cursor) || !sameKeys(cursor, ['q', 'k']) || cursor.q !== q) throw new BadPageTokenError();
  const k = cursor.k;
  if (!isPlainObject(k) || !sameKeys(k, keys) || !keys.every((key) => typeof k[key] === 'string' && (k[key] as string).length <= MAX_KEY_CHARS)) throw new BadPageTokenError();
  const key = k as Record<string, string>;
  if (!accept(key)) throw new BadPageTokenError();
  return key;
}
