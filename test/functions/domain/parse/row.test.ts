import { FIELD_KEYS, type FieldKey, type RawCell } from '../../../../contract';
import { parseRow } from '../../../../functions/domain/parse';

const ctx = { dateSystem: 1900 } as const;

describe('parseRow', () => {
  test('a typical ledger row', () => {
    const { fields, errors } = parseRow(
      {
        id: 'P-7K3M9Q2X',
        name: '年产10万吨新材料项目',
        investor: '某某集团',
        investorType: '央企',
        industry: '新材料',
        chainRole: '强链',
        amount: '12.5亿元',
        unit: '经济开发区',
        leader: '张三',
        signedDate: 46086,
        plannedStartDate: '2026年6月',
        jobs: '约300人',
        progress: '完成环评批复',
        problem: '无',
        problemType: '',
        status: '正常推进',
      },
      ctx,
    );
    expect(errors).toEqual([]);
    expect(fields).toMatchObject({
      id: 'P-7K3M9Q2X',
      name: '年产10万吨新材料项目',
      investorType: 'centralSoe',
      chainRole: 'strengthen',
      amount: 12.5,
      signedDate: '2026-03-05',
      plannedStartDate: '2026-06',
      jobs: 300,
      problem: '无',
      problemType: null,
      status: 'active',
      startDate: null,
    });
  });

  test('every field is present, null when absent', () => {
    const { fields } = parseRow({ name: 'X' }, ctx);
    expect(Object.keys(fields).sort()).toEqual([...FIELD_KEYS].sort());
    expect(Object.entries(fields).filter(([, v]) => v !== null)).toEqual([['name', 'X']]);
  });

  test('bad cells become errors and never lose the row’s other fields', () => {
    const { fields, errors } = parseRow({ name: '光伏项目', amount: '2-3亿', signedDate: '2026-02-30', jobs: 1.5, leader: '李四' }, ctx);
    expect(fields).toMatchObject({ name: '光伏项目', leader: '李四', amount: null, signedDate: null, jobs: null });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['amount', 'invalid_money'],
      ['signedDate', 'invalid_date'],
      ['jobs', 'invalid_integer'],
    ]);
  });

  test('a missing or placeholder name is "required"', () => {
    for (const name of [undefined, null, '', '  ', '-'] as Array<RawCell | undefined>) {
      const { errors } = parseRow(name === undefined ? { leader: '张三' } : { name, leader: '张三' }, ctx);
      expect(errors).toEqual([{ field: 'name', code: 'required', message: { zh: '项目名称不能为空', en: 'Project name is required' } }]);
    }
  });

  test('a name that failed to parse is reported once, not also as required', () => {
    const { errors } = parseRow({ name: 'x'.repeat(5000) }, ctx);
    expect(errors.map((e) => e.code)).toEqual(['too_long']);
  });

  test('header units apply per column', () => {
    const { fields } = parseRow({ name: 'X', amount: 30000, outputValue: 30000 }, { dateSystem: 1900, units: { amount: 0.0001 } });
    expect(fields.amount).toBe(3);
    expect(fields.outputValue).toBe(30000);
  });

  test('keys outside the catalogue and inherited keys are ignored', () => {
    const cells = Object.assign(Object.create({ amount: 99 }), { name: 'X', bogus: 'y' }) as Partial<Record<FieldKey, RawCell>>;
    const { fields, errors } = parseRow(cells, ctx);
    expect(errors).toEqual([]);
    expect(fields.amount).toBeNull();
    expect(fields).not.toHaveProperty('bogus');
  });
});
