/**
 * The workbook id of a ledger that holds none, remembered by the caller per file: an original synced in copy mode never
 * gets the settings sheet (only its copy does), so each sync of it would come as a new workbook — every project
 * "updated" to join it, a history event each time, and rows deleted from it never reported missing. The command line
 * keeps the record in its data folder by the file's real path (addin/cli/workbook-ids.ts), the browser file mode in the
 * page's storage by file name (addin/taskpane/hosts/remembered-workbooks.ts); the rules are these, once.
 */
import { isValidId, WORKBOOK_ID_MAX } from '../../contract';
import { newId } from '../core';
import { defaultRandom } from './random';

/** A record of keys to strings, the oldest first (insertion order). */
export type KeyRecord = { [key: string]: string };

/** Where a record is kept: `read` answers null when there is none or it cannot be read; `write` may fail silently. */
export interface RecordText {
  read(): string | null;
  write(text: string): void;
}

/** The record kept as JSON text; empty when there is none, or it cannot be read or parsed (callers then only ask or mint more). */
export function readRecord(text: RecordText): KeyRecord {
  try {
    const parsed: unknown = JSON.parse(text.read() ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as KeyRecord) : {};
  } catch {
    return {};
  }
}

/** Sets `key` in `record` (moved last, so the newest survive the cap of `keep` keys) and writes it. */
export function writeRecord(text: RecordText, record: KeyRecord, key: string, value: string, keep: number): void {
  delete record[key];
  record[key] = value;
  const keys = Object.keys(record);
  for (const old of keys.slice(0, Math.max(0, keys.length - keep))) delete record[old];
  text.write(JSON.stringify(record));
}

export interface RememberedIds {
  /** The id remembered for this file, else a new one remembered now: before the sync, so a re-run after a failure sends it again. */
  idFor(file: string): string;
  /** After a sync: the id the file was synced as (its own, when it holds one), for the next time it holds none. */
  syncedAs(file: string, workbookId: string): void;
}

export function rememberedIds(text: RecordText, keep: number, random: () => number = defaultRandom): RememberedIds {
  return {
    idFor(file) {
      const record = readRecord(text);
      const known = record[file];
      // A record edited by hand or damaged is no id to send (the API would refuse every row): a new one replaces it.
      if (isValidId(known, WORKBOOK_ID_MAX)) return known;
      const id = newId(random, 'W-', 12);
      writeRecord(text, record, file, id, keep);
      return id;
    },
    syncedAs(file, workbookId) {
      const record = readRecord(text);
      if (record[file] !== workbookId) writeRecord(text, record, file, workbookId, keep);
    },
  };
}
