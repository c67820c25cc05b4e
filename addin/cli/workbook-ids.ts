/**
 * The workbook id of an original ledger that holds none (addin/app/remembered-ids.ts), remembered by the file's real
 * path in the data folder's workbook-ids.json.
 */
import { realpathSync } from 'node:fs';
import { defaultRandom, rememberedIds } from '../app';
import { recordFile } from './data-record';

const FILE = 'workbook-ids.json';
/** Ledgers remembered; the oldest are forgotten first. */
const KEEP = 2000;

const ids = (dataDir: string, random: () => number) => rememberedIds(recordFile(dataDir, FILE), KEEP, random);

/** The id remembered for this ledger, else a new one remembered now (before the sync). */
export const workbookIdFor = (input: string, dataDir: string, random: () => number = defaultRandom): string => ids(dataDir, random).idFor(realpathSync(input));

/** After a sync: the id the ledger was synced as (its own, when it holds one). */
export const rememberWorkbookId = (input: string, id: string, dataDir: string): void => ids(dataDir, defaultRandom).syncedAs(realpathSync(input), id);
