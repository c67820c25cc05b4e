/**
 * `invest-flags demo`: sample → sync → the leaders' sheets in the flagged copy, on one in-memory stack (what a
 * leader then sees), written to out/ of the current folder. It touches no data folder of the user's: what sync and
 * report record about the files they write (written-copies.ts) goes to out/.invest-flags, beside the files, so a run
 * replaces its own untouched files and refuses, before writing anything, to replace one that someone changed or that
 * it never wrote.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RefusedError } from './args';
import { openBackend } from './backend';
import type { Io } from './io';
import { report } from './report-command';
import { sample } from './sample-command';
import { sync } from './sync-command';
import { outputState, rememberOutput } from './written-copies';

/** The demo takes no options or arguments: anything given is a usage error (exit 2), as for every command. */
export function parseDemoArgs(args: string[]): void {
  parseArgs({ args, options: {}, allowPositionals: false });
}

/**
 * Refuses when `file` exists and is not, byte for byte, what the demo last wrote there (recorded in `recordDir`). Without
 * any record, out/ is an earlier version's (which kept none): its demo files are the demo's own, remade.
 */
function refuseUnlessOwn(file: string, recordDir: string): void {
  const state = outputState(file, recordDir);
  if (state === 'absent' || state === 'ours' || (state === 'foreign' && !existsSync(recordDir))) return;
  const changed = state === 'changed';
  throw new RefusedError({
    zh: `演示未运行：${file} ${changed ? '在演示上次写出后被修改过' : '已存在，且不是演示写出的文件'}，演示会覆盖它。请先把它移走或改名，再运行 invest-flags demo。文件未改动。`,
    en: `The demo did not run: ${file} ${changed ? 'was changed since the demo wrote it' : 'exists and was not written by the demo'}; the demo would overwrite it. Move or rename it first, then run invest-flags demo again. The file is unchanged.`,
  });
}

export async function demo(io: Io): Promise<number> {
  const dir = resolve('out');
  const input = join(dir, 'demo.xlsx');
  const flagged = join(dir, 'demo-flagged.xlsx');
  const records = join(dir, '.invest-flags');
  for (const file of [input, flagged]) refuseUnlessOwn(file, records);
  // Both files are now absent or the demo's own untouched ones: remade each run.
  await sample([input, '--projects', '60', '--seed', '2026', '--force'], io);
  rememberOutput(input, readFileSync(input), records);
  const backend = await openBackend({ inMemory: true });
  try {
    // `data` only says where sync and report keep their records: the backend is the in-memory one.
    const target = { api: backend.api.url, token: backend.api.token, data: records };
    const { code } = await sync({ input, out: flagged, force: true, ...target }, io);
    const reported = await report({ input: flagged, inPlace: true, countyProjects: true, ...target }, io);
    return Math.max(code, reported);
  } finally {
    await backend.close();
  }
}
