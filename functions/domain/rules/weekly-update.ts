/** `weekly-update`: the progress text (本周进展) stood unchanged across weekly cut-offs. */
import { parseInstant } from '../calendar';
import { cutoffsAfter, localDate } from './context';
import { isActive, levelAtLeast, makeReason, plural, type Rule } from './rule';

export const weeklyUpdate: Rule = {
  id: 'weekly-update',
  level(project, history, at, ctx) {
    const rule = ctx.config.rules.weeklyUpdate;
    if (!rule.enabled || !isActive(project.stage)) return 0;
    return levelAtLeast(cutoffsAfter(parseInstant(history.progressChangedAt), at, ctx), rule);
  },
  reason(_project, history, at, ctx, level) {
    const changed = parseInstant(history.progressChangedAt);
    const cutoffs = cutoffsAfter(changed, at, ctx);
    const lastUpdated = localDate(changed, ctx);
    return makeReason(
      'weekly-update',
      level,
      { cutoffs, lastUpdated },
      `本周进展已连续${cutoffs}个调度周期未更新（上次更新 ${lastUpdated}）`,
      `Progress unchanged across ${plural(cutoffs, 'weekly cut-off', 'weekly cut-offs')} (last updated ${lastUpdated})`,
    );
  },
};
