/** Helpers both reports share: exact money sums, unit order, project order, the project reference. */
import { byPinyin, LIST_ORDER, STAGE_RANK, type ListKey, type PerList, type ReportProject, type Stage } from '../../../contract/vocabulary';
import { isActive as isActiveStage } from '../stage';
import type { WeekSnapshot } from './snapshot';

/**
 * Money is summed in whole 万元 (integers), so that a county total is exactly the sum of its unit rows and
 * 0.1 + 0.2 never shows as 0.30000000000000004.
 */
export const toWan = (yi: number | null): number => (yi === null ? 0 : Math.round(yi * 10_000));
export const fromWan = (wan: number): number => wan / 10_000;

export const isActive = <T extends { stage: Stage }>(s: T): s is T & { stage: ListKey } => isActiveStage(s.stage);

export function perList<T>(make: (list: ListKey) => T): PerList<T> {
  return Object.fromEntries(LIST_ORDER.map((l) => [l, make(l)])) as PerList<T>;
}

/** Configured units first, in their order (kept even with no projects), then the others by pinyin, '' last. */
export function orderUnits(seen: Iterable<string>, configured: readonly string[] = []): string[] {
  const out = [...new Set(configured.map((u) => u.trim()).filter((u) => u !== ''))];
  const known = new Set(out);
  const rest = [...new Set(seen)].filter((u) => !known.has(u) && u !== '').sort(byPinyin);
  const hasBlank = [...new Set(seen)].includes('');
  return [...out, ...rest, ...(hasBlank ? [''] : [])];
}

/** Sorts projects by unit (in `units` order), then list, then name. */
export function projectOrder(units: readonly string[]): (a: ReportProject, b: ReportProject) => number {
  const rank = new Map(units.map((u, i) => [u, i]));
  return (a, b) =>
    (rank.get(a.unit) ?? units.length) - (rank.get(b.unit) ?? units.length) ||
    STAGE_RANK[a.stage] - STAGE_RANK[b.stage] ||
    byPinyin(a.name, b.name) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function projectOf(s: WeekSnapshot): ReportProject {
  return { id: s.id, name: s.name, unit: s.unit, leader: s.leader, stage: s.stage, amount: s.amount, flag: s.flag.level };
}

/** The lists strictly between two stages of a forward move (clue → landed passes signed). */
export function passedLists(from: Stage | null, to: Stage): ListKey[] {
  if (from === null || from === 'dropped' || to === 'dropped') return [];
  return LIST_ORDER.slice(STAGE_RANK[from] + 1, STAGE_RANK[to]);
}
