/**
 * bench/cli: how fast `invest-flags` starts and syncs, run the way a clerk or a Friday batch job runs it — a new
 * process each time, timed from outside (spawn to exit, the machine's monotonic clock), several runs, medians.
 *   tsx bench/cli.ts [--runs 7]
 * Compares the built bundle (`node addin/cli/bin.cjs`, what `npm install -g` installs) with the TypeScript entry
 * run through tsx (how the command ran before it was bundled): `--version`, and a cold `sync` of a 200-project
 * sample with the embedded stack (a fresh data folder each run, so dynalite starts and the table is created).
 * The bundle runs twice over: with its code cache (made by the warm-up run, as a clerk's first run of a command
 * makes it; a folder of this bench's own) and without one (INVEST_FLAGS_CODE_CACHE=off, a command's very first run).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(__dirname, '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Number(values.runs);

interface Entry {
  name: string;
  argv: string[];
  /** INVEST_FLAGS_CODE_CACHE for the run: a folder, or 'off'. */
  codeCache: string;
}

function run(entry: Entry, args: string[], cwd: string): number {
  const t = process.hrtime.bigint();
  const env = { ...process.env, LANG: 'en_US.UTF-8', INVEST_FLAGS_CODE_CACHE: entry.codeCache };
  const r = spawnSync(process.execPath, [...entry.argv, ...args], { cwd, encoding: 'utf8', env });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) => `median ${(median(xs) / 1000).toFixed(2)} s (min ${(Math.min(...xs) / 1000).toFixed(2)}, max ${(Math.max(...xs) / 1000).toFixed(2)})`;

const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
try {
  const bin = join(ROOT, 'addin/cli/bin.cjs');
  const entries: Entry[] = [
    { name: 'bundle (node bin.cjs)', argv: [bin], codeCache: join(dir, 'code-cache') },
    { name: 'bundle, no code cache', argv: [bin], codeCache: 'off' },
    { name: 'tsx main.ts', argv: [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'addin/cli/main.ts')], codeCache: 'off' },
  ];
  const ledger = join(dir, 'ledger.xlsx');
  run(entries[1]!, ['sample', ledger, '--projects', '200', '--seed', '7', '--as-of', '2026-06-01'], dir); // also builds a stale bundle once
  const cases: Array<[string, (entry: Entry, i: number) => number]> = [
    ['--version', (entry) => run(entry, ['--version'], dir)],
    ['cold sync, 200 projects', (entry, i) => {
      const tag = `${entries.indexOf(entry)}-${i}`;
      const data = join(dir, `data-${tag}`);
      const ms = run(entry, ['sync', ledger, '--data', data, '--out', join(dir, `out-${tag}.xlsx`), '--as-of', '2026-06-01', '--json'], dir);
      rmSync(data, { recursive: true, force: true });
      return ms;
    }],
  ];
  console.log(`invest-flags, ${RUNS} runs each after one warm-up, in turn (node ${process.version})`);
  for (const [name, f] of cases) {
    for (const e of entries) f(e, -1);
    const times = entries.map(() => [] as number[]);
    for (let i = 0; i < RUNS; i++) entries.forEach((e, k) => times[k]!.push(f(e, i)));
    console.log(name);
    entries.forEach((e, k) => console.log(`  ${e.name.padEnd(24)} ${fmt(times[k]!)}`));
    const ratio = (k: number) => median(times[0]!.map((x, i) => x / times[k]![i]!)).toFixed(2);
    console.log(`  bundle / no code cache, pair by pair: median ${ratio(1)}×; bundle / tsx: median ${ratio(2)}×`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
