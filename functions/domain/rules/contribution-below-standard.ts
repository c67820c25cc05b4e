/**
 * `contribution-below-standard`: a yellow reminder for a clue or a signed project whose expected per-mu figures
 * (functions/domain/contribution.ts) fall below the admission standard (准入标准) of its industry class — before
 * land is granted, the county can still renegotiate or walk away. Only figures the row allows are judged: no land
 * (or zero land) gives no figure and no reminder; a standard's figure left out is not checked. Off when the
 * county configures no standard (the default).
 *
 * A standing fact about the project, not a delay: it never escalates to red (escalation counts only the other
 * rules, see flags.ts `escalatingLevel`).
 */
import type { ContributionStandard } from '../../../contract/vocabulary';
import { contributionFigures } from '../contribution';
import type { ProjectSnapshot } from '../types';
import type { EvalContext } from './context';
import { makeReason, type Rule } from './rule';

/** The standard of the project's industry (its entry, else the default), without allocating. */
function standardOf(project: ProjectSnapshot, ctx: EvalContext): (ContributionStandard & { name?: string }) | null {
  const standards = ctx.config.standards;
  if (!standards) return null;
  const industry = project.fields.industry;
  if (industry !== null) {
    const key = industry.normalize('NFKC').trim();
    if (key !== '' && Object.hasOwn(standards.industries, key)) return standards.industries[key]!;
  }
  return standards.default;
}

const isBelow = (value: number | null, floor: number | undefined): value is number => value !== null && floor !== undefined && value < floor;

const fmt = (n: number): string => String(Math.round(n * 100) / 100);

export const contributionBelowStandard: Rule = {
  id: 'contribution-below-standard',
  level(project, _times, _at, ctx) {
    if (project.stage !== 'clue' && project.stage !== 'signed') return 0;
    const standard = standardOf(project, ctx);
    if (!standard) return 0;
    const f = project.fields;
    if (f.landArea === null || !(f.landArea > 0)) return 0;
    const figures = contributionFigures(f);
    return isBelow(figures.investmentIntensity, standard.investmentIntensity) || isBelow(figures.taxPerMu, standard.taxPerMu) ? 1 : 0;
  },
  reason(project, _times, _at, ctx, level) {
    const standard = standardOf(project, ctx)!;
    const figures = contributionFigures(project.fields);
    const industry = project.fields.industry?.normalize('NFKC').trim() ?? '';
    const ownClass = industry !== '' && Object.hasOwn(ctx.config.standards.industries, industry);
    const nameZh = standard.name ?? (ownClass ? industry : '默认标准');
    const nameEn = standard.name ?? (ownClass ? industry : 'default standard');
    const zh: string[] = [];
    const en: string[] = [];
    const out: Record<string, number | string> = { landArea: figures.landArea!, standard: nameZh };
    if (isBelow(figures.investmentIntensity, standard.investmentIntensity)) {
      const basisZh = figures.investmentBasis === 'fixedInvestment' ? '按固定资产投资' : '按总投资';
      const basisEn = figures.investmentBasis === 'fixedInvestment' ? 'fixed-asset investment' : 'total investment';
      zh.push(`投资强度 ${fmt(figures.investmentIntensity)} 万元/亩（${basisZh}），低于 ${fmt(standard.investmentIntensity!)} 万元/亩`);
      en.push(`investment intensity ${fmt(figures.investmentIntensity)} 万元/mu (${basisEn}), below ${fmt(standard.investmentIntensity!)} 万元/mu`);
      out.investmentIntensity = figures.investmentIntensity;
      out.standardIntensity = standard.investmentIntensity!;
    }
    if (isBelow(figures.taxPerMu, standard.taxPerMu)) {
      zh.push(`亩均税收 ${fmt(figures.taxPerMu)} 万元/亩·年，低于 ${fmt(standard.taxPerMu!)} 万元/亩·年`);
      en.push(`tax per mu ${fmt(figures.taxPerMu)} 万元/mu a year, below ${fmt(standard.taxPerMu!)} 万元/mu a year`);
      out.taxPerMu = figures.taxPerMu;
      out.standardTax = standard.taxPerMu!;
    }
    const land = fmt(figures.landArea!);
    return makeReason(
      'contribution-below-standard',
      level,
      out,
      `亩均贡献低于准入标准（${nameZh}）：${zh.join('；')}（用地 ${land} 亩）`,
      `Below the admission standard (${nameEn}): ${en.join('; ')} (land ${land} mu)`,
    );
  },
};
