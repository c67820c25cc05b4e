/**
 * Amounts in 亿元 (the unit leaders read). A bare number is in its column's unit (the header's "（万元）", else the
 * catalogue default); text may name its own unit ("5000万", "2.3亿元").
 *
 * Ranges ("2-3亿") are rejected rather than guessed: leaders add these figures up, and neither end of a range is
 * what the clerk knows — they should write the figure they would report.
 */
import type { RawCell } from '../../../contract/vocabulary';
import { isTypedBlank } from './blank';
import { cleanNumericText, FIGURE, isNegativeText, isRangeText, roundNoise } from './numbers';
import { fail, ok, type Parsed } from './result';

/** 10 万亿元: more than any county project; a larger figure is a unit slip (元 typed into a 亿元 column). */
export const MAX_MONEY = 100_000;
/**
 * 1 元 in 亿元: a non-zero amount below it is a slip (or, like 1e-200, a number DynamoDB cannot even store — its
 * numbers reach down to 1e-130 only), so it is a field error naming the cell before anything is written.
 */
export const MIN_MONEY = 1e-8;

/** 亿元 per written unit. */
const UNIT_FACTORS: Readonly<Record<string, number>> = {
  亿: 1, 亿元: 1, 千万: 0.1, 千万元: 0.1, 百万: 0.01, 百万元: 0.01, 万: 1e-4, 万元: 1e-4, 元: 1e-8,
};
const CURRENCY = /[¥$]|rmb|cny|人民币/g;
const MONEY_TEXT = new RegExp(`^(${FIGURE})(亿元?|千万元?|百万元?|万元?|元)?$`);

/** Parses an amount to 亿元. `unit` is 亿元 per unit of a bare number. */
export function parseMoney(raw: RawCell, unit: number): Parsed<number> {
  if (isTypedBlank(raw)) return ok(null);
  let amount: number;
  if (typeof raw === 'number') amount = raw * unit;
  else if (typeof raw === 'string') {
    const t = cleanNumericText(raw).replace(CURRENCY, '');
    if (isRangeText(t)) return fail('invalid_money', 'range');
    if (isNegativeText(t)) return fail('invalid_money', 'negative');
    const m = MONEY_TEXT.exec(t);
    if (!m) return fail('invalid_money');
    amount = Number(m[1]) * (m[2] ? UNIT_FACTORS[m[2]]! : unit);
  } else return fail('invalid_money');
  if (!Number.isFinite(amount)) return fail('invalid_money');
  if (amount < 0) return fail('invalid_money', 'negative');
  const value = roundNoise(amount);
  if (value > MAX_MONEY) return fail('invalid_money', 'too_large', MAX_MONEY);
  if (value !== 0 && value < MIN_MONEY) return fail('invalid_money', 'too_small', MIN_MONEY);
  return ok(value);
}
