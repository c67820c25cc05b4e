/**
 * 领导看板 sections 七 to 十 (issue 21): which 招商方式 turn clues into signings, the 责任专班, the "6+3" chains
 * (建链/补链/强链/延链 per industry, by list), and per unit the totals and per-mu figures (投资强度, 亩均税收, 亩均产值)
 * of landed and producing projects. Shown when the dashboard carries them (Dashboard.contribution).
 */
import { CHAIN_ROLE_KEYS, LIST_ORDER, type ChainRoleKey, type ContributionSections, type LandFigures } from '../../../contract';
import { money, table } from './common';
import type { Texts } from './text';
import type { SheetWriter } from './writer';

const TEXT = {
  zh: {
    methods: '七、招商方式成效（线索→签约转化）',
    teams: '八、责任专班',
    chains: '九、产业链（“6+3”）建链 / 补链 / 强链 / 延链',
    land: '十、落地投产项目亩均效益（按单位）',
    method: '招商方式',
    noMethod: '未填招商方式',
    inStock: '在库项目',
    conversion: '线索→签约转化率',
    conversionNote: '转化率 = 已签约（含落地、投产，及签约后终止）的项目 ÷ 该方式全部项目（含终止）。',
    cycle: '签约用时中位数（天）',
    team: '责任专班',
    noTeam: '未填专班',
    industry: '产业',
    noIndustry: '未填产业',
    roles: { build: '建链', fill: '补链', strengthen: '强链', extend: '延链' } as Record<ChainRoleKey, string>,
    unmarked: '未标注环节',
    landed: '落地/投产项目',
    landArea: '用地（亩）',
    withLand: '有用地数据',
    intensity: '投资强度（万元/亩）',
    taxPerMu: '亩均税收（万元/亩·年）',
    outputPerMu: '亩均产值（万元/亩）',
    landNote: '亩均数按有用地数据的项目计：投资强度 = 固定资产投资（未填则总投资）÷ 用地；未填或为 0 的用地不计入，显示“—”。',
  },
  en: {
    methods: '7. Investment methods (clue → signed conversion)',
    teams: '8. Special teams',
    chains: '9. The "6+3" industry chains: builds / fills / strengthens / extends',
    land: '10. Per-mu figures of landed and producing projects, by unit',
    method: 'Method',
    noMethod: '(no method)',
    inStock: 'Active',
    conversion: 'Clue → signed',
    conversionNote: 'Conversion = projects that reached signing (signed, landed, producing, or dropped after signing) ÷ all projects of the method (dropped included).',
    cycle: 'Median days to sign',
    team: 'Special team',
    noTeam: '(no team)',
    industry: 'Industry',
    noIndustry: '(no industry)',
    roles: { build: 'Builds', fill: 'Fills', strengthen: 'Strengthens', extend: 'Extends' } as Record<ChainRoleKey, string>,
    unmarked: 'No role',
    landed: 'Landed + producing',
    landArea: 'Land (mu)',
    withLand: 'With land',
    intensity: 'Investment per mu (10k CNY)',
    taxPerMu: 'Tax per mu a year (10k CNY)',
    outputPerMu: 'Output per mu (10k CNY)',
    landNote: 'Per-mu figures count projects with land only: investment = fixed-asset investment (else total investment) ÷ land; no or zero land is left out and shows "—".',
  },
};

/** Shown where there is no figure (no land, no cycle): a dash, as the other sections do. */
const NO_FIGURE = '—';
const orDash = (n: number | null): string | number => (n === null ? NO_FIGURE : n);
const percent = (n: number | null): string => (n === null ? NO_FIGURE : `${Math.round(n * 1000) / 10}%`);

export function contributionSections(w: SheetWriter, t: Texts, s: ContributionSections, lang: 'zh' | 'en'): void {
  const x = TEXT[lang];
  const c = t.col;

  // 8. By 招商方式.
  w.blank();
  w.title(x.methods);
  table(w, t, [x.method, ...LIST_ORDER.map(t.listName), x.inStock, c.amount, x.conversion, x.cycle], s.methods, (m) => [
    m.method || x.noMethod,
    ...LIST_ORDER.map((l) => m.lists[l]),
    m.total,
    money(m.amount),
    percent(m.conversion),
    orDash(m.clueToSigned.median),
  ]);
  w.note(x.conversionNote);

  // 9. By 责任专班.
  w.blank();
  w.title(x.teams);
  table(w, t, [x.team, ...LIST_ORDER.map(t.listName), c.total, c.amount, c.red, c.yellow], s.teams, (r) => [
    r.team || x.noTeam,
    ...LIST_ORDER.map((l) => r.lists[l]),
    r.total,
    money(r.amount),
    r.red,
    r.yellow,
  ]);

  // 10. Industry × chain role, by list.
  w.blank();
  w.title(x.chains);
  const roleTotal = (r: (typeof s.chains)[number], k: ChainRoleKey) => LIST_ORDER.reduce((n, l) => n + r.roles[k][l], 0);
  table(w, t, [x.industry, ...CHAIN_ROLE_KEYS.map((k) => x.roles[k]), x.unmarked, ...LIST_ORDER.map(t.listName), c.total], s.chains, (r) => [
    r.industry || x.noIndustry,
    ...CHAIN_ROLE_KEYS.map((k) => roleTotal(r, k)),
    r.unmarked,
    ...LIST_ORDER.map((l) => r.lists[l]),
    r.total,
  ]);

  // 11. Per unit: landed + producing, totals and per-mu figures.
  w.blank();
  w.title(x.land);
  const row = (name: string, f: LandFigures) => [name, f.count, money(f.amount), f.withLand, f.landArea || NO_FIGURE, orDash(f.investmentIntensity), orDash(f.taxPerMu), orDash(f.outputPerMu)];
  table(w, t, [c.unit, x.landed, c.amount, x.withLand, x.landArea, x.intensity, x.taxPerMu, x.outputPerMu], s.land, (u) => row(t.unitName(u.unit), u.total));
  if (s.land.length > 0) w.totals(row(c.total, s.landTotal.total));
  w.note(x.landNote);
}
