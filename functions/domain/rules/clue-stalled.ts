/** `clue-stalled`: a clue with neither a stage change nor progress for weeks; dropping is suggested later. */
import { MS_PER_WEEK, parseInstant } from '../calendar';
import type { FlagHistory } from '../types';
import { localDate, type EvalPoint } from './context';
import { levelAtLeast, makeReason, type Rule } from './rule';

function lastMovement(history: FlagHistory): number {
  return Math.max(parseInstant(history.stageChangedAt), parseInstant(history.progressChangedAt));
}

/** Whole weeks elapsed since the last movement. */
function weeksSince(history: FlagHistory, at: EvalPoint): number {
  return Math.floor((at.ms - lastMovement(history)) / MS_PER_WEEK);
}

export const clueStalled: Rule = {
  id: 'clue-stalled',
  level(project, history, at, ctx) {
    const rule = ctx.config.rules.clueStalled;
    if (!rule.enabled || project.stage !== 'clue') return 0;
    return levelAtLeast(weeksSince(history, at), rule);
  },
  reason(_project, history, at, ctx, level) {
    const weeks = weeksSince(history, at);
    const since = localDate(lastMovement(history), ctx);
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
