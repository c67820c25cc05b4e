import type { ListKey, Stage, Transition } from '../../../contract';
import { deriveStage } from '../../../functions/domain/stage';
import type { ProjectFields } from '../../../functions/domain/types';
import { fields } from './flag-fixtures';

type Row = [
  name: string,
  list: ListKey,
  row: Partial<ProjectFields>,
  previous: { stage: Stage; fields?: Partial<ProjectFields> } | null,
  stage: Stage,
  transition: Transition | undefined,
  errors: Array<[field: string | null, code: string]>,
];

const DATES = { clueDate: '2026-01-10', signedDate: '2026-03-05', startDate: '2026-05-20', productionDate: '2026-11-01' };

const GOLDEN: Row[] = [
  ['first sight on the clue list', 'clue', { clueDate: '2026-01-10' }, null, 'clue', undefined, []],
  ['first sight: dates beat an earlier list — a move from the row\'s list, with its cycle days', 'clue', { clueDate: '2026-01-10', signedDate: '2026-03-05' }, null, 'signed', { from: 'clue', to: 'signed', on: '2026-03-05', cycleDays: 54 }, []],
  ['first sight: a clue row with a signing date but no clue date', 'clue', { signedDate: '2026-03-05' }, null, 'signed', { from: 'clue', to: 'signed', on: '2026-03-05', cycleDays: null }, []],
  ['first sight: a signed row with a start date', 'signed', { signedDate: '2026-03-05', startDate: '2026-05-20' }, null, 'landed', { from: 'signed', to: 'landed', on: '2026-05-20', cycleDays: 76 }, []],
  ['first sight: the list beats missing dates, and asks for the date', 'landed', { signedDate: '2026-03-05' }, null, 'landed', undefined, [['startDate', 'stage_date_missing']]],
  ['first sight: production date', 'signed', DATES, null, 'producing', { from: 'signed', to: 'producing', on: '2026-11-01', cycleDays: 241 }, []],
  ['unchanged', 'signed', { signedDate: '2026-03-05' }, { stage: 'signed' }, 'signed', undefined, []],
  ['clue → signed', 'clue', { clueDate: '2026-01-10', signedDate: '2026-03-05' }, { stage: 'clue' }, 'signed', { from: 'clue', to: 'signed', on: '2026-03-05', cycleDays: 54 }, []],
  ['signed → landed', 'signed', { signedDate: '2026-03-05', startDate: '2026-05-20' }, { stage: 'signed' }, 'landed', { from: 'signed', to: 'landed', on: '2026-05-20', cycleDays: 76 }, []],
  ['landed → producing', 'landed', { startDate: '2026-05-20', productionDate: '2026-11-01' }, { stage: 'landed' }, 'producing', { from: 'landed', to: 'producing', on: '2026-11-01', cycleDays: 165 }, []],
  ['clue → producing at once: cycle from the clue date', 'clue', DATES, { stage: 'clue' }, 'producing', { from: 'clue', to: 'producing', on: '2026-11-01', cycleDays: 295 }, []],
  ['month precision: the first of the month', 'clue', { clueDate: '2026-01', signedDate: '2026-03' }, { stage: 'clue' }, 'signed', { from: 'clue', to: 'signed', on: '2026-03-01', cycleDays: 59 }, []],
  ['unknown previous date: cycle null', 'clue', { signedDate: '2026-03-05' }, { stage: 'clue' }, 'signed', { from: 'clue', to: 'signed', on: '2026-03-05', cycleDays: null }, []],
  ['previous date only in the stored row', 'signed', { startDate: '2026-05-20' }, { stage: 'signed', fields: { signedDate: '2026-03-05' } }, 'landed', { from: 'signed', to: 'landed', on: '2026-05-20', cycleDays: 76 }, []],
  ['moved to a later sheet without its date: stage moves, no transition, date asked for', 'signed', { clueDate: '2026-01-10' }, { stage: 'clue' }, 'signed', undefined, [['signedDate', 'stage_date_missing']]],
  ['start date erased on the landed sheet: stays landed, date asked for', 'landed', { signedDate: '2026-03-05' }, { stage: 'landed', fields: { signedDate: '2026-03-05', startDate: '2026-05-20' } }, 'landed', undefined, [['startDate', 'stage_date_missing']]],
  ['start date erased on a row of the signed sheet: stays landed', 'signed', { signedDate: '2026-03-05' }, { stage: 'landed', fields: { signedDate: '2026-03-05', startDate: '2026-05-20' } }, 'landed', undefined, [['startDate', 'stage_backward']]],
  ['pasted back onto the clue sheet: stays signed', 'clue', {}, { stage: 'signed' }, 'signed', undefined, [['signedDate', 'stage_backward']]],
  ['production date erased: stays producing', 'landed', { startDate: '2026-05-20' }, { stage: 'producing', fields: { productionDate: '2026-11-01' } }, 'producing', undefined, [['productionDate', 'stage_backward']]],
  ['dropped', 'signed', { signedDate: '2026-03-05', status: 'dropped' }, { stage: 'signed' }, 'dropped', undefined, []],
  ['dropped on first sight', 'clue', { status: 'dropped' }, null, 'dropped', undefined, []],
  ['still dropped', 'clue', { status: 'dropped' }, { stage: 'dropped' }, 'dropped', undefined, []],
  ['dropped project active again: allowed, noted', 'clue', { clueDate: '2026-01-10' }, { stage: 'dropped', fields: { status: 'dropped' } }, 'clue', undefined, [['status', 'stage_reactivated']]],
  ['reactivated at a stage without its date', 'signed', {}, { stage: 'dropped' }, 'signed', undefined, [['status', 'stage_reactivated'], ['signedDate', 'stage_date_missing']]],
  ['paused stays on its list', 'signed', { signedDate: '2026-03-05', status: 'paused' }, { stage: 'signed' }, 'signed', undefined, []],
  ['production before start', 'landed', { startDate: '2026-05-20', productionDate: '2026-04-01' }, { stage: 'landed' }, 'producing', { from: 'landed', to: 'producing', on: '2026-04-01', cycleDays: null }, [['productionDate', 'date_order']]],
  ['start before signing', 'landed', { signedDate: '2026-03-05', startDate: '2026-02-01' }, null, 'landed', undefined, [['startDate', 'date_order']]],
  ['signing before the clue', 'signed', { clueDate: '2026-04-01', signedDate: '2026-03-05' }, null, 'signed', undefined, [['signedDate', 'date_order']]],
  ['production before signing, start missing', 'producing', { signedDate: '2026-03-05', productionDate: '2026-01-05' }, null, 'producing', undefined, [['productionDate', 'date_order']]],
  ['same month is not out of order', 'landed', { signedDate: '2026-03-15', startDate: '2026-03' }, null, 'landed', undefined, []],
  ['planned production before planned start', 'signed', { signedDate: '2026-03-05', plannedStartDate: '2026-08', plannedProductionDate: '2026-06-30' }, null, 'signed', undefined, [['plannedProductionDate', 'date_order']]],
];

describe('deriveStage golden table', () => {
  test('a date whose cell failed to parse is neither missing nor out of order (its parse error is the one report)', () => {
    const unreadable = new Set(['signedDate'] as const);
    expect(deriveStage('signed', fields({}), null, unreadable).errors).toEqual([]);
    expect(deriveStage('signed', fields({}), null).errors.map((e) => e.code)).toEqual(['stage_date_missing']);
    // Kept from the stored row (a typo must not erase a good date) but out of order with the new start: not reported twice.
    const kept = fields({ signedDate: '2026-06-01', startDate: '2026-05-20' });
    expect(deriveStage('landed', kept, { stage: 'signed', fields: kept }, unreadable).errors).toEqual([]);
    expect(deriveStage('landed', kept, { stage: 'signed', fields: kept }).errors.map((e) => e.code)).toEqual(['date_order']);
  });

  test.each(GOLDEN)('%s', (_name, list, row, previous, stage, transition, errors) => {
    const prev = previous && { stage: previous.stage, fields: fields(previous.fields) };
    const result = deriveStage(list, fields(row), prev);
    expect(result.stage).toBe(stage);
    expect(result.transition).toEqual(transition);
    expect(result.errors.map((e) => [e.field, e.code])).toEqual(errors);
    for (const e of result.errors) expect(e.message.zh && e.message.en).toBeTruthy();
  });
});

describe('messages', () => {
  test('date order names both fields in zh and en', () => {
    const { errors } = deriveStage('landed', fields({ startDate: '2026-05-20', productionDate: '2026-04-01' }), null);
    expect(errors[0]!.message).toEqual({
      zh: '投产时间（2026-04-01）早于开工时间（2026-05-20），请核对',
      en: 'Production date (2026-04-01) is earlier than start date (2026-05-20); please check',
    });
  });

  test('a backward move says what was erased and that the stage stays', () => {
    const { errors } = deriveStage('signed', fields({}), { stage: 'landed', fields: fields({ startDate: '2026-05-20' }) });
    expect(errors[0]!.message).toEqual({
      zh: '阶段不能倒退：项目已处于落地项目阶段，但开工时间被清空（原为 2026-05-20）。阶段保持为落地项目，请核对',
      en: 'A stage cannot move back: the project is already Landed, but start date was erased (was 2026-05-20). It stays Landed; please check',
    });
    const moved = deriveStage('clue', fields({}), { stage: 'signed', fields: fields({}) });
    expect(moved.errors[0]!.message.zh).toBe('阶段不能倒退：项目已处于签约项目阶段，但本行显示为重点线索。阶段保持为签约项目，请核对');
  });

  test('an erased stage date on its own sheet', () => {
    const { errors } = deriveStage('landed', fields({}), { stage: 'landed', fields: fields({ startDate: '2026-05-20' }) });
    expect(errors[0]!.message).toEqual({
      zh: '项目已列入落地项目，但开工时间被清空（原为 2026-05-20），请核对',
      en: 'The project is on the Landed list but its start date was erased (was 2026-05-20); please check',
    });
  });

  test('reactivation and missing dates', () => {
    const { errors } = deriveStage('signed', fields({}), { stage: 'dropped', fields: fields({ status: 'dropped' }) });
    expect(errors.map((e) => e.message.zh)).toEqual(['项目已由“已终止”恢复推进，现为签约项目', '项目已列入签约项目，但签约时间为空，请补填']);
    expect(errors.map((e) => e.message.en)).toEqual([
      'The project was dropped and is active again, now Signed',
      'The project is on the Signed list but its signed date is empty; please fill it in',
    ]);
  });
});
