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
 *   - A new project's STATE exists before its EVT#1: the sync writes a small placeholder STATE (version 0, the
 *     index keys of the state it is about to commit — unit, stage, flag) for the chunk's new projects in batches
 *     before any of their events (putPending). STATE items are never deleted.
 *   - Readers (loadProjects, allStates, queryProjects via caughtUp; latestState; listEvents) check each state's
 *     next event, EVT#<version+1>, in one consistent BatchGetItem per 100: a STATE that trails (a placeholder
 *     included) is answered from its newest event and put back where the reader may write; a placeholder whose
 *     EVT#1 does not exist is a creation that never happened, and is left out.
 * A placeholder costs one BatchWriteItem per 25 new projects of small items; unchanged rows write nothing.
 * Where this process alone appends events (the embedded stack), loadProjects answers the states it settled or read
 * from memory (newest-states.ts): every append forgets its id, so what it answers is still the newest event's state.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryEvent } from '../../contract';
import { chunk, mapPool } from '../app/pool';
import type { CommitOutcome, StoredEvent } from '../app/ports';
import type { ProjectState } from '../domain/types';
import { BATCH_WRITE_MAX, batchGet, batchPut, PARALLEL_BATCHES } from './batch';
import { ALL_PROJECTS_GSI2PK, EVT_PREFIX, eventSk, projectPk, STATE_SK, stripKeys } from './keys';
import { BatchedAppends, ConditionalAppends, type EventAppends } from './event-appends';
import { NewestStates } from './newest-states';
import { eventItem, eventState, pendingItem, stateItem, toEvent } from './project-items';
import { CONDITIONAL_PUT_CONCURRENCY, NEWER_VERSION, PROJECT_READ_CONCURRENCY, type TableIO } from './table-io';

export class ProjectRecords {
  private readonly appends: EventAppends;
  /** Where this process alone appends events, each project's newest state as it last settled or read it. */
  private readonly newest: NewestStates | null;

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
    const states = await this.caughtUp(items.map((item) => stripKeys<ProjectState>(item)));
    for (const s of states) {
      this.newest?.found(s, since);
      known.set(s.id, s);
    }
    return known;
  }

  /**
   * The states as read, each first caught up from its newest event when one is newer (readerRepair). STATE can
   * trail them — a sync chunk not yet settled, a writer that stopped between its event and its STATE, or a settle
   * batch that landed over a newer STATE and whose check never ran (settleStates). One consistent BatchGetItem of
   * each state's next event (100 keys a request) finds those.
   */
  async caughtUp(states: ProjectState[]): Promise<ProjectState[]> {
    const behind = await this.nextEvents(states);
    const live = (list: ProjectState[]) => list.filter((s) => s.version > 0);
    if (behind.length === 0) return live(states);
    const repaired = new Map(await mapPool(behind, PROJECT_READ_CONCURRENCY, async (id) => [id, await this.readerRepair(id)] as const));
    // A placeholder without its EVT#1 (version 0, not repaired) is no project yet.
    return live(states.map((s) => repaired.get(s.id) ?? s));
  }

  /**
   * Placeholder STATEs for projects about to get their EVT#1 (see the invariant above): only the index keys and
   * version 0, 25 to a BatchWriteItem. Never over a real STATE unless one appeared since the chunk read none (the
   * same id created concurrently); a reader then finds that project's EVT#1 and answers from its newest event.
   */
  async putPending(states: readonly ProjectState[]): Promise<void> {
    if (states.length === 0) return;
    const { doc, table, retry, count } = this.io;
    await batchPut(doc, table, states.map(pendingItem), count, retry);
  }

  /** Ids of the states whose next event (EVT#<version+1>) exists. */
  private async nextEvents(states: readonly ProjectState[]): Promise<string[]> {
    const { doc, table, retry } = this.io;
    const found = await batchGet(doc, table, states.map((s) => ({ PK: projectPk(s.id), SK: eventSk(s.version + 1) })), retry, ['id']);
    return found.map((e) => e.id as string);
  }

  /** Appends the event only if its version is free; STATE follows for the whole chunk in settleStates. */
  async commit(event: StoredEvent): Promise<CommitOutcome> {
    this.newest?.forget(event.id);
    try {
      return (await this.appends.append(eventItem(event))) ? 'committed' : 'conflict';
    } finally {
      this.newest?.forget(event.id);
    }
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
    const behind = await this.nextEvents(states);
    await mapPool(behind, PROJECT_READ_CONCURRENCY, (id) => this.latestState(id).catch((e: unknown) => void failed.set(id, e)));
    // The others, written, are their projects' newest states (no next event: the event they follow is the newest).
    const moved = new Set(behind);
    if (this.newest) for (const s of states) if (!moved.has(s.id) && !failed.has(s.id)) this.newest.found(s, since);
    return failed;
  }

  /** Moves STATE forward only: a slower writer of an older version never overwrites a newer state. */
  private async putState(state: ProjectState): Promise<void> {
    await this.io.put(stateItem(state), { expr: NEWER_VERSION, values: { ':v': state.version } });
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
    const state = current.Item ? stripKeys<ProjectState>(current.Item) : null;
    const evt = newest.Items?.[0];
    if (evt && (evt.version as number) > (state?.version ?? 0)) return { state: eventState(evt), behind: true };
    // A placeholder without its EVT#1 is no project.
    return { state: state && state.version > 0 ? state : null, behind: false };
  }

  async allStates(): Promise<ProjectState[]> {
    return this.caughtUp(await this.io.gsi2Partition<ProjectState>(ALL_PROJECTS_GSI2PK));
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
      doc.send(new GetCommand({ TableName: table, Key: key(STATE_SK), ProjectionExpression: 'version', ConsistentRead: true })),
    ]);
    if (items.length === 0 && !((current.Item?.version as number | undefined) ?? 0)) return null;
    // A reader that finds STATE behind the newest event repairs it.
    if ((items[items.length - 1]?.version as number | undefined ?? 0) > ((current.Item?.version as number | undefined) ?? 0)) await this.readerRepair(id);
    return items.map((item) => toEvent(item.version === 1 && first.Item ? { ...item, state: first.Item.state } : item));
  }
}
