/**
 * How figures look in the leaders' sheets, decided from a column's header so every table gets it without saying so:
 * money in 亿元 (the header says "（亿元）" / "(100M CNY)") and the per-mu figures in 万元 ("万元/亩", "10k CNY") with two
 * decimals, reasons and coordination texts wrapped in their column, and a dash for a figure a list does not have.
 */
import type { RawCell } from '../../../contract';
import { texts } from './text';

/** Money with two decimals (亿元 to 百万元, 万元/亩 to 百元): the stored figure stays exact, only its display is fixed. */
export const MONEY_FORMAT = '0.00';

/** Shown for a figure a list does not have (no project of the list states it), and where nothing compares. */
export const NO_FIGURE = '—';

/** A header naming 亿元 or 万元 (zh), 100M CNY or 10k CNY (en): its column's figures are money. */
export const isMoneyHeader = (cell: RawCell): boolean => typeof cell === 'string' && /亿元|万元|100M CNY|10k CNY/.test(cell);

const WRAPPED = new Set((['zh', 'en'] as const).flatMap((l) => [texts(l).col.reasons, texts(l).col.coordination]));

/** A header of long text (预警原因, 需协调事项): every cell under it wraps within the column. */
export const isWrappedHeader = (cell: RawCell): boolean => typeof cell === 'string' && WRAPPED.has(cell);

/** A contribution figure (预计产值, 税收, 就业) summed over a list: 0 means none of its projects states one. */
export const figureOrDash = (n: number | null): RawCell => (n === null || n === 0 ? NO_FIGURE : n);
