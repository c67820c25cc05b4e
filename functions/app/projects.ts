/** GET /v1/projects and GET /v1/projects/{id}/history: reads for every known caller. */
import type { HistoryResponse, ProjectsQuery, ProjectsResponse, ProjectSummary } from '../../contract';
import type { ProjectState } from '../domain/types';
import { AppFailure } from './failure';
import { figuresOf } from './figures';
import { MSG } from './messages';
import { BadPageTokenError, type ProjectStore } from './ports';

const DEFAULT_PAGE = 100;

export function summary(s: ProjectState): ProjectSummary {
  return {
    id: s.id,
    name: s.fields.name ?? '',
    unit: s.fields.unit ?? '',
    leader: s.fields.leader ?? '',
    stage: s.stage,
    amount: s.fields.amount,
    flag: s.flag,
    flagSince: s.flagSince,
    updatedAt: s.updatedAt,
    version: s.version,
    fields: s.fields,
    figures: figuresOf(s.fields),
  };
}

/** `caller` (the caller's subject) binds the page's nextToken to them: another caller's cursor is a 400. */
export async function listProjects(store: ProjectStore, q: ProjectsQuery, caller = ''): Promise<ProjectsResponse> {
  const filter = { ...(q.unit ? { unit: q.unit } : {}), ...(q.stage ? { stage: q.stage } : {}), ...(q.flag ? { flag: q.flag } : {}) };
  const page = await store.queryProjects(filter, q.limit ?? DEFAULT_PAGE, q.nextToken, caller).catch((e: unknown) => {
    throw e instanceof BadPageTokenError ? new AppFailure('bad_request', MSG.badPageToken, { field: 'nextToken' }) : e;
  });
  return { projects: page.items.map(summary), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

export async function projectHistory(store: ProjectStore, id: string): Promise<HistoryResponse> {
  const events = await store.listEvents(id);
  if (events === null) throw new AppFailure('not_found', MSG.notFound(id));
  // The figures of the project now: from its latest state (read after the events, which may have caught it up).
  const state = await store.latestState(id);
  return { id, events, ...(state ? { figures: figuresOf(state.fields) } : {}) };
}
