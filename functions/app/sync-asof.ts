/**
 * A sync evaluated as of a date (`asOf`, honoured only locally) must not write history before what is already
 * recorded: a project whose last recorded change is later than the request's instant would get an event dated
 * before its newest one (back-dated history, out of order in its timeline and its weekly snapshots). Such a row is
 * refused with a row error saying so; an unchanged row writes nothing and is not refused. A row unchanged in its
 * cells whose flag differs as of the earlier date is refused too: the flag change would be a back-dated event.
 */
import type { FieldError } from '../../contract';
import { msToInstant, parseInstant, zoneOffsetMs } from '../domain/calendar';
import type { ProjectState } from '../domain/types';

/**
 * "2026-12-04 12:00": an instant as the county's wall-clock time, the form the leaders' sheets and the CLI show
 * (the cut-off calendar's zone offset; a clerk never sees UTC). Its first ten characters are the local date.
 */
function shown(instant: string, timeZone: string): string {
  const ms = parseInstant(instant);
  return msToInstant(ms + zoneOffsetMs(ms, timeZone)).slice(0, 16).replace('T', ' ');
}

/**
 * The row error when `now` (the request's instant) is before `prev`'s last recorded change; null otherwise.
 * `timeZone` is the county's (config `cutoff.timeZone`): the earliest date suggested is the local date of that
 * change, the first --as-of that is accepted (asOf is the end of its local day).
 */
export function backDatedError(prev: ProjectState | null, now: string, timeZone: string): FieldError | null {
  if (!prev || !(Date.parse(now) < Date.parse(prev.updatedAt))) return null;
  const at = shown(prev.updatedAt, timeZone);
  const asOf = shown(now, timeZone);
  return {
    field: null,
    code: 'as_of_before_last_change',
    message: {
      zh: `同步日期（${asOf}）早于该项目最后一次记录的变更（${at}），不能补记更早的历史，本行未同步。请使用不早于 ${at.slice(0, 10)} 的日期（--as-of），或不指定日期。`,
      en: `The sync date (${asOf}) is before this project's last recorded change (${at}); history cannot be written back-dated, so the row was not synced. Use a date no earlier than ${at.slice(0, 10)} (--as-of), or none.`,
    },
  };
}
