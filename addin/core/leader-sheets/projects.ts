/** 全县项目: every project of the county, read-only, from GET /v1/projects pages. */
import { byPinyin, STAGE_RANK, type ProjectSummary, type ProjectsResponse } from '../../../contract';
import { cellAddress } from '../a1';
import type { LeaderSheetPlan } from '../gateway';
import { flagStyle } from '../styles';
import { money, reasonText } from './common';
import { formatInstant, texts, type LeaderSheetOptions } from './text';
import { SheetWriter } from './writer';

export interface CountyProjectsOptions extends LeaderSheetOptions {
  /** ISO instant the list was fetched, shown under the title. */
  asOf?: string;
}

/** Units by pinyin, a project without a unit after them (as in the reports). */
const byUnit = (a: string, b: string) => Number(a === '') - Number(b === '') || byPinyin(a, b);

/** Pages joined, a project repeated across pages (a retried page) kept once, sorted list → unit → name. */
function projectsOf(pages: readonly ProjectsResponse[]): ProjectSummary[] {
  const byId = new Map<string, ProjectSummary>();
  for (const page of pages) for (const p of page.projects) byId.set(p.id, p);
  return [...byId.values()].sort(
    (a, b) => STAGE_RANK[a.stage] - STAGE_RANK[b.stage] || byUnit(a.unit, b.unit) || byPinyin(a.name, b.name) || (a.id < b.id ? -1 : 1),
  );
}

export function countyProjectsSheet(pages: readonly ProjectsResponse[], options: CountyProjectsOptions = {}): LeaderSheetPlan {
  const lang = options.lang ?? 'zh';
  const t = texts(lang);
  const c = t.col;
  const projects = projectsOf(pages);
  const w = new SheetWriter();
  w.title(t.projectsTitle(options.county ?? ''));
  w.note(t.projectCount(projects.length, options.asOf ? formatInstant(options.asOf, options.timeZone) : null));
  const columns = [c.no, c.name, c.id, c.unit, c.leader, c.list, c.amount, c.flag, c.reasons, c.updated];
  const header = w.header(columns);
  projects.forEach((p, i) =>
    w.line(
      [
        i + 1,
        p.name,
        p.id,
        t.unitName(p.unit),
        p.leader || null,
        t.stageName(p.stage),
        money(p.amount),
        p.flag.level === 'none' ? null : t.flagName(p.flag.level),
        reasonText(p.flag.reasons, t, lang) || null,
        formatInstant(p.updatedAt, options.timeZone).slice(0, 10),
      ],
      flagStyle(p.flag.level),
    ),
  );
  const sum = projects.reduce((n, p) => n + Math.round((p.amount ?? 0) * 10_000), 0) / 10_000;
  w.totals([c.total, projects.length, null, null, null, null, sum]);
  w.dataBar(7, header + 1, header + projects.length);
  // Filterable and sortable by unit, list, flag… although protected: the filter covers the header and the projects, not the total.
  const autoFilter = `${cellAddress(header, 1)}:${cellAddress(header + Math.max(1, projects.length), columns.length)}`;
  return { ...w.build(t.sheets.projects, header), protect: true, autoFilter };
}
