/** What the commands that write a copy of one workbook through the backend (sync, report) are told. */
import type { BackendChoice } from './backend';

export interface WorkbookTarget extends BackendChoice {
  input: string;
  out?: string;
  inPlace?: boolean;
  /** With inPlace: overwrite even when parts of the input will not be kept. */
  force?: boolean;
}

/** The target with the one input, as the commands take them. */
export interface TargetArgs extends WorkbookTarget {
  json?: boolean;
}
