/** Project items of the single table and back: STATE, EVT#<version> and WEEK#<week> (layout in table.ts). */
import type { HistoryEvent } from '../../contract';
import type { StoredEvent } from '../app/ports';
import type { WeekSnapshot } from '../domain/report';
import type { ProjectState } from '../domain/types';
import type { Item } from './batch';
import { ALL_PROJECTS_GSI2PK, eventSk, projectPk, STATE_SK, stageGsi1sk, stripKeys, unitGsi1pk, unitIdGsi2sk, weekGsi2pk, weekSk } from './keys';

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

/**
 * A new project's STATE, written whole before its EVT#1 (projects.ts, the invariant), marked with the writer's token
 * (`creating`); EVT#1 carries the same token. A reader takes it as the project's state once EVT#1 exists with that
 * token; a STATE written by a writer whose EVT#1 lost to another's is answered from the event. The mark stays until
 * the project's next change replaces STATE (stateItem): one item write per new project, no second one to settle.
 */
export function creatingItem(s: ProjectState, token: string): Item {
  return { ...stateItem(s), creating: token };
}

/**
 * A STATE item as read: the state, and the creation token of one written before its EVT#1. `pending` marks the
 * version-0 placeholders an earlier release wrote before EVT#1 (no state of their own: answered from EVT#1 or left out).
 */
export function storedState(item: Item): { state: ProjectState; creating?: string } {
  const { creating, pending: _pending, ...state } = stripKeys<ProjectState & { creating?: string; pending?: unknown }>(item);
  return typeof creating === 'string' ? { state, creating } : { state };
}

export function weekItem(w: WeekSnapshot): Item {
  return { PK: projectPk(w.id), SK: weekSk(w.week), GSI2PK: weekGsi2pk(w.week), GSI2SK: unitIdGsi2sk(w.unit, w.id), ...w };
}

/** The changes of a created event: every field its state holds, from null (as decideRow would record them). */
function createdChanges(fields: ProjectState['fields'] | undefined): HistoryEvent['changes'] {
  const changes: NonNullable<HistoryEvent['changes']> = {};
  for (const [k, v] of Object.entries(fields ?? {})) if (v !== null && v !== undefined) (changes as Record<string, unknown>)[k] = { from: null, to: v };
  return Object.keys(changes).length ? changes : undefined;
}

/**
 * An event item holds the state it leads to as one JSON string (and EVT#1 its writer's `creating` token), not a nested map: DynamoDB (and dynalite) then
 * marshal and validate one attribute instead of a hundred, which is most of the cost of the one single-item put a
 * row needs (bench/sync.ts). The state is only read back whole, to repair STATE.
 */
export function eventItem(event: StoredEvent, creating?: string): Item {
  return { ...event, PK: projectPk(event.id), SK: eventSk(event.version), state: JSON.stringify(event.state), ...(creating ? { creating } : {}) };
}

/** The state an event item leads to (a nested map in data written before). */
export function eventState(item: Item): ProjectState {
  return typeof item.state === 'string' ? (JSON.parse(item.state) as ProjectState) : (item.state as ProjectState);
}

export function toEvent(item: Item): HistoryEvent {
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
