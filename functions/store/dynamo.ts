/**
 * The DynamoDB adapter of the store port (app/ports.ts; single table, DESIGN.md §6), composed of one adapter
 * per concern over the shared table access (table-io.ts): projects and their events — the sync write path
 * (projects.ts) and its list query (project-query.ts) —, weekly snapshots (weeks.ts), workbook memberships
 * (memberships.ts), the name index (names.ts), the county configuration (county-config.ts) and users (users.ts).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HistoryEvent, UserProfile } from '../../contract';
import type { CommitOutcome, DuplicatesSnapshot, FoundUser, NameEntry, NameIndexMark, Page, ProjectFilter, ProjectStore, StoredEvent, UserLookup, WriteCounter } from '../app/ports';
import type { NameKey } from '../domain/identity';
import type { WeekSnapshot } from '../domain/report';
import type { ProjectState } from '../domain/types';
import { ConfigRecord } from './county-config';
import { MembershipRecords } from './memberships';
import { NameRecords } from './names';
import { queryProjects } from './project-query';
import { ProjectRecords } from './projects';
import { TableIO, type DynamoStoreOptions } from './table-io';
import { UserRecords } from './users';
import { WeekRecords } from './weeks';

export type { DynamoStoreOptions } from './table-io';

export class DynamoStore implements ProjectStore {
  readonly writes: WriteCounter;
  private readonly io: TableIO;
  private readonly projects: ProjectRecords;
  private readonly weeks: WeekRecords;
  private readonly memberships: MembershipRecords;
  private readonly config: ConfigRecord;
  private readonly users: UserRecords;
  private readonly names: NameRecords;

  constructor(doc: DynamoDBDocumentClient, opts: DynamoStoreOptions) {
    this.io = new TableIO(doc, opts);
    this.writes = this.io.writes;
    this.projects = new ProjectRecords(this.io);
    this.weeks = new WeekRecords(this.io);
    this.memberships = new MembershipRecords(this.io);
    this.config = new ConfigRecord(this.io);
    this.users = new UserRecords(this.io);
    this.names = new NameRecords(this.io);
  }

  loadProjects(ids: readonly string[]): Promise<Map<string, ProjectState>> {
    return this.projects.loadProjects(ids);
  }

  commit(event: StoredEvent, creating?: string): Promise<CommitOutcome> {
    return this.projects.commit(event, creating);
  }

  settleStates(states: readonly ProjectState[]): Promise<Map<string, unknown>> {
    return this.projects.settleStates(states);
  }

  /** Notes that every event of this table follows its STATE (a table this release has just created): ProjectRecords. */
  markTableOrder(): Promise<void> {
    return this.projects.markTableOrder();
  }

  putCreating(writes: readonly { state: ProjectState; token: string }[]): Promise<Map<string, unknown>> {
    return this.projects.putCreating(writes);
  }

  allNames(): Promise<NameEntry[]> {
    return this.names.allNames();
  }

  putNames(claims: readonly { key: NameKey; id: string; name: string; unit: string }[]): Promise<void> {
    return this.names.putNames(claims);
  }

  legacyNames(): Promise<NameEntry[]> {
    return this.names.legacyNames();
  }

  nameIndexMark(): Promise<NameIndexMark | null> {
    return this.names.indexMark();
  }

  markNameIndex(mark: Omit<NameIndexMark, 'oldLayout'>, added: number): Promise<void> {
    return this.names.markIndexed(mark, added);
  }

  duplicatesSnapshot(): Promise<DuplicatesSnapshot | null> {
    return this.names.duplicates();
  }

  putDuplicatesSnapshot(snapshot: DuplicatesSnapshot): Promise<void> {
    return this.names.putDuplicates(snapshot);
  }

  latestState(id: string): Promise<ProjectState | null> {
    return this.projects.latestState(id);
  }

  allStates(opts?: { settleCreating?: boolean }): Promise<ProjectState[]> {
    return this.projects.allStates(opts);
  }

  listEvents(id: string): Promise<HistoryEvent[] | null> {
    return this.projects.listEvents(id);
  }

  queryProjects(filter: ProjectFilter, limit: number, nextToken?: string, caller?: string): Promise<Page<ProjectState>> {
    return queryProjects(this.io, (items) => this.projects.caughtUp(items), filter, limit, nextToken, caller);
  }

  putWeekSnapshots(snapshots: readonly WeekSnapshot[]): Promise<void> {
    return this.weeks.putWeekSnapshots(snapshots);
  }

  weekSnapshots(week: string): Promise<WeekSnapshot[]> {
    return this.weeks.weekSnapshots(week);
  }

  latestSnapshots(ids: readonly string[], week: string): Promise<WeekSnapshot[]> {
    return this.weeks.latestSnapshots(ids, week);
  }

  putMemberships(workbookId: string, ids: readonly string[]): Promise<void> {
    return this.memberships.putMemberships(workbookId, ids);
  }

  listMembership(workbookId: string): Promise<string[]> {
    return this.memberships.listMembership(workbookId);
  }

  getConfig(): Promise<unknown | null> {
    return this.config.getConfig();
  }

  putConfig(config: unknown): Promise<void> {
    return this.config.putConfig(config);
  }

  findUser(lookup: UserLookup): Promise<FoundUser | null> {
    return this.users.findUser(lookup);
  }

  bindUser(profile: UserProfile, subject: string): Promise<UserProfile | null> {
    return this.users.bindUser(profile, subject);
  }

  listUsers(): Promise<UserProfile[]> {
    return this.users.listUsers();
  }

  saveUser(profile: UserProfile, replaced?: readonly UserProfile[]): Promise<void> {
    return this.users.saveUser(profile, replaced);
  }
}
