/** The instant a request is evaluated at: the one place that decides whether a request's asOf is honoured. */
import type { CutoffConfig } from '../../contract';
import { asOfInstant } from '../domain/calendar';
import type { Deps } from './deps';

/**
 * The clock — or, only when the stack runs in local/test mode, the request's `asOf` (a local date, taken at
 * the instant `asOfInstant` gives it under the county's cut-off). The cloud ignores asOf.
 */
export function now(deps: Pick<Deps, 'mode' | 'clock'>, cutoff: CutoffConfig, asOf?: string): string {
  return deps.mode !== 'cloud' && asOf ? asOfInstant(asOf, cutoff) : deps.clock();
}
