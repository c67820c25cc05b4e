/**
 * The leaders' sheets (领导看板, 周调度, 全县项目): pure builders from the report endpoints' answers to
 * LeaderSheetPlans, which the gateways write whole and replace on each refresh. A4 landscape, frozen title
 * rows, totals rows, flag colours (FLAG_STYLE), widths measured for Chinese text; charts in Excel, data bars
 * where charts cannot be drawn (.xlsx). Chinese by default, English with `lang: 'en'`.
 */
import { texts, type Lang } from './leader-sheets/text';

export { dashboardSheet } from './leader-sheets/dashboard';
export { weeklySheet } from './leader-sheets/weekly';
export { countyProjectsSheet, type CountyProjectsOptions } from './leader-sheets/projects';
export { formatInstant, type Lang, type LeaderSheetOptions } from './leader-sheets/text';
export { displayWidth } from './leader-sheets/writer';

/** The sheet names the add-in owns for leaders, per language (so a refresh finds and replaces them). */
export function leaderSheetNames(lang: Lang = 'zh'): { dashboard: string; weekly: string; projects: string } {
  return texts(lang).sheets;
}
