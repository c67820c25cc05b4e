/**
 * bench/xlsx: on a 5,000-project ledger, (1) the .xlsx gateway's load + read + apply-plan + save against
 * ExcelJS's bare load + save of the same file, in one run (goal ≤ 1.5×), and (2) the CLI's peak memory
 * syncing that workbook end to end through the embedded stack (goal < 500 MB), run as a child process.
 * Usage: npx tsx --expose-gc bench/xlsx.ts [projects=5000]   (with --expose-gc each timed step starts after a GC)
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncRowResult } from '../contract';
import { defaultRandom } from '../addin/app';
import { buildPlan, extractRows, findLayouts, planIds } from '../addin/core';
import { XlsxGateway } from '../addin/xlsx';
import { buildSample } from '../addin/cli/sample';

const projects = Number(process.argv[2] ?? 5000);
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-xlsx-'));
  const file = join(dir, 'ledger.xlsx');
  const bytes = await XlsxGateway.of(await buildSample({ projects, seed: 1, asOf: '2026-06-01', messy: false })).save();
  writeFileSync(file, bytes);
  console.log(`ledger: ${projects} projects, ${(bytes.length / 1e6).toFixed(2)} MB`);

  const runs = 5;
  const bare: number[] = [];
  const gw: number[] = [];
  const parts = { load: 0, read: 0, plan: 0, apply: 0, save: 0 };
  for (let i = 0; i < runs; i++) {
    gc();
    let t = process.hrtime.bigint();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    await wb.xlsx.writeBuffer();
    bare.push(ms(t));

    gc();
    t = process.hrtime.bigint();
    let s = process.hrtime.bigint();
    const g = await XlsxGateway.load(bytes);
    parts.load += ms(s);
    s = process.hrtime.bigint();
    const [sheets, settings] = [await g.readSheets(), await g.readSettings()];
    parts.read += ms(s);
    s = process.hrtime.bigint();
    const layouts = findLayouts(sheets, settings).sheets;
    const rows = layouts.flatMap((l) => extractRows(l).rows);
    const ids = planIds(layouts, rows, defaultRandom);
    // Results as the server would answer: a mix of red, yellow and unflagged rows with reasons.
    const results: SyncRowResult[] = ids.rows.map((r, k) => ({
      ref: { sheet: r.sheet, row: r.row }, id: r.id, status: 'created', stage: r.list, targetList: r.list,
      flag: k % 5 === 0
        ? { level: 'red', reasons: [{ rule: 'signed-not-started', level: 'red', figures: {}, message: { zh: '签约已200天仍未开工（签约时间 2025-11-13）', en: '' } }] }
        : k % 3 === 0 ? { level: 'yellow', reasons: [{ rule: 'missing-owner', level: 'yellow', figures: {}, message: { zh: '未明确包联领导', en: '' } }] } : { level: 'none', reasons: [] },
      errors: [],
    }));
    const planned = buildPlan(layouts, ids.rows, results);
    parts.plan += ms(s);
    s = process.hrtime.bigint();
    await g.apply(ids.plan);
    await g.apply(planned.plan);
    parts.apply += ms(s);
    s = process.hrtime.bigint();
    await g.save();
    parts.save += ms(s);
    gw.push(ms(t) - 0);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const coreMs = parts.plan / runs;
  const gatewayMs = med(gw) - coreMs;
  console.log(`ExcelJS bare load + save:            ${med(bare).toFixed(0)} ms (median of ${runs})`);
  console.log(`gateway load + read + apply + save:  ${gatewayMs.toFixed(0)} ms  (load ${(parts.load / runs).toFixed(0)}, read ${(parts.read / runs).toFixed(0)}, apply ${(parts.apply / runs).toFixed(0)}, save ${(parts.save / runs).toFixed(0)})`);
  console.log(`core planning (pure, not counted):   ${coreMs.toFixed(0)} ms`);
  console.log(`ratio gateway / bare:                ${(gatewayMs / med(bare)).toFixed(2)}×  (goal ≤ 1.5×)`);

  if (process.env.BENCH_SKIP_CLI) return;
  // The CLI end to end, as a child process reporting its own peak RSS on exit.
  const report = "process.on('exit',()=>process.stderr.write('MAXRSS_KB '+process.resourceUsage().maxRSS+'\\n'))";
  const t = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(report)}`, 'addin/cli/bin.cjs', 'sync', file, '--data', join(dir, 'data'), '--as-of', '2026-06-01', '--json'], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const wall = ms(t);
  const kb = Number(/MAXRSS_KB (\d+)/.exec(child.stderr)?.[1]);
  const summary = child.stdout ? JSON.parse(child.stdout) : {};
  console.log(`CLI sync end to end:                 exit ${child.status}, ${(wall / 1000).toFixed(1)} s, ${summary.rows} rows, ${summary.red} red, ${summary.yellow} yellow`);
  console.log(`CLI peak memory (max RSS):           ${(kb / 1024).toFixed(0)} MB  (goal < 500 MB)`);
  if (child.status !== 0 && child.status !== 1) console.log(child.stderr.slice(-2000));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
