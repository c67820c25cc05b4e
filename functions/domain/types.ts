/**
 * Shapes shared by the domain modules and kept by the store. Pure data, no behaviour.
 *
 * Dates of the ledger are ISO strings: "YYYY-MM-DD", or "YYYY-MM" when the clerk gave only a month
 * ("2026年3月"). Instants (when something was recorded) are ISO-8601 UTC strings ("2026-03-05T04:00:00.000Z").
 */
import type { FieldError, FieldKey, Flag, FlagLevel, ListKey, RuleId, Stage, Transition } from '../../contract/vocabulary';

/** A parsed ledger date: day precision "YYYY-MM-DD" or month precision "YYYY-MM". */
export type LedgerDate = string;

/** Parsed values of one row. Absent/blank cells are null. Money in 亿元. Enums hold canonical values. */
export interface ProjectFields {
  id: string | null;
  name: string | null;
  investor: string | null;
  investorType: string | null;
  industry: string | null;
  chainRole: string | null;
  amount: number | null;
  unit: string | null;
  leader: string | null;
  team: string | null;
  contact: string | null;
  clueDate: LedgerDate | null;
  signedDate: LedgerDate | null;
  plannedStartDate: LedgerDate | null;
  startDate: LedgerDate | null;
  plannedProductionDate: LedgerDate | null;
  productionDate: LedgerDate | null;
  outputValue: number | null;
  tax: number | null;
  jobs: number | null;
  progress: string | null;
  problem: string | null;
  problemType: string | null;
  coordination: string | null;
  nextSteps: string | null;
  status: string | null;
  /** 招商方式: one of the county's configured methods (CountyConfig.investmentMethods), as configured. */
  investmentMethod: string | null;
  /** 用地面积 in 亩. */
  landArea: number | null;
  /** 固定资产投资 in 亿元. */
  fixedInvestment: number | null;
}

export type FieldValue = ProjectFields[FieldKey];

export interface ParseContext {
  /** Excel's date system of the workbook the cells came from. */
  dateSystem: 1900 | 1904;
  /** Money unit of a column, in 亿元 per unit, when its header names one (e.g. 万元 → 0.0001); an area column's in 亩. */
  units?: Partial<Record<FieldKey, number>>;
  /** The county's 招商方式 options (CountyConfig.investmentMethods); the defaults when absent. */
  investmentMethods?: readonly string[];
}

export interface ParsedRow {
  fields: ProjectFields;
  errors: FieldError[];
}

/**
 * What the store keeps about a project's past, for the flag engine (the sheet alone cannot know when a cell
 * last changed). All instants ISO UTC.
 */
export interface FlagHistory {
  /** When the project was first synced. */
  firstSeenAt: string;
  /** When the current stage was first recorded. */
  stageChangedAt: string;
  /** When the progress text (本周进展) last changed; firstSeenAt when it never did. */
  progressChangedAt: string;
  /** When the problem text (存在问题) last changed to its current non-empty value; null when there is none. */
  problemChangedAt: string | null;
  /**
   * Flag levels recorded at past weekly cut-offs (ISO instant of the cut-off → level), newest last, kept to the
   * last few. A cut-off with no record is evaluated from the base rules as of that cut-off.
   */
  cutoffLevels: Array<{ cutoff: string; level: FlagLevel }>;
}

/** The evaluated project the engine looks at: its parsed fields and derived stage. */
export interface ProjectSnapshot {
  id: string;
  stage: Stage;
  fields: ProjectFields;
  /**
   * Fields whose cell this sync could not read (each has its parse error): a rule words them as unreadable, never
   * as missing. Only when a sync evaluates a row; not stored.
   */
  unreadable?: readonly FieldKey[];
}

/** The current state of a project, as the store keeps it under SK=STATE. */
export interface ProjectState extends ProjectSnapshot {
  version: number;
  list: ListKey | null;
  flag: Flag;
  /** When the flag reached its current level; null when there is no flag. */
  flagSince: string | null;
  history: FlagHistory;
  /** The workbooks this project was synced from. */
  workbooks: string[];
  /** A hash of the raw row content last synced, so unchanged rows write nothing. */
  contentHash: string;
  /** The name index key (domain/identity nameKeyString) this project is indexed under; absent in data written before. */
  nameKey?: string;
  updatedAt: string;
  updatedBy: string;
}

export interface StageResult {
  stage: Stage;
  /** Forward transition relative to the previous stage, or on first sight to the row's list (none when unchanged). */
  transition?: Transition;
  errors: FieldError[];
}

export type { RuleId };
