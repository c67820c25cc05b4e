/**
 * Bilingual error text. Every message names the field by its catalogue name and quotes the value the clerk
 * typed (shortened), so the note on the row says what to fix without opening any manual.
 */
import { ENUMS, oneLineText, type FieldError, type FieldSpec, type Message } from '../../../contract/vocabulary';
import { MAX_YEAR, MIN_YEAR } from './dates';
import type { Failure } from './result';

const QUOTE_LENGTH = 30;

/** The value as the clerk sees it, on one line, cut to ~30 characters. Safe for anything a caller passes. */
export function quote(raw: unknown): string {
  let text: string;
  if (typeof raw === 'string') text = raw;
  else if (typeof raw === 'number' || typeof raw === 'bigint') text = String(raw);
  else if (typeof raw === 'boolean') text = raw ? 'TRUE' : 'FALSE';
  else if (raw === null || raw === undefined) text = '';
  else text = `[${typeof raw}]`;
  const chars = [...oneLineText(text)];
  return chars.length > QUOTE_LENGTH ? `${chars.slice(0, QUOTE_LENGTH).join('')}…` : chars.join('');
}

/** The name of a column's money unit (亿元 per unit). */
function unitName(unit: number): Message {
  const names: Record<string, Message> = {
    1: { zh: '亿元', en: '亿元 (100 million yuan)' },
    0.1: { zh: '千万元', en: '千万元 (10 million yuan)' },
    0.01: { zh: '百万元', en: '百万元 (million yuan)' },
    0.0001: { zh: '万元', en: '万元 (10 thousand yuan)' },
    1e-8: { zh: '元', en: '元 (yuan)' },
  };
  return names[String(unit)] ?? { zh: `${unit} 亿元`, en: `${unit} × 100 million yuan` };
}

const EXAMPLE_DATE = '2026-03-05';

type Context = { spec: FieldSpec; v: string; failure: Failure; raw: unknown; unit: number; options: readonly string[] };

/** The name of an area column's unit (亩 per unit). */
function areaUnitName(unit: number): Message {
  if (unit === 15) return { zh: '公顷', en: '公顷 (hectares)' };
  if (Math.abs(unit - 3 / 2000) < 1e-12) return { zh: '平方米', en: '平方米 (square metres)' };
  if (unit === 1) return { zh: '亩', en: '亩 (mu)' };
  return { zh: `${unit} 亩`, en: `${unit} mu` };
}

const TEMPLATES: Record<string, (c: Context) => Message> = {
  invalid_date: ({ spec, v, failure }) => {
    if (failure.reason === 'year') {
      return {
        zh: `${spec.zh}“${v}”的年份不在 ${MIN_YEAR}–${MAX_YEAR} 之间，请填写如 ${EXAMPLE_DATE} 的日期`,
        en: `${spec.en} "${v}" is outside the years ${MIN_YEAR}–${MAX_YEAR}; enter a date such as ${EXAMPLE_DATE}`,
      };
    }
    if (failure.reason === 'ambiguous') {
      return {
        zh: `${spec.zh}“${v}”无法确定是 1 月还是 10 月（Excel 去掉了末尾的 0），请填写如 ${EXAMPLE_DATE} 的日期`,
        en: `${spec.en} "${v}" could be January or October (Excel drops the trailing 0); enter a date such as ${EXAMPLE_DATE}`,
      };
    }
    return {
      zh: `${spec.zh}“${v}”不是有效日期，请填写如 ${EXAMPLE_DATE} 的日期`,
      en: `${spec.en} "${v}" is not a valid date; enter a date such as ${EXAMPLE_DATE}`,
    };
  },
  invalid_money: ({ spec, v, failure, unit }) => {
    const u = unitName(unit);
    switch (failure.reason) {
      case 'range':
        return {
          zh: `${spec.zh}“${v}”是一个范围，请只填写一个金额，如 3亿`,
          en: `${spec.en} "${v}" is a range; enter a single amount, such as 3亿`,
        };
      case 'negative':
        return { zh: `${spec.zh}“${v}”不能为负数`, en: `${spec.en} "${v}" cannot be negative` };
      case 'too_large':
        return {
          zh: `${spec.zh}“${v}”超过 10 万亿元，请检查单位（本列数字按${u.zh}计）`,
          en: `${spec.en} "${v}" exceeds 10 trillion yuan; check the unit (numbers in this column are in ${u.en})`,
        };
      case 'too_small':
        return {
          zh: `${spec.zh}“${v}”小于 1 元，请检查数字和单位（本列数字按${u.zh}计）`,
          en: `${spec.en} "${v}" is less than 1 yuan; check the figure and the unit (numbers in this column are in ${u.en})`,
        };
      default:
        return {
          zh: `${spec.zh}“${v}”不是有效金额，请填写数字（单位：${u.zh}）或如 2.3亿、5000万 的金额`,
          en: `${spec.en} "${v}" is not a valid amount; enter a number in ${u.en} or an amount such as 2.3亿 or 5000万`,
        };
    }
  },
  invalid_integer: ({ spec, v, failure }) => {
    switch (failure.reason) {
      case 'range':
        return {
          zh: `${spec.zh}“${v}”是一个范围，请只填写一个数字，如 300`,
          en: `${spec.en} "${v}" is a range; enter a single number, such as 300`,
        };
      case 'negative':
        return { zh: `${spec.zh}“${v}”不能为负数`, en: `${spec.en} "${v}" cannot be negative` };
      case 'decimal':
        return { zh: `${spec.zh}“${v}”应为整数，如 300`, en: `${spec.en} "${v}" must be a whole number, such as 300` };
      case 'too_large':
        return {
          zh: `${spec.zh}“${v}”超过 ${failure.limit}，请检查`,
          en: `${spec.en} "${v}" exceeds ${failure.limit}; please check it`,
        };
      default:
        return {
          zh: `${spec.zh}“${v}”不是有效的整数，请填写如 300 的数字`,
          en: `${spec.en} "${v}" is not a whole number; enter a number such as 300`,
        };
    }
  },
  invalid_area: ({ spec, v, failure, unit }) => {
    const u = areaUnitName(unit);
    switch (failure.reason) {
      case 'range':
        return { zh: `${spec.zh}“${v}”是一个范围，请只填写一个面积，如 120亩`, en: `${spec.en} "${v}" is a range; enter a single area, such as 120亩` };
      case 'negative':
        return { zh: `${spec.zh}“${v}”不能为负数`, en: `${spec.en} "${v}" cannot be negative` };
      case 'too_large':
        return {
          zh: `${spec.zh}“${v}”超过 ${failure.limit} 亩，请检查单位（本列数字按${u.zh}计）`,
          en: `${spec.en} "${v}" exceeds ${failure.limit} mu; check the unit (numbers in this column are in ${u.en})`,
        };
      default:
        return {
          zh: `${spec.zh}“${v}”不是有效面积，请填写数字（单位：${u.zh}）或如 120亩、8公顷、80000平方米 的面积`,
          en: `${spec.en} "${v}" is not a valid area; enter a number in ${u.en} or an area such as 120亩, 8公顷 or 80000平方米`,
        };
    }
  },
  unknown_choice: ({ spec, v, options }) => ({
    zh: `${spec.zh}“${v}”不在本县配置的可选项中，请填写：${options.join('、')}`,
    en: `${spec.en} "${v}" is not one of the county's options; use one of: ${options.join(', ')}`,
  }),
  unknown_enum: ({ spec, v }) => {
    const options = spec.enumKey ? ENUMS[spec.enumKey] : [];
    return {
      zh: `${spec.zh}“${v}”不在可选项中，请填写：${options.map((o) => o.zh).join('、')}`,
      en: `${spec.en} "${v}" is not an allowed value; use one of: ${options.map((o) => `${o.zh} (${o.en})`).join(', ')}`,
    };
  },
  too_long: ({ spec, v, failure, raw }) => {
    const length = typeof raw === 'string' ? [...raw.trim()].length : v.length;
    return {
      zh: `${spec.zh}“${v}”过长（${length} 字），最多 ${failure.limit} 字`,
      en: `${spec.en} "${v}" is too long (${length} characters, at most ${failure.limit})`,
    };
  },
  invalid_id: ({ spec, v, failure }) =>
    failure.reason === 'space'
      ? { zh: `${spec.zh}“${v}”中不能有空格`, en: `${spec.en} "${v}" must not contain spaces` }
      : { zh: `${spec.zh}“${v}”不是有效的编号`, en: `${spec.en} "${v}" is not a valid ID` },
  excel_error: ({ spec, v }) => ({
    zh: `${spec.zh}单元格是错误值 ${v}，请先修正公式`,
    en: `${spec.en} cell holds the error value ${v}; fix the formula first`,
  }),
  required: ({ spec }) => ({ zh: `${spec.zh}不能为空`, en: `${spec.en} is required` }),
};

const UNREADABLE = ({ spec, v }: Context): Message => ({
  zh: `${spec.zh}“${v}”无法识别`,
  en: `${spec.en} "${v}" cannot be read`,
});

/** The FieldError for a failed cell. `unit` is the column's money (or area) unit; `options` a configured choice's. */
export function fieldError(spec: FieldSpec, failure: Failure, raw: unknown, unit = 1, options: readonly string[] = []): FieldError {
  const template = TEMPLATES[failure.code] ?? UNREADABLE;
  return { field: spec.key, code: failure.code, message: template({ spec, v: quote(raw), failure, raw, unit, options }) };
}

/** A required field (项目名称) left blank. */
export function requiredError(spec: FieldSpec): FieldError {
  return fieldError(spec, { ok: false, code: 'required' }, null);
}

/** A key outside the catalogue (only possible from unchecked input). */
export function unknownFieldError(field: unknown): FieldError {
  const v = quote(field);
  return { field: null, code: 'unknown_field', message: { zh: `未知字段“${v}”`, en: `Unknown field "${v}"` } };
}
