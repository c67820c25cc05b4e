/** Every heading of the leaders' sheets, in zh-CN (default) and en-US, in one place. */
import { DEFAULT_TIME_ZONE, ENUMS, STAGE_NAMES, type CycleKey, type FlagLevel, type ListKey, type PriorityKey, type Stage } from '../../../contract';
import { FLAG_STYLE } from '../flag-style';
import { LISTS } from '../sheet-names';

export type Lang = 'zh' | 'en';

export interface LeaderSheetOptions {
  lang?: Lang;
  /** County name for titles (config.county). */
  county?: string;
  /** Time zone dates and times are shown in (config.cutoff.timeZone). */
  timeZone?: string;
}

const ZH = {
  sheets: { dashboard: '领导看板', weekly: '周调度', projects: '全县项目' },
  dashboardTitle: (county: string) => `${county}招商引资四个清单 · 领导看板`,
  weeklyTitle: (county: string, week: string) => `${county}招商引资项目周调度 · ${week.slice(0, 4)}年第${Number(week.slice(6))}周`,
  projectsTitle: (county: string) => `${county}全县招商项目（只读，由系统生成，请勿修改）`,
  asOf: (when: string, week: string) => `数据截至 ${when}（${week}）`,
  period: (from: string, to: string, end: string) => `统计周期：${from} 至 ${to}（截至 ${end}）`,
  projectCount: (n: number, when: string | null) => `共 ${n} 个项目${when ? `，数据截至 ${when}` : ''}`,
  noData: '本周无数据。',
  noComparison: '上周无数据，不作比较。',
  none: '（无）',
  dropped: (week: number, total: number) => `本周终止 ${week} 个项目，累计终止 ${total} 个。`,
  droppedDashboard: (n: number) => `已终止项目 ${n} 个（不计入四个清单）。`,
  notReportedCount: (n: number) => (n === 0 ? '本周各单位均已按时调度。' : `本周截至目前 ${n} 个单位未按时调度（有在库项目，但没有一个项目更新本周进展）：`),
  flagSummary: (red: number, yellow: number, cleared: number) => `本周新增红旗 ${red} 个、黄旗 ${yellow} 个，消除旗帜 ${cleared} 个。`,
  sections: {
    overview: '一、四个清单总览',
    units: '二、各单位项目分布',
    flags: '三、各单位红黄旗',
    cycles: '四、项目周期（中位数）',
    priority: '五、重点目标企业',
    redList: '附：红旗项目清单',
    weekLists: '一、四个清单本周变化',
    weekUnits: '二、分单位统计',
    movements: '三、本周进入（退出）清单的项目',
    flagChanges: '四、旗帜变化',
    coordination: '五、需县级协调事项',
    noUpdate: '六、本周未更新进展的项目',
    notReported: '七、未按时调度的单位（本周所有项目均未更新进展）',
    notReportedNow: '六、本周未按时调度的单位',
  },
  col: {
    list: '清单', unit: '单位', count: '项目数', amount: '总投资（亿元）', red: '红旗', yellow: '黄旗',
    outputValue: '预计产值（亿元）', tax: '预计税收（亿元）', jobs: '预计就业（人）', total: '合计',
    stage: '环节', median: '中位数（天）', samples: '项目数', type: '类型', no: '序号', name: '项目名称', id: '项目编号',
    leader: '包联领导', days: '挂旗天数', reasons: '预警原因', delta: '较上周', amountDelta: '较上周（亿元）',
    entered: '本周新进入', noUpdate: '未更新进展', droppedWeek: '本周终止', change: '变化', date: '日期',
    coordination: '需协调事项', flag: '旗帜', updated: '更新时间', activeProjects: '在库项目数',
  },
  chartLists: '各单位四个清单项目数',
  chartFlags: '各单位红黄旗',
  noUnit: '未填单位',
  newProject: '新增',
  cleared: '消除',
  noFlag: '无',
  passed: (lists: string) => `（跨越${lists}）`,
  sep: '；',
};

type Text = typeof ZH;

const EN: Text = {
  sheets: { dashboard: 'Dashboard', weekly: 'Weekly report', projects: 'County projects' },
  dashboardTitle: (county) => `${county} investment projects · leaders' dashboard`,
  weeklyTitle: (county, week) => `${county} investment projects · weekly scheduling report ${week}`,
  projectsTitle: (county) => `${county} all investment projects (read-only, generated — do not edit)`,
  asOf: (when, week) => `As of ${when} (${week})`,
  period: (from, to, end) => `Period: ${from} to ${to} (cut-off ${end})`,
  projectCount: (n, when) => `${n} projects${when ? `, as of ${when}` : ''}`,
  noData: 'No data this week.',
  noComparison: 'No data for the previous week: nothing to compare.',
  none: '(none)',
  dropped: (week, total) => `${week} projects dropped this week, ${total} in all.`,
  droppedDashboard: (n) => `${n} dropped projects (not in the four lists).`,
  notReportedCount: (n) => (n === 0 ? 'Every unit has reported this week.' : `${n} units have not reported this week so far (active projects, none with this week's progress updated):`),
  flagSummary: (red, yellow, cleared) => `This week: ${red} new red flags, ${yellow} new yellow flags, ${cleared} cleared.`,
  sections: {
    overview: '1. The four lists',
    units: '2. Projects by unit',
    flags: '3. Red and yellow flags by unit',
    cycles: '4. Cycle times (median)',
    priority: '5. Priority investors',
    redList: 'Appendix: red-flagged projects',
    weekLists: '1. The four lists this week',
    weekUnits: '2. By unit',
    movements: '3. Projects that entered (or left) a list this week',
    flagChanges: '4. Flag changes',
    coordination: '5. Needs county-level coordination',
    noUpdate: '6. No progress update this week',
    notReported: '7. Units that did not report this week (no project progress updated)',
    notReportedNow: '6. Units that have not reported this week',
  },
  col: {
    list: 'List', unit: 'Unit', count: 'Projects', amount: 'Investment (100M CNY)', red: 'Red', yellow: 'Yellow',
    outputValue: 'Output value (100M CNY)', tax: 'Tax (100M CNY)', jobs: 'Jobs', total: 'Total',
    stage: 'Step', median: 'Median (days)', samples: 'Projects', type: 'Type', no: 'No.', name: 'Project', id: 'Project ID',
    leader: 'Leader in charge', days: 'Days flagged', reasons: 'Reasons', delta: 'vs last week', amountDelta: 'vs last week (100M CNY)',
    entered: 'Entered', noUpdate: 'No update', droppedWeek: 'Dropped', change: 'Change', date: 'Date',
    coordination: 'Needs coordination', flag: 'Flag', updated: 'Updated', activeProjects: 'Active projects',
  },
  chartLists: 'Projects per list by unit',
  chartFlags: 'Red and yellow flags by unit',
  noUnit: '(no unit)',
  newProject: 'New',
  cleared: 'Cleared',
  noFlag: 'None',
  passed: (lists) => ` (passing ${lists})`,
  sep: '; ',
};

export function texts(lang: Lang = 'zh'): Text & {
  listName: (l: ListKey) => string;
  stageName: (s: Stage | null) => string;
  flagName: (f: FlagLevel) => string;
  unitName: (u: string) => string;
  cycleName: (c: CycleKey) => string;
  priorityName: (p: PriorityKey) => string;
} {
  const t = lang === 'en' ? EN : ZH;
  const listName = (l: ListKey) => LISTS.find((x) => x.key === l)![lang];
  return {
    ...t,
    listName,
    stageName: (s) => (s === null ? t.newProject : s === 'dropped' ? STAGE_NAMES.dropped[lang] : listName(s)),
    flagName: (f) => (f === 'none' ? t.noFlag : FLAG_STYLE[f][lang]),
    unitName: (u) => u || t.noUnit,
    cycleName: (c) => {
      const [a, b] = ({ clueToSigned: ['clue', 'signed'], signedToLanded: ['signed', 'landed'], landedToProducing: ['landed', 'producing'] } as const)[c];
      return `${listName(a)} → ${listName(b)}`;
    },
    priorityName: (p) => ENUMS.investorType.find((o) => o.value === p)![lang],
  };
}

export type Texts = ReturnType<typeof texts>;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** An ISO instant as local "YYYY-MM-DD HH:mm" in `timeZone`. */
export function formatInstant(instant: string, timeZone = DEFAULT_TIME_ZONE): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(Date.parse(instant)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
