/** The report period of a week label, built on the cut-off calendar. */
import type { CutoffConfig, Message, ReportPeriod } from '../../../contract/vocabulary';
import { isoWeekLabel, lastCutoffAtOrBefore, weekCutoffDay, weekOf, weekRange } from '../calendar';
import { dayToIso } from '../days';

/** The period of `week` ((previous cut-off, its cut-off]); null when the label is not a real ISO week. */
export function reportPeriod(week: string, cfg: CutoffConfig): ReportPeriod | null {
  const day = weekCutoffDay(week, cfg);
  if (day === null) return null;
  const { start, end } = weekRange(week, cfg);
  return {
    week,
    previousWeek: isoWeekLabel(day - 7),
    start,
    end,
    firstDay: dayToIso(day - 6),
    lastDay: dayToIso(day),
  };
}

/** The week a report defaults to at `now`: the last one closed by a cut-off (the one the weekly meeting reviews). */
export function defaultReportWeek(now: string, cfg: CutoffConfig): string {
  return weekOf(lastCutoffAtOrBefore(now, cfg), cfg);
}

export const invalidWeekMessage = (week: string): Message => ({
  zh: `周次“${week}”不存在，应为“2026-W48”这样的ISO周（第01–52/53周）。`,
  en: `Week "${week}" does not exist; expected an ISO week such as "2026-W48" (weeks 01–52/53).`,
});
