/** Reading a LeaderSheetPlan back the way a leader would see the sheet. */
import { parseArea } from '../../../../addin/core/a1';
import type { CellStyle, LeaderCell, LeaderSheetPlan } from '../../../../addin/core/gateway';

export const cell = (p: LeaderSheetPlan, row: number, col: number): LeaderCell => p.rows[row - 1]?.[col - 1] ?? null;

/** The 1-based row whose first cell is `text` (the first at or after `from`). */
export function rowOf(p: LeaderSheetPlan, text: string, from = 1): number {
  const i = p.rows.findIndex((r, j) => j + 1 >= from && r[0] === text);
  if (i < 0) throw new Error(`no row starting with ${text}`);
  return i + 1;
}

export function styleAt(p: LeaderSheetPlan, row: number, col: number): CellStyle | null {
  const hits = p.styles.filter((s) => s.cells.some((c) => c.row === row && c.col === col));
  if (hits.length > 1) throw new Error(`cell ${row},${col} styled twice`);
  return hits[0]?.style ?? null;
}

export const isBold = (p: LeaderSheetPlan, row: number, col: number) => p.bold.some((c) => c.row === row && c.col === col);

/** For each numeric column of the totals row, the sum of the rows between the header and it. */
export function expectTotalsAreSums(p: LeaderSheetPlan, header: number, totals: number): void {
  const width = p.rows[totals - 1]!.length;
  let checked = 0;
  for (let col = 2; col <= width; col++) {
    const total = cell(p, totals, col);
    if (typeof total !== 'number') continue;
    let sum = 0;
    // '—' is a figure the row's list does not have: nothing to add.
    for (let r = header + 1; r < totals; r++) sum += cell(p, r, col) === '—' ? 0 : Number(cell(p, r, col) ?? 0);
    expect({ col, total }).toEqual({ col, total: Math.round(sum * 10_000) / 10_000 });
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
}

/** Every A1 range of the plan lies inside the written rows. */
export function expectRangesInside(p: LeaderSheetPlan): void {
  for (const a1 of [...(p.dataBars ?? []), ...(p.charts ?? []).map((c) => c.range)]) {
    const area = parseArea(a1)!;
    expect(area.bottom).toBeLessThanOrEqual(p.rows.length);
    expect(area.top).toBeGreaterThanOrEqual(1);
  }
}
