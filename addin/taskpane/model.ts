/**
 * What the pane shows, independent of core's exact return shapes: the composition root converts core's
 * summary and layout into these (see sync/workbook-services.ts), so views and state stay small and testable.
 */
import type { FieldKey, ListKey, Message, MissingProject, SyncSummary } from '../../contract';

export type HostMode = 'office' | 'file';

/** A project whose row must move to a later list, awaiting the clerk's confirmation. */
export interface PendingMove {
  id: string;
  name: string;
  from: ListKey;
  to: ListKey;
  sheet: string;
  row: number;
  /** Days the step took (e.g. clue → signed), from the row's dates; null when a date is missing. */
  cycleDays: number | null;
}

/** A problem in one cell (or row), with its address for "go to cell". */
export interface CellProblem {
  sheet: string;
  /** A1 address inside the sheet, e.g. "F7". */
  cell: string;
  message: Message;
}

/** The sync's counts are contract's SyncSummary (rows, red, yellow, transitions); the rest is what the pane shows. */
/** A red or yellow project of the last sync, at its row's name cell, with the reasons the backend gave. */
export interface FlaggedProject {
  id: string;
  name: string;
  sheet: string;
  cell: string;
  level: 'red' | 'yellow';
  reasons: Message[];
}

/** `created`/`updated`/`unchanged`: what the backend stored, so a clerk who synced the same file again sees that nothing was doubled. */
export interface SyncOutcome extends Pick<SyncSummary, 'rows' | 'red' | 'yellow' | 'transitions' | 'created' | 'updated' | 'unchanged'> {
  /** Rows matched by unit and name to a stored project (their ID cells now hold its id). */
  matched: number;
  /** Red first, then yellow (the counts' projects). */
  flagged: FlaggedProject[];
  moves: PendingMove[];
  /** Rows moved during the sync itself (automatic moves setting). */
  movedAutomatically: number;
  errors: CellProblem[];
  missing: MissingProject[];
  /** ISO instant the sync finished. */
  at: string;
}

/** One column of a detected header row, for the settings view. */
export interface LayoutColumn {
  /** Column letter, e.g. "C". */
  col: string;
  header: string;
  /** The field this column maps to (clerk's correction applied), or null when ignored/unknown. */
  field: FieldKey | null;
}

export interface LayoutSheet {
  name: string;
  list: ListKey | null;
  headerRow: number | null;
  columns: LayoutColumn[];
}

/** Workbook settings the pane edits (a subset of WorkbookSettings plus the session token). */
export interface PaneSettings {
  apiUrl: string;
  token: string;
  tintName: boolean;
  autoMoveRows: boolean;
  mapping: Record<string, ListKey | null>;
  headerOverrides: Record<string, Record<string, FieldKey | 'ignore'>>;
}

export const DEFAULT_SETTINGS: PaneSettings = {
  apiUrl: '',
  token: '',
  tintName: false,
  autoMoveRows: false,
  mapping: {},
  headerOverrides: {},
};

/** A failure shown to the clerk: a message key with its parameters (plain words + the next step). */
export interface Problem {
  key: import('./i18n').MessageKey;
  params?: Readonly<Record<string, string | number>>;
}
