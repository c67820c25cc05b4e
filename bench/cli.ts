/**
 * bench/cli: how fast `invest-flags` starts and syncs, run the way a clerk or a Friday batch job runs it — a new
 * process each time, timed from outside (spawn to exit, the machine's monotonic clock), several runs, medians.
 *   tsx bench/cli.ts [--runs 7]
 * Compares the built bundle (`node addin/cli/bin.cjs`, what `npm install -g` installs) with the TypeScript entry
 * run through tsx (how the command ran before it was bundled): `--version`, and a cold `sync` of a 200-project
 * sample with the embedded stack (a fresh data folder each run, so dynalite starts and the table is created).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(__dirname, '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Number(values.runs);

const bundled = [join(ROOT, 'addin/cli/bin.cjs')];
const viaTsx = [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'addin/cli/main.ts')];

function run(entry: string[], args: string[], cwd: string): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...entry, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) => `median ${(median(xs) / 1000).toFixed(2)} s (min ${(Math.min(...xs) / 1000).toFixed(2)}, max ${(Math.max(...xs) / 1000).toFixed(2)})`;

const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
try {
  const ledger = join(dir, 'ledger.xlsx');
  run(bundled, ['sample', ledger, '--projects', '200', '--seed', '7', '--as-of', '2026-06-01'], dir); // also builds a stale bundle once
  const cases: Array<[string, (entry: string[], i: number) => number]> = [
    ['--version', (entry) => run(entry, ['--version'], dir)],
    ['cold sync, 200 projects', (entry, i) => {
      const data = join(dir, `data-${entry.length}-${i}`);
      const ms = run(entry, ['sync', ledger, '--data', data, '--out', join(dir, `out-${entry.length}-${i}.xlsx`), '--as-of', '2026-06-01', '--json'], dir);
      rmSync(data, { recursive: true, force: true });
      return ms;
    }],
  ];
  console.log(`invest-flags, ${RUNS} runs each after one warm-up, alternating (node ${process.version})`);
  for (const [name, f] of cases) {
    f(bundled, -1);
    f(viaTsx, -2);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      a.push(f(bundled, i));
      b.push(f(viaTsx, i));
    }
    const ratios = a.map((x, i) => x / b[i]!);
    console.log(`${name}\n  bundle (node bin.cjs): ${fmt(a)}\n  tsx main.ts:           ${fmt(b)}\n  bundle / tsx, pair by pair: median ${median(ratios).toFixed(2)}×`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
