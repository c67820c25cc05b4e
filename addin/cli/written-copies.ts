/**
 * The copies `sync` and `report` wrote, remembered by content (SHA-256) in the data folder, so a later run
 * replaces its own untouched copy without asking and refuses (exit 2, before any backend is contacted) to
 * replace a file someone changed since, or one this tool never wrote: a clerk who kept working in
 * `台账-flagged.xlsx` must not lose a week of edits to the next Friday's sync. --force replaces it anyway.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Message } from '../../contract';
import { RefusedError, unreadableFile } from './args';
import { loadRecord, saveRecord } from './data-record';

const FILE = 'written-copies.json';
/** Enough for every unit's ledgers many times over; the oldest are forgotten first (insertion order). */
const KEEP = 2000;

/**
 * The record: each copy's absolute path → the SHA-256 of the bytes last written there. None yet, or unreadable: every
 * existing output then counts as not ours, which only asks more.
 */
const digest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * What is at `out`, against the record in `dataDir`: nothing (nothing to lose), the copy this tool last wrote there
 * (`ours`), that copy changed since (`changed`), or a file this tool never wrote there (`foreign`).
 */
export function outputState(out: string, dataDir: string): 'absent' | 'ours' | 'changed' | 'foreign' {
  let current: string;
  try {
    current = digest(readFileSync(out));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw unreadableFile(out, e); // a folder, in use, no permission…: said plainly, and nothing written
  }
  const known = loadRecord(dataDir, FILE)[out];
  return known === current ? 'ours' : known === undefined ? 'foreign' : 'changed';
}

/** Throws the refusal when `out` exists and is not, byte for byte, the copy `command` (sync, report) last wrote there. */
export function refuseForeignOutput(command: 'sync' | 'report', out: string, dataDir: string): void {
  const state = outputState(out, dataDir);
  if (state === 'absent' || state === 'ours') return;
  const why: Message = state === 'foreign'
    ? { zh: `${out} 已存在，且不是本工具在此数据目录（${dataDir}）下写出的文件`, en: `${out} exists and was not written by this tool with this data folder (${dataDir})` }
    : { zh: `${out} 在上次写出后被修改过`, en: `${out} was changed since this tool wrote it` };
  const instead: Message = command === 'sync'
    ? { zh: '请同步它本身', en: 'sync it instead' }
    : { zh: '请把领导视图写进它本身', en: 'write the leaders\' sheets into it instead' };
  throw new RefusedError({
    zh: `未覆盖：${why.zh}，覆盖会丢失其中的内容。若修改的正是这份文件，${instead.zh}：invest-flags ${command} "${out}" --in-place；或用 --out <文件> 写到新文件，或加 --force 仍然覆盖。文件未改动，也未同步任何数据。`,
    en: `Not overwritten: ${why.en}; replacing it would lose what it holds. If that file is the one being edited, ${instead.en}: invest-flags ${command} "${out}" --in-place; or write a new file with --out <file>, or add --force to replace it anyway. The file is unchanged and nothing was synced.`,
  });
}

/** Remembers the copy just written at `out` (its bytes); atomic, so a crash leaves the old record whole. */
export function rememberOutput(out: string, bytes: Uint8Array, dataDir: string): void {
  saveRecord(dataDir, FILE, out, digest(bytes), KEEP);
}
