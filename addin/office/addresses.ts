/** Turning cell lists into the address strings Office.js takes, within its limits. Pure. */
import { cellAddress } from '../core/a1';
import type { CellRef } from '../core/gateway';

/** worksheet.getRanges takes one address string; Excel rejects very long ones, so stay under 8,000 characters. */
export const MAX_RANGES_CHARS = 8_000;

/** Cells → A1 areas, merging runs of consecutive rows in one column ("C5:C9"), in a stable order. */
export function cellsToAreas(cells: CellRef[]): string[] {
  const byCol = new Map<number, number[]>();
  for (const { row, col } of cells) {
    const rows = byCol.get(col) ?? [];
    rows.push(row);
    byCol.set(col, rows);
  }
  const out: string[] = [];
  for (const col of [...byCol.keys()].sort((a, b) => a - b)) {
    const rows = [...new Set(byCol.get(col))].sort((a, b) => a - b);
    for (const { from, to } of runs(rows)) out.push(from === to ? cellAddress(rows[from]!, col) : `${cellAddress(rows[from]!, col)}:${cellAddress(rows[to]!, col)}`);
  }
  return out;
}

/** Runs of consecutive integers in an ascending list, as index ranges into it: [3,4,5,9] → {0,2}, {3,3}. */
export function runs(sorted: readonly number[]): Array<{ from: number; to: number }> {
  const out: Array<{ from: number; to: number }> = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push({ from: i, to: j });
    i = j + 1;
  }
  return out;
}

/** Joins areas with "," into strings of at most maxChars characters each. */
export function joinAreas(areas: string[], maxChars = MAX_RANGES_CHARS): string[] {
  const out: string[] = [];
  let current = '';
  for (const area of areas) {
    if (current && current.length + 1 + area.length > maxChars) {
      out.push(current);
      current = '';
    }
    current = current ? `${current},${area}` : area;
  }
  if (current) out.push(current);
  return out;
}

/** A sheet name as Excel writes it in a qualified address: 'Sheet name'!A1. */
export function qualified(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}
