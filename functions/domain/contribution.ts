/**
 * The per-mu figures counties judge a project by (亩均论英雄), derived from its row; never written into the
 * clerk's cells:
 *
 * - 投资强度 (investment intensity), 万元/亩: 固定资产投资, else 总投资, per 亩 of land;
 * - 亩均税收 (tax per mu), 万元/亩·年: expected yearly tax per 亩;
 * - 亩均产值 (output per mu), 万元/亩: expected output value per 亩.
 *
 * No land, or zero land, gives no figure (null, never Infinity); a missing money figure gives no figure for it.
 * Pure. Money arrives in 亿元 (the catalogue's unit), figures leave in 万元, rounded to 2 decimals.
 */
import type { ContributionStandard, CountyConfig } from '../../contract/vocabulary';

export interface ContributionInput {
  amount: number | null;
  fixedInvestment: number | null;
  landArea: number | null;
  tax: number | null;
  outputValue: number | null;
}

export interface ContributionFigures {
  /** 用地面积, 亩 (null when unknown or zero). */
  landArea: number | null;
  /** 投资强度, 万元/亩. */
  investmentIntensity: number | null;
  /** Which investment the intensity is taken from. */
  investmentBasis: 'fixedInvestment' | 'amount' | null;
  /** 亩均税收, 万元/亩·年. */
  taxPerMu: number | null;
  /** 亩均产值, 万元/亩. */
  outputPerMu: number | null;
}

const WAN_PER_YI = 10_000;
const round2 = (n: number): number => Math.round(n * 100) / 100;

/** `yi` (亿元) per 亩 in 万元/亩; null without a usable figure. */
function perMu(yi: number | null, land: number | null): number | null {
  if (yi === null || land === null || !(land > 0) || !Number.isFinite(yi)) return null;
  return round2((yi * WAN_PER_YI) / land);
}

export function contributionFigures(f: ContributionInput): ContributionFigures {
  const land = f.landArea !== null && f.landArea > 0 && Number.isFinite(f.landArea) ? f.landArea : null;
  const basis = f.fixedInvestment !== null ? 'fixedInvestment' : f.amount !== null ? 'amount' : null;
  const investment = basis === null ? null : f[basis];
  const intensity = perMu(investment, land);
  return {
    landArea: land,
    investmentIntensity: intensity,
    investmentBasis: intensity === null ? null : basis,
    taxPerMu: perMu(f.tax, land),
    outputPerMu: perMu(f.outputValue, land),
  };
}

/** Sums over many projects (a unit's landed projects): Σ investment / Σ land over the projects with land. */
export interface ContributionTotals {
  /** Projects counted, and those with land (only they enter the per-mu figures). */
  count: number;
  withLand: number;
  /** Σ 用地面积 (亩), Σ investment (固定资产投资 else 总投资), Σ tax and Σ output (万元) of the projects with land. */
  land: number;
  investmentWan: number;
  taxWan: number;
  outputWan: number;
}

export interface PerMuFigures {
  investmentIntensity: number | null;
  taxPerMu: number | null;
  outputPerMu: number | null;
}

/** The per-mu figures of totals; null where no project had land. */
export function perMuOfTotals(t: Pick<ContributionTotals, 'land' | 'investmentWan' | 'taxWan' | 'outputWan'>): PerMuFigures {
  if (!(t.land > 0)) return { investmentIntensity: null, taxPerMu: null, outputPerMu: null };
  return { investmentIntensity: round2(t.investmentWan / t.land), taxPerMu: round2(t.taxWan / t.land), outputPerMu: round2(t.outputWan / t.land) };
}

/** The admission standard of a project's industry: its own entry, else the default class; null = none configured. */
export function standardFor(industry: string | null, config: Pick<CountyConfig, 'standards'>): (ContributionStandard & { name?: string; industry: string | null }) | null {
  const standards = config.standards;
  if (!standards) return null;
  const key = industry?.normalize('NFKC').trim() ?? '';
  if (key !== '' && Object.hasOwn(standards.industries, key)) return { ...standards.industries[key]!, industry: key };
  return standards.default ? { ...standards.default, industry: null } : null;
}

/** True when any standard is configured (the rule is off otherwise). */
export function hasStandards(config: Pick<CountyConfig, 'standards'>): boolean {
  return !!config.standards && (config.standards.default !== null || Object.keys(config.standards.industries).length > 0);
}
