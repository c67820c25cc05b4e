/**
 * The shape every flag rule has, and the small helpers they share. A rule answers twice: `level` (cheap,
 * numbers only — also used at past cut-offs for escalation) and `reason` (the figures and zh/en text, built
 * only for a rule that fired). Rules see active projects only: the engine gives a dropped one no flag before
 * asking any rule.
 */
import type { FieldKey, FlagReason, RuleId, ThresholdPair } from '../../../contract/vocabulary';
import type { ProjectSnapshot } from '../types';
import type { EvalContext, EvalPoint, Times } from './context';

/** 0 none, 1 yellow, 2 red: numbers, so that the highest level is a comparison. */
export type Level = 0 | 1 | 2;
export const LEVEL_NAMES = ['none', 'yellow', 'red'] as const;

export interface Rule {
  id: RuleId;
  level(project: ProjectSnapshot, times: Times, at: EvalPoint, ctx: EvalContext): Level;
  reason(project: ProjectSnapshot, times: Times, at: EvalPoint, ctx: EvalContext, level: 1 | 2): FlagReason;
}

/** Strictly more than the threshold ("> 90 days"). */
export function levelAbove(value: number, t: ThresholdPair): Level {
  return value > t.red ? 2 : value > t.yellow ? 1 : 0;
}

/** At least the threshold ("across 2 cut-offs", "for 8 weeks"). */
export function levelAtLeast(value: number, t: ThresholdPair): Level {
  return value >= t.red ? 2 : value >= t.yellow ? 1 : 0;
}

/** The field's cell failed to parse this sync (it has its own error): a reason says "unreadable", never "missing". */
export function isUnreadable(project: ProjectSnapshot, field: FieldKey): boolean {
  return project.unreadable?.includes(field) ?? false;
}

export function isEmptyText(text: string | null): boolean {
  return text === null || text.trim() === '';
}

export function makeReason(rule: RuleId, level: 1 | 2, figures: FlagReason['figures'], zh: string, en: string): FlagReason {
  return { rule, level: LEVEL_NAMES[level], figures, message: { zh, en } };
}

/** "1 weekly cut-off", "2 weekly cut-offs". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
