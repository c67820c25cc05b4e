/**
 * The flag engine: evaluates a project, as of an instant, from its current row and stored history.
 * Every rule of DESIGN.md §2 lives in ./rules (one file each); thresholds come from the county config.
 *
 * - Dropped projects get no flag. Every other stage is active, producing (投产) and paused (暂停) included:
 *   DESIGN's "all active" rules (weekly-update, problem-open, escalation, missing-owner) apply to them.
 * - The flag is the highest level of its reasons. Reasons come in rule order (weekly-update, clue-stalled,
 *   signed-not-started, milestone-overdue, problem-open, missing-owner), then escalation, since it is about
 *   them, then the standing reminder contribution-below-standard (yellow only, never escalated).
 * - Hot path: the time context (cut-off window, local day of asOf) is built once per asOf and config and
 *   shared; a rule allocates only when it fires.
 */
import type { CountyConfig, Flag, FlagLevel, FlagReason, RuleId } from '../../contract/vocabulary';
import { contextFor, Times, type EvalContext, type EvalPoint } from './rules/context';
import { clueStalled } from './rules/clue-stalled';
import { contributionBelowStandard } from './rules/contribution-below-standard';
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
/**
 * Standing reminders (yellow, about what the project is rather than a delay): reported after the base rules, never
 * escalated, and not counted in the level recorded at a cut-off for escalation (`escalatingLevel`).
 */
const REMINDER_RULES: readonly Rule[] = [contributionBelowStandard];
const REMINDER_IDS: ReadonlySet<RuleId> = new Set(REMINDER_RULES.map((r) => r.id));

/** A flag's level counting only the rules that escalate (what history records at each cut-off). */
export function escalatingLevel(flag: Flag): FlagLevel {
  let max: Level = 0;
  for (const r of flag.reasons) if (!REMINDER_IDS.has(r.rule)) max = Math.max(max, r.level === 'red' ? 2 : 1) as Level;
  return LEVEL_NAMES[max];
}

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
  for (const rule of REMINDER_RULES) {
    const level = rule.level(project, times, at, ctx);
    if (level === 0) continue;
    reasons.push(rule.reason(project, times, at, ctx, level));
    if (level > max) max = level;
  }
  return { level: LEVEL_NAMES[max], reasons };
}
