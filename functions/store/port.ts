/**
 * The store port: what the use cases need from storage, with no business rules. The DynamoDB adapter
 * (dynamo.ts) implements it; tests drive it against a real dynalite.
 */
import type { FlagLevel, HistoryEvent, Role, RuleId, Stage } from '../contract';
import type { ProjectState } from '../domain/types';

/** A history event as stored: the contract's event plus the full state it leads to (used to repair STATE). */
export interface StoredEvent extends HistoryEvent {
  id: string;
  state: ProjectState;
}

/** A project's weekly snapshot (SK=WEEK#<yyyy-Www>), read by the weekly report through GSI2. */
export interface WeekSnapshot {
  id: string;
  week: string;
  name: string | null;
  stage: Stage;
  flag: FlagLevel;
  rules: RuleId[];
  unit: string | null;
  leader: string | null;
  amount: number | null;
  /** True when the progress text (本周进展) changed during this week. */
  progressUpdated: boolean;
  version: number;
  at: string;
}

export interface UserProfile {
  /** Token subject (`sub`); absent for users registered by e-mail before their first sign-in. */
  subject?: string;
  email?: string;
  name?: string;
  role: Role;
  /** Units whose projects a clerk may write. */
  units: string[];
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

export interface ProjectStore {
  /** Current states and (when `week` is given) that week's snapshots of many projects, in batched reads. */
  loadProjects(ids: readonly string[], week?: string): Promise<{ states: Map<string, ProjectState>; weeks: Map<string, WeekSnapshot> }>;
  /**
   * Appends the event (attribute_not_exists: the optimistic lock and the idempotency key), then moves STATE to
   * the event's state unless STATE is already as new. 'conflict' when another writer holds that version.
   */
  commit(event: StoredEvent, opts?: { stateLater?: boolean }): Promise<CommitOutcome>;
  /**
   * STATE of projects just created with `commit(…, { stateLater: true })`, batched (25 per request, no
   * condition). Only the winner of EVT#1 writes it; should a faster second writer already have moved STATE on,
   * the next writer or history reader finds STATE behind its newest event and repairs it.
   */
  putCreatedStates(states: readonly ProjectState[]): Promise<void>;
  /** The newest state after a conflict: from the newest event, repairing STATE when it is behind. */
  latestState(id: string): Promise<ProjectState | null>;
  putWeekSnapshots(snapshots: readonly WeekSnapshot[]): Promise<void>;
  putMemberships(workbookId: string, ids: readonly string[]): Promise<void>;
  listMembership(workbookId: string): Promise<string[]>;
  /** History of one project, oldest first (without state snapshots); null when the project is unknown. */
  listEvents(id: string): Promise<HistoryEvent[] | null>;
  queryProjects(filter: ProjectFilter, limit: number, nextToken?: string): Promise<Page<ProjectState>>;
  getConfig(): Promise<unknown | null>;
  putConfig(config: unknown): Promise<void>;
  getUser(subject: string, email?: string): Promise<UserProfile | null>;
  putUser(profile: UserProfile): Promise<void>;
  readonly writes: WriteCounter;
}

/** A nextToken that does not decode is the caller's mistake (400), not ours. */
export class BadPageTokenError extends Error {
  constructor() {
    super('invalid nextToken');
    this.name = 'BadPageTokenError';
  }
}
