/**
 * County configuration as the API carries it (GET|PUT /v1/config). Every flag threshold lives here, not in
 * code. Defaults and validation (with zh/en errors) are in functions/domain/config.ts.
 */
export interface CutoffConfig {
  /** ISO weekday of the weekly cut-off: 1 = Monday … 5 = Friday … 7 = Sunday. */
  weekday: number;
  /** Local time of the cut-off, "HH:MM". */
  time: string;
  /** IANA time zone of the county, e.g. "Asia/Shanghai". */
  timeZone: string;
}

export interface ThresholdPair {
  yellow: number;
  red: number;
}

export interface RuleConfig {
  /** Cut-offs passed with the progress text unchanged. */
  weeklyUpdate: ThresholdPair & { enabled: boolean };
  /** Weeks with no stage change or progress, for a clue; dropping is suggested at suggestDropWeeks. */
  clueStalled: ThresholdPair & { enabled: boolean; suggestDropWeeks: number };
  /** Days since signing with no start. */
  signedNotStarted: ThresholdPair & { enabled: boolean };
  /** Days a planned start/production date is overdue with no actual date. */
  milestoneOverdue: ThresholdPair & { enabled: boolean };
  /** Days a problem text has stood unchanged; coordination needed makes it red at once when set. */
  problemOpen: ThresholdPair & { enabled: boolean; coordinationIsRed: boolean };
  /** Consecutive weekly cut-offs at yellow that make a flag red. */
  escalation: { enabled: boolean; consecutiveCutoffs: number };
  missingOwner: { enabled: boolean };
}

export interface CountyConfig {
  county: string;
  cutoff: CutoffConfig;
  rules: RuleConfig;
  /** The county's industries ("6+3"); free text is still accepted, these are suggestions and report rows. */
  industries: string[];
  /** Units (towns, streets, zones, teams, departments) known to the county. */
  units: string[];
  /** Move rows to their new list without asking. */
  autoMoveRows: boolean;
}
