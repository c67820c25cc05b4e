/**
 * The store port: what the use cases need from storage, with no business rules. The DynamoDB adapter
 * (functions/store/dynamo.ts) implements it; tests drive it against a real dynalite.
 */
import type { DuplicatePair, FlagLevel, HistoryEvent, Stage, UserProfile, WeeklyReport } from '../../contract';
import type { Channel, ChannelSettings, PushRun } from '../../contract/channels';
import type { WeekAggregate } from '../domain/cutoff';
import type { NameKey } from '../domain/identity';
import type { WeekSnapshot } from '../domain/report';
import type { Counters, RedEntry, UnitCounters, WeekCounts } from '../domain/report/live';
import type { ProjectState } from '../domain/types';

/** A history event as stored: the contract's event plus the full state it leads to (used to repair STATE). */
export interface StoredEvent extends HistoryEvent {
  id: string;
  state: ProjectState;
}

/** A project's weekly snapshot (SK=WEEK#<yyyy-Www>), the domain's type, read by the reports through GSI2. */
export type { WeekSnapshot } from '../domain/report';
export type { UserProfile } from '../../contract';

/** How a caller is looked up: any of the token's subjects (Entra `oid`, `sub`), then the e-mail. */
export interface UserLookup {
  subjects: readonly string[];
  email?: string | null;
}

export interface FoundUser {
  profile: UserProfile;
  /** Under one of the caller's subjects, or (registered before their first sign-in) under the e-mail. */
  by: 'subject' | 'email';
}

export interface ProjectFilter {
  unit?: string;
  stage?: Stage;
  flag?: FlagLevel;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** Write requests sent and items written, so tests can assert that unchanged rows write nothing. */
export interface WriteCounter {
  requests: number;
  items: number;
}

export type CommitOutcome = 'committed' | 'conflict';

/** The possible duplicates (app/duplicates.ts) as taken when `begun` sync chunks had begun (LiveAggregateStore.openChunks). */
export interface DuplicatesSnapshot {
  pairs: DuplicatePair[];
  total: number;
  begun: number;
  at: string;
}

/** When the name index backfill last ran (app/upkeep.ts), and whether a pass found every stored project indexed. */
export interface NameIndexMark {
  at: string;
  verified: boolean;
  /** The normalName rule the index was built with (domain/identity.ts NAME_RULE; 1 in marks written before it was kept). */
  rule: number;
  /** Built in the store's earlier layout: its entries are read through legacyNames until upkeep indexes again. */
  oldLayout: boolean;
}

/** One name index entry: the ids of the projects of `key.unit` whose name normalises to `key.name`. */
export interface NameEntry {
  key: NameKey;
  ids: string[];
  /** The name and unit as first written (for messages). */
  name: string;
  unit: string;
}

export interface ProjectStore {
  /** Current states of many projects, in batched reads (100 keys per request). */
  loadProjects(ids: readonly string[]): Promise<Map<string, ProjectState>>;
  /**
   * Appends the event (attribute_not_exists: the optimistic lock and the idempotency key); 'conflict' when
   * another writer holds that version. STATE is not touched: settleStates moves it for the committed events; a new
   * project's EVT#1 carries the token its STATE was written with (`creating`, putCreating) and needs no settle.
   */
  commit(event: StoredEvent, creating?: string): Promise<CommitOutcome>;
  /**
   * Moves STATE to the states of committed events, in batches, then makes sure none of them landed over a newer
   * state (a faster writer's): those are repaired from their newest event. Answers the states that could not be
   * written, by project id (the others are written).
   */
  settleStates(states: readonly ProjectState[]): Promise<Map<string, unknown>>;
  /**
   * New projects' whole STATEs, each marked with its writer's token (one per row), batched, written before their EVT#1
   * (which carries the token): a crash after the event leaves the project's STATE in place, one before it a STATE
   * readers leave out. Answers the states that could not be written, by project id: their rows must not append.
   */
  putCreating(writes: readonly { state: ProjectState; token: string }[]): Promise<Map<string, unknown>>;
  /** Every name index entry, merged by key (consistent reads: what any write appended before is in). */
  allNames(): Promise<NameEntry[]>;
  /**
   * Appends projects under their names (unconditional, never overwriting another write's: sync.ts settleNames reads
   * them back for projects created concurrently): new projects, stored projects renamed, upkeep's backfill.
   */
  putNames(claims: readonly { key: NameKey; id: string; name: string; unit: string }[]): Promise<void>;
  /** The entries of an earlier release's index, read while the mark says `oldLayout` (app/identity.ts). */
  legacyNames(): Promise<NameEntry[]>;
  /** The name index backfill's mark (app/upkeep.ts); null for data written before the index existed. */
  nameIndexMark(): Promise<NameIndexMark | null>;
  markNameIndex(mark: Omit<NameIndexMark, 'oldLayout'>, added: number): Promise<void>;
  /** The leaders' possible duplicates as last taken from the name index (app/duplicates.ts). */
  duplicatesSnapshot(): Promise<DuplicatesSnapshot | null>;
  putDuplicatesSnapshot(snapshot: DuplicatesSnapshot): Promise<void>;
  /** The newest state after a conflict: from the newest event, repairing STATE when it is behind. */
  latestState(id: string): Promise<ProjectState | null>;
  /** Puts weekly snapshots (PK=PROJECT#id, SK=WEEK#w, GSI2PK=WEEK#w) unless that week holds a newer version. */
  putWeekSnapshots(snapshots: readonly WeekSnapshot[]): Promise<void>;
  /** Every snapshot of one week (the GSI2 WEEK#<week> partition, all pages). */
  weekSnapshots(week: string): Promise<WeekSnapshot[]>;
  /** For each project, its newest snapshot of `week` or an earlier week (none when it has none). */
  latestSnapshots(ids: readonly string[], week: string): Promise<WeekSnapshot[]>;
  /**
   * Every project's STATE (the GSI2 PROJECTS partition, all pages). `settleCreating` (a writer's upkeep): new projects'
   * STATEs their first event confirmed are put back without their creation mark, so later reads check one event key.
   */
  allStates(opts?: { settleCreating?: boolean }): Promise<ProjectState[]>;
  /** Records that these projects joined the workbook: one item per call, however many ids. */
  putMemberships(workbookId: string, ids: readonly string[]): Promise<void>;
  listMembership(workbookId: string): Promise<string[]>;
  /** History of one project, oldest first (without state snapshots); null when the project is unknown. */
  listEvents(id: string): Promise<HistoryEvent[] | null>;
  /** One page; `nextToken` must come from the same filter and `caller` (a cursor is bound to its query), else BadPageTokenError. */
  queryProjects(filter: ProjectFilter, limit: number, nextToken?: string, caller?: string): Promise<Page<ProjectState>>;
  getConfig(): Promise<unknown | null>;
  putConfig(config: unknown): Promise<void>;
  /**
   * The profile found by a subject (first match in order), else by e-mail, and where it was found. An e-mail
   * profile already bound to a subject that is not among the lookup's is not found (it belongs to that account).
   */
  findUser(lookup: UserLookup): Promise<FoundUser | null>;
  /**
   * Binds an e-mail-registered profile to the account `subject` (first sign-in): marks the e-mail item with the
   * subject (conditionally — null when another account took it first), then moves the profile under the subject
   * and deletes the e-mail item. Idempotent for the same subject.
   */
  bindUser(profile: UserProfile, subject: string): Promise<UserProfile | null>;
  listUsers(): Promise<UserProfile[]>;
  /** Puts the profile under its key (subject, else e-mail) and deletes `replaced` profiles kept under other keys. */
  saveUser(profile: UserProfile, replaced?: readonly UserProfile[]): Promise<void>;
  readonly writes: WriteCounter;
}

/** A nextToken that does not decode, or belongs to another query or caller, is the caller's mistake (400), not ours. */
export class BadPageTokenError extends Error {
  constructor() {
    super('invalid nextToken');
    this.name = 'BadPageTokenError';
  }
}

/**
 * The weekly cut-off's storage (functions/store/weeks-closed.ts): which weeks are closed, their fixed reports and
 * aggregates, the push channel settings (secrets: admin-only, never logged) and the push runs.
 */
export interface CutoffStore {
  /** The weeks with a CLOSED# marker (one Query). */
  closedWeeks(): Promise<Set<string>>;
  /** The week's report as fixed at its cut-off, or null when the week is not closed. */
  fixedReport(week: string): Promise<WeeklyReport | null>;
  /** The same report as the JSON text stored at the cut-off (no parse), or null when the week is not closed. */
  fixedReportJson(week: string): Promise<string | null>;
  /** The fixed report and the aggregates of a week (before the marker). */
  putWeek(week: string, report: WeeklyReport, aggregates: readonly WeekAggregate[]): Promise<void>;
  /** Writes CLOSED#<week> with attribute_not_exists, last: false when the week was already closed. */
  markClosed(week: string, summary: Record<string, unknown>): Promise<boolean>;
  /** The weeks with a REMINDED# marker (one Query): their reminder was sent. */
  remindedWeeks(): Promise<Set<string>>;
  /** Claims the reminder of a week (attribute_not_exists): false when it was already sent. */
  claimReminder(week: string, at: string): Promise<boolean>;
  getChannels(): Promise<ChannelSettings | null>;
  putChannels(settings: ChannelSettings): Promise<void>;
  /** Keeps the run (newest few per kind) for the admin's view. */
  putPushRun(run: PushRun): Promise<void>;
  pushRuns(): Promise<PushRun[]>;
}

/** One push to one channel; throws NotifyError on failure (its text names no URL and no secret). */
export interface Notifier {
  send(channel: Channel, text: { title: string; markdown: string; plain: string }): Promise<void>;
}

export class NotifyError extends Error {
  constructor(
    message: string,
    /** False for failures a retry cannot fix (a 4xx, a channel without URL). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'NotifyError';
  }
}

/**
 * The live aggregates (functions/store/live-aggregates.ts, domain/report/live.ts): per-unit counters and the red list,
 * moved by each committed sync event and read by the dashboard instead of every project; the closed weeks' counts
 * for the trend.
 */
export interface LiveAggregateStore {
  /** Every unit's counters (one Query); `built` false while the aggregates were never built (answer from a scan). */
  unitCounters(): Promise<{ built: boolean; units: UnitCounters[] }>;
  /** Adds each unit's delta, once for the chunk (`chunk`, as beginChunk noted it); puts and removes red list entries (by redKey). */
  applyDeltas(chunk: string, deltas: ReadonlyMap<string, Counters>, red: { put: readonly RedEntry[]; remove: readonly string[] }): Promise<void>;
  /** One page of the red list in key order; the cursor is bound to `caller`. */
  redPage(limit: number, nextToken: string | undefined, caller: string): Promise<Page<RedEntry>>;
  /** Replaces every unit's counters and the red list with these, then marks the aggregates built at `at`. */
  rebuild(units: readonly UnitCounters[], red: readonly RedEntry[], at: string): Promise<void>;
  /** The red and yellow counts of closed weeks, from their aggregates (weeks not closed are absent). */
  closedWeekCounts(weeks: readonly string[]): Promise<Map<string, WeekCounts>>;
  /** Notes a sync chunk whose deltas will be owed (before its first event); `chunk` is `<ISO instant>|<unique id>`. */
  beginChunk(chunk: string): Promise<void>;
  /** Its deltas were applied (or it is given up): the chunks leave the open set. */
  endChunks(chunks: readonly string[]): Promise<void>;
  /** Chunks begun and not ended (running, or dead between their events and their deltas), and how many ever began. */
  openChunks(): Promise<{ open: string[]; begun: number }>;
}
