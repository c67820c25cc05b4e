/**
 * The flag engine: evaluates a project, as of an instant, from its current row and stored history.
 * Every rule of DESIGN.md §2 lives in ./rules (one file each); thresholds come from the county config.
 *
 * - Dropped projects get no flag. Every other stage is active, producing (投产) and paused (暂停) included:
 *   DESIGN's "all active" rules (weekly-update, problem-open, escalation, missing-owner) apply to them.
 * - The flag is the highest level of its reasons. Reasons come in rule order (weekly-update, clue-stalled,
 *   signed-not-started, milestone-overdue, problem-open, missing-owner), escalation last, since it is about
 *   the others.
 * - Hot path: the time context (cut-off window, local day of asOf) is built once per asOf and config and
 *   shared; a rule allocates only when it fires.
 */
import type { CountyConfig, Flag, FlagReason } from '../../contract/vocabulary';
import { contextFor, Times, type EvalContext, type EvalPoint } from './rules/context';
import { clueStalled } from './rules/clue-stalled';
import { escalates, escalationReason } from './rules/escalation';
import { milestoneOverdue } from './rules/milestone-overdue';
import { missingOwner } from './rules/missing-owner';
import { problemOpen } from './rules/problem-open';
import { LEVEL_NAMES, type Level, type Rule } from './rules/rule';
import { signedNotStarted } from './rules/signed-not-started';
import { weeklyUpdate } from './rules/weekly-update';
import { isActive } from './stage';
import type { FlagHistory, ProjectSnapshot } from './types';

const BASE_RULES: readonly Rule[] = [weeklyUpdate, clueStalled, signedNotStarted, milestoneOverdue, problemOpen, missingOwner];

/** The highest level of the base rules (all but escalation) at `at`. */
function baseLevel(project: ProjectSnapshot, times: Times, at: EvalPoint, ctx: EvalContext): Level {
  let max: Level = 0;
  for (const rule of BASE_RULES) {
    const level = rule.level(project, times, at, ctx);
    if (level > max) max = level;
    if (max === 2) break;
  }
  return max;
}

export function evaluate(project: ProjectSnapshot, history: FlagHistory, asOf: string, config: CountyConfig): Flag {
  if (!isActive(project.stage)) return { level: 'none', reasons: [] };
  const ctx = contextFor(asOf, config);
  const at = ctx.now;
  const times = new Times(history);
  const reasons: FlagReason[] = [];
  let max: Level = 0;
  for (const rule of BASE_RULES) {
    const level = rule.level(project, times, at, ctx);
    if (level === 0) continue;
    reasons.push(rule.reason(project, times, at, ctx, level));
    if (level > max) max = level;
  }
  if (max === 1 && escalates(project, history, times, ctx, baseLevel)) {
    reasons.push(escalationReason(ctx));
    max = 2;
  }
  return { level: LEVEL_NAMES[max], reasons };
}
