/** A dashboard with the contribution sections (八–十一) filled from a few snapshots, for the leader-sheet tests. */
import type { Dashboard } from '../../../../contract';
import { dashboard } from '../../../../functions/domain/report';
import { contributionSections } from '../../../../functions/domain/report/sections';
import { CONTRIBUTION_SNAPS, SECTION_OPTIONS, W } from '../../../functions/domain/report/contribution-snaps';
import { history, UNITS } from '../../../functions/domain/report/history';

/** The generated history's dashboard, with the sections of the snapshots above. */
export function contributionDashboard(): Dashboard {
  const d = dashboard(history(), { asOf: '2026-11-27T04:00:00.000Z', week: W, units: UNITS });
  return { ...d, contribution: contributionSections(CONTRIBUTION_SNAPS, SECTION_OPTIONS) };
}
