/**
 * The DynamoDB adapter of the store port (single table, DESIGN.md §6). No transactions (dynalite has none):
 * an event is appended with attribute_not_exists(SK) — the optimistic lock and the idempotency key — and
 * STATE follows it with a condition on `version`. Every event carries the full state it leads to, so a
 * reader that finds STATE behind the newest event puts that state back (a writer that died between the two
 * puts leaves nothing lost).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { HistoryEvent } from '../contract';
import type { ProjectState } from '../domain/types';
import { batchGet, batchPut, DEFAULT_RETRY, type Item, type RetryPolicy } from './batch';
import {
  ALL_PROJECTS_GSI2PK,
  CONFIG_KEY,
  EVT_PREFIX,
  eventSk,
  memberSk,
  PROFILE_SK,
  projectPk,
  STATE_SK,
  stageGsi1sk,
  stripKeys,
  unitGsi1pk,
  unitIdGsi2sk,
  userPkByEmail,
  userPkBySubject,
  weekGsi2pk,
  weekSk,
  WEEK_PREFIX,
  workbookPk,
} from './keys';
import {
  BadPageTokenError,
  type CommitOutcome,
  type Page,
  type ProjectFilter,
  type ProjectStore,
  type StoredEvent,
  type UserProfile,
  type WeekSnapshot,
  type WriteCounter,
} from './port';

const isConditionFailure = (e: unknown): boolean =>
  e instanceof ConditionalCheckFailedException || (e as Error)?.name === 'ConditionalCheckFailedException';

export function stateItem(s: ProjectState): Item {
  const unit = s.fields.unit;
  return {
    PK: projectPk(s.id),
    SK: STATE_SK,
    // Sparse: a project with no unit is not in the by-unit index.
    ...(unit ? { GSI1PK: unitGsi1pk(unit), GSI1SK: stageGsi1sk(s.stage, s.id) } : {}),
    GSI2PK: ALL_PROJECTS_GSI2PK,
    GSI2SK: unitIdGsi2sk(unit, s.id),
    flagLevel: s.flag.level,
    ...s,
  };
}

function weekItem(w: WeekSnapshot): Item {
  return { PK: projectPk(w.id), SK: weekSk(w.week), GSI2PK: weekGsi2pk(w.week), GSI2SK: unitIdGsi2sk(w.unit, w.id), ...w };
}

function toEvent(item: Item): HistoryEvent {
  const { version, at, kind, by, workbook, changes, transition, flag } = item as unknown as HistoryEvent;
  return { version, at, kind, by, workbook, ...(changes ? { changes } : {}), ...(transition ? { transition } : {}), ...(flag ? { flag } : {}) };
}

function encodeToken(key: Item): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decodeToken(token: string | undefined): Record<string, string> | undefined {
  if (token === undefined || token === '') return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (key && typeof key === 'object' && Object.values(key).every((v) => typeof v === 'string')) return key as Record<string, string>;
  } catch {
    // fall through
  }
  throw new BadPageTokenError();
}

export interface DynamoStoreOptions {
  tableName: string;
  retry?: RetryPolicy;
}

export class DynamoStore implements ProjectStore {
  readonly writes: WriteCounter = { requests: 0, items: 0 };
  private readonly table: string;
  private readonly retry: RetryPolicy;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    opts: DynamoStoreOptions,
  ) {
    this.table = opts.tableName;
    this.retry = opts.retry ?? DEFAULT_RETRY;
  }

  private readonly count = (requests: number, items: number): void => {
    this.writes.requests += requests;
    this.writes.items += items;
  };

  /** A single put; false when its condition failed. */
  private async put(Item: Item, condition?: { expr: string; values?: Record<string, unknown> }): Promise<boolean> {
    this.count(1, 1);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item,
          ...(condition ? { ConditionExpression: condition.expr } : {}),
          ...(condition?.values ? { ExpressionAttributeValues: condition.values } : {}),
        }),
      );
      return true;
    } catch (e) {
      if (condition && isConditionFailure(e)) return false;
      throw e;
    }
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(new QueryCommand({ TableName: this.table, ...input, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async loadProjects(ids: readonly string[], week?: string): Promise<{ states: Map<string, ProjectState>; weeks: Map<string, WeekSnapshot> }> {
    const keys = ids.flatMap((id) => [
      { PK: projectPk(id), SK: STATE_SK },
      ...(week ? [{ PK: projectPk(id), SK: weekSk(week) }] : []),
    ]);
    const states = new Map<string, ProjectState>();
    const weeks = new Map<string, WeekSnapshot>();
    for (const item of await batchGet(this.doc, this.table, keys, this.retry)) {
      if (item.SK === STATE_SK) states.set(item.id as string, stripKeys<ProjectState>(item));
      else if (String(item.SK).startsWith(WEEK_PREFIX)) weeks.set(item.id as string, stripKeys<WeekSnapshot>(item));
    }
    return { states, weeks };
  }

  async commit(event: StoredEvent, opts: { stateLater?: boolean } = {}): Promise<CommitOutcome> {
    const appended = await this.put(
      { PK: projectPk(event.id), SK: eventSk(event.version), ...event },
      { expr: 'attribute_not_exists(SK)' },
    );
    if (!appended) return 'conflict';
    if (!opts.stateLater) await this.putState(event.state);
    return 'committed';
  }

  async putCreatedStates(states: readonly ProjectState[]): Promise<void> {
    await batchPut(this.doc, this.table, states.map(stateItem), this.count, this.retry);
  }

  /** Moves STATE forward only: a slower writer of an older version never overwrites a newer state. */
  private async putState(state: ProjectState): Promise<void> {
    await this.put(stateItem(state), { expr: 'attribute_not_exists(SK) OR version < :v', values: { ':v': state.version } });
  }

  async latestState(id: string): Promise<ProjectState | null> {
    const [newest, current] = await Promise.all([
      this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :evt)',
          ExpressionAttributeValues: { ':pk': projectPk(id), ':evt': EVT_PREFIX },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      ),
      this.doc.send(new GetCommand({ TableName: this.table, Key: { PK: projectPk(id), SK: STATE_SK }, ConsistentRead: true })),
    ]);
    const state = current.Item ? stripKeys<ProjectState>(current.Item) : null;
    const evt = newest.Items?.[0] as StoredEvent | undefined;
    if (evt && evt.version > (state?.version ?? 0)) {
      await this.putState(evt.state);
      return evt.state;
    }
    return state;
  }

  async putWeekSnapshots(snapshots: readonly WeekSnapshot[]): Promise<void> {
    await batchPut(this.doc, this.table, snapshots.map(weekItem), this.count, this.retry);
  }

  async putMemberships(workbookId: string, ids: readonly string[]): Promise<void> {
    const items = ids.map((id) => ({ PK: workbookPk(workbookId), SK: memberSk(id), id, workbook: workbookId }));
    await batchPut(this.doc, this.table, items, this.count, this.retry);
  }

  async listMembership(workbookId: string): Promise<string[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': workbookPk(workbookId) },
      ProjectionExpression: 'id',
    });
    return items.map((i) => i.id as string);
  }

  async listEvents(id: string): Promise<HistoryEvent[] | null> {
    const [items, latest] = await Promise.all([
      this.queryAll({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :evt)',
        ExpressionAttributeValues: { ':pk': projectPk(id), ':evt': EVT_PREFIX },
        // The state snapshots are for repair only; leave them on the server. (BY and AT are reserved words.)
        ProjectionExpression: '#v, #at, #kind, #by, #wb, #changes, #transition, #flag',
        ExpressionAttributeNames: {
          '#v': 'version', '#at': 'at', '#kind': 'kind', '#by': 'by', '#wb': 'workbook',
          '#changes': 'changes', '#transition': 'transition', '#flag': 'flag',
        },
        ConsistentRead: true,
      }),
      this.latestState(id), // also repairs STATE when it is behind its newest event
    ]);
    if (items.length === 0 && latest === null) return null;
    return items.map(toEvent);
  }

  async queryProjects(filter: ProjectFilter, limit: number, nextToken?: string): Promise<Page<ProjectState>> {
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
    let start: Record<string, unknown> | undefined = decodeToken(nextToken);
    let more = true;
    while (items.length < limit && more) {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
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
    return { items: page.map((i) => stripKeys<ProjectState>(i)), ...(resume ? { nextToken: encodeToken(resume) } : {}) };
  }

  async getConfig(): Promise<unknown | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { ...CONFIG_KEY } }));
    return out.Item ? out.Item.config : null;
  }

  async putConfig(config: unknown): Promise<void> {
    await this.put({ ...CONFIG_KEY, config, updatedAt: new Date().toISOString() });
  }

  async getUser(subject: string, email?: string): Promise<UserProfile | null> {
    const keys = [{ PK: userPkBySubject(subject), SK: PROFILE_SK }, ...(email ? [{ PK: userPkByEmail(email), SK: PROFILE_SK }] : [])];
    const found = await batchGet(this.doc, this.table, keys, this.retry);
    const bySubject = found.find((i) => i.PK === keys[0]!.PK);
    const item = bySubject ?? found[0];
    return item ? stripKeys<UserProfile>(item) : null;
  }

  async putUser(profile: UserProfile): Promise<void> {
    const pk = profile.subject ? userPkBySubject(profile.subject) : profile.email ? userPkByEmail(profile.email) : null;
    if (!pk) throw new Error('putUser: a profile needs a subject or an e-mail');
    await this.put({ PK: pk, SK: PROFILE_SK, ...profile });
  }
}
