/**
 * Who has not reported (未按时调度): a unit with active projects none of which had its progress (本周进展) changed
 * in the week. A unit that did not sync at all changed nothing, so it is caught the same way; a unit that synced
 * but left every progress text as it was has not reported either. Units with no active project have nothing to
 * report and are not listed.
 */
import type { NotReportedUnit } from '../../../contract/vocabulary';
import { isActive } from './common';
import type { WeekSnapshot } from './snapshot';

/** `snapshots` resolved to one week (resolveWeek); `units` in report order. */
export function notReported(snapshots: readonly WeekSnapshot[], units: readonly string[]): NotReportedUnit[] {
  const tally = new Map<string, { active: number; updated: number }>();
  for (const s of snapshots) {
    if (!isActive(s)) continue;
    const t = tally.get(s.unit) ?? { active: 0, updated: 0 };
    t.active++;
    if (s.progressUpdated) t.updated++;
    tally.set(s.unit, t);
  }
  return units.flatMap((unit) => {
    const t = tally.get(unit);
    return t && t.active > 0 && t.updated === 0 ? [{ unit, active: t.active }] : [];
  });
}
