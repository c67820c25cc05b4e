/**
 * What the flag rules need to know about time, computed once per (asOf, cut-off settings) and reused for
 * every project: the local day of asOf and a window of the cut-offs before it, with their local days and
 * zone offsets. Rules then count cut-offs by binary search and turn instants into local dates without
 * calling Intl (which costs microseconds a call) in the hot path.
 */
import type { CountyConfig, CutoffConfig } from '../../../contract/vocabulary';
import { cutoffMinutes, cutoffMsOnDay, lastCutoffDay, localDayOf, MS_PER_MINUTE, msToInstant, parseInstant, zoneOffsetMs } from '../calendar';
import { dayToIso, ledgerDateToDay, MS_PER_DAY } from '../days';
import type { FlagHistory } from '../types';

/** Ten years of cut-offs: older instants take the exact but slower path. */
const WINDOW_WEEKS = 520;

export interface CutoffWindow {
  cutoff: CutoffConfig;
  /** Cut-off instants (ms), oldest first, the last one at or before asOf. */
  ms: Float64Array;
  /** Local day number of each cut-off. */
  day: Int32Array;
  /** Zone offset (local − UTC, ms) at each cut-off. */
  offset: Float64Array;
  /** asOf and the zone offset there, closing the last interval. */
  endMs: number;
  endOffset: number;
}

/** An instant the rules evaluate at: asOf itself, or one of the past cut-offs (escalation). */
export interface EvalPoint {
  ms: number;
  /** The same instant as ISO text (cut-off levels are recorded under it). */
  iso: string;
  /** Its local calendar day. */
  day: number;
  /** Index in the window of the last cut-off at or before `ms`. */
  cutoffIdx: number;
}

export interface EvalContext {
  config: CountyConfig;
  window: CutoffWindow;
  now: EvalPoint;
  /** The last cut-offs at or before asOf, newest first, as many as escalation looks back. */
  pastCutoffs: EvalPoint[];
}

function buildWindow(asOfMs: number, cutoff: CutoffConfig): CutoffWindow {
  const last = lastCutoffDay(asOfMs, cutoff);
  const minutes = cutoffMinutes(cutoff);
  const ms = new Float64Array(WINDOW_WEEKS);
  const day = new Int32Array(WINDOW_WEEKS);
  const offset = new Float64Array(WINDOW_WEEKS);
  for (let i = 0; i < WINDOW_WEEKS; i++) {
    day[i] = last - (WINDOW_WEEKS - 1 - i) * 7;
    ms[i] = cutoffMsOnDay(day[i]!, cutoff);
    // The cut-off is at local day + time, so its offset needs no Intl call (exact unless the cut-off time
    // falls into a DST gap, where only the local dates of instants within that hour can be off).
    offset[i] = day[i]! * MS_PER_DAY + minutes * MS_PER_MINUTE - ms[i]!;
  }
  return { cutoff, ms, day, offset, endMs: asOfMs, endOffset: zoneOffsetMs(asOfMs, cutoff.timeZone) };
}

function buildContext(asOf: string, config: CountyConfig): EvalContext {
  const asOfMs = parseInstant(asOf);
  const window = buildWindow(asOfMs, { ...config.cutoff });
  const last = WINDOW_WEEKS - 1;
  const pastCutoffs: EvalPoint[] = [];
  for (let k = 0; k < config.rules.escalation.consecutiveCutoffs; k++) {
    const ms = window.ms[last - k]!;
    pastCutoffs.push({ ms, iso: msToInstant(ms), day: window.day[last - k]!, cutoffIdx: last - k });
  }
  return {
    config,
    window,
    now: { ms: asOfMs, iso: asOf, day: localDayOf(asOfMs, config.cutoff.timeZone), cutoffIdx: last },
    pastCutoffs,
  };
}

const contexts = new Map<string, EvalContext>();
/** The last answer: a batch asks for the same (asOf, config) again and again. */
let lastAsOf = '';
let lastContext: EvalContext | null = null;

/**
 * The context for (asOf, config), memoised: a batch evaluates thousands of projects as of the same instant.
 * Keyed by the values that shape it, so equal configs from different requests share it; bounded.
 */
export function contextFor(asOf: string, config: CountyConfig): EvalContext {
  const { weekday, time, timeZone } = config.cutoff;
  if (lastContext?.config === config && lastAsOf === asOf && sameShape(lastContext, config)) return lastContext;
  const key = `${asOf}|${weekday}|${time}|${timeZone}|${config.rules.escalation.consecutiveCutoffs}`;
  const hit = contexts.get(key);
  // Thresholds are read from `config` at evaluation time, so a hit must carry the caller's config object.
  let ctx = hit?.config === config ? hit : undefined;
  if (!ctx) {
    if (contexts.size >= 32) contexts.clear();
    ctx = hit ? { ...hit, config } : buildContext(asOf, config);
    contexts.set(key, ctx);
  }
  lastAsOf = asOf;
  lastContext = ctx;
  return ctx;
}

/** True when `config` still has the settings `ctx` was built for (a caller may have edited it in place). */
function sameShape(ctx: EvalContext, config: CountyConfig): boolean {
  const a = ctx.window.cutoff;
  const b = config.cutoff;
  return a.weekday === b.weekday && a.time === b.time && a.timeZone === b.timeZone && ctx.pastCutoffs.length === config.rules.escalation.consecutiveCutoffs;
}

/** Index of the first window cut-off after `t`. */
function firstAfter(w: CutoffWindow, t: number): number {
  let lo = 0;
  let hi = w.ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (w.ms[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many cut-offs lie in (t, at]. */
export function cutoffsAfter(t: number, at: EvalPoint, ctx: EvalContext): number {
  if (t >= at.ms) return 0;
  const w = ctx.window;
  if (t >= w.ms[0]!) return Math.max(0, at.cutoffIdx - firstAfter(w, t) + 1);
  return (w.day[at.cutoffIdx]! - lastCutoffDay(t, w.cutoff)) / 7;
}

/** The local calendar date ("YYYY-MM-DD") of instant `t`, for messages. */
export function localDate(t: number, ctx: EvalContext): string {
  const w = ctx.window;
  const i = firstAfter(w, t) - 1;
  const last = w.ms.length - 1;
  let offset: number;
  if (i >= 0 && (i < last ? w.offset[i] === w.offset[i + 1] : t <= w.endMs && w.offset[i] === w.endOffset)) {
    // No DST change between the bracketing cut-offs (zones never change twice within a week).
    offset = w.offset[i]!;
  } else {
    offset = zoneOffsetMs(t, w.cutoff.timeZone);
  }
  return isoDate(Math.floor((t + offset) / MS_PER_DAY));
}

/** The local date of a window cut-off. */
export function cutoffDate(idx: number, ctx: EvalContext): string {
  return isoDate(ctx.window.day[idx]!);
}

/*
 * Memoised day ↔ date conversions: a county's ledgers hold a few thousand distinct dates, and the plain
 * conversions (string splitting, Date objects) were the engine's largest cost. Bounded by clearing.
 */
const MEMO_LIMIT = 50_000;
const isoDates = new Map<number, string>();
const startDays = new Map<string, number>();
const endDays = new Map<string, number>();

export function isoDate(day: number): string {
  let iso = isoDates.get(day);
  if (iso === undefined) {
    if (isoDates.size >= MEMO_LIMIT) isoDates.clear();
    iso = dayToIso(day);
    isoDates.set(day, iso);
  }
  return iso;
}

/** ledgerDateToDay, memoised. */
export function ledgerDay(date: string, edge: 'start' | 'end'): number {
  const memo = edge === 'start' ? startDays : endDays;
  let day = memo.get(date);
  if (day === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    day = ledgerDateToDay(date, edge);
    memo.set(date, day);
  }
  return day;
}

/**
 * The history's instants, parsed once per evaluation and only when a rule asks: most projects need just
 * progressChangedAt, and parsing is the largest per-project cost left.
 */
export class Times {
  #firstSeen = NaN;
  #stageChanged = NaN;
  #progressChanged = NaN;
  #problemChanged: number | null | undefined = undefined;

  constructor(private readonly history: FlagHistory) {}

  get firstSeen(): number {
    if (Number.isNaN(this.#firstSeen)) this.#firstSeen = parseInstant(this.history.firstSeenAt);
    return this.#firstSeen;
  }

  get stageChanged(): number {
    if (Number.isNaN(this.#stageChanged)) this.#stageChanged = parseInstant(this.history.stageChangedAt);
    return this.#stageChanged;
  }

  get progressChanged(): number {
    if (Number.isNaN(this.#progressChanged)) this.#progressChanged = parseInstant(this.history.progressChangedAt);
    return this.#progressChanged;
  }

  get problemChanged(): number | null {
    if (this.#problemChanged === undefined) {
      const at = this.history.problemChangedAt;
      this.#problemChanged = at === null ? null : parseInstant(at);
    }
    return this.#problemChanged;
  }
}
