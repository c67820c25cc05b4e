/**
 * 领导看板 section 十一 (issue 19): red and yellow counts over the last 12 weeks as a table a clerk can chart — one
 * row per week (oldest first, the current week last), 红旗/黄旗 county-wide then per list — from Dashboard.trend,
 * with a native column chart of the county's counts where the gateway draws charts (Office; the .xlsx keeps the
 * table). A week without data (before the first sync) is a blank cell, which charts leave out. Shown when the
 * dashboard carries a trend.
 */
import { LIST_ORDER, type RawCell, type Trend, type TrendSeries } from '../../../contract';
import { table } from './common';
import type { Texts } from './text';
import type { SheetWriter } from './writer';

const TEXT = {
  zh: { title: '十一、近12周红黄旗趋势', week: '周', county: '全县', current: '（本周）', note: '每周数为该周截止时在库项目的红旗、黄旗数，本周为截至目前；空白 = 该周尚无数据。' },
  en: { title: '11. Red and yellow flags, last 12 weeks', week: 'Week', county: 'County', current: ' (this week)', note: "Each week's counts are the active projects' red and yellow flags at its cut-off, this week's so far; blank = no data that week." },
};

/** The trend's chart sits right of its table (11 columns) with a spare column between. */
const CHART_COL = 13;

export function trendSection(w: SheetWriter, t: Texts, trend: Trend, lang: 'zh' | 'en'): void {
  const x = TEXT[lang];
  const pair = (name: string): RawCell[] => (lang === 'zh' ? [`${name}${t.col.red}`, `${name}${t.col.yellow}`] : [`${name} ${t.col.red.toLowerCase()}`, `${name} ${t.col.yellow.toLowerCase()}`]);
  const series: TrendSeries[] = [trend.total, ...LIST_ORDER.map((l) => trend.lists[l])];
  const last = trend.weeks.length - 1;
  w.blank();
  w.title(x.title);
  const rows = table(w, t, [x.week, ...pair(x.county), ...LIST_ORDER.flatMap((l) => pair(t.listName(l)))], trend.weeks, (week, i) => [
    i === last ? `${week}${x.current}` : week,
    ...series.flatMap((s): RawCell[] => [s.red[i] ?? null, s.yellow[i] ?? null]),
  ]);
  w.chart(x.title, 'columnClustered', rows.header, 1, rows.last, 3, { row: rows.header, col: CHART_COL });
  w.note(x.note);
}
