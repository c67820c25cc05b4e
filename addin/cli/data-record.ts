/**
 * A small JSON record the CLI keeps in the data folder (about this machine's files, not the backend's data), kept as
 * addin/app's records are (remembered-ids.ts: read whole, the oldest keys forgotten first past a cap) and written
 * atomically: a temp file, then a rename, so a crash leaves the old record whole.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRecord, writeRecord, type KeyRecord, type RecordText } from '../app';

/** The record file `file` in `dataDir` as RecordText. */
export function recordFile(dataDir: string, file: string): RecordText {
  return {
    read: () => {
      try {
        return readFileSync(join(dataDir, file), 'utf8');
      } catch {
        return null;
      }
    },
    write: (text) => {
      mkdirSync(dataDir, { recursive: true });
      const tmp = join(dataDir, `${file}.${process.pid}.tmp`);
      writeFileSync(tmp, text);
      renameSync(tmp, join(dataDir, file));
    },
  };
}

/** The record, or an empty one when there is none yet or it cannot be read. */
export const loadRecord = (dataDir: string, file: string): KeyRecord => readRecord(recordFile(dataDir, file));

/** Sets `key` (moved last, so the newest survive the cap of `keep` keys) and writes the record. */
export function saveRecord(dataDir: string, file: string, key: string, value: string, keep: number): void {
  const text = recordFile(dataDir, file);
  writeRecord(text, readRecord(text), key, value, keep);
}
