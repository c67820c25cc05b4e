/**
 * How a project's FlagHistory advances on each sync. Pure: the backend calls it with the stored state and the
 * freshly parsed row, and stores what it returns.
 *
 * - First sight: every timestamp is `now` (a project's past is unknown, so its clocks start when it is first
 *   seen), except problemChangedAt, which is null when there is no problem (FlagHistory's contract).
 * - Progress (本周进展) changed, compared trimmed → progressChangedAt = now. Stage changed → stageChangedAt.
 *   Problem (存在问题) changed to a non-empty text → problemChangedAt = now; emptied → null.
 * - Cut-off levels: every cut-off since the last recorded one (and since first sight), up to `now`, gets the
 *   level the project had *at that cut-off*: the previous state (fields, stage, history) evaluated as of the
 *   cut-off. Not `prev.flag`: that was evaluated at the previous sync, before the cut-off, and the time-based
 *   rules may have crossed a threshold since (a leader looking at the cut-off would have seen the later
 *   level). A cut-off exactly at `now` belongs to the week this sync closes ((previous, this]), so it is
 *   evaluated from the new state. Cut-offs are filled oldest first so each sees the ones before it; only the
 *   last MAX_ESCALATION_CUTOFFS are kept.
 */
import type { CountyConfig, Flag, FlagLevel, Stage } from '../../contract/vocabulary';
import { cutoffMsOnDay, lastCutoffDay, msToInstant, parseInstant } from './calendar';
import { MAX_ESCALATION_CUTOFFS } from './config';
import { escalatingLevel, evaluate } from './flags';
import type { FlagHistory, ProjectFields } from './types';

interface Previous {
  fields: ProjectFields;
  stage: Stage;
  history: FlagHistory;
  flag: Flag;
}

const norm = (text: string | null): string => (text ?? '').trim();

/** Cut-offs in (afterMs, nowMs], oldest first, at most the last `max`. */
function cutoffsToRecord(afterMs: number, nowMs: number, config: CountyConfig): number[] {
  const out: number[] = [];
  const last = lastCutoffDay(nowMs, config.cutoff);
  for (let day = last; out.length < MAX_ESCALATION_CUTOFFS; day -= 7) {
    const ms = cutoffMsOnDay(day, config.cutoff);
    if (ms <= afterMs) break;
    out.push(ms);
  }
  return out.reverse();
}

export function advanceHistory(
  prev: Previous | null,
  next: { fields: ProjectFields; stage: Stage },
  now: string,
  config: CountyConfig,
): FlagHistory {
  if (prev === null) {
    const problemChangedAt = norm(next.fields.problem) === '' ? null : now;
    return { firstSeenAt: now, stageChangedAt: now, progressChangedAt: now, problemChangedAt, cutoffLevels: [] };
  }
  const h = prev.history;
  const problem = norm(next.fields.problem);
  const advanced: FlagHistory = {
    firstSeenAt: h.firstSeenAt,
    stageChangedAt: prev.stage !== next.stage ? now : h.stageChangedAt,
    progressChangedAt: norm(prev.fields.progress) !== norm(next.fields.progress) ? now : h.progressChangedAt,
    problemChangedAt:
      problem === '' ? null : problem !== norm(prev.fields.problem) || h.problemChangedAt === null ? now : h.problemChangedAt,
    cutoffLevels: h.cutoffLevels.slice(),
  };

  const nowMs = parseInstant(now);
  const recorded = h.cutoffLevels.reduce((max, r) => Math.max(max, parseInstant(r.cutoff)), -Infinity);
  // Cut-offs before first sight are not recorded: the project was unknown then.
  const after = Math.max(recorded, parseInstant(h.firstSeenAt) - 1);
  for (const cutoffMs of cutoffsToRecord(after, nowMs, config)) {
    const cutoff = msToInstant(cutoffMs);
    const level: FlagLevel =
      cutoffMs < nowMs
        ? escalatingLevel(evaluate({ id: '', stage: prev.stage, fields: prev.fields }, { ...h, cutoffLevels: advanced.cutoffLevels }, cutoff, config))
        : escalatingLevel(evaluate({ id: '', stage: next.stage, fields: next.fields }, advanced, cutoff, config));
    advanced.cutoffLevels.push({ cutoff, level });
  }
  advanced.cutoffLevels.sort((a, b) => parseInstant(a.cutoff) - parseInstant(b.cutoff));
  advanced.cutoffLevels = advanced.cutoffLevels.slice(-MAX_ESCALATION_CUTOFFS);
  return advanced;
}
