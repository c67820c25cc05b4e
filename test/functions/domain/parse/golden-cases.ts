/**
 * Golden table for parseCell: raw cell (as Office.js / ExcelJS hand it over) → value or error code.
 * Data only; read by golden.test.ts. `ctx` overrides the default context (1900 date system, no header units).
 * `zh`/`en`, when given, are the exact messages expected.
 */
import type { FieldKey, RawCell } from '../../../../contract';
import type { FieldValue, ParseContext } from '../../../../functions/domain/types';

export interface GoldenCase {
  field: FieldKey;
  raw: RawCell | undefined;
  ctx?: Partial<ParseContext>;
  /** Expected value when the cell parses. */
  value?: FieldValue;
  /** Expected error code when it does not. */
  error?: string;
  zh?: string;
  en?: string;
}

const d = (raw: RawCell | undefined, value: string | null, ctx?: Partial<ParseContext>): GoldenCase =>
  ctx ? { field: 'signedDate', raw, value, ctx } : { field: 'signedDate', raw, value };
const badDate = (raw: RawCell | undefined, extra: Partial<GoldenCase> = {}): GoldenCase => ({ field: 'signedDate', raw, error: 'invalid_date', ...extra });
const y1904 = { dateSystem: 1904 } as const;
const wan = (field: FieldKey): Partial<ParseContext> => ({ units: { [field]: 0.0001 } });

export const GOLDEN: GoldenCase[] = [
  // ── dates: Excel serials ──
  d(46086, '2026-03-05'),
  d(46086.999, '2026-03-05'), // time of day dropped
  d(45658, '2025-01-01'),
  d(32874, '1990-01-01'), // first accepted day
  d(73415, '2100-12-31'), // last accepted day
  d(44624, '2026-03-05', y1904),
  d(44624.5, '2026-03-05', y1904),
  d('46086', '2026-03-05'), // a serial that arrived as text
  // ── dates: text ──
  d('2026-03-05', '2026-03-05'),
  d('2026-03-05T08:00:00Z', '2026-03-05'),
  d('2026-03-05T08:00:00.000+08:00', '2026-03-05'),
  d('2026-03-05 14:30:00', '2026-03-05'),
  d('2026.3.5', '2026-03-05'),
  d('2026/3/5', '2026-03-05'),
  d('2026/3/5 8:00', '2026-03-05'),
  d('2026-3-5', '2026-03-05'),
  d('2026年3月5日', '2026-03-05'),
  d('2026年3月5号', '2026-03-05'),
  d('2026年3月5日 10:30', '2026-03-05'),
  d('2026 年 3 月 5 日', '2026-03-05'),
  d('２０２６年３月５日', '2026-03-05'), // full-width digits
  d('２０２６－０３－０５', '2026-03-05'),
  d('  2026-03-05  ', '2026-03-05'),
  d('20260305', '2026-03-05'),
  d(20260305, '2026-03-05'), // typed without separators into a number cell
  d('2024-02-29', '2024-02-29'),
  // ── dates: month precision ──
  d('2026年3月', '2026-03'),
  d('2026年3月份', '2026-03'),
  d('2026年3月底', '2026-03'),
  d('2026.3', '2026-03'),
  d('2026.10', '2026-10'),
  d('2026-03', '2026-03'),
  d('２０２６．３', '2026-03'),
  d(2026.3, '2026-03'), // "2026.3" typed into a number cell
  d(2026.12, '2026-12'),
  { field: 'plannedStartDate', raw: '2026年6月底前', value: '2026-06' },
  { field: 'plannedStartDate', raw: '2026年6月30日前', value: '2026-06-30' },
  { field: 'plannedProductionDate', raw: '2026年底', value: '2026-12' },
  // ── dates: blank ──
  d(null, null),
  d(undefined, null),
  d('', null),
  d('   ', null),
  d('-', null),
  d('—', null),
  d('——', null),
  d('/', null),
  d('无', null),
  // ── dates: bad ──
  badDate('2026-02-30', {
    zh: '签约时间“2026-02-30”不是有效日期，请填写如 2026-03-05 的日期',
    en: 'Signed date "2026-02-30" is not a valid date; enter a date such as 2026-03-05',
  }),
  badDate('2023-02-29'),
  badDate('2026-13-01'),
  badDate('2026年13月'),
  badDate('2026.0'),
  badDate('1989-12-31', { zh: '签约时间“1989-12-31”的年份不在 1990–2100 之间，请填写如 2026-03-05 的日期' }),
  badDate('2101-01-01'),
  badDate(73416), // 2101-01-01
  badDate('下月'),
  badDate('待定', { en: 'Signed date "待定" is not a valid date; enter a date such as 2026-03-05' }),
  badDate(true, { zh: '签约时间“TRUE”不是有效日期，请填写如 2026-03-05 的日期' }),
  badDate(false),
  badDate(60), // Lotus's 1900-02-29, a day that never was
  badDate(1), // 1900-01-01: a real day, but no ledger year
  badDate(0),
  badDate(-5),
  badDate(0, { ctx: y1904 }), // 1904-01-01
  badDate(2026.1, { zh: '签约时间“2026.1”无法确定是 1 月还是 10 月（Excel 去掉了末尾的 0），请填写如 2026-03-05 的日期' }),
  badDate(Number.NaN),
  badDate('2026-3/5'),
  badDate('2026年'),
  badDate('3/5/2026'),
  { field: 'plannedStartDate', raw: '二〇二六年三月', error: 'invalid_date', zh: '计划开工“二〇二六年三月”不是有效日期，请填写如 2026-03-05 的日期' },
  { field: 'startDate', raw: '#N/A', error: 'excel_error', zh: '开工时间单元格是错误值 #N/A，请先修正公式' },

  // ── money → 亿元 ──
  { field: 'amount', raw: 2.3, value: 2.3 },
  { field: 'amount', raw: '2.3亿', value: 2.3 },
  { field: 'amount', raw: '2.3亿元', value: 2.3 },
  { field: 'amount', raw: '5000万', value: 0.5 },
  { field: 'amount', raw: '3,000万元', value: 0.3 },
  { field: 'amount', raw: '3，000万元', value: 0.3 }, // full-width comma
  { field: 'amount', raw: '3千万', value: 0.3 },
  { field: 'amount', raw: '50000000元', value: 0.5 },
  { field: 'amount', raw: '约2亿', value: 2 },
  { field: 'amount', raw: '2亿左右', value: 2 },
  { field: 'amount', raw: '1.5 亿元', value: 1.5 },
  { field: 'amount', raw: '１．５亿元', value: 1.5 },
  { field: 'amount', raw: '￥2亿', value: 2 },
  { field: 'amount', raw: '¥3000万', value: 0.3 },
  { field: 'amount', raw: '2000余万元', value: 0.2 },
  { field: 'amount', raw: '800万元以上', value: 0.08 },
  { field: 'amount', raw: '5亿元人民币', value: 5 },
  { field: 'amount', raw: 0, value: 0 },
  { field: 'amount', raw: '无', value: null },
  { field: 'amount', raw: '-', value: null },
  { field: 'amount', raw: 12000, ctx: wan('amount'), value: 1.2 }, // header said （万元）
  { field: 'amount', raw: '12000', ctx: wan('amount'), value: 1.2 },
  { field: 'amount', raw: '12,000', ctx: wan('amount'), value: 1.2 },
  { field: 'amount', raw: '2亿', ctx: wan('amount'), value: 2 }, // a written unit beats the column's
  { field: 'amount', raw: 50_000_000, ctx: { units: { amount: 1e-8 } }, value: 0.5 }, // header said （元）
  { field: 'outputValue', raw: 12000, ctx: wan('outputValue'), value: 1.2 },
  { field: 'tax', raw: '1200万元', value: 0.12 },
  { field: 'amount', raw: '5000万（一期）', value: 0.5 }, // a bracketed remark
  {
    field: 'amount', raw: '2026-03-05', error: 'invalid_money', // a date in the wrong column is not a "range"
    zh: '总投资“2026-03-05”不是有效金额，请填写数字（单位：亿元）或如 2.3亿、5000万 的金额',
  },
  { field: 'amount', raw: '2-3亿', error: 'invalid_money', zh: '总投资“2-3亿”是一个范围，请只填写一个金额，如 3亿' },
  { field: 'amount', raw: '2~3亿', error: 'invalid_money' },
  { field: 'amount', raw: '2亿至3亿', error: 'invalid_money' },
  { field: 'amount', raw: -1, error: 'invalid_money', en: 'Total investment "-1" cannot be negative' },
  { field: 'amount', raw: '-2亿', error: 'invalid_money' },
  { field: 'amount', raw: 200_000, error: 'invalid_money', zh: '总投资“200000”超过 10 万亿元，请检查单位（本列数字按亿元计）' },
  { field: 'tax', raw: 2e9, ctx: wan('tax'), error: 'invalid_money', zh: '预计税收“2000000000”超过 10 万亿元，请检查单位（本列数字按万元计）' },
  { field: 'amount', raw: 'abc', error: 'invalid_money', zh: '总投资“abc”不是有效金额，请填写数字（单位：亿元）或如 2.3亿、5000万 的金额' },
  { field: 'amount', raw: '待定', error: 'invalid_money' },
  { field: 'amount', raw: true, error: 'invalid_money' },
  { field: 'amount', raw: '2,3亿', error: 'invalid_money' }, // not a thousands separator: never read as 23
  { field: 'amount', raw: '100万美元', error: 'invalid_money' },
  { field: 'amount', raw: Number.POSITIVE_INFINITY, error: 'invalid_money' },
  // DynamoDB holds numbers down to 1e-130 only: an absurdly small non-zero amount is refused before anything is written.
  { field: 'amount', raw: 1e-200, error: 'invalid_money', zh: '总投资“1e-200”小于 1 元，请检查数字和单位（本列数字按亿元计）' },
  // Written with an exponent the figure is the same out-of-range amount: the exponent's "-" joins no range.
  { field: 'amount', raw: '1e-200亿', error: 'invalid_money', zh: '总投资“1e-200亿”小于 1 元，请检查数字和单位（本列数字按亿元计）' },
  { field: 'amount', raw: '1E+20亿', error: 'invalid_money', zh: '总投资“1E+20亿”超过 10 万亿元，请检查单位（本列数字按亿元计）' },
  { field: 'outputValue', raw: 1e-9, error: 'invalid_money' },
  { field: 'tax', raw: '0.000001元', error: 'invalid_money' },
  { field: 'amount', raw: 0, value: 0 },
  { field: 'amount', raw: '1元', value: 1e-8 },
  { field: 'jobs', raw: 1e-200, error: 'invalid_integer' },
  { field: 'jobs', raw: '1e-200人', error: 'invalid_integer', zh: '预计就业“1e-200人”应为整数，如 300' },

  // ── integers (预计就业) ──
  { field: 'jobs', raw: 300, value: 300 },
  { field: 'jobs', raw: '300人', value: 300 },
  { field: 'jobs', raw: '约300', value: 300 },
  { field: 'jobs', raw: '3,000', value: 3000 },
  { field: 'jobs', raw: '300余人', value: 300 },
  { field: 'jobs', raw: '500人左右', value: 500 },
  { field: 'jobs', raw: '１２０人', value: 120 },
  { field: 'jobs', raw: '1.2万人', value: 12000 },
  { field: 'jobs', raw: 0, value: 0 },
  { field: 'jobs', raw: '无', value: null },
  { field: 'jobs', raw: 1.5, error: 'invalid_integer', zh: '预计就业“1.5”应为整数，如 300' },
  { field: 'jobs', raw: '12.5人', error: 'invalid_integer' },
  { field: 'jobs', raw: -3, error: 'invalid_integer', en: 'Expected jobs "-3" cannot be negative' },
  { field: 'jobs', raw: '-3人', error: 'invalid_integer' },
  { field: 'jobs', raw: '300-500人', error: 'invalid_integer' },
  { field: 'jobs', raw: 'many', error: 'invalid_integer', en: 'Expected jobs "many" is not a whole number; enter a number such as 300' },
  { field: 'jobs', raw: 1e9, error: 'invalid_integer' },
  { field: 'jobs', raw: true, error: 'invalid_integer' },
  { field: 'jobs', raw: Number.NaN, error: 'invalid_integer' },
  { field: 'jobs', raw: '300人(含临时工)', value: 300 },

  // ── enums ──
  { field: 'investorType', raw: '央企', value: 'centralSoe' },
  { field: 'investorType', raw: '中央企业', value: 'centralSoe' },
  { field: 'investorType', raw: '世界５００强', value: 'fortune500' },
  { field: 'investorType', raw: 'Fortune 500', value: 'fortune500' },
  { field: 'investorType', raw: '无', value: null },
  { field: 'chainRole', raw: ' 补链 ', value: 'fill' },
  { field: 'problemType', raw: '用地', value: 'factors' },
  { field: 'problemType', raw: '土地、资金', value: 'factors' }, // several: the first is recorded
  { field: 'status', raw: '终止', value: 'dropped' },
  { field: 'status', raw: '放弃', value: 'dropped' },
  { field: 'status', raw: '已终止', value: 'dropped' },
  { field: 'status', raw: '暂停', value: 'paused' },
  { field: 'status', raw: 'Active', value: 'active' },
  { field: 'status', raw: '已终止（2025年）', value: 'dropped' },
  {
    field: 'investorType', raw: '个体户', error: 'unknown_enum',
    zh: '投资方类型“个体户”不在可选项中，请填写：央企、地方国企、国字号、世界500强、中国500强、上市公司、民营企业、外资企业、其他',
  },
  {
    field: 'chainRole', raw: '造链', error: 'unknown_enum',
    en: 'Chain role "造链" is not an allowed value; use one of: 建链 (Builds a chain), 补链 (Fills a gap), 强链 (Strengthens), 延链 (Extends)',
  },
  { field: 'status', raw: '完成', error: 'unknown_enum' },
  { field: 'problemType', raw: '土地、天气', error: 'unknown_enum' },
  { field: 'status', raw: true, error: 'unknown_enum' },

  // ── text ──
  { field: 'name', raw: '  XX新能源项目 ', value: 'XX新能源项目' },
  { field: 'name', raw: 'XX项目\n（一期）', value: 'XX项目 （一期）' },
  { field: 'contact', raw: 13800138000, value: '13800138000' },
  { field: 'problem', raw: '无', value: '无' }, // the clerk's answer, kept
  { field: 'progress', raw: '1.完成环评\r\n2.开工 ', value: '1.完成环评\n2.开工' },
  { field: 'name', raw: '-', value: null },
  { field: 'coordination', raw: '  ', value: null },
  { field: 'name', raw: 'x'.repeat(4001), error: 'too_long', zh: `项目名称“${'x'.repeat(30)}…”过长（4001 字），最多 4000 字` },
  { field: 'progress', raw: '#REF!', error: 'excel_error' },
  { field: 'name', raw: Number.NaN, error: 'invalid_value' },

  // ── project IDs ──
  { field: 'id', raw: ' P-7K3M9Q2X ', value: 'P-7K3M9Q2X' },
  { field: 'id', raw: 'Ｐ－７Ｋ３', value: 'P-7K3' },
  { field: 'id', raw: 1001, value: '1001' },
  { field: 'id', raw: 'P 7K3', error: 'invalid_id', zh: '项目编号“P 7K3”中不能有空格' },
  { field: 'id', raw: 'x'.repeat(41), error: 'too_long' },
  { field: 'id', raw: true, error: 'invalid_id' },
];
