/**
 * One row of a sync, decided without I/O: parse → stage → history → flag, compared with the stored state.
 * The answer is either "nothing to write" or the next state with the event that records it.
 */
import {
  LIST_ORDER,
  type FieldError,
  type FieldKey,
  type Flag,
  type HistoryEvent,
  type ListKey,
  type SyncRow,
  type Transition,
} from '../../contract';
import type { CountyConfig } from '../../contract';
import { evaluate } from '../domain/flags';
import { advanceHistory } from '../domain/history';
import { nameKeyOf, nameKeyString } from '../domain/identity';
import { deriveStage, isActive } from '../domain/stage';
import type { FieldValue, ParsedRow, ProjectFields, ProjectState } from '../domain/types';
import { callerLabel, mayWriteUnit, type Caller } from './caller';
import type { StoredEvent } from './ports';
import { backDatedError } from './sync-asof';

export interface RowInput {
  row: SyncRow;
  parsed: ParsedRow;
  contentHash: string;
  workbookId: string;
  workbookName: string;
  now: string;
  config: CountyConfig;
  caller: Caller;
}

export type RowDecision =
  | { kind: 'rejected'; errors: FieldError[] }
  | { kind: 'unchanged'; state: ProjectState; flag: Flag; errors: FieldError[] }
  | { kind: 'write'; state: ProjectState; event: StoredEvent; transition?: Transition; errors: FieldError[] };

/** The list the row belongs on: the stage's list when later than the row's list; none once dropped. */
export function targetList(stage: ProjectState['stage'], rowList: ListKey): ListKey | null {
  if (!isActive(stage)) return null;
  return LIST_ORDER.indexOf(stage) > LIST_ORDER.indexOf(rowList) ? stage : rowList;
}

export function forbiddenUnitError(caller: Caller, unit: string | null, stored: boolean): FieldError {
  const mine = caller.units.join('、') || '无';
  const mineEn = caller.units.join(', ') || 'none';
  const what = unit ?? '（空）';
  return {
    field: 'unit',
    code: 'forbidden_unit',
    message: stored
      ? { zh: `该项目属于“${what}”，不在您负责的单位（${mine}）内，不能修改`, en: `This project belongs to "${unit ?? '(blank)'}", which is not one of your units (${mineEn}); you cannot change it` }
      : { zh: `所属单位“${what}”不在您负责的单位（${mine}）内，不能同步`, en: `Unit "${unit ?? '(blank)'}" is not one of your units (${mineEn}); the row cannot be synced` },
  };
}

const sameFlag = (a: Flag, b: Flag): boolean =>
  a.level === b.level &&
  a.reasons.length === b.reasons.length &&
  a.reasons.every((r, i) => r.rule === b.reasons[i]!.rule && r.level === b.reasons[i]!.level);

function fieldChanges(before: ProjectFields | null, after: ProjectFields): HistoryEvent['changes'] {
  const changes: NonNullable<HistoryEvent['changes']> = {};
  for (const key of Object.keys(after) as FieldKey[]) {
    const from: FieldValue = before ? before[key] : null;
    const to: FieldValue = after[key];
    if (from !== to) changes[key] = { from, to };
  }
  return changes;
}

export function decideRow(input: RowInput, prev: ProjectState | null): RowDecision {
  const { row, parsed, caller, now, config } = input;
  const errors: FieldError[] = [...parsed.errors];
  if (parsed.fields.name === null) return { kind: 'rejected', errors };
  // A cell that does not parse keeps the value stored before (a typo must not erase a good date) — the unit
  // too, before it is checked: a mistyped unit cell is a parse error, not somebody else's project.
  const fields: ProjectFields = { ...parsed.fields, id: row.id };
  for (const e of parsed.errors) if (e.field && e.field !== 'id') (fields as Record<FieldKey, FieldValue>)[e.field] = prev ? prev.fields[e.field] : null;
  if (prev && !mayWriteUnit(caller, prev.fields.unit)) return { kind: 'rejected', errors: [forbiddenUnitError(caller, prev.fields.unit, true), ...errors] };
  if (!mayWriteUnit(caller, fields.unit)) return { kind: 'rejected', errors: [forbiddenUnitError(caller, fields.unit, false), ...errors] };

  // One error per cause: a cell that failed to parse is not also reported as missing (stage, rules).
  const unreadable = new Set(parsed.errors.flatMap((e) => (e.field && e.field !== 'id' ? [e.field] : [])));
  const stage = deriveStage(row.list, fields, prev ? { stage: prev.stage, fields: prev.fields } : null, unreadable);
  errors.push(...stage.errors);
  const history = advanceHistory(prev ? { fields: prev.fields, stage: prev.stage, history: prev.history, flag: prev.flag } : null, { fields, stage: stage.stage }, now, config);
  const flag = evaluate({ id: row.id, stage: stage.stage, fields, ...(unreadable.size ? { unreadable: [...unreadable] } : {}) }, history, now, config);
  const hasWorkbook = prev?.workbooks.includes(input.workbookId) ?? false;

  if (prev && prev.contentHash === input.contentHash && prev.stage === stage.stage && sameFlag(prev.flag, flag) && hasWorkbook) {
    return { kind: 'unchanged', state: prev, flag, errors };
  }
  const backDated = backDatedError(prev, now, config.cutoff.timeZone);
  if (backDated) return { kind: 'rejected', errors: [backDated, ...errors] };

  const version = (prev?.version ?? 0) + 1;
  const key = nameKeyOf(fields.name, fields.unit);
  const nameKey = key && nameKeyString(key);
  const levelChanged = (prev?.flag.level ?? 'none') !== flag.level;
  const state: ProjectState = {
    id: row.id,
    stage: stage.stage,
    fields,
    version,
    list: row.list,
    flag,
    flagSince: flag.level === 'none' ? null : levelChanged ? now : (prev?.flagSince ?? now),
    history,
    workbooks: hasWorkbook ? prev!.workbooks : [...(prev?.workbooks ?? []), input.workbookId],
    contentHash: input.contentHash,
    ...(nameKey ? { nameKey } : {}),
    updatedAt: now,
    updatedBy: callerLabel(caller),
  };
  const changes = fieldChanges(prev?.fields ?? null, fields);
  const hasChanges = Object.keys(changes ?? {}).length > 0;
  const flagChanged = prev ? !sameFlag(prev.flag, flag) : flag.level !== 'none';
  const event: StoredEvent = {
    id: row.id,
    version,
    at: now,
    kind: !prev ? 'created' : stage.transition ? 'transition' : hasChanges ? 'fields' : flagChanged ? 'flag' : 'fields',
    by: callerLabel(caller),
    workbook: input.workbookId,
    user: { subject: caller.subject, email: caller.email, name: caller.name },
    workbookName: input.workbookName,
    // A created event's changes are its state's fields (every one from null); the store derives them on read
    // rather than keeping the project's data twice in the item (store/project-items.ts createdChanges).
    ...(hasChanges && prev ? { changes } : {}),
    ...(stage.transition ? { transition: stage.transition } : {}),
    ...(flagChanged ? { flag: { from: prev?.flag.level ?? 'none', to: flag.level, rules: flag.reasons.map((r) => r.rule) } } : {}),
    state,
  };
  return { kind: 'write', state, event, ...(stage.transition ? { transition: stage.transition } : {}), errors };
}
