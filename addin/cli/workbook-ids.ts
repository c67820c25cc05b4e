/**
 * The workbook id of a ledger that holds none: an original synced in copy mode never gets the settings sheet (only
 * its copy does), so each sync of it would come as a new workbook — every project "updated" to join it, a history
 * event each time, and rows deleted from the original never reported missing. The id it was given is remembered by
 * the file's real path in the data folder and sent again; a ledger with its own id (settings sheet) keeps that one.
 */
import { realpathSync } from 'node:fs';
import { isValidId, WORKBOOK_ID_MAX } from '../../contract';
import { defaultRandom } from '../app';
import { newId } from '../core/ids';
import { loadRecord, saveRecord } from './data-record';

const FILE = 'workbook-ids.json';
/** Ledgers remembered; the oldest are forgotten first. */
const KEEP = 2000;

/**
 * The id remembered for this ledger, else a new one remembered now: before the sync, so that a re-run after a
 * failure sends it again.
 */
export function workbookIdFor(input: string, dataDir: string, random: () => number = defaultRandom): string {
  const path = realpathSync(input);
  const known = loadRecord(dataDir, FILE)[path];
  // A record edited by hand or damaged is no id to send (the API would refuse every row): a new one replaces it.
  if (isValidId(known, WORKBOOK_ID_MAX)) return known;
  const id = newId(random, 'W-', 12);
  saveRecord(dataDir, FILE, path, id, KEEP);
  return id;
}

/** After a sync: the id the ledger was synced as (its own, when it holds one), for the next time it holds none. */
export function rememberWorkbookId(input: string, id: string, dataDir: string): void {
  const path = realpathSync(input);
  if (loadRecord(dataDir, FILE)[path] !== id) saveRecord(dataDir, FILE, path, id, KEEP);
}
