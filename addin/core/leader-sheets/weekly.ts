/** 周调度: the weekly scheduling report as a printable sheet. */
import { LIST_ORDER, type FlagChange, type Movement, type RawCell, type WeeklyReport } from '../../../contract';
import type { LeaderSheetPlan } from '../gateway';
import { flagStyle } from '../styles';
import { money, reasonText, table } from './common';
import { formatInstant, texts, type LeaderSheetOptions, type Texts } from './text';
import { SheetWriter } from './writer';

const CHART_COL = 14;

function movementText(m: Movement, t: Texts): string {
  const passed = m.passed.length ? t.passed(m.passed.map(t.listName).join('、')) : '';
  return `${t.stageName(m.from)} → ${t.stageName(m.to)}${passed}`;
}

function flagChangeText(f: FlagChange, t: Texts): string {
  return `${t.flagName(f.from)} → ${f.to === 'none' ? t.cleared : t.flagName(f.to)}`;
}

export function weeklySheet(r: WeeklyReport, options: LeaderSheetOptions = {}): LeaderSheetPlan {
  const lang = options.lang ?? 'zh';
  const t = texts(lang);
  const c = t.col;
  const w = new SheetWriter();
  const p = r.period;
  w.title(t.weeklyTitle(options.county ?? '', p.week));
  w.note(t.period(p.firstDay, p.lastDay, formatInstant(p.end, options.timeZone)));
  if (r.empty) w.note(t.noData);

  // 1. The four lists this week, against the previous week.
  w.blank();
  w.title(t.sections.weekLists);
  /** A week-over-week figure, or a dash when there is nothing to compare. */
  const delta = (n: RawCell | undefined): RawCell => (r.change && n !== undefined ? n : '—');
  const lists = table(w, t, [c.list, c.count, c.delta, c.entered, c.amount, c.amountDelta, c.red, c.yellow, c.noUpdate], LIST_ORDER, (l) => {
    const f = r.county.lists[l];
    const ch = r.change?.lists[l];
    return [t.listName(l), f.count, delta(ch?.count.delta), f.entered, money(f.amount), delta(ch && money(ch.amount.delta)), f.red, f.yellow, f.noUpdate];
  });
  const tot = r.county.total;
  const tch = r.change?.total;
  w.totals([c.total, tot.count, delta(tch?.count.delta), tot.entered, money(tot.amount), delta(tch && money(tch.amount.delta)), tot.red, tot.yellow, tot.noUpdate]);
  w.dataBar(2, lists.first, lists.last);
  w.dataBar(5, lists.first, lists.last);
  w.note(t.dropped(r.county.droppedThisWeek, r.county.droppedTotal));
  w.note(r.change ? t.flagSummary(r.change.newRed.length, r.change.newYellow.length, r.change.cleared.length) : t.noComparison);

  // 2. By unit.
  w.blank();
  w.title(t.sections.weekUnits);
  const unitHeader = [c.unit, ...LIST_ORDER.map(t.listName), c.total, c.amount, c.entered, c.red, c.yellow, c.noUpdate, c.droppedWeek];
  const units = table(
    w,
    t,
    unitHeader,
    r.units,
    (u) => [t.unitName(u.unit), ...LIST_ORDER.map((l) => u.lists[l].count), u.total.count, money(u.total.amount), u.total.entered, u.total.red, u.total.yellow, u.total.noUpdate, u.droppedThisWeek],
  );
  const [redCol, yellowCol] = [unitHeader.indexOf(c.red) + 1, unitHeader.indexOf(c.yellow) + 1];
  r.units.forEach((u, i) => {
    if (u.total.red) w.style(flagStyle('red')!, units.first + i, redCol);
    if (u.total.yellow) w.style(flagStyle('yellow')!, units.first + i, yellowCol);
  });
  w.totals([c.total, ...LIST_ORDER.map((l) => r.county.lists[l].count), tot.count, money(tot.amount), tot.entered, tot.red, tot.yellow, tot.noUpdate, r.county.droppedThisWeek]);
  w.chart(t.chartLists, 'columnStacked', units.header, 1, units.last, 5, { row: units.header, col: CHART_COL });
  w.dataBar(unitHeader.indexOf(c.amount) + 1, units.first, units.last);

  // 3. Projects that moved.
  w.blank();
  w.title(t.sections.movements);
  table(w, t, [c.no, c.name, c.unit, c.leader, c.change, c.amount, c.date], r.movements, (m, i) => [
    i + 1,
    m.project.name,
    t.unitName(m.project.unit),
    m.project.leader,
    movementText(m, t),
    money(m.project.amount),
    m.on,
  ]);

  // 4. Flag changes: new red, new yellow, cleared.
  w.blank();
  w.title(t.sections.flagChanges);
  if (!r.change) w.note(t.noComparison);
  else {
    const changes = [...r.change.newRed, ...r.change.newYellow, ...r.change.cleared];
    table(
      w,
      t,
      [c.no, c.name, c.unit, c.leader, c.change, c.reasons],
      changes,
      (f, i) => [i + 1, f.project.name, t.unitName(f.project.unit), f.project.leader, flagChangeText(f, t), reasonText(f.reasons, t, lang)],
      (f) => flagStyle(f.to),
    );
  }

  // 5. Coordination needed.
  w.blank();
  w.title(t.sections.coordination);
  table(
    w,
    t,
    [c.no, c.name, c.unit, c.leader, c.list, c.coordination],
    r.coordination,
    (x, i) => [i + 1, x.project.name, t.unitName(x.project.unit), x.project.leader, t.stageName(x.project.stage), x.text],
    (x) => flagStyle(x.project.flag),
  );

  // 6. No progress update this week.
  w.blank();
  w.title(t.sections.noUpdate);
  table(
    w,
    t,
    [c.no, c.name, c.unit, c.leader, c.list, c.flag],
    r.noUpdate,
    (x, i) => [i + 1, x.name, t.unitName(x.unit), x.leader, t.stageName(x.stage), x.flag === 'none' ? null : t.flagName(x.flag)],
    (x) => flagStyle(x.flag),
  );

  // 7. Units that did not report (未按时调度): shown only when there are some.
  const late = r.notReported ?? [];
  if (late.length > 0) {
    w.blank();
    w.title(t.sections.notReported);
    table(w, t, [c.no, c.unit, c.count], late, (x, i) => [i + 1, t.unitName(x.unit), x.active]);
  }

  return w.build(t.sheets.weekly, 2);
}
