/** What the commands that write a copy of one workbook through the backend (sync, report) are told. */
import type { BackendChoice } from './backend';

export interface WorkbookTarget extends BackendChoice {
  input: string;
  out?: string;
  inPlace?: boolean;
  /** Overwrite what would otherwise be refused: with inPlace, an input with parts the copy cannot keep; else an output this tool did not write or someone changed since. */
  force?: boolean;
}

/** The target with the one input, as the commands take them. */
export interface TargetArgs extends WorkbookTarget {
  json?: boolean;
}
