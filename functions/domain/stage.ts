/**
 * The stage machine of the four lists. A project's stage is the later of the list (sheet) it sits on and
 * what its dates imply (投产时间 → producing, 开工时间 → landed, 签约时间 → signed); status 终止 → dropped.
 *
 * Decisions (a clerk, a leader and an engineer should all find them unsurprising):
 * - Stages only move forward. A row whose derived stage is earlier than the stored one (a date erased, a row
 *   pasted back into an earlier sheet) keeps its stored stage and gets a `stage_backward` error on the date
 *   field that held it there — never a silent change. (A date erased on a row that still sits on its
 *   stage's sheet moves nothing back; the `stage_date_missing` error below says the date was erased.)
 * - A forward move carries a Transition dated by the new stage's own date (month precision → first day) and
 *   the cycle in days since the previous stage's date. On first sight (no stored stage) the row's list is the
 *   stage it moves from: a clue row with a 签约时间 is a clue → signed move with its cycle days, like a row
 *   seen before. When the new stage's date is empty (the row was only
 *   moved to a later sheet), there is nothing honest to put in `on`: the stage still moves, no Transition is
 *   emitted, and a `stage_date_missing` error asks for the date. That error also shows on every later sync
 *   while the date stays empty, because leaders' cycle figures depend on it.
 * - Dropping (终止) carries no Transition either (the ledger has no drop date); the status change itself is
 *   in the project's history. A dropped project whose status is set back to active is allowed: its stage is
 *   derived afresh (no backward check against a stage it left), and a `stage_reactivated` note on the status
 *   field makes the change visible on the row.
 * - Dates in an impossible order get a `date_order` error naming both fields; the stage is still derived.
 *   Month-precision dates are compared leniently ("2026-03" is not before "2026-03-15").
 * - One error per cause: a field whose cell failed to parse (`unreadable`, it already carries its parse error)
 *   is not also reported as missing or out of order.
 */
import { FIELD_BY_KEY, LIST_ORDER, STAGE_NAMES, type FieldError, type FieldKey, type ListKey, type Stage, type Transition } from '../../contract/vocabulary';
import { dayToIso, ledgerDateToDay } from './days';
import type { LedgerDate, ProjectFields, StageResult } from './types';

type StageDateField = 'clueDate' | 'signedDate' | 'startDate' | 'productionDate';

/** The date that puts a project on each list. */
export const STAGE_DATE_FIELD: Readonly<Record<ListKey, StageDateField>> = {
  clue: 'clueDate',
  signed: 'signedDate',
  landed: 'startDate',
  producing: 'productionDate',
};

/** Pairs of dates whose order is fixed, earlier first. Adjacent present dates of the chain are compared. */
const CHAIN: readonly StageDateField[] = ['clueDate', 'signedDate', 'startDate', 'productionDate'];
const PLANNED: readonly ['plannedStartDate', 'plannedProductionDate'] = ['plannedStartDate', 'plannedProductionDate'];

/** Active = on one of the four lists. Dropped projects get no flag and count in no list; paused (暂停) ones stay active. */
export function isActive(stage: Stage): stage is ListKey {
  return stage !== 'dropped';
}

function listIndex(list: ListKey): number {
  return LIST_ORDER.indexOf(list);
}

/** The latest list the dates reach. */
function impliedByDates(fields: ProjectFields): ListKey {
  for (let i = LIST_ORDER.length - 1; i > 0; i--) {
    const list = LIST_ORDER[i]!;
    if (fields[STAGE_DATE_FIELD[list]]) return list;
  }
  return 'clue';
}

function dateOrderErrors(fields: ProjectFields, unreadable: ReadonlySet<FieldKey>): FieldError[] {
  const errors: FieldError[] = [];
  const check = (earlier: keyof ProjectFields & string, later: keyof ProjectFields & string) => {
    if (unreadable.has(earlier as FieldKey) || unreadable.has(later as FieldKey)) return;
    const a = fields[earlier] as LedgerDate | null;
    const b = fields[later] as LedgerDate | null;
    if (!a || !b) return;
    // Definitely out of order only when the later date's last possible day precedes the earlier one's first.
    if (ledgerDateToDay(b, 'end') >= ledgerDateToDay(a, 'start')) return;
    const fa = FIELD_BY_KEY[earlier as StageDateField];
    const fb = FIELD_BY_KEY[later as StageDateField];
    errors.push({
      field: later as StageDateField,
      code: 'date_order',
      message: {
        zh: `${fb.zh}（${b}）早于${fa.zh}（${a}），请核对`,
        en: `${fb.en} (${b}) is earlier than ${fa.en.toLowerCase()} (${a}); please check`,
      },
    });
  };
  let previous: StageDateField | null = null;
  for (const key of CHAIN) {
    if (!fields[key]) continue;
    if (previous) check(previous, key);
    previous = key;
  }
  check(PLANNED[0], PLANNED[1]);
  return errors;
}

function firstDayIso(date: LedgerDate): string {
  return dayToIso(ledgerDateToDay(date, 'start'));
}

function transition(from: ListKey, to: ListKey, fields: ProjectFields, previousFields: ProjectFields): Transition | undefined {
  const toDate = fields[STAGE_DATE_FIELD[to]];
  if (!toDate) return undefined;
  const fromDate = fields[STAGE_DATE_FIELD[from]] ?? previousFields[STAGE_DATE_FIELD[from]];
  const on = firstDayIso(toDate);
  let cycleDays: number | null = null;
  if (fromDate) {
    const days = ledgerDateToDay(toDate, 'start') - ledgerDateToDay(fromDate, 'start');
    // A negative cycle is a date-order error (reported); it must not pollute the leaders' cycle figures.
    cycleDays = days >= 0 ? days : null;
  }
  return { from, to, on, cycleDays };
}

function missingDate(stage: ListKey, previousFields: ProjectFields | null): FieldError {
  const field = FIELD_BY_KEY[STAGE_DATE_FIELD[stage]];
  const list = STAGE_NAMES[stage];
  const was = previousFields?.[STAGE_DATE_FIELD[stage]];
  return {
    field: field.key,
    code: 'stage_date_missing',
    message: was
      ? {
          zh: `项目已列入${list.zh}，但${field.zh}被清空（原为 ${was}），请核对`,
          en: `The project is on the ${list.en} list but its ${field.en.toLowerCase()} was erased (was ${was}); please check`,
        }
      : {
          zh: `项目已列入${list.zh}，但${field.zh}为空，请补填`,
          en: `The project is on the ${list.en} list but its ${field.en.toLowerCase()} is empty; please fill it in`,
        },
  };
}

function backward(kept: ListKey, derived: ListKey, fields: ProjectFields, previousFields: ProjectFields): FieldError {
  const field = FIELD_BY_KEY[STAGE_DATE_FIELD[kept]];
  const was = previousFields[field.key as StageDateField];
  const now = fields[field.key as StageDateField];
  const keptName = STAGE_NAMES[kept];
  const derivedName = STAGE_NAMES[derived];
  const detail = was && !now
    ? { zh: `${field.zh}被清空（原为 ${was}）`, en: `${field.en.toLowerCase()} was erased (was ${was})` }
    : { zh: `本行显示为${derivedName.zh}`, en: `the row now reads as ${derivedName.en}` };
  return {
    field: field.key,
    code: 'stage_backward',
    message: {
      zh: `阶段不能倒退：项目已处于${keptName.zh}阶段，但${detail.zh}。阶段保持为${keptName.zh}，请核对`,
      en: `A stage cannot move back: the project is already ${keptName.en}, but ${detail.en}. It stays ${keptName.en}; please check`,
    },
  };
}

function reactivated(stage: ListKey): FieldError {
  const name = STAGE_NAMES[stage];
  return {
    field: 'status',
    code: 'stage_reactivated',
    message: {
      zh: `项目已由“已终止”恢复推进，现为${name.zh}`,
      en: `The project was dropped and is active again, now ${name.en}`,
    },
  };
}

/**
 * The move a row awaits: a project whose stage is later than the list its row sits on (a pending move the clerk
 * has not confirmed yet) goes from that list to its stage, dated and timed by the row's own dates like any
 * transition. Undefined when the row is on its stage's list, the project is dropped, or the stage's date is empty.
 */
export function moveTransition(list: ListKey, stage: Stage, fields: ProjectFields): Transition | undefined {
  if (!isActive(stage) || listIndex(stage) <= listIndex(list)) return undefined;
  return transition(list, stage, fields, fields);
}

const NONE: ReadonlySet<FieldKey> = new Set();

export function deriveStage(
  list: ListKey,
  fields: ProjectFields,
  previous: { stage: Stage; fields: ProjectFields } | null,
  /** Fields whose cell failed to parse this time (their parse error is the one report of them). */
  unreadable: ReadonlySet<FieldKey> = NONE,
): StageResult {
  const errors = dateOrderErrors(fields, unreadable);
  if (fields.status === 'dropped') return { stage: 'dropped', errors };

  const implied = impliedByDates(fields);
  const derived = listIndex(implied) > listIndex(list) ? implied : list;

  let t: Transition | undefined;
  if (previous?.stage === 'dropped') {
    errors.push(reactivated(derived));
  } else if (previous && previous.stage !== derived) {
    if (listIndex(previous.stage) > listIndex(derived)) {
      errors.push(backward(previous.stage, derived, fields, previous.fields));
      return { stage: previous.stage, errors };
    }
    t = transition(previous.stage, derived, fields, previous.fields);
  } else if (!previous && listIndex(derived) > listIndex(list)) {
    // First sight of a row whose dates reach past its list: the move from its list, with its cycle days.
    t = transition(list, derived, fields, fields);
  }
  const dateField = STAGE_DATE_FIELD[derived];
  if (derived !== 'clue' && !fields[dateField] && !unreadable.has(dateField)) errors.push(missingDate(derived, previous?.fields ?? null));
  return t ? { stage: derived, transition: t, errors } : { stage: derived, errors };
}
