/**
 * Whether the last stack on a data folder stopped cleanly: a file (`running`) is written there once the database is
 * open (dynalite's LevelDB lock makes this process the folder's only user) and removed when the stack closes. Found
 * at start, the previous process died without closing — a kill -9, a crash, a power cut — possibly between a sync
 * chunk's events and its dashboard deltas, so the stack rebuilds the aggregates (functions/app/upkeep.ts).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RunMarker {
  /** The previous stack on this folder never closed. */
  uncleanStop: boolean;
  /** Removes the marker: call after the database closed. */
  release(): Promise<void>;
}

const FILE = 'running';

export async function claimRunMarker(dataDir: string): Promise<RunMarker> {
  const path = join(dataDir, FILE);
  const uncleanStop = await readFile(path).then(() => true, (e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return false;
    throw e;
  });
  await writeFile(path, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }) + '\n', { mode: 0o600 });
  return { uncleanStop, release: () => rm(path, { force: true }) };
}
