/**
 * Numbers written as text: "约300", "3,000", "2000余万", "2亿左右". Shared by money and integer parsing so both
 * accept the same approximations, and integer parsing itself (预计就业).
 */
import { FIELD_BY_KEY, type FieldKey, type RawCell } from '../../../contract/vocabulary';
import type { ParseContext } from '../types';
import { isTypedBlank, normalize } from './blank';
import { fail, ok, type Parsed } from './result';

/** Words around a figure that only say it is approximate, a plan or a lower bound; the figure stands. */
const APPROX_PREFIX = /^(?:约合|大约|约|近|超过|超|逾|预计|计划|总投资|投资|合计)+/;
const APPROX_SUFFIX = /(?:左右|以上|上下|多|余|\+)+$/;
/** "2000余万", "300多人": the 余/多 between figure and unit. */
const APPROX_INFIX = /(\d)(?:余|多)/g;
/** Thousands separators only where they group three digits, so "2,3" is not silently read as 23. */
const THOUSANDS = /(\d),(?=\d{3}(?!\d))/g;
/**
 * A figure as written (after cleanNumericText), its exponent included: "1.5e+10" is how Excel shows a huge number,
 * and "1e-200亿" is one figure, out of range — its "-" joins no second figure.
 */
export const FIGURE = String.raw`\d+(?:\.\d+)?(?:e[+-]?\d+)?`;
/** Two figures joined by a dash or 至/到, each with an optional unit: "2-3亿", "2亿至3亿" (not "2026-03-05", "1e-5"). */
const RANGE = new RegExp(`^${FIGURE}(?!e[+-]?\\d)[^\\d.~至到—–-]*(?:-|~|至|到|—|–)${FIGURE}[^\\d.~至到—–-]*$`);
/** A remark in brackets after the figure: "5000万（一期）", "300人(含临时工)". */
const REMARK = /\([^)]*\)/g;
const NEGATIVE = /^-\d/;

/** NFKC, lower case, no spaces, no thousands separators, no approximation words. */
export function cleanNumericText(text: string): string {
  return normalize(text)
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(REMARK, '')
    .replace(THOUSANDS, '$1')
    .replace(APPROX_PREFIX, '')
    .replace(APPROX_SUFFIX, '')
    .replace(APPROX_INFIX, '$1');
}

/** A written range ("2-3亿", "300~500人"): the clerk must choose one figure. */
export const isRangeText = (cleaned: string): boolean => RANGE.test(cleaned);
export const isNegativeText = (cleaned: string): boolean => NEGATIVE.test(cleaned);

/**
 * Drops binary floating-point noise (5000 × 0.0001 = 0.5000000000000001 → 0.5). A product of two decimals is off
 * by at most ~3.3e-16 relative, less than half a step at 15 significant digits, so any figure with ≤ 15 digits
 * comes back as the decimal the clerk wrote.
 */
export function roundNoise(n: number): number {
  return Number(n.toPrecision(15));
}

/** Head-counts beyond this are typing slips, not a county project. */
export const MAX_INTEGER = 10_000_000;
const INTEGER_TEXT = new RegExp(`^(${FIGURE})(万)?(?:人次|个岗位|岗位|人|名|个)?$`);

/** Non-negative whole numbers such as jobs: 300, "300人", "约300", "3,000", "1.2万人". */
export function parseInteger(raw: RawCell): Parsed<number> {
  if (isTypedBlank(raw)) return ok(null);
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string') {
    const t = cleanNumericText(raw);
    if (isRangeText(t)) return fail('invalid_integer', 'range');
    if (isNegativeText(t)) return fail('invalid_integer', 'negative');
    const m = INTEGER_TEXT.exec(t);
    if (!m) return fail('invalid_integer');
    n = roundNoise(Number(m[1]) * (m[2] ? 10_000 : 1));
  } else return fail('invalid_integer');
  if (!Number.isFinite(n)) return fail('invalid_integer');
  if (n < 0) return fail('invalid_integer', 'negative');
  if (!Number.isInteger(n)) return fail('invalid_integer', 'decimal');
  if (n > MAX_INTEGER) return fail('invalid_integer', 'too_large', MAX_INTEGER);
  return ok(n);
}

/**
 * The unit of a bare number in this field's column (亿元 for money, 亩 for area): the one its header named
 * (ctx.units, read by the add-in), else the field's default.
 */
export function columnUnit(field: FieldKey, ctx: ParseContext): number {
  const fromHeader = ctx.units?.[field];
  if (typeof fromHeader === 'number' && Number.isFinite(fromHeader) && fromHeader > 0) return fromHeader;
  const spec = FIELD_BY_KEY[field];
  return spec?.moneyUnit ?? spec?.areaUnit ?? 1;
}
