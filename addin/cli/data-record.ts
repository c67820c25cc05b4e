/**
 * A small JSON record the CLI keeps in the data folder (about this machine's files, not the backend's data): read
 * whole, written atomically (temp file, then rename, so a crash leaves the old record whole), the oldest keys
 * forgotten first past a cap.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type DataRecord = { [key: string]: string };

/** The record, or an empty one when there is none yet or it cannot be read (callers then only ask or mint more). */
export function loadRecord(dataDir: string, file: string): DataRecord {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dataDir, file), 'utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as DataRecord) : {};
  } catch {
    return {};
  }
}

/** Sets `key` (moved last, so the newest survive the cap of `keep` keys) and writes the record. */
export function saveRecord(dataDir: string, file: string, key: string, value: string, keep: number): void {
  const record = loadRecord(dataDir, file);
  delete record[key];
  record[key] = value;
  const keys = Object.keys(record);
  for (const old of keys.slice(0, Math.max(0, keys.length - keep))) delete record[old];
  mkdirSync(dataDir, { recursive: true });
  const tmp = join(dataDir, `${file}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(record));
  renameSync(tmp, join(dataDir, file));
}
