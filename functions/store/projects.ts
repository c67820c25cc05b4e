/**
 * Projects and their events — the sync write path. No transactions (dynalite has none): an event is appended
 * only if its key is free (event-appends.ts: a conditional put each, or batched under an in-process lock where this
 * process alone writes the table) — the optimistic lock and the idempotency key — and STATE follows it: batched for
 * a sync chunk and then checked against the next event (settleStates), or put with a condition on `version` when
 * repaired. Every event carries the full state it leads to, so a reader that finds STATE behind the newest event
 * answers that state and tries to put it back (a writer that died between event and STATE leaves nothing lost).
 *
 * INVARIANT (crash safety, DESIGN §6): every project that has an EVT# item has a STATE item, and every reader
 * answers a STATE from the project's newest event. Hence after a crash (kill -9) at any point, every project with
 * history is listed, counted in the dashboard and in the reports — without waiting for another sync.
 *   - A new project's STATE exists before its EVT#1: the sync writes each new project's whole STATE, marked with its
 *     writer's token (`creating`, one per row), in batches before any of the chunk's events (putCreating), and EVT#1
 *     carries the same token. That STATE is the project's once EVT#1 exists with its token; nothing is written after the event
 *     (the mark stays until the project's next change). STATE items are never deleted.
 *   - Readers (loadProjects, allStates, queryProjects via caughtUp; latestState; listEvents) check each state's
 *     next event, EVT#<version+1>, and a marked STATE's own EVT#1, in one consistent BatchGetItem per 100 keys: a
 *     STATE that trails, or whose EVT#1 another writer's token holds (two writers created one id; one event won), is
 *     answered from its newest event and put back where the reader may write; a marked STATE without its EVT#1 is a
 *     creation under way or that never happened, and is left out. (Version-0 placeholders of an earlier release are
 *     read the same way: answered from EVT#1, or left out.)
 * A new project costs one STATE write, before its event, as an unchanged row costs none.
 * Where this process alone appends events (the embedded stack), loadProjects answers the states it settled or read
 * from memory (newest-states.ts): every append forgets its id, so what it answers is still the newest event's state.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryEvent } from '../../contract';
import { chunk, mapPool } from '../app/pool';
import type { CommitOutcome, StoredEvent } from '../app/ports';
import type { ProjectState } from '../domain/types';
import { BATCH_WRITE_MAX, batchGet, batchPut, PARALLEL_BATCHES, type Item } from './batch';
import { ALL_PROJECTS_GSI2PK, EVT_PREFIX, eventSk, projectPk, STATE_SK, TABLE_ORDER_KEY } from './keys';
import { BatchedAppends, ConditionalAppends, type EventAppends } from './event-appends';
import { NewestStates } from './newest-states';
import { creatingItem, eventItem, eventState, stateItem, storedState, toEvent } from './project-items';
import { CONDITIONAL_PUT_CONCURRENCY, NEWER_VERSION, PROJECT_READ_CONCURRENCY, type TableIO } from './table-io';

export class ProjectRecords {
  private readonly appends: EventAppends;
  /** Where this process alone appends events, each project's newest state as it last settled or read it. */
  private readonly newest: NewestStates | null;
  /** tableOrder, read once. */
  private ordered: Promise<boolean> | undefined;

  constructor(private readonly io: TableIO) {
    this.appends = io.soleWriter ? new BatchedAppends(io) : new ConditionalAppends(io);
    this.newest = io.soleWriter ? new NewestStates() : null;
  }

  async loadProjects(ids: readonly string[]): Promise<Map<string, ProjectState>> {
    const { doc, table, retry } = this.io;
    const known = new Map<string, ProjectState>();
    const rest: string[] = [];
    for (const id of ids) {
      const s = this.newest?.get(id);
      if (s) known.set(id, s);
      else rest.push(id);
    }
    const since = this.newest?.readBegins() ?? 0;
    const items = rest.length ? await batchGet(doc, table, rest.map((id) => ({ PK: projectPk(id), SK: STATE_SK })), retry) : [];
    const states = await this.caughtUp(items);
    for (const s of states) {
      this.newest?.found(s, since);
      known.set(s.id, s);
    }
    // No project: no event either, in a table whose every event followed its STATE (tableOrder).
    if (this.newest && rest.length > 0 && (await this.tableOrder())) for (const id of rest) if (!known.has(id)) this.newest.absent(id, since);
    return known;
  }

  /**
   * Whether every event of this table was written after its project's STATE (the invariant above), as in a table
   * this release created (markTableOrder). An older table may hold an EVT#1 with no STATE (a crash before the
   * invariant): there an id read as absent may still have events, and its EVT#1 key is checked before it is written.
   */
  private tableOrder(): Promise<boolean> {
    return (this.ordered ??= this.io.get(TABLE_ORDER_KEY).then((item) => item?.stateBeforeEvents === true));
  }

  /** Notes that every event of this table follows its STATE: the embedded stack, for a table it has just created. */
  async markTableOrder(): Promise<void> {
    await this.io.put({ ...TABLE_ORDER_KEY, stateBeforeEvents: true });
    this.ordered = Promise.resolve(true);
  }

  /**
   * The states of these STATE items, each first caught up from its newest event when one is newer (readerRepair).
   * STATE can trail them — a sync chunk not yet settled, a writer that stopped between its event and its STATE, or a
   * settle batch that landed over a newer STATE and whose check never ran (settleStates) — and a new project's STATE
   * may have been written by a writer whose EVT#1 lost to another's, or never reached its EVT#1. One consistent
   * BatchGetItem (100 keys a request) of each state's next event, and of a new project's own EVT#1, tells which.
   */
  async caughtUp(items: readonly Item[], opts: { settleCreating?: boolean } = {}): Promise<ProjectState[]> {
    const read = items.map(storedState);
    const { behind, unborn } = await this.eventsAfter(read);
    if (opts.settleCreating) {
      const moved = new Set(behind);
      await this.settleCreating(read.filter((r) => r.creating !== undefined && !unborn.has(r.state.id) && !moved.has(r.state.id)));
    }
    const repaired = new Map(await mapPool(behind, PROJECT_READ_CONCURRENCY, async (id) => [id, await this.readerRepair(id)] as const));
    return read.flatMap(({ state }): ProjectState[] => {
      if (unborn.has(state.id)) return [];
      const s = repaired.has(state.id) ? repaired.get(state.id) : state;
      // An earlier release's placeholder without its EVT#1 (version 0, not repaired) is no project yet.
      return s && s.version > 0 ? [s] : [];
    });
  }

  /**
   * New projects' STATEs, whole, before any of their events (the invariant above), each marked with its writer's token
   * (one per row written: two rows of one request that create one id must not pass for each other), 25 to a
   * BatchWriteItem. Answers the states that could not be written, by project id (their rows must not append EVT#1): a
   * batch DynamoDB refuses (an item too large) is put again one by one to tell which.
   */
  async putCreating(writes: readonly { state: ProjectState; token: string }[]): Promise<Map<string, unknown>> {
    const { doc, table, retry, count } = this.io;
    const failed = new Map<string, unknown>();
    await mapPool(chunk(writes, BATCH_WRITE_MAX), PARALLEL_BATCHES, async (batch) => {
      try {
        await batchPut(doc, table, batch.map((w) => creatingItem(w.state, w.token)), count, retry);
      } catch {
        await mapPool(batch, CONDITIONAL_PUT_CONCURRENCY, (w) => this.io.put(creatingItem(w.state, w.token)).catch((e: unknown) => void failed.set(w.state.id, e)));
      }
    });
    return failed;
  }

  /**
   * New projects' STATEs their EVT#1 confirmed, put back without the creation mark (a writer's upkeep, best effort):
   * readers then check one event key for them, not two. Only over the same mark: a newer STATE stays.
   */
  private async settleCreating(confirmed: readonly { state: ProjectState; creating?: string }[]): Promise<void> {
    await mapPool(confirmed, CONDITIONAL_PUT_CONCURRENCY, (r) => this.io.put(stateItem(r.state), { expr: 'creating = :t', values: { ':t': r.creating } }).catch(() => false));
  }

  /**
   * Which of these states trail a newer event (`behind`: the next event exists, or a new project's EVT#1 was written
   * by another writer), and which new projects have no EVT#1 yet (`unborn`: a creation under way or that never
   * happened — no project). One consistent BatchGetItem of the events' keys and creation tokens.
   */
  private async eventsAfter(read: readonly { state: ProjectState; creating?: string }[]): Promise<{ behind: string[]; unborn: Set<string> }> {
    const { doc, table, retry } = this.io;
    const keys = read.flatMap(({ state, creating }) => [
      { PK: projectPk(state.id), SK: eventSk(state.version + 1) },
      ...(creating !== undefined ? [{ PK: projectPk(state.id), SK: eventSk(state.version) }] : []),
    ]);
    const found = new Map((await batchGet(doc, table, keys, retry, ['id', 'version', 'creating'])).map((e) => [`${String(e.id)}#${String(e.version)}`, e]));
    const behind: string[] = [];
    const unborn = new Set<string>();
    for (const { state, creating } of read) {
      const own = creating !== undefined ? found.get(`${state.id}#${state.version}`) : undefined;
      if (found.has(`${state.id}#${state.version + 1}`) || (own && own.creating !== creating)) behind.push(state.id);
      else if (creating !== undefined && !own) unborn.add(state.id);
    }
    return { behind, unborn };
  }

  /**
   * Appends the event only if its version is free; STATE follows for the whole chunk in settleStates, or for a new
   * project was written before (putCreating: `creating` is its token, which EVT#1 then carries).
   */
  async commit(event: StoredEvent, creating?: string): Promise<CommitOutcome> {
    // A new project's EVT#1 whose absence this process read, no append of it begun since: its key is free.
    const free = creating !== undefined && this.newest?.isAbsent(event.id) === true;
    this.newest?.forget(event.id);
    let appended = false;
    try {
      appended = await this.appends.append(eventItem(event, creating), free);
    } finally {
      this.newest?.forget(event.id);
    }
    // A new project's EVT#1, just appended by the sole writer, is its newest event (no settle follows to remember it;
    // no append of the id can begin before this line runs).
    if (appended && creating !== undefined) this.newest?.found(event.state, this.newest.readBegins());
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
    const { doc, table, retry, count } = this.io;
    const failed = new Map<string, unknown>();
    await mapPool(chunk(states, BATCH_WRITE_MAX), PARALLEL_BATCHES, async (batch) => {
      try {
        await batchPut(doc, table, batch.map(stateItem), count, retry);
      } catch {
        // One item DynamoDB refuses fails its whole batch: put those one by one to tell which.
        await mapPool(batch, CONDITIONAL_PUT_CONCURRENCY, (s) => this.putState(s).catch((e: unknown) => void failed.set(s.id, e)));
      }
    });
    // Every state, failed ones too: a batch that failed after DynamoDB applied part of it still landed those.
    const since = this.newest?.readBegins() ?? 0;
    const { behind } = await this.eventsAfter(states.map((state) => ({ state })));
    await mapPool(behind, PROJECT_READ_CONCURRENCY, (id) => this.latestState(id).catch((e: unknown) => void failed.set(id, e)));
    // The others, written, are their projects' newest states (no next event: the event they follow is the newest).
    const moved = new Set(behind);
    if (this.newest) for (const s of states) if (!moved.has(s.id) && !failed.has(s.id)) this.newest.found(s, since);
    return failed;
  }

  /**
   * Moves STATE forward only: a slower writer of an older version never overwrites a newer state. A new project's
   * STATE of the same version written before EVT#1 is replaced: the event is the project's state, that STATE only
   * a guess at it.
   */
  private async putState(state: ProjectState): Promise<void> {
    await this.io.put(stateItem(state), { expr: `${NEWER_VERSION} OR (version = :v AND attribute_exists(creating))`, values: { ':v': state.version } });
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
    const { doc, table } = this.io;
    const [newest, current] = await Promise.all([
      doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :evt)',
          ExpressionAttributeValues: { ':pk': projectPk(id), ':evt': EVT_PREFIX },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      ),
      doc.send(new GetCommand({ TableName: table, Key: { PK: projectPk(id), SK: STATE_SK }, ConsistentRead: true })),
    ]);
    const read = current.Item ? storedState(current.Item) : null;
    const state = read?.state ?? null;
    const evt = newest.Items?.[0];
    const own = read?.creating === undefined || (evt?.version === state?.version && evt?.creating === read.creating);
    if (evt && ((evt.version as number) > (state?.version ?? 0) || !own)) return { state: eventState(evt), behind: true };
    // A new project's STATE without its EVT#1 (or an earlier release's placeholder without it) is no project.
    return { state: state && state.version > 0 && own ? state : null, behind: false };
  }

  async allStates(opts: { settleCreating?: boolean } = {}): Promise<ProjectState[]> {
    return this.caughtUp(await this.io.queryAll({ IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': ALL_PROJECTS_GSI2PK } }), opts);
  }

  async listEvents(id: string): Promise<HistoryEvent[] | null> {
    const { doc, table } = this.io;
    const key = (SK: string) => ({ PK: projectPk(id), SK });
    const [items, first, current] = await Promise.all([
      this.io.queryAll({
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
      // The created event's state: its changes are that state's fields (see project-items.ts createdChanges).
      doc.send(new GetCommand({ TableName: table, Key: key(eventSk(1)), ProjectionExpression: '#state', ExpressionAttributeNames: { '#state': 'state' }, ConsistentRead: true })),
      doc.send(new GetCommand({ TableName: table, Key: key(STATE_SK), ProjectionExpression: 'version, creating', ConsistentRead: true })),
    ]);
    // No event: an empty history for a STATE of version > 0 (not a creation under way), else no project.
    if (items.length === 0) return ((current.Item?.version as number | undefined) ?? 0) > 0 && current.Item?.creating === undefined ? [] : null;
    // A reader that finds STATE behind the newest event repairs it.
    if ((items[items.length - 1]?.version as number | undefined ?? 0) > ((current.Item?.version as number | undefined) ?? 0)) await this.readerRepair(id);
    return items.map((item) => toEvent(item.version === 1 && first.Item ? { ...item, state: first.Item.state } : item));
  }
}
