/**
 * How the heap grows while a command works on a ledger. Syncing a large ledger through the embedded stack in this
 * process leaves much short-lived garbage (request and response bodies, SDK marshalling, ExcelJS's parse): with V8's
 * default growth, a 5,000-project sync peaked at 460–545 MB while about 80 MB was live. Past LARGE bytes of .xlsx
 * (≈ 2,300 projects) the heap grows by at most 30 % per collection: 5,000 projects then peaked at a median 411 MiB
 * against 476 MiB, for 5.5 % more wall time (farm-bench, five runs each in turn). A small ledger keeps the default:
 * it peaks near 215 MB either way, and a cold sync's start-up is what its clerk waits for.
 */
import { setFlagsFromString } from 'node:v8';

const LARGE = 256 * 1024;

export function heapForLedger(bytes: number): void {
  if (bytes > LARGE) setFlagsFromString('--heap-growing-percent=30');
}
