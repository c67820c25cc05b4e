/**
 * The wording of a project's per-mu figures in the history card (pure): 用地面积, 投资强度 (and what it was taken
 * from), 亩均税收, 亩均产值 — the numbers as the server computed them (functions/domain/contribution.ts), "—" for
 * one it could not compute, one line instead when there is no land.
 */
import type { ProjectFigures } from '../../../contract';
import { t, type Lang } from '../i18n';

export type FigureKey = 'landArea' | 'investmentIntensity' | 'taxPerMu' | 'outputPerMu';
export interface FigureLine {
  key: FigureKey;
  label: string;
  value: string;
}

export type FigureLines = { kind: 'noLand'; text: string } | { kind: 'figures'; lines: FigureLine[] };

export function figureLines(lang: Lang, f: ProjectFigures): FigureLines {
  if (f.landArea === null) return { kind: 'noLand', text: t(lang, 'historyNoLand') };
  const num = (n: number) => n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 });
  const value = (n: number | null, key: 'historyLandValue' | 'historyPerMuValue' | 'historyTaxPerMuValue') => (n === null ? t(lang, 'historyFigureNone') : t(lang, key, { n: num(n) }));
  const basis = f.investmentIntensity === null ? '' : f.investmentBasis === 'fixedInvestment' ? t(lang, 'historyBasisFixed') : f.investmentBasis === 'amount' ? t(lang, 'historyBasisAmount') : '';
  return {
    kind: 'figures',
    lines: [
      { key: 'landArea', label: t(lang, 'historyLand'), value: value(f.landArea, 'historyLandValue') },
      { key: 'investmentIntensity', label: t(lang, 'historyIntensity'), value: value(f.investmentIntensity, 'historyPerMuValue') + basis },
      { key: 'taxPerMu', label: t(lang, 'historyTaxPerMu'), value: value(f.taxPerMu, 'historyTaxPerMuValue') },
      { key: 'outputPerMu', label: t(lang, 'historyOutputPerMu'), value: value(f.outputPerMu, 'historyPerMuValue') },
    ],
  };
}
