/**
 * File mode's workbook id for a file that holds none (addin/app/remembered-ids.ts), remembered in this browser by the
 * file's name (a page sees no path). Blocked storage (private mode) only forgets, as a file without an id did before.
 */
import { defaultRandom, rememberedIds, type RememberedIds } from '../../app';

const KEY = 'invest-flags.workbook-ids';
/** Files remembered; the oldest are forgotten first. */
const KEEP = 200;

export function rememberedWorkbooks(storage: () => Pick<Storage, 'getItem' | 'setItem'>, random: () => number = defaultRandom): RememberedIds {
  return rememberedIds(
    {
      read: () => {
        try {
          return storage().getItem(KEY);
        } catch {
          return null;
        }
      },
      write: (text) => {
        try {
          storage().setItem(KEY, text);
        } catch {
          /* not remembered; the sync still works */
        }
      },
    },
    KEEP,
    random,
  );
}
