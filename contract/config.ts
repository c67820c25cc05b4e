/**
 * County configuration as the API carries it (GET|PUT /v1/config). Every flag threshold lives here, not in
 * code. Defaults and validation (with zh/en errors) are in functions/domain/config.ts.
 */
/** The county's time zone when its configuration names none: every time shown to a person is given in it. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

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

/**
 * An admission standard (准入标准) in the per-mu terms counties publish: a project whose expected figures fall below
 * it gets the yellow reminder `contribution-below-standard` while it is a clue or signed. A figure left out is not
 * checked.
 */
export interface ContributionStandard {
  /** 投资强度 floor, 万元/亩: 固定资产投资 (else 总投资) per 亩 of land. */
  investmentIntensity?: number;
  /** 亩均税收 floor, 万元/亩·年: expected yearly tax per 亩. */
  taxPerMu?: number;
}

/**
 * Admission standards per industry class. `industries` is keyed by the 产业类别 value as the ledger writes it
 * ("罐头食品"); every other project (its industry not listed, or blank) takes `default`. No standard at all (the
 * default configuration: `default` null, `industries` empty) turns the rule off.
 */
export interface StandardsConfig {
  default: (ContributionStandard & { name?: string }) | null;
  industries: Record<string, ContributionStandard & { name?: string }>;
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
  /** 招商方式 the ledger's column is normalised against (its options, in report order). */
  investmentMethods: string[];
  /** Admission standards (投资强度, 亩均税收) per industry class; none configured by default. */
  standards: StandardsConfig;
}
