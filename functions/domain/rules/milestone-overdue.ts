/**
 * `milestone-overdue`: a planned date has passed with no actual date — planned start for a signed project,
 * planned production for a landed one. A month-precision plan ("2026-05") is due at the month's end.
 */
import { FIELD_BY_KEY } from '../../../contract/vocabulary';
import type { ProjectSnapshot } from '../types';
import { ledgerDay, type EvalPoint } from './context';
import { isUnreadable, levelAbove, makeReason, type Rule } from './rule';

type Milestone = { milestone: 'start' | 'production'; planned: string };

function overdueMilestone(project: ProjectSnapshot): Milestone | null {
  const f = project.fields;
  if (project.stage === 'signed' && f.plannedStartDate && !f.startDate) return { milestone: 'start', planned: f.plannedStartDate };
  if (project.stage === 'landed' && f.plannedProductionDate && !f.productionDate) {
    return { milestone: 'production', planned: f.plannedProductionDate };
  }
  return null;
}

function daysPast(planned: string, at: EvalPoint): number {
  return at.day - ledgerDay(planned, 'end');
}

const NAMES = {
  start: { planned: FIELD_BY_KEY.plannedStartDate, actual: FIELD_BY_KEY.startDate },
  production: { planned: FIELD_BY_KEY.plannedProductionDate, actual: FIELD_BY_KEY.productionDate },
};

export const milestoneOverdue: Rule = {
  id: 'milestone-overdue',
  level(project, _times, at, ctx) {
    const rule = ctx.config.rules.milestoneOverdue;
    if (!rule.enabled) return 0;
    const m = overdueMilestone(project);
    return m ? levelAbove(daysPast(m.planned, at), rule) : 0;
  },
  reason(project, _times, at, _ctx, level) {
    const { milestone, planned } = overdueMilestone(project)!;
    const days = daysPast(planned, at);
    const names = NAMES[milestone];
    // The actual date's cell holds something that is not a date (its own error says so): not "not filled in".
    const unreadable = isUnreadable(project, names.actual.key);
    return makeReason(
      'milestone-overdue',
      level,
      { milestone, days, plannedDate: planned },
      `${names.planned.zh}时间 ${planned} 已逾期${days}天，${names.actual.zh}${unreadable ? '无法识别' : '仍未填写'}`,
      `${names.planned.en} ${planned} overdue by ${days} days with ${unreadable ? `an unreadable ${names.actual.en.toLowerCase()}` : `no ${names.actual.en.toLowerCase()}`}`,
    );
  },
};
