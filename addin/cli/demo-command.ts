/** `invest-flags demo`: sample → sync → the leaders' sheets in the flagged copy, on one in-memory stack (what a leader then sees). */
import { join, resolve } from 'node:path';
import { openBackend } from './backend';
import type { Io } from './io';
import { report } from './report-command';
import { sample } from './sample-command';
import { sync } from './sync-command';

export async function demo(io: Io): Promise<number> {
  const dir = resolve('out');
  const input = join(dir, 'demo.xlsx');
  const flagged = join(dir, 'demo-flagged.xlsx');
  await sample([input, '--projects', '60', '--seed', '2026', '--force'], io); // the demo's own file, remade each run
  const backend = await openBackend({ inMemory: true });
  try {
    const target = { api: backend.api.url, token: backend.api.token };
    const { code } = await sync({ input, out: flagged, force: true, ...target }, io); // the demo's own copy, remade each run
    const reported = await report({ input: flagged, inPlace: true, countyProjects: true, ...target }, io);
    return Math.max(code, reported);
  } finally {
    await backend.close();
  }
}
