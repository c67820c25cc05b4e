/** Small pieces the three leaders' sheets share. */
import type { FlagReason, RawCell } from '../../../contract';
import type { CellStyle } from '../gateway';
import type { Texts } from './text';
import type { SheetWriter } from './writer';

export function reasonText(reasons: readonly FlagReason[], t: Texts, lang: 'zh' | 'en'): string {
  return reasons.map((r) => r.message[lang]).join(t.sep);
}

/** Money as shown: exact to 万元, and -0 never shows. */
export const money = (n: number | null): RawCell => (n === null ? null : Math.round(n * 10_000) / 10_000 || 0);

/** A header, one row per item (styled by `style`), or a "(none)" line; returns the first and last data row. */
export function table<T>(
  w: SheetWriter,
  t: Texts,
  header: RawCell[],
  items: readonly T[],
  cells: (item: T, index: number) => RawCell[],
  style?: (item: T) => CellStyle | null,
): { header: number; first: number; last: number } {
  const h = w.header(header);
  if (items.length === 0) w.note(t.none);
  items.forEach((item, i) => w.line(cells(item, i), style?.(item)));
  return { header: h, first: h + 1, last: items.length ? h + items.length : h };
}
