/**
 * The write side of the Office gateway in pieces: a Step is one part of a write request (its estimated size and
 * the commands it queues); list-steps.ts, leader-steps.ts and settings.ts produce them, gateway.ts packs them
 * into as few requests as the budget allows. Also the helpers both sheet kinds share (styles, column blocks,
 * column widths).
 */
import type { StyleWrite } from '../core/gateway';
import { cellsToAreas, joinAreas } from './addresses';
import { jsonBytes } from './values';

export type Ctx = Excel.RequestContext;
/** The worksheet of that name, got once per request. */
export type SheetOf = (name: string) => Excel.Worksheet;

/** One piece of the write: its estimated request size and the commands it queues. */
export interface Step {
  bytes: number;
  queue: (ctx: Ctx, sheet: SheetOf) => void;
}

/** Fixed per-command overhead of the Office.js request envelope (object paths, action ids), estimated. */
export const COMMAND_BYTES = 300;
/** Column blocks are cut so a single command stays well under the budget. */
const BLOCK_BYTES = 512 * 1024;

/** Excel column width: characters of the default font → points (7 px per character + 5 px padding, 0.75 pt/px). */
export const charsToPoints = (chars: number) => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

/** Packs steps in order into requests under the budget (a step bigger than the budget goes alone). */
export function pack(steps: Step[], budget: number): Step[][] {
  const batches: Step[][] = [];
  let current: Step[] = [];
  let size = 0;
  for (const step of steps) {
    if (current.length && size + step.bytes > budget) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(step);
    size += step.bytes;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** Fills and font colours for one style: cells grouped into getRanges address strings under 8,000 characters. */
export function styleSteps(sheetName: string, { style, cells }: StyleWrite): Step[] {
  return joinAreas(cellsToAreas(cells)).map((address) => ({
    bytes: address.length + COMMAND_BYTES,
    queue: (_ctx, sheet) => {
      const format = sheet(sheetName).getRanges(address).format;
      if (style.fill === null) format.fill.clear();
      else format.fill.color = style.fill;
      // Office.js cannot set "automatic" text colour; black is what automatic shows on an unfilled cell.
      format.font.color = style.font ?? '#000000';
    },
  }));
}

/** Rows cut into blocks of at most BLOCK_BYTES of JSON, with their offset from the first row. */
export function blocks<T>(rows: T[][]): Array<{ offset: number; rows: T[][]; bytes: number }> {
  const out: Array<{ offset: number; rows: T[][]; bytes: number }> = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    const b = jsonBytes(row) + 1;
    if (i > start && bytes + b > BLOCK_BYTES) {
      out.push({ offset: start, rows: rows.slice(start, i), bytes });
      start = i;
      bytes = 0;
    }
    bytes += b;
  });
  if (rows.length > start) out.push({ offset: start, rows: rows.slice(start), bytes });
  return out;
}
