/**
 * The DynamoDB adapter of the store port (single table, DESIGN.md §6). No transactions (dynalite has none):
 * an event is appended with attribute_not_exists(SK) — the optimistic lock and the idempotency key — and
 * STATE follows it: batched for a sync chunk and then checked against the next event (settleStates), or put with
 * a condition on `version` when repaired. Every event carries the full state it leads to, so a reader that finds
 * STATE behind the newest event answers that state and tries to put it back (a writer that died between event and
 * STATE leaves nothing lost). Weekly snapshots are guarded by `version`.
 */
import { ConditionalCheckFailedException, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { normalEmail } from '../domain/normalize';
import type { HistoryEvent, UserProfile } from '../../contract';
import type { WeekSnapshot } from '../domain/report';
import type { ProjectState } from '../domain/types';
import { chunk, mapPool } from '../app/pool';
import { BATCH_WRITE_MAX, batchGet, batchPut, batchWrite, DEFAULT_RETRY, PARALLEL_BATCHES, type Item, type RetryPolicy } from './batch';
import {
  ALL_PROJECTS_GSI2PK,
  CONFIG_KEY,
  EVT_PREFIX,
  eventSk,
  membersSk,
  PROFILE_SK,
  projectPk,
  STATE_SK,
  stageGsi1sk,
  stripKeys,
  unitGsi1pk,
  unitIdGsi2sk,
  userPkByEmail,
  userPkBySubject,
  USERS_GSI2PK,
  weekGsi2pk,
  weekSk,
  WEEK_PREFIX,
  workbookPk,
} from './keys';
import {
  BadPageTokenError,
  type CommitOutcome,
  type FoundUser,
  type Page,
  type ProjectFilter,
  type ProjectStore,
  type StoredEvent,
  type UserLookup,
  type WriteCounter,
} from '../app/ports';

/** As the document client marshals (createDocumentClient). */
const MARSHALL = { removeUndefinedValues: true } as const;

const isConditionFailure = (e: unknown): boolean =>
  e instanceof ConditionalCheckFailedException || (e as Error)?.name === 'ConditionalCheckFailedException';

function stateItem(s: ProjectState): Item {
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

/** Where a profile lives: under its subject once known, else under its e-mail. */
function userPk(p: UserProfile): string {
  if (p.subject) return userPkBySubject(p.subject);
  if (p.email) return userPkByEmail(p.email);
  throw new Error('saveUser: a profile needs a subject or an e-mail');
}

const PROJECT_READ_CONCURRENCY = 16;
/** Conditional puts in flight at once (no condition is possible in a batch). */
const CONDITIONAL_PUT_CONCURRENCY = 32;
/** Only a newer version replaces an item: STATE, and each week's snapshot. */
const NEWER_VERSION = 'attribute_not_exists(SK) OR version < :v';

function weekItem(w: WeekSnapshot): Item {
  return { PK: projectPk(w.id), SK: weekSk(w.week), GSI2PK: weekGsi2pk(w.week), GSI2SK: unitIdGsi2sk(w.unit, w.id), ...w };
}

/** The changes of a created event: every field its state holds, from null (as decideRow would record them). */
function createdChanges(fields: ProjectState['fields'] | undefined): HistoryEvent['changes'] {
  const changes: NonNullable<HistoryEvent['changes']> = {};
  for (const [k, v] of Object.entries(fields ?? {})) if (v !== null && v !== undefined) (changes as Record<string, unknown>)[k] = { from: null, to: v };
  return Object.keys(changes).length ? changes : undefined;
}

/**
 * An event item holds the state it leads to as one JSON string, not a nested map: DynamoDB (and dynalite) then
 * marshal and validate one attribute instead of a hundred, which is most of the cost of the one single-item put a
 * row needs (bench/sync.ts). The state is only read back whole, to repair STATE.
 */
function eventItem(event: StoredEvent): Item {
  return { ...event, PK: projectPk(event.id), SK: eventSk(event.version), state: JSON.stringify(event.state) };
}

/** The state an event item leads to (a nested map in data written before). */
function eventState(item: Item): ProjectState {
  return typeof item.state === 'string' ? (JSON.parse(item.state) as ProjectState) : (item.state as ProjectState);
}

function toEvent(item: Item): HistoryEvent {
  const { version, at, kind, by, workbook, user, workbookName, transition, flag } = item as unknown as HistoryEvent;
  const stored = (item as { changes?: HistoryEvent['changes'] }).changes;
  const changes = stored ?? (kind === 'created' && item.state !== undefined ? createdChanges(eventState(item).fields) : undefined);
  return {
    version, at, kind, by, workbook,
    ...(user ? { user } : {}),
    ...(workbookName !== undefined ? { workbookName } : {}),
    ...(changes ? { changes } : {}),
    ...(transition ? { transition } : {}),
    ...(flag ? { flag } : {}),
  };
}

/** Whether a state belongs in a list filtered by `filter` (what the index keys and filter expression select). */
function matches(filter: ProjectFilter, s: ProjectState): boolean {
  return (
    (filter.unit === undefined || (s.fields.unit !== null && unitGsi1pk(s.fields.unit) === unitGsi1pk(filter.unit))) &&
    (filter.stage === undefined || s.stage === filter.stage) &&
    (filter.flag === undefined || s.flag.level === filter.flag)
  );
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
  /** A low-level client for single-item puts (see createClients); without it they go through the document client. */
  putClient?: DynamoDBClient;
}

export class DynamoStore implements ProjectStore {
  readonly writes: WriteCounter = { requests: 0, items: 0 };
  private readonly table: string;
  private readonly retry: RetryPolicy;
  private readonly putClient: DynamoDBClient | undefined;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    opts: DynamoStoreOptions,
  ) {
    this.table = opts.tableName;
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.putClient = opts.putClient;
  }

  private readonly count = (requests: number, items: number): void => {
    this.writes.requests += requests;
    this.writes.items += items;
  };

  /** A single put; false when its condition failed. */
  private async put(Item: Item, condition?: { expr: string; values?: Record<string, unknown> }): Promise<boolean> {
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

  async loadProjects(ids: readonly string[]): Promise<Map<string, ProjectState>> {
    const items = await batchGet(this.doc, this.table, ids.map((id) => ({ PK: projectPk(id), SK: STATE_SK })), this.retry);
    const states = await this.caughtUp(items.map((item) => stripKeys<ProjectState>(item)));
    return new Map(states.map((s) => [s.id, s]));
  }

  /**
   * The states as read, each first caught up from its newest event when one is newer (readerRepair). STATE can
   * trail them — a sync chunk not yet settled, a writer that stopped between its event and its STATE, or a settle
   * batch that landed over a newer STATE and whose check never ran (settleStates). One consistent BatchGetItem of
   * each state's next event (100 keys a request) finds those.
   */
  private async caughtUp(states: ProjectState[]): Promise<ProjectState[]> {
    const behind = await this.nextEvents(states);
    if (behind.length === 0) return states;
    const repaired = new Map(await mapPool(behind, PROJECT_READ_CONCURRENCY, async (id) => [id, await this.readerRepair(id)] as const));
    return states.map((s) => repaired.get(s.id) ?? s);
  }

  /** Ids of the states whose next event (EVT#<version+1>) exists. */
  private async nextEvents(states: readonly ProjectState[]): Promise<string[]> {
    const found = await batchGet(this.doc, this.table, states.map((s) => ({ PK: projectPk(s.id), SK: eventSk(s.version + 1) })), this.retry, ['id']);
    return found.map((e) => e.id as string);
  }

  /** Appends the event only if its version is free; STATE follows for the whole chunk in settleStates. */
  async commit(event: StoredEvent): Promise<CommitOutcome> {
    const appended = await this.put(eventItem(event), { expr: 'attribute_not_exists(SK)' });
    return appended ? 'committed' : 'conflict';
  }

  /**
   * STATE of committed events, 25 to a BatchWriteItem rather than one conditional put each (half the requests of
   * a first sync). A batch has no conditions, so it can land over a newer STATE that a faster writer built on one
   * of these events — but that writer appended EVT#<version+1> before its STATE. So after the batches one
   * consistent BatchGetItem of those next-event keys finds every project that may have moved backwards, and each
   * is repaired from its newest event (latestState). A reader in between sees STATE behind its newest event, as
   * it may between any event and its STATE put; every writer's next commit meets the event and repairs.
   */
  async settleStates(states: readonly ProjectState[]): Promise<Map<string, unknown>> {
    const failed = new Map<string, unknown>();
    await mapPool(chunk(states, BATCH_WRITE_MAX), PARALLEL_BATCHES, async (batch) => {
      try {
        await batchPut(this.doc, this.table, batch.map(stateItem), this.count, this.retry);
      } catch {
        // One item DynamoDB refuses fails its whole batch: put those one by one to tell which.
        await mapPool(batch, CONDITIONAL_PUT_CONCURRENCY, (s) => this.putState(s).catch((e: unknown) => void failed.set(s.id, e)));
      }
    });
    // Every state, failed ones too: a batch that failed after DynamoDB applied part of it still landed those.
    const behind = await this.nextEvents(states);
    await mapPool(behind, PROJECT_READ_CONCURRENCY, (id) => this.latestState(id).catch((e: unknown) => void failed.set(id, e)));
    return failed;
  }

  /** Moves STATE forward only: a slower writer of an older version never overwrites a newer state. */
  private async putState(state: ProjectState): Promise<void> {
    await this.put(stateItem(state), { expr: NEWER_VERSION, values: { ':v': state.version } });
  }

  async latestState(id: string): Promise<ProjectState | null> {
    const { state, behind } = await this.newestState(id);
    if (behind) await this.putState(state!);
    return state;
  }

  /**
   * A reader's repair: the newest state, and STATE put back on a best-effort basis. The read functions have
   * read-only table access (routes.ts), so their put is refused — yet the answer is right without it, and the
   * next writer (or a reader allowed to write) repairs. A sync in progress leaves STATE behind its events until
   * the chunk settles, so a dashboard read then is no rare case.
   */
  private async readerRepair(id: string): Promise<ProjectState | null> {
    const { state, behind } = await this.newestState(id);
    if (behind) await this.putState(state!).catch(() => undefined);
    return state;
  }

  /** The newest state, from the newest event when STATE is behind it (`behind`) — reads only. */
  private async newestState(id: string): Promise<{ state: ProjectState | null; behind: boolean }> {
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
    const evt = newest.Items?.[0];
    if (evt && (evt.version as number) > (state?.version ?? 0)) return { state: eventState(evt), behind: true };
    return { state, behind: false };
  }

  /** Each put only when no snapshot of that week is there yet or it holds an older version (retries rewrite nothing). */
  async putWeekSnapshots(snapshots: readonly WeekSnapshot[]): Promise<void> {
    await mapPool(snapshots, CONDITIONAL_PUT_CONCURRENCY, (w) => this.put(weekItem(w), { expr: NEWER_VERSION, values: { ':v': w.version } }));
  }

  /** Every item of one GSI2 partition (all projects, all users, or one week's snapshots), keys stripped. */
  private async gsi2Partition<T>(pk: string): Promise<T[]> {
    const items = await this.queryAll({ IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': pk } });
    return items.map((i) => stripKeys<T>(i));
  }

  async weekSnapshots(week: string): Promise<WeekSnapshot[]> {
    return this.gsi2Partition<WeekSnapshot>(weekGsi2pk(week));
  }

  async latestSnapshots(ids: readonly string[], week: string): Promise<WeekSnapshot[]> {
    const found = await mapPool(ids, PROJECT_READ_CONCURRENCY, async (id) => {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': projectPk(id), ':from': WEEK_PREFIX, ':to': weekSk(week) },
          ScanIndexForward: false,
          Limit: 1,
        }),
      );
      const item = out.Items?.[0];
      return item ? stripKeys<WeekSnapshot>(item) : null;
    });
    return found.filter((s): s is WeekSnapshot => s !== null);
  }

  async allStates(): Promise<ProjectState[]> {
    return this.caughtUp(await this.gsi2Partition<ProjectState>(ALL_PROJECTS_GSI2PK));
  }

  /** One item per call keyed by a hash of its ids, so a retried chunk rewrites the same item. */
  async putMemberships(workbookId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const sorted = [...new Set(ids)].sort();
    const hash = createHash('sha256').update(sorted.join('\n')).digest('base64url').slice(0, 24);
    await this.put({ PK: workbookPk(workbookId), SK: membersSk(hash), workbook: workbookId, ids: sorted });
  }

  async listMembership(workbookId: string): Promise<string[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': workbookPk(workbookId) },
      ProjectionExpression: '#id, #ids',
      ExpressionAttributeNames: { '#id': 'id', '#ids': 'ids' },
    });
    // Older data holds one item per project (`id`); newer one item per chunk (`ids`).
    const ids = new Set<string>();
    for (const i of items) {
      if (typeof i.id === 'string') ids.add(i.id);
      for (const id of (i.ids as string[] | undefined) ?? []) ids.add(id);
    }
    return [...ids];
  }

  async listEvents(id: string): Promise<HistoryEvent[] | null> {
    const key = (SK: string) => ({ PK: projectPk(id), SK });
    const [items, first, current] = await Promise.all([
      this.queryAll({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :evt)',
        ExpressionAttributeValues: { ':pk': projectPk(id), ':evt': EVT_PREFIX },
        // The state snapshots are for repair only; leave them on the server. (BY and AT are reserved words.)
        ProjectionExpression: '#v, #at, #kind, #by, #wb, #user, #wbName, #changes, #transition, #flag',
        ExpressionAttributeNames: {
          '#v': 'version', '#at': 'at', '#kind': 'kind', '#by': 'by', '#wb': 'workbook', '#user': 'user', '#wbName': 'workbookName',
          '#changes': 'changes', '#transition': 'transition', '#flag': 'flag',
        },
        ConsistentRead: true,
      }),
      // The created event's state: its changes are that state's fields (see createdChanges).
      this.doc.send(new GetCommand({ TableName: this.table, Key: key(eventSk(1)), ProjectionExpression: '#state', ExpressionAttributeNames: { '#state': 'state' }, ConsistentRead: true })),
      this.doc.send(new GetCommand({ TableName: this.table, Key: key(STATE_SK), ProjectionExpression: 'version', ConsistentRead: true })),
    ]);
    if (items.length === 0 && !current.Item) return null;
    // A reader that finds STATE behind the newest event repairs it.
    if ((items[items.length - 1]?.version as number | undefined ?? 0) > ((current.Item?.version as number | undefined) ?? 0)) await this.readerRepair(id);
    return items.map((item) => toEvent(item.version === 1 && first.Item ? { ...item, state: first.Item.state } : item));
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
    // A state caught up from a newer event may no longer match the filter (its flag cleared, say): leave it out.
    const states = (await this.caughtUp(page.map((i) => stripKeys<ProjectState>(i)))).filter((s) => matches(filter, s));
    return { items: states, ...(resume ? { nextToken: encodeToken(resume) } : {}) };
  }

  async getConfig(): Promise<unknown | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { ...CONFIG_KEY } }));
    return out.Item ? out.Item.config : null;
  }

  async putConfig(config: unknown): Promise<void> {
    await this.put({ ...CONFIG_KEY, config, updatedAt: new Date().toISOString() });
  }

  async findUser(lookup: UserLookup): Promise<FoundUser | null> {
    const bySubject = lookup.subjects.map(userPkBySubject);
    const byEmail = lookup.email ? userPkByEmail(lookup.email) : undefined;
    const pks = [...bySubject, ...(byEmail ? [byEmail] : [])];
    if (pks.length === 0) return null;
    const found = await batchGet(this.doc, this.table, pks.map((PK) => ({ PK, SK: PROFILE_SK })), this.retry);
    const byPk = new Map(found.map((i) => [i.PK as string, i]));
    for (const pk of bySubject) {
      const item = byPk.get(pk);
      if (item) return { profile: stripKeys<UserProfile>(item), by: 'subject' };
    }
    const item = byEmail ? byPk.get(byEmail) : undefined;
    // An e-mail profile bound to another account (its move not finished) is that account's, not this caller's.
    if (!item || (typeof item.subject === 'string' && !lookup.subjects.includes(item.subject))) return null;
    return { profile: stripKeys<UserProfile>(item), by: 'email' };
  }

  async bindUser(profile: UserProfile, subject: string): Promise<UserProfile | null> {
    if (!profile.email) throw new Error('bindUser: the profile has no e-mail');
    try {
      // The lock: the e-mail profile takes the subject once; a second account with the same e-mail finds it taken.
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { PK: userPkByEmail(profile.email), SK: PROFILE_SK },
          UpdateExpression: 'SET #s = :s',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(#s) OR #s = :s)',
          ExpressionAttributeNames: { '#s': 'subject' },
          ExpressionAttributeValues: { ':s': subject },
        }),
      );
      this.count(1, 1);
    } catch (e) {
      if (isConditionFailure(e)) return null;
      throw e;
    }
    const { subject: _unbound, ...rest } = profile;
    const bound: UserProfile = { ...rest, subject };
    await this.saveUser(bound, [rest]);
    return bound;
  }

  async listUsers(): Promise<UserProfile[]> {
    return this.gsi2Partition<UserProfile>(USERS_GSI2PK);
  }

  async saveUser(profile: UserProfile, replaced: readonly UserProfile[] = []): Promise<void> {
    const PK = userPk(profile);
    const clean: UserProfile = { ...profile, ...(profile.email ? { email: normalEmail(profile.email) } : {}) };
    const stale = [...new Set(replaced.map(userPk))].filter((pk) => pk !== PK).map((pk) => ({ PK: pk, SK: PROFILE_SK }));
    // Put first: should the delete fail, the user is listed twice rather than lost.
    await this.put({ PK, SK: PROFILE_SK, GSI2PK: USERS_GSI2PK, GSI2SK: PK, ...clean });
    if (stale.length) await batchWrite(this.doc, this.table, { deletes: stale }, this.count, this.retry);
  }
}
