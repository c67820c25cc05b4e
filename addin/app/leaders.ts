/**
 * refreshLeaderSheets: fetch the dashboard, the weekly report (and, when asked, every page of the county's
 * projects) through the sync client's callApi, build the leaders' sheets and apply them in one WritePlan that
 * holds leader sheets only — the list sheets are never touched. Each refresh replaces the sheets whole.
 */
import { DEFAULT_TIME_ZONE, type CountyConfig, type Dashboard, type Movement, type ProjectsResponse, type WeeklyReport } from '../../contract';
import { EMPTY_PLAN, MSG, type LeaderSheetPlan, type WorkbookGateway } from '../core';
import { countyProjectsSheet, dashboardSheet, weeklySheet, type Lang } from '../core/leader-sheets';
import { ApiCallError, callApi, type ApiTarget, type ClientOptions } from './client';

/** The largest page GET /v1/projects serves (projectsQuerySchema). */
const PAGE_SIZE = 1000;
const WEEK = /^\d{4}-W\d{2}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface LeaderRefreshOptions extends ClientOptions {
  /** ISO week of the weekly report ("2026-W48"); default: the week the dashboard's asOf falls in. */
  week?: string;
  /** Local date the dashboard is as of; honoured by local/test stacks only (like sync's asOf). */
  asOf?: string;
  /** Also pull every project of the county into the read-only 全县项目 sheet. */
  includeCountyProjects?: boolean;
  /** Language of the sheets' names and text (default Chinese: the workbook is the county's). */
  lang?: Lang;
  /** Projects per page for 全县项目 (≤ 1000; tests use small pages). */
  pageSize?: number;
}

export type LeaderPhase = 'fetch' | 'projects' | 'write' | 'done';
export interface LeaderProgress {
  phase: LeaderPhase;
  /** While fetching 全县项目: pages and projects received so far. */
  pages?: number;
  projects?: number;
}

export interface LeaderOutcome {
  /** The week of 周调度 and the instant 领导看板 is as of. */
  week: string;
  asOf: string;
  /** The county's time zone (config), for showing asOf. */
  timeZone: string;
  /** Sheets written, in plan order. */
  sheets: string[];
  dashboard: { count: number; amount: number; red: number; yellow: number; dropped: number; redProjects: number };
  /** `entered`: arrivals on a list (new projects included); `stageChanges`: moves from one list to a later one, as sync counts them. */
  weekly: { count: number; entered: number; red: number; yellow: number; noUpdate: number; stageChanges: number; coordination: number; empty: boolean };
  /** Projects in 全县项目; null when it was not asked for. */
  countyProjects: number | null;
}

export interface LeaderRefreshArgs {
  gateway: WorkbookGateway;
  api: ApiTarget;
  options?: LeaderRefreshOptions;
  onProgress?: (p: LeaderProgress) => void;
  signal?: AbortSignal;
}

/** The county's time zone (config cutoff.timeZone) in which every time shown to a person is given. */
export const countyTimeZone = (config: CountyConfig): string => config.cutoff?.timeZone || DEFAULT_TIME_ZONE;

/**
 * A movement that is a stage change, as sync counts its transitions: from one list to a later one. A new project (no
 * list before) is an arrival, counted in `entered`; a drop or a reactivation is no transition.
 */
const isStageChange = (m: Movement): boolean => m.from !== null && m.from !== 'dropped' && m.to !== 'dropped';

/** An answer 404 means the backend predates the leaders' reports: say so plainly. */
async function report<T>(get: () => Promise<T>): Promise<T> {
  try {
    return await get();
  } catch (e) {
    if (e instanceof ApiCallError && e.status === 404) throw new ApiCallError('http', MSG.noReports(), 404, e.code);
    throw e;
  }
}

export async function refreshLeaderSheets({ gateway, api, options = {}, onProgress, signal }: LeaderRefreshArgs): Promise<LeaderOutcome> {
  const { week, asOf, includeCountyProjects = false, lang = 'zh', pageSize = PAGE_SIZE } = options;
  if (week !== undefined && !WEEK.test(week)) throw new ApiCallError('http', MSG.badWeek(week), 400, 'bad_request');
  if (asOf !== undefined && !DAY.test(asOf)) throw new ApiCallError('http', MSG.badDay(asOf), 400, 'bad_request');
  const get = <T>(path: string, query?: Record<string, string | number | undefined>) => callApi<T>(api, { method: 'GET', path, query }, options, signal);

  onProgress?.({ phase: 'fetch' });
  // Config gives the county's name and time zone for the titles; the report week follows the dashboard's.
  const [config, dashboard] = await Promise.all([get<CountyConfig>('config'), report(() => get<Dashboard>('dashboard', { asOf }))]);
  // The red list comes in pages (issue 19): the sheet lists every red project.
  for (let next = dashboard.redFlagsNext; next; ) {
    const page = await get<Dashboard>('dashboard', { asOf, nextToken: next });
    dashboard.redFlags.push(...page.redFlags);
    next = page.redFlagsNext;
  }
  delete dashboard.redFlagsNext;
  const weekly = await report(() => get<WeeklyReport>('reports/weekly', { week: week ?? dashboard.week }));
  const sheetOptions = { lang, county: config.county, timeZone: countyTimeZone(config) };

  let pages: ProjectsResponse[] | null = null;
  if (includeCountyProjects) {
    pages = [];
    let projects = 0;
    let nextToken: string | undefined;
    onProgress?.({ phase: 'projects', pages: 0, projects: 0 });
    do {
      const page = await get<ProjectsResponse>('projects', { limit: Math.min(pageSize, PAGE_SIZE), nextToken });
      pages.push(page);
      projects += page.projects.length;
      nextToken = page.nextToken;
      onProgress?.({ phase: 'projects', pages: pages.length, projects });
    } while (nextToken);
  }

  const leaderSheets: LeaderSheetPlan[] = [dashboardSheet(dashboard, sheetOptions), weeklySheet(weekly, sheetOptions)];
  // 全县项目 is as of the reports it was fetched with: the dashboard's asOf, as the server answered it.
  if (pages) leaderSheets.push(countyProjectsSheet(pages, { ...sheetOptions, asOf: dashboard.asOf }));
  if (signal?.aborted) throw new ApiCallError('aborted', MSG.aborted());
  onProgress?.({ phase: 'write' });
  await gateway.apply({ ...EMPTY_PLAN, leaderSheets });
  onProgress?.({ phase: 'done' });

  const d = dashboard.total;
  const w = weekly.county.total;
  return {
    week: weekly.period.week,
    asOf: dashboard.asOf,
    timeZone: sheetOptions.timeZone,
    sheets: leaderSheets.map((s) => s.name),
    dashboard: { count: d.count, amount: d.amount, red: d.red, yellow: d.yellow, dropped: dashboard.dropped, redProjects: dashboard.redFlags.length },
    weekly: { count: w.count, entered: w.entered, red: w.red, yellow: w.yellow, noUpdate: w.noUpdate, stageChanges: weekly.movements.filter(isStageChange).length, coordination: weekly.coordination.length, empty: weekly.empty },
    countyProjects: pages ? new Set(pages.flatMap((p) => p.projects.map((x) => x.id))).size : null,
  };
}
