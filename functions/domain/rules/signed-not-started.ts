/**
 * `signed-not-started`: days since signing with no start. A signed project without a 签约时间 (it was only
 * moved to the sheet; the stage machine asks for the date) counts from when it was first recorded as signed,
 * so a missing date never hides the flag.
 */
import { MS_PER_DAY } from '../days';
import type { ProjectSnapshot } from '../types';
import { ledgerDay, localDate, type EvalPoint, type Times } from './context';
import { isUnreadable, levelAbove, makeReason, type Rule } from './rule';

function daysSinceSigning(project: ProjectSnapshot, times: Times, at: EvalPoint): number {
  const signed = project.fields.signedDate;
  if (signed) return at.day - ledgerDay(signed, 'start');
  return Math.floor((at.ms - times.stageChanged) / MS_PER_DAY);
}

export const signedNotStarted: Rule = {
  id: 'signed-not-started',
  level(project, times, at, ctx) {
    const rule = ctx.config.rules.signedNotStarted;
    if (!rule.enabled || project.stage !== 'signed') return 0;
    return levelAbove(daysSinceSigning(project, times, at), rule);
  },
  reason(project, times, at, ctx, level) {
    const days = daysSinceSigning(project, times, at);
    const signed = project.fields.signedDate;
    if (signed) {
      return makeReason(
        'signed-not-started',
        level,
        { days, signedDate: signed },
        `签约已${days}天仍未开工（签约时间 ${signed}）`,
        `Signed ${days} days ago and not started (signed ${signed})`,
      );
    }
    const since = localDate(times.stageChanged, ctx);
    if (isUnreadable(project, 'signedDate')) {
      return makeReason(
        'signed-not-started',
        level,
        { days, since },
        `列入签约项目已${days}天仍未开工（签约时间无法识别，自 ${since} 起算）`,
        `On the signed list for ${days} days and not started (signed date unreadable; counted from ${since})`,
      );
    }
    return makeReason(
      'signed-not-started',
      level,
      { days, since },
      `列入签约项目已${days}天仍未开工（签约时间未填，自 ${since} 起算）`,
      `On the signed list for ${days} days and not started (no signed date; counted from ${since})`,
    );
  },
};
