/** Snapshots with the contribution fields (招商方式, 专班, industry, chain role, land), for the sections' tests and the leader sheets'. */
import type { SnapshotContribution, WeekSnapshot } from '../../../../functions/domain/report/snapshot';
import { flag, snap } from './history';

export const W = '2026-W48';
/** A snapshot's contribution fields, blank but for `over`. */
export const x = (over: Partial<SnapshotContribution>): SnapshotContribution => ({
  investmentMethod: null, team: null, industry: null, chainRole: null, landArea: null, fixedInvestment: null, ...over,
});

export const CONTRIBUTION_SNAPS: WeekSnapshot[] = [
  // 以商招商: a clue, a signed (60 days), a landed (90 days); one dropped clue.
  snap({ id: 'A', week: W, unit: '平邑街道', stage: 'clue', amount: 1, contribution: x({ investmentMethod: '以商招商', team: '食品专班', industry: '罐头食品', chainRole: 'build' }) }),
  snap({ id: 'B', week: W, unit: '平邑街道', stage: 'signed', amount: 2, dates: { clue: '2026-08-01', signed: '2026-09-30', landed: null, producing: null }, flag: flag('red'), contribution: x({ investmentMethod: '以商招商', team: '食品专班', industry: '罐头食品', chainRole: 'fill' }) }),
  snap({ id: 'C', week: W, unit: '地方镇', stage: 'landed', amount: 3, tax: 0.1, outputValue: 5, dates: { clue: '2026-01-01', signed: '2026-04-01', landed: '2026-06-01', producing: null }, contribution: x({ investmentMethod: '以商招商', team: '食品专班', industry: '罐头食品', chainRole: 'fill', landArea: 100, fixedInvestment: 2 }) }),
  snap({ id: 'D', week: W, unit: '地方镇', stage: 'dropped', amount: 9, contribution: x({ investmentMethod: '以商招商' }) }),
  // 基金招商: a producing project with land, one without land.
  snap({ id: 'E', week: W, unit: '地方镇', stage: 'producing', amount: 4, tax: 0.2, outputValue: 8, dates: { clue: '2025-01-01', signed: '2025-03-01', landed: '2025-05-01', producing: '2026-01-01' }, flag: flag('yellow'), contribution: x({ investmentMethod: '基金招商', team: '新能源专班', industry: '光伏储能', chainRole: 'strengthen', landArea: 50 }) }),
  snap({ id: 'F', week: W, unit: '经济开发区', stage: 'producing', amount: 1, tax: 0.05, contribution: x({ investmentMethod: '基金招商', industry: '光伏储能', landArea: 0 }) }),
  // Not filled in, and an old snapshot without contribution at all.
  snap({ id: 'G', week: W, unit: '', stage: 'clue', amount: 0.5 }),
];

export const SECTION_OPTIONS = { units: ['平邑街道', '地方镇'], methods: ['以商招商', '产业链招商', '基金招商'], industries: ['罐头食品', '光伏储能', '新材料'] };
