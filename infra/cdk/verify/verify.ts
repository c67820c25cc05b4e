/**
 * `npm run verify:bundles` and test/infra/cdk/bundles-run.test.ts: every function of the synthesised template
 * run from its bundle in a fresh process (bundles.ts), asked what scenarios.ts asks, and measured.
 */
import * as fs from 'node:fs';
import { bundleFile, FunctionProcess, functionEnv, startTable, synthesise, type Invocation, type Synthesis, type TemplateFunction } from './bundles';
import { ROUTES } from '../../../functions/handlers/routes';
import { Caller, makeWorld, SCENARIO_ORDER, SCENARIOS, type Scenario } from './scenarios';

export interface FunctionReport {
  name: string;
  bundleBytes: number;
  /** require() of the bundle until `handler` is there. */
  loadMs: number;
  /** From the process's start to the handler ready (Node's boot included). */
  coldStartMs: number;
  invocations: number;
  /** The invocation with the highest sampled heap. */
  largest: { label: string; peakHeapBytes: number; ms: number } | null;
  peakRssBytes: number;
  slowestMs: number;
  /** The most CPU time one call took here. */
  maxCpuMs: number;
  /** Names of the environment variables the function's process saw, and the template's own. */
  envKeys: string[];
  templateEnvKeys: string[];
  /** Every invocation, in order. */
  calls: Invocation[];
  memoryMb: number;
  timeoutSeconds: number;
  error: string | null;
}

export interface VerifyReport {
  functions: FunctionReport[];
  /** Functions of the template the verifier does not run, and why (CDK's own custom-resource handlers). */
  skipped: { path: string; why: string }[];
  /** Everything that went wrong, one entry per function. */
  failures: string[];
}

export interface VerifyOptions {
  enforceTimeout?: boolean;
  /** A synthesis to reuse (the test's); made and removed here when absent. */
  synthesis?: Synthesis;
  progress?: (line: string) => void;
}

/**
 * CDK's own custom-resource handlers (bucket deployment, auto-delete, log retention, …) are not ours to run:
 * the construct library ships and tests them. They are recognised by their construct path.
 */
function cdkProvided(fn: TemplateFunction): string | null {
  if (fn.name) return null;
  if (/Custom::|CustomResourceProvider|SingletonLambda|BucketDeployment|LogRetention|AWS679f53fac002430cb0da5b7982bd2287/.test(fn.constructPath)) {
    return `CDK's own custom-resource handler (${fn.runtime})`;
  }
  return null;
}

export async function verifyBundles(opts: VerifyOptions = {}): Promise<VerifyReport> {
  const progress = opts.progress ?? (() => {});
  const synthesis = opts.synthesis ?? synthesise();
  const report: VerifyReport = { functions: [], skipped: [], failures: [] };
  const table = await startTable(synthesis);
  try {
    const world = makeWorld(synthesis.tenant, synthesis.bootstrapAdminEmail);
    const byName = new Map<string, TemplateFunction>();
    for (const fn of synthesis.functions) {
      if (fn.name) byName.set(fn.name, fn);
      else {
        const why = cdkProvided(fn);
        if (why) report.skipped.push({ path: fn.constructPath, why });
        else report.failures.push(`${fn.constructPath}: a function outside the API with no scenario (add one to infra/cdk/verify/scenarios.ts with the event its trigger sends)`);
      }
    }
    const unscripted = [...byName.keys()].filter((name) => !(name in SCENARIOS));
    for (const name of unscripted) {
      report.failures.push(`${name}: a function of the template with no scenario in infra/cdk/verify/scenarios.ts (only its load and its 401 answers were checked)`);
    }
    for (const name of [...SCENARIO_ORDER, ...unscripted]) {
      const scenario: Scenario = SCENARIOS[name] ?? unauthorisedOnly(name);
      const fn = byName.get(name);
      if (!fn) {
        report.failures.push(`${name}: a scenario for a function the template does not have`);
        continue;
      }
      progress(`${name}: starting a fresh process on its bundle`);
      const row: FunctionReport = {
        name,
        bundleBytes: fs.statSync(bundleFile(fn)).size,
        loadMs: 0,
        coldStartMs: 0,
        invocations: 0,
        largest: null,
        peakRssBytes: 0,
        slowestMs: 0,
        maxCpuMs: 0,
        calls: [],
        envKeys: [],
        templateEnvKeys: Object.keys(fn.environment).sort(),
        memoryMb: fn.memoryMb,
        timeoutSeconds: fn.timeoutSeconds,
        error: null,
      };
      report.functions.push(row);
      let proc: FunctionProcess | undefined;
      try {
        proc = await FunctionProcess.start(fn, functionEnv(fn, synthesis, table), { enforceTimeout: opts.enforceTimeout ?? false });
        row.loadMs = proc.loadMs;
        row.coldStartMs = proc.sinceStartMs;
        row.envKeys = proc.envKeys;
        await scenario(new Caller(proc, world), world);
      } catch (e) {
        row.error = e instanceof Error ? e.message : String(e);
        report.failures.push(row.error);
      } finally {
        if (proc) {
          await proc.stop();
          row.invocations = proc.invocations.length;
          row.calls = [...proc.invocations];
          for (const inv of proc.invocations) {
            if (!row.largest || inv.peakHeap > row.largest.peakHeapBytes) row.largest = { label: inv.label, peakHeapBytes: inv.peakHeap, ms: inv.ms };
            row.peakRssBytes = Math.max(row.peakRssBytes, inv.peakRss);
            row.slowestMs = Math.max(row.slowestMs, inv.ms);
            row.maxCpuMs = Math.max(row.maxCpuMs, inv.cpuMs);
          }
          const over = row.largest && row.largest.peakHeapBytes >= row.memoryMb * 1024 * 1024;
          if (over) report.failures.push(`${name}: peak heap ${mb(row.largest!.peakHeapBytes)} MB reaches the function's ${row.memoryMb} MB`);
        }
      }
      progress(`${name}: ${row.error ? 'FAILED' : 'ok'} (${row.invocations} invocations)`);
    }
  } finally {
    await table.close();
    if (!opts.synthesis) synthesis.cleanup();
  }
  return report;
}

/** For a function no scenario covers yet: it loads, and each of its routes refuses a request without claims. */
function unauthorisedOnly(name: string): Scenario {
  return async (c) => {
    for (const r of ROUTES.filter((route) => route.name === name)) {
      await c.refused(`${r.method} ${r.path} without claims`, { method: r.method, route: r.path, as: null }, 401, 'unauthorized');
    }
  };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** Lambda gives a function CPU in proportion to its memory: one vCPU at 1,769 MB. */
const FULL_VCPU_MB = 1769;
/** CPU time here scaled to the function's share of a vCPU: a rough floor for its duration in Lambda. */
const atLambdaShare = (cpuMs: number, memoryMb: number) => cpuMs * Math.max(1, FULL_VCPU_MB / memoryMb);

/** The per-function table the script prints and the test logs. */
export function formatReport(report: VerifyReport): string {
  const head = ['function', 'bundle', 'cold load', 'boot→ready', 'calls', 'peak heap (largest call)', 'peak RSS', 'memory', 'slowest', 'most CPU (at Lambda share)', 'timeout', 'result'];
  const rows = report.functions.map((f) => [
    f.name,
    `${(f.bundleBytes / 1024).toFixed(0)} KB`,
    `${f.loadMs.toFixed(0)} ms`,
    `${f.coldStartMs.toFixed(0)} ms`,
    String(f.invocations),
    f.largest ? `${mb(f.largest.peakHeapBytes)} MB (${f.largest.label})` : '-',
    `${mb(f.peakRssBytes)} MB`,
    `${f.memoryMb} MB`,
    `${f.slowestMs.toFixed(0)} ms`,
    `${f.maxCpuMs.toFixed(0)} ms (~${(atLambdaShare(f.maxCpuMs, f.memoryMb) / 1000).toFixed(1)} s)`,
    `${f.timeoutSeconds} s`,
    f.error ? 'FAIL' : 'ok',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  for (const s of report.skipped) out.push(`skipped ${s.path}: ${s.why}`);
  out.push(`"at Lambda share": CPU time here × ${FULL_VCPU_MB} MB / memory (Lambda allots one vCPU per ${FULL_VCPU_MB} MB), a rough floor for the call's duration there.`);
  return out.join('\n');
}

/** Every call of every function: duration, CPU, heap used / committed, RSS. */
export function formatCalls(report: VerifyReport): string {
  return report.functions
    .flatMap((f) => f.calls.map((c) => `${f.name.padEnd(9)}  ${c.label.padEnd(44)}  ${c.ms.toFixed(0).padStart(6)} ms  cpu ${c.cpuMs.toFixed(0).padStart(5)} ms  heap ${mb(c.peakHeap).padStart(5)} / ${mb(c.peakCommitted).padStart(5)} MB  rss ${mb(c.peakRss).padStart(5)} MB`))
    .join('\n');
}
