/**
 * Header-row detection and header → field mapping. Real ledgers put a merged title row above the header,
 * sometimes a units row below it, sometimes two header rows where the second refines the first
 * ("时间节点" over "签约时间 | 开工时间"). The header is the row (or pair of rows) whose cells best match the
 * contract's alias table.
 */
import { FIELD_BY_KEY, HEADER_ALIASES, headerAreaUnit, headerMoneyUnit, normalizeHeader, type FieldKey, type Message } from '../../contract';
import { cellAddress, colLetter } from './a1';
import type { WorkbookSettings } from './gateway';
import { cellText, type Grid } from './grid';
import { MSG } from './messages';
import { OWNED_COLUMNS } from './flag-style';

/** Rows scanned for the header. */
export const HEADER_SCAN_ROWS = 15;

export type OwnedKey = 'flag' | 'reason';
const OWNED_ALIASES: ReadonlyMap<string, OwnedKey> = new Map([
  ...['旗帜', '红黄旗', '预警旗帜', 'flag', OWNED_COLUMNS.flag.en].map((a) => [normalizeHeader(a), 'flag'] as const),
  ...['预警原因', '预警说明', '亮旗原因', 'flagreasons', 'reasons', OWNED_COLUMNS.reason.en].map((a) => [normalizeHeader(a), 'reason'] as const),
]);
/** Row-number columns: never the project id. */
const SERIAL_HEADERS = new Set(['序号', '序', 'no', 'seq', '#', '行号'].map(normalizeHeader));
export const isSerialHeader = (text: string): boolean => SERIAL_HEADERS.has(normalizeHeader(text));
/** A single-sheet ledger names each row's list in a stage column. */
const STAGE_HEADERS = new Set(['阶段', '清单', '所属清单', '项目阶段', '清单类别', '清单类型', 'stage', 'list'].map(normalizeHeader));
const UNITS_CELL = /^[(（]?\s*(亿元|万元|元|亿|万|人|个|%|万元\/年|亿元\/年|年月日|年\/月\/日|亩|平方米|公顷)\s*[)）]?$/;

export interface HeaderIssue {
  sheet: string;
  cell: string;
  header: string;
  kind: 'unmapped' | 'duplicate';
  message: Message;
}

export interface MappedColumn {
  col: number;
  field: FieldKey;
  header: string;
}

export interface HeaderMap {
  /** First and last header row (equal for a one-row header). */
  headerTop: number;
  headerBottom: number;
  /** First row that may hold data (after a units row, when there is one). */
  dataTop: number;
  columns: MappedColumn[];
  colOf: Partial<Record<FieldKey, number>>;
  /** Money unit per field, from "（万元）" in a header or a units row. */
  units: Partial<Record<FieldKey, number>>;
  /** Owned columns found by header. */
  owned: Partial<Record<OwnedKey, number>>;
  stageCol?: number;
  /** The 序号 (row number) column, if any. */
  serialCol?: number;
  /** Right-most column with header text. */
  lastHeaderCol: number;
  /** Header text of every column that has one (for copying unmapped columns on a row move). */
  headerText: Map<number, string>;
  issues: HeaderIssue[];
}

type Match = { field: FieldKey } | { owned: OwnedKey } | { stage: true } | { serial: true } | null;

function match(text: string): Match {
  const n = normalizeHeader(text);
  if (!n) return null;
  const field = HEADER_ALIASES.get(n);
  if (field) return { field };
  const owned = OWNED_ALIASES.get(n);
  if (owned) return { owned };
  if (STAGE_HEADERS.has(n)) return { stage: true };
  if (SERIAL_HEADERS.has(n)) return { serial: true };
  // 所处阶段, 当前阶段, 进度阶段, 清单类别…: a header naming a stage or a list, spelled however a county spells it.
  if (/阶段|清单/.test(n)) return { stage: true };
  return null;
}

function rowTexts(g: Grid, row: number, filled: boolean): string[] {
  const out: string[] = [];
  for (let c = g.left; c <= g.right; c++) out[c] = cellText(filled ? g.filled(row, c) : g.raw(row, c));
  return out;
}

/** How header-like a row is: distinct fields and owned columns its cells name. */
function score(texts: string[]): number {
  const seen = new Set<string>();
  for (const t of texts) {
    const m = t ? match(t) : null;
    if (m && 'field' in m) seen.add(m.field);
    else if (m && 'owned' in m) seen.add(m.owned);
    else if (m && 'stage' in m) seen.add('stage');
  }
  return seen.size;
}

/** True when row b refines row a: b names fields under group titles of a, or header cells merge across both. */
function refines(g: Grid, a: number, b: number): boolean {
  if (a < g.top || b > g.bottom) return false;
  const upper = rowTexts(g, a, true);
  if (score(upper) < 1) return false;
  for (let c = g.left; c <= g.right; c++) {
    const m = g.mergeAt(a, c);
    if (m && m.top <= a && m.bottom >= b && upper[c]) return true;
  }
  const lower = rowTexts(g, b, false);
  let nonblank = 0;
  let mapped = 0;
  for (let c = g.left; c <= g.right; c++) {
    if (!lower[c]) continue;
    nonblank++;
    const m = match(lower[c]!);
    if (!m || 'serial' in m) continue;
    const above = upper[c] ? match(upper[c]!) : null;
    if (above && !('serial' in above)) return false; // the upper row already names this column: b is data
    mapped++;
  }
  return mapped > 0 && mapped * 2 >= nonblank;
}

export function detectHeader(g: Grid, overrides?: WorkbookSettings['headerOverrides']): HeaderMap | null {
  const last = Math.min(g.bottom, g.top + HEADER_SCAN_ROWS - 1);
  let best = -1;
  let bestScore = 1; // one matching cell is a coincidence; a header names at least two fields
  for (let r = g.top; r <= last; r++) {
    const s = score(rowTexts(g, r, true));
    if (s > bestScore) [best, bestScore] = [r, s];
  }
  // A header the clerk mapped by hand (headerOverrides) is the first row with text when no row names known fields.
  if (best < 0 && Object.keys(overrides?.[g.name] ?? {}).length) {
    for (let r = g.top; r <= last && best < 0; r++) if (rowTexts(g, r, true).some(Boolean)) best = r;
  }
  if (best < 0) return null;
  let headerTop = best;
  let headerBottom = best;
  if (refines(g, best - 1, best)) headerTop = best - 1;
  else if (refines(g, best, best + 1)) headerBottom = best + 1;

  let dataTop = headerBottom + 1;
  const unitsRow = rowTexts(g, dataTop, false);
  const hasUnitsRow = dataTop <= g.bottom && unitsRow.some(Boolean) && unitsRow.every((t) => !t || UNITS_CELL.test(t));
  if (hasUnitsRow) dataTop++;

  const byLetter = overrides?.[g.name] ?? {};
  const map: HeaderMap = {
    headerTop, headerBottom, dataTop, columns: [], colOf: {}, units: {}, owned: {}, lastHeaderCol: 0,
    headerText: new Map(), issues: [],
  };
  const firstCellOf = new Map<FieldKey, string>();
  for (let c = g.left; c <= g.right; c++) {
    const texts: string[] = [];
    for (let r = headerBottom; r >= headerTop; r--) {
      const t = cellText(g.filled(r, c));
      if (t && !texts.includes(t)) texts.push(t); // lower (more specific) row first
    }
    if (texts.length === 0 && !byLetter[colLetter(c)]) continue;
    const header = [...texts].reverse().join('/');
    if (texts.length) {
      map.lastHeaderCol = c;
      map.headerText.set(c, header);
    }
    const cell = cellAddress(texts.length ? headerRowOf(g, c, headerTop, headerBottom) : headerTop, c);
    const override = byLetter[colLetter(c)];
    let m: Match = override === 'ignore' ? null : override ? { field: override } : null;
    if (!override) for (const t of texts) if ((m = match(t))) break;
    if (!m) {
      if (texts.length && override !== 'ignore') {
        map.issues.push({ sheet: g.name, cell, header, kind: 'unmapped', message: MSG.unmappedHeader(g.name, cell, header) });
      }
      continue;
    }
    if ('serial' in m) {
      map.serialCol ??= c;
      continue;
    }
    if ('stage' in m) {
      map.stageCol ??= c;
      continue;
    }
    if ('owned' in m) {
      map.owned[m.owned] ??= c;
      continue;
    }
    const field = m.field;
    const first = firstCellOf.get(field);
    if (first) {
      map.issues.push({ sheet: g.name, cell, header, kind: 'duplicate', message: MSG.duplicateHeader(g.name, cell, header, first) });
      continue;
    }
    firstCellOf.set(field, cell);
    map.columns.push({ col: c, field, header });
    map.colOf[field] = c;
    const type = FIELD_BY_KEY[field].type;
    if (type === 'money' || type === 'area') {
      const unitTexts = [...texts, ...(hasUnitsRow ? [unitsRow[c] ?? ''] : [])];
      // An area column's unit is 亩 per unit (（平方米）, （公顷）); a money column's 亿元 per unit.
      const unit = unitTexts.map(type === 'area' ? headerAreaUnit : headerMoneyUnit).find((u) => u !== undefined);
      if (unit !== undefined) map.units[field] = unit;
    }
  }
  return map;
}

/** The header row whose cell names the column (the lower row of a two-row header when it has text). */
function headerRowOf(g: Grid, c: number, top: number, bottom: number): number {
  for (let r = bottom; r >= top; r--) if (cellText(g.raw(r, c))) return r;
  const m = g.mergeAt(top, c);
  return m ? m.top : top;
}
