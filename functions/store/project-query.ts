/** GET /v1/projects' reads: STATE by unit (+ stage) on GSI1, else the PROJECTS partition of GSI2; paged by nextToken. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, ProjectFilter } from '../app/ports';
import type { ProjectState } from '../domain/types';
import type { Item } from './batch';
import { decodeToken, encodeToken, queryHash } from './cursor';
import { ALL_PROJECTS_GSI2PK, unitGsi1pk } from './keys';
import type { TableIO } from './table-io';

/** Whether a state belongs in a list filtered by `filter` (what the index keys and filter expression select). */
function matches(filter: ProjectFilter, s: ProjectState): boolean {
  return (
    (filter.unit === undefined || (s.fields.unit !== null && unitGsi1pk(s.fields.unit) === unitGsi1pk(filter.unit))) &&
    (filter.stage === undefined || s.stage === filter.stage) &&
    (filter.flag === undefined || s.flag.level === filter.flag)
  );
}

/** The start key of a cursor issued for this query (`q`), on `index` in partition `pk` (GSIxSK under `skPrefix`): a STATE item. */
function startKey(token: string | undefined, q: string, index: 'GSI1' | 'GSI2', pk: string, skPrefix: string): Record<string, string> | undefined {
  return decodeToken(token, q, ['PK', 'SK', `${index}PK`, `${index}SK`], (key) => key[`${index}PK`] === pk && key.SK === 'STATE' && key.PK!.startsWith('PROJECT#') && key[`${index}SK`]!.startsWith(skPrefix));
}

/** One page of states; `caughtUp` brings each up to its newest event (ProjectRecords.caughtUp). */
export async function queryProjects(
  io: TableIO,
  caughtUp: (items: Item[]) => Promise<ProjectState[]>,
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
  let start: Record<string, unknown> | undefined = startKey(nextToken, q, index, values[':pk'] as string, skPrefix);
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
  const states = (await caughtUp(page)).filter((s) => matches(filter, s));
  return { items: states, ...(resume ? { nextToken: encodeToken(q, resume) } : {}) };
}
