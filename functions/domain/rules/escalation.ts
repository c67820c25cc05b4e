/**
 * `escalation`: a flag that is yellow now and was at least yellow at each of the last N weekly cut-offs
 * becomes red. The level at a cut-off is the one the history recorded there (history.ts) or, where it
 * recorded none, the base rules evaluated as of that cut-off with the same history. A cut-off before the
 * project was first seen counts as "no flag": nothing was known then, so importing an old ledger does not
 * escalate every yellow project at once.
 */
import type { FlagLevel } from '../../../contract/vocabulary';
import type { FlagHistory, ProjectSnapshot } from '../types';
import { cutoffDate, type EvalContext, type EvalPoint, type Times } from './context';
import { makeReason, plural, type Level } from './rule';

const LEVEL_VALUE: Readonly<Record<FlagLevel, Level>> = { none: 0, yellow: 1, red: 2 };

function recordedLevel(history: FlagHistory, iso: string, ms: number): Level | null {
  const records = history.cutoffLevels;
  for (let i = records.length - 1; i >= 0; i--) if (records[i]!.cutoff === iso) return LEVEL_VALUE[records[i]!.level];
  // Records written by other code may spell the same instant differently ("…12:00:00Z" vs "…04:00:00.000Z").
  for (let i = records.length - 1; i >= 0; i--) if (Date.parse(records[i]!.cutoff) === ms) return LEVEL_VALUE[records[i]!.level];
  return null;
}

export type BaseLevel = (project: ProjectSnapshot, times: Times, at: EvalPoint, ctx: EvalContext) => Level;

export function escalates(project: ProjectSnapshot, history: FlagHistory, times: Times, ctx: EvalContext, baseLevel: BaseLevel): boolean {
  if (!ctx.config.rules.escalation.enabled) return false;
  for (const at of ctx.pastCutoffs) {
    if (at.ms < times.firstSeen) return false;
    const level = recordedLevel(history, at.iso, at.ms) ?? baseLevel(project, times, at, ctx);
    if (level === 0) return false;
  }
  return true;
}

export function escalationReason(ctx: EvalContext) {
  const cutoffs = ctx.pastCutoffs.length;
  const since = cutoffDate(ctx.pastCutoffs[cutoffs - 1]!.cutoffIdx, ctx);
  return makeReason(
    'escalation',
    2,
    { cutoffs, since },
    `黄旗已连续${cutoffs}个调度周期未消除（自 ${since} 起），升级为红旗`,
    `Yellow at ${plural(cutoffs, 'consecutive weekly cut-off', 'consecutive weekly cut-offs')} (since ${since}); escalated to red`,
  );
}
