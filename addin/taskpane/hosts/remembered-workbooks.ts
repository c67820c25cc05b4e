/**
 * File mode's workbook id for a file that holds none: the original a clerk keeps opening never gets the settings
 * sheet (only the download does), so each sync of it would come as a new workbook — every project "updated" to join
 * it, a history event each time, and rows deleted from it never reported missing. Remembered in this browser by the
 * file's name (a page sees no path; the command line remembers by path, addin/cli/workbook-ids.ts), minted before the
 * first sync so that a sync run again after a failure sends the same one. A file with its own id keeps that one.
 */
import { isValidId, WORKBOOK_ID_MAX } from '../../../contract';
import { defaultRandom } from '../../app';
import { newId } from '../../core/ids';

const KEY = 'invest-flags.workbook-ids';
/** Files remembered; the oldest are forgotten first. */
const KEEP = 200;

type Ids = Record<string, string>;

export interface RememberedWorkbooks {
  /** The id remembered for this file name, else a new one remembered now. */
  idFor(fileName: string): string;
  /** After a sync: the id the file was synced as (its own, when it holds one). */
  syncedAs(fileName: string, workbookId: string): void;
}

/** Over the page's storage; blocked storage (private mode) only forgets, as a file without an id did before. */
export function rememberedWorkbooks(storage: () => Pick<Storage, 'getItem' | 'setItem'>, random: () => number = defaultRandom): RememberedWorkbooks {
  const load = (): Ids => {
    try {
      const parsed: unknown = JSON.parse(storage().getItem(KEY) ?? '{}');
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Ids) : {};
    } catch {
      return {};
    }
  };
  const save = (fileName: string, id: string): void => {
    const ids = load();
    delete ids[fileName]; // re-inserted last: the newest survive the cap
    ids[fileName] = id;
    const names = Object.keys(ids);
    for (const old of names.slice(0, Math.max(0, names.length - KEEP))) delete ids[old];
    try {
      storage().setItem(KEY, JSON.stringify(ids));
    } catch {
      /* not remembered; the sync still works */
    }
  };
  return {
    idFor(fileName) {
      const known = load()[fileName];
      // Storage edited or damaged is no id to send (the API would refuse every row): a new one replaces it.
      if (isValidId(known, WORKBOOK_ID_MAX)) return known;
      const id = newId(random, 'W-', 12);
      save(fileName, id);
      return id;
    },
    syncedAs(fileName, workbookId) {
      if (load()[fileName] !== workbookId) save(fileName, workbookId);
    },
  };
}
