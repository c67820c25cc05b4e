/**
 * `problem-open`: a problem (存在问题) standing unchanged for days, or an item marked for county-level
 * coordination (需协调事项), which is red at once when the county says so.
 */
import { MS_PER_DAY } from '../days';
import type { ProjectSnapshot } from '../types';
import { localDate, type EvalContext, type EvalPoint, type Times } from './context';
import { isEmptyText, levelAbove, makeReason, type Level, type Rule } from './rule';

/** When the current problem was recorded; a problem the history missed counts from first sight. */
function problemSince(project: ProjectSnapshot, times: Times): number | null {
  if (isEmptyText(project.fields.problem)) return null;
  return times.problemChanged ?? times.firstSeen;
}

function needsCoordination(project: ProjectSnapshot, ctx: EvalContext): boolean {
  return ctx.config.rules.problemOpen.coordinationIsRed && !isEmptyText(project.fields.coordination);
}

function daysLevel(project: ProjectSnapshot, times: Times, at: EvalPoint, ctx: EvalContext): Level {
  const since = problemSince(project, times);
  return since === null ? 0 : levelAbove(Math.floor((at.ms - since) / MS_PER_DAY), ctx.config.rules.problemOpen);
}

const SNIPPET = 40;

export const problemOpen: Rule = {
  id: 'problem-open',
  level(project, times, at, ctx) {
    if (!ctx.config.rules.problemOpen.enabled) return 0;
    return needsCoordination(project, ctx) ? 2 : daysLevel(project, times, at, ctx);
  },
  reason(project, times, at, ctx, level) {
    const figures: Record<string, number | string> = {};
    const zh: string[] = [];
    const en: string[] = [];
    if (daysLevel(project, times, at, ctx) > 0) {
      const since = problemSince(project, times)!;
      const days = Math.floor((at.ms - since) / MS_PER_DAY);
      const date = localDate(since, ctx);
      figures.days = days;
      figures.since = date;
      zh.push(`存在问题已${days}天未解决（自 ${date}）`);
      en.push(`Open problem unchanged for ${days} days (since ${date})`);
    }
    if (needsCoordination(project, ctx)) {
      const text = project.fields.coordination!.trim();
      const snippet = text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text;
      figures.coordination = 1;
      zh.push(`需县级协调：${snippet}`);
      en.push(`Needs county-level coordination: ${snippet}`);
    }
    return makeReason('problem-open', level, figures, zh.join('；'), en.join('; '));
  },
};
