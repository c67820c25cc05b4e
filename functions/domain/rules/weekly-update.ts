/** `weekly-update`: the progress text (本周进展) stood unchanged across weekly cut-offs. */
import { cutoffsAfter, localDate } from './context';
import { levelAtLeast, makeReason, plural, type Rule } from './rule';

export const weeklyUpdate: Rule = {
  id: 'weekly-update',
  level(_project, times, at, ctx) {
    const rule = ctx.config.rules.weeklyUpdate;
    if (!rule.enabled) return 0;
    return levelAtLeast(cutoffsAfter(times.progressChanged, at, ctx), rule);
  },
  reason(_project, times, at, ctx, level) {
    const cutoffs = cutoffsAfter(times.progressChanged, at, ctx);
    const lastUpdated = localDate(times.progressChanged, ctx);
    return makeReason(
      'weekly-update',
      level,
      { cutoffs, lastUpdated },
      `本周进展已连续${cutoffs}个调度周期未更新（上次更新 ${lastUpdated}）`,
      `Progress unchanged across ${plural(cutoffs, 'weekly cut-off', 'weekly cut-offs')} (last updated ${lastUpdated})`,
    );
  },
};
