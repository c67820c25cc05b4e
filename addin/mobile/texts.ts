/** The phone page's words: Chinese by default, English when the browser asks for English first. */
export type Lang = 'zh' | 'en';

export const pickLang = (languages: readonly string[]): Lang => (languages[0]?.toLowerCase().startsWith('en') ? 'en' : 'zh');

const ZH = {
  title: '招商引资红黄旗 · 领导看板',
  week: (w: string) => `${w.replace(/^(\d{4})-W(\d\d)$/, '$1年第$2周')}`,
  asOf: (t: string) => `数据截至 ${t}`,
  red: '红旗',
  yellow: '黄旗',
  projects: '在库项目',
  redList: '红旗项目',
  redNone: '本周没有红旗项目。',
  leader: '分管领导',
  noLeader: '未明确分管领导',
  days: (d: number | null) => (d === null ? '' : `已挂红旗 ${d} 天`),
  more: '加载更多',
  units: '各单位情况',
  unit: '单位',
  total: '项目',
  noUnit: '未填单位',
  notReported: '未按时调度',
  notReportedNone: '各单位本周均已调度。',
  active: (n: number) => `${n} 个在库项目本周无进展`,
  trend: '近 12 周红黄旗趋势',
  county: '全县',
  history: '项目动态',
  close: '关闭',
  loading: '正在加载…',
  failed: '加载失败，请刷新重试。',
  signIn: '请先登录。',
  kinds: { created: '首次录入', fields: '信息更新', transition: '阶段变化', flag: '旗帜变化' } as Record<string, string>,
  flagNames: { none: '无旗', yellow: '黄旗', red: '红旗' } as Record<string, string>,
  by: (who: string) => `由 ${who}`,
  changed: (n: number) => `修改 ${n} 项`,
  lang: 'English',
};

type Texts = typeof ZH;

const EN: Texts = {
  title: 'Investment flags · Leaders',
  week: (w: string) => w,
  asOf: (t: string) => `As of ${t}`,
  red: 'Red',
  yellow: 'Yellow',
  projects: 'Projects',
  redList: 'Red-flag projects',
  redNone: 'No red flags this week.',
  leader: 'Leader',
  noLeader: 'No leader named',
  days: (d: number | null) => (d === null ? '' : `red for ${d} days`),
  more: 'Load more',
  units: 'By unit',
  unit: 'Unit',
  total: 'Projects',
  noUnit: 'No unit',
  notReported: 'Not reported',
  notReportedNone: 'Every unit has reported this week.',
  active: (n: number) => `${n} active projects without progress this week`,
  trend: '12-week trend',
  county: 'County',
  history: 'Timeline',
  close: 'Close',
  loading: 'Loading…',
  failed: 'Could not load; reload to try again.',
  signIn: 'Please sign in first.',
  kinds: { created: 'Recorded', fields: 'Updated', transition: 'Stage change', flag: 'Flag change' },
  flagNames: { none: 'no flag', yellow: 'yellow', red: 'red' },
  by: (who: string) => `by ${who}`,
  changed: (n: number) => `${n} fields changed`,
  lang: '中文',
};

export const TEXTS: Record<Lang, Texts> = { zh: ZH, en: EN };
export type { Texts };
