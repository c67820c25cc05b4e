/** `clue-stalled`: a clue with neither a stage change nor progress for weeks; dropping is suggested later. */
import { MS_PER_WEEK } from '../calendar';
import { localDate, type EvalPoint, type Times } from './context';
import { levelAtLeast, makeReason, type Rule } from './rule';

/** Whole weeks elapsed since the last stage change or progress. */
function weeksSince(times: Times, at: EvalPoint): number {
  return Math.floor((at.ms - Math.max(times.stageChanged, times.progressChanged)) / MS_PER_WEEK);
}

export const clueStalled: Rule = {
  id: 'clue-stalled',
  level(project, times, at, ctx) {
    const rule = ctx.config.rules.clueStalled;
    if (!rule.enabled || project.stage !== 'clue') return 0;
    return levelAtLeast(weeksSince(times, at), rule);
  },
  reason(_project, times, at, ctx, level) {
    const weeks = weeksSince(times, at);
    const since = localDate(Math.max(times.stageChanged, times.progressChanged), ctx);
    const suggestDrop = weeks >= ctx.config.rules.clueStalled.suggestDropWeeks;
    return makeReason(
      'clue-stalled',
      level,
      suggestDrop ? { weeks, since, suggestDrop: 1 } : { weeks, since },
      `线索已${weeks}周无阶段变化或进展（自 ${since}）${suggestDrop ? '，建议研究是否放弃' : ''}`,
      `No stage change or progress for ${weeks} weeks (since ${since})${suggestDrop ? '; consider dropping it' : ''}`,
    );
  },
};
