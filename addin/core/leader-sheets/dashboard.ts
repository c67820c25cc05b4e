/** 领导看板: the dashboard as a printable sheet (sections 一 to 五, 七 on; 七 = the units that have not reported this week), the red-flag list last (附). */
import { CYCLE_KEYS, LIST_ORDER, PRIORITY_KEYS, type Dashboard } from '../../../contract';
import type { LeaderSheetPlan } from '../gateway';
import { flagStyle } from '../styles';
import { money, reasonText, table } from './common';
import { contributionSections } from './contribution';
import { duplicatesSection } from './duplicates';
import { figureOrDash } from './formats';
import { formatInstant, texts, type LeaderSheetOptions } from './text';
import { trendSection } from './trend';
import { SheetWriter } from './writer';

/** Charts sit right of the widest table (8 columns) with a spare column between. */
const CHART_COL = 10;

export function dashboardSheet(d: Dashboard, options: LeaderSheetOptions = {}): LeaderSheetPlan {
  const lang = options.lang ?? 'zh';
  const t = texts(lang);
  const c = t.col;
  const w = new SheetWriter();
  w.title(t.dashboardTitle(options.county ?? ''));
  w.note(t.asOf(formatInstant(d.asOf, options.timeZone), d.week));

  // 1. The four lists with investment, flags and contribution.
  w.blank();
  w.title(t.sections.overview);
  const lists = table(w, t, [c.list, c.count, c.amount, c.red, c.yellow, c.outputValue, c.tax, c.jobs], LIST_ORDER, (l) => {
    const f = d.lists[l];
    // A contribution no project of the list states (a clue has no output value yet) is a dash, not 0.
    return [t.listName(l), f.count, money(f.amount), f.red, f.yellow, figureOrDash(money(f.outputValue) as number), figureOrDash(money(f.tax) as number), figureOrDash(f.jobs)];
  });
  const tot = d.total;
  w.totals([c.total, tot.count, money(tot.amount), tot.red, tot.yellow, figureOrDash(money(tot.outputValue) as number), figureOrDash(money(tot.tax) as number), figureOrDash(tot.jobs)]);
  w.dataBar(2, lists.first, lists.last);
  w.dataBar(3, lists.first, lists.last);
  w.note(t.droppedDashboard(d.dropped));

  // 2. Projects per list by unit.
  w.blank();
  w.title(t.sections.units);
  const units = table(w, t, [c.unit, ...LIST_ORDER.map(t.listName), c.total, c.amount], d.units, (u) => [
    t.unitName(u.unit),
    ...LIST_ORDER.map((l) => u.lists[l]),
    u.total,
    money(u.amount),
  ]);
  w.totals([c.total, ...LIST_ORDER.map((l) => d.lists[l].count), tot.count, money(tot.amount)]);
  w.chart(t.chartLists, 'columnStacked', units.header, 1, units.last, 5, { row: units.header, col: CHART_COL });
  w.dataBar(7, units.first, units.last);

  // 3. Red and yellow flags by unit.
  w.blank();
  w.title(t.sections.flags);
  const flags = table(w, t, [c.unit, c.red, c.yellow, c.total], d.units, (u) => [t.unitName(u.unit), u.red, u.yellow, u.red + u.yellow]);
  d.units.forEach((u, i) => {
    if (u.red) w.style(flagStyle('red')!, flags.first + i, 2);
    if (u.yellow) w.style(flagStyle('yellow')!, flags.first + i, 3);
  });
  w.totals([c.total, tot.red, tot.yellow, tot.red + tot.yellow]);
  w.chart(t.chartFlags, 'columnClustered', flags.header, 1, flags.last, 3, { row: flags.header, col: CHART_COL });

  // 4. Cycle times.
  w.blank();
  w.title(t.sections.cycles);
  table(w, t, [c.stage, c.median, c.samples], CYCLE_KEYS, (k) => [t.cycleName(k), d.cycleTimes[k].median ?? '—', d.cycleTimes[k].count]);

  // 5. Priority investors per list.
  w.blank();
  w.title(t.sections.priority);
  table(w, t, [c.type, ...LIST_ORDER.map(t.listName), c.total, c.amount], PRIORITY_KEYS, (k) => {
    const p = d.priority[k];
    return [t.priorityName(k), ...LIST_ORDER.map((l) => p.lists[l].count), p.total.count, money(p.total.amount)];
  });
  const sum = (f: (k: (typeof PRIORITY_KEYS)[number]) => number) => PRIORITY_KEYS.reduce((n, k) => n + f(k), 0);
  w.totals([
    c.total,
    ...LIST_ORDER.map((l) => sum((k) => d.priority[k].lists[l].count)),
    sum((k) => d.priority[k].total.count),
    money(sum((k) => d.priority[k].total.amount)),
  ]);

  // 7. Units that have not reported this week so far (未按时调度): the count, then each unit; always shown.
  const late = d.notReported ?? [];
  w.blank();
  w.title(t.sections.notReportedNow);
  w.note(t.notReportedCount(late.length));
  if (late.length > 0) {
    table(w, t, [c.no, c.unit, c.activeProjects], late, (x, i) => [i + 1, t.unitName(x.unit), x.active], () => flagStyle('yellow'));
  }

  // 8–11. Contribution: 招商方式, 责任专班, the "6+3" chains, per-mu figures by unit (when the dashboard has them).
  if (d.contribution) contributionSections(w, t, d.contribution, lang);
  // 12. Red and yellow counts over the last 12 weeks (addin/core/leader-sheets/trend.ts).
  if (d.trend) trendSection(w, t, d.trend, lang);
  // 12. Possible duplicates from the name index (addin/core/leader-sheets/duplicates.ts).
  if (d.duplicates) duplicatesSection(w, t, d.duplicates, d.duplicatesTotal ?? d.duplicates.length, lang);

  // Last: the red-flagged projects, longest flagged first, on a page of their own. Its header row is the sheet's
  // print titles: Excel repeats one row range on every page from where it appears, so the list that runs over
  // pages comes after every other section (whose pages would otherwise repeat its header).
  w.blank();
  w.pageBreak();
  w.title(t.sections.redList);
  const red = table(
    w,
    t,
    [c.no, c.name, c.unit, c.leader, c.list, c.days, c.reasons],
    d.redFlags,
    (r, i) => [i + 1, r.project.name, t.unitName(r.project.unit), r.project.leader, t.stageName(r.project.stage), r.daysFlagged, reasonText(r.reasons, t, lang)],
    () => flagStyle('red'),
  );
  w.repeatOnEveryPage(red.header);

  return w.build(t.sheets.dashboard, 2);
}
