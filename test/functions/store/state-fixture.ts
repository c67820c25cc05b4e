import type { ProjectFields, ProjectState } from '../../../functions/domain/types';
import { FIELD_KEYS } from '../../../contract';

export function emptyFields(): ProjectFields {
  return Object.fromEntries(FIELD_KEYS.map((k) => [k, null])) as unknown as ProjectFields;
}

/** A stored project state for store tests (no domain rules involved). */
export function state(id: string, over: Partial<Omit<ProjectState, 'fields'>> & { fields?: Partial<ProjectFields> } = {}): ProjectState {
  const at = '2026-03-02T04:00:00.000Z';
  return {
    id,
    stage: 'clue',
    list: 'clue',
    version: 1,
    flag: { level: 'none', reasons: [] },
    flagSince: null,
    history: { firstSeenAt: at, stageChangedAt: at, progressChangedAt: at, problemChangedAt: null, cutoffLevels: [] },
    workbooks: ['wb-1'],
    contentHash: 'h1',
    updatedAt: at,
    updatedBy: 'clerk-a',
    ...over,
    fields: { ...emptyFields(), id, name: `项目${id}`, unit: '温水镇', ...over.fields },
  };
}
