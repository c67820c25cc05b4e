/**
 * Projects and their events — the sync write path. No transactions (dynalite has none): an event is appended
 * with attribute_not_exists(SK) — the optimistic lock and the idempotency key — and STATE follows it: batched for
 * a sync chunk and then checked against the next event (settleStates), or put with a condition on `version` when
 * repaired. Every event carries the full state it leads to, so a reader that finds STATE behind the newest event
 * answers that state and tries to put it back (a writer that died between event and STATE leaves nothing lost).
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryEvent } from '../../contract';
import { chunk, mapPool } from '../app/pool';
import type { CommitOutcome, StoredEvent } from '../app/ports';
import type { ProjectState } from '../domain/types';
import { BATCH_WRITE_MAX, batchGet, batchPut, PARALLEL_BATCHES } from './batch';
import { ALL_PROJECTS_GSI2PK, EVT_PREFIX, eventSk, projectPk, STATE_SK, stripKeys } from './keys';
import { eventItem, eventState, stateItem, toEvent } from './project-items';
import { CONDITIONAL_PUT_CONCURRENCY, NEWER_VERSION, PROJECT_READ_CONCURRENCY, type TableIO } from './table-io';

export class ProjectRecords {
  constructor(private readonly io: TableIO) {}

  async loadProjects(ids: readonly string[]): Promise<Map<string, ProjectState>> {
    const { doc, table, retry } = this.io;
    const items = await batchGet(doc, table, ids.map((id) => ({ PK: projectPk(id), SK: STATE_SK })), retry);
    const states = await this.caughtUp(items.map((item) => stripKeys<ProjectState>(item)));
    return new Map(states.map((s) => [s.id, s]));
  }

  /**
   * The states as read, each first caught up from its newest event when one is newer (readerRepair). STATE can
   * trail them — a sync chunk not yet settled, a writer that stopped between its event and its STATE, or a settle
   * batch that landed over a newer STATE and whose check never ran (settleStates). One consistent BatchGetItem of
   * each state's next event (100 keys a request) finds those.
   */
  async caughtUp(states: ProjectState[]): Promise<ProjectState[]> {
    const behind = await this.nextEvents(states);
    if (behind.length === 0) return states;
    const repaired = new Map(await mapPool(behind, PROJECT_READ_CONCURRENCY, async (id) => [id, await this.readerRepair(id)] as const));
    return states.map((s) => repaired.get(s.id) ?? s);
  }

  /** Ids of the states whose next event (EVT#<version+1>) exists. */
  private async nextEvents(states: readonly ProjectState[]): Promise<string[]> {
    const { doc, table, retry } = this.io;
    const found = await batchGet(doc, table, states.map((s) => ({ PK: projectPk(s.id), SK: eventSk(s.version + 1) })), retry, ['id']);
    return found.map((e) => e.id as string);
  }

  /** Appends the event only if its version is free; STATE follows for the whole chunk in settleStates. */
  async commit(event: StoredEvent): Promise<CommitOutcome> {
    const appended = await this.io.put(eventItem(event), { expr: 'attribute_not_exists(SK)' });
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
    const behind = await this.nextEvents(states);
    await mapPool(behind, PROJECT_READ_CONCURRENCY, (id) => this.latestState(id).catch((e: unknown) => void failed.set(id, e)));
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
    return { state, behind: false };
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
    if (items.length === 0 && !current.Item) return null;
    // A reader that finds STATE behind the newest event repairs it.
    if ((items[items.length - 1]?.version as number | undefined ?? 0) > ((current.Item?.version as number | undefined) ?? 0)) await this.readerRepair(id);
    return items.map((item) => toEvent(item.version === 1 && first.Item ? { ...item, state: first.Item.state } : item));
  }
}
