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

/**
 * Sets the growth for a ledger of `bytes`; answers what sets it back (to V8's default, 0) once the work is done. V8
 * refuses a code cache made under other flags (bin.cjs's cache is written at exit): left set, a large ledger's every
 * run would refuse the cache its last run wrote, and write it again.
 */
export function heapForLedger(bytes: number): () => void {
  if (bytes <= LARGE) return () => {};
  setFlagsFromString('--heap-growing-percent=30');
  return () => setFlagsFromString('--heap-growing-percent=0');
}
