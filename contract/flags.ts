/** Flags, transitions and field errors: the vocabulary of a synced row's outcome (DESIGN §2). */
import type { FieldKey, Message, Stage } from './fields';

/** Flag levels: yellow = reminder (提醒), red = warning (警告). */
export type FlagLevel = 'none' | 'yellow' | 'red';

/** One reason a flag fired: the rule, its level, the figures behind it and bilingual text. */
export interface FlagReason {
  rule: RuleId;
  level: Exclude<FlagLevel, 'none'>;
  figures: Record<string, number | string>;
  message: Message;
}
export type RuleId =
  | 'weekly-update'
  | 'clue-stalled'
  | 'signed-not-started'
  | 'milestone-overdue'
  | 'problem-open'
  | 'escalation'
  | 'missing-owner'
  | 'contribution-below-standard';

export interface Flag {
  level: FlagLevel;
  reasons: FlagReason[];
}

export interface Transition {
  from: Stage;
  to: Stage;
  /** ISO date the transition happened (the stage's date in the row). */
  on: string;
  /** Days from the previous stage's date; null when that date is unknown. */
  cycleDays: number | null;
}

export interface FieldError {
  /** The field whose cell is wrong; null for row-level errors (duplicate id, other unit, …). */
  field: FieldKey | null;
  code: string;
  message: Message;
}
