/**
 * A stored project's per-mu figures (投资强度, 亩均税收, 亩均产值) in the API's shape, computed by the domain
 * (functions/domain/contribution.ts) — for GET /v1/projects, GET /v1/projects/{id}/history and each synced row.
 */
import type { ProjectFigures } from '../../contract';
import { contributionFigures } from '../domain/contribution';
import type { ProjectFields } from '../domain/types';

export function figuresOf(fields: ProjectFields): ProjectFigures {
  const f = contributionFigures(fields);
  return { landArea: f.landArea, investmentIntensity: f.investmentIntensity, investmentBasis: f.investmentBasis, taxPerMu: f.taxPerMu, outputPerMu: f.outputPerMu };
}
