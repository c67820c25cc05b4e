/**
 * The leaders' reads at county-city scale (issue 19): N projects (default 100,000) over 12 weeks of history on
 * dynalite, then GET /v1/dashboard and GET /v1/reports/weekly through their handlers, called in-process like Lambda:
 * p50/p99 over 20 calls, the handler's peak heap, and four concurrent calls against one.
 * Goals: p50 ≤ 500 ms, peak heap ≤ 200 MB, four concurrent ≤ 2× one.
 *
 * Seeding goes straight to the table through the store's own item builders (stateItem, weekItem, putNames, the
 * cut-off's putWeek/markClosed, the live aggregates' rebuild, the duplicates snapshot) in BatchWriteItem requests, not
 * N HTTP syncs: every project's STATE (first seen 12 weeks ago, last changed in one of the 12 weeks), its name
 * index item, the WEEK# snapshot each later change kept, and the 11 closed weeks (W02…W12: fixed report,
 * per-unit/list/leader aggregates, CLOSED# marker). The projects are copies of one state synced through the real API,
 * varied per project (unit, leader, stage, amount, flag, dates).
 *
 *   npm run bench:reports -- [--n 100000] [--calls 20] [--rounds 9] [--before] [--disk]
 * --before: the handlers as they were before the aggregates (every project's STATE per call: no live aggregates, no
 * fixed reports). --disk: LevelDB on disk like `npm start` (default: dynalite in memory, faster to seed).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FlagLevel, ListKey, Stage } from '../contract';
import { aggregatesOf } from '../functions/app/aggregates';
import { currentDuplicates } from '../functions/app/duplicates';
import type { Deps } from '../functions/app/deps';
import { weekOf, weekRange } from '../functions/domain/calendar';
import { weekAggregates } from '../functions/domain/cutoff';
import { DEFAULT_CONFIG } from '../functions/domain/config';
import { nameKeyOf } from '../functions/domain/identity';
import { reportPeriod, snapshotOf, weeklyReport, type WeekSnapshot } from '../functions/domain/report';
import type { ProjectState } from '../functions/domain/types';
import { createHandler as dashboardHandler } from '../functions/handlers/dashboard';
import type { ApiEvent } from '../functions/handlers/http';
import { createHandler as reportsHandler } from '../functions/handlers/reports';
import { createDocumentClient, DEFAULT_TABLE_NAME } from '../functions/store';
import { batchPut } from '../functions/store/batch';
import { createLiveAggregates } from '../functions/store/live-aggregates';
import { stateItem, weekItem } from '../functions/store/project-items';
import { createCutoffStore } from '../functions/store/weeks-closed';
import { startLocalStack } from '../infra/local/stack';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('n', 100_000);
const CALLS = arg('calls', 20);
/** Rounds of four concurrent calls; the median round is compared with the median single call. */
const FOUR_ROUNDS = arg('rounds', 9);
const BEFORE = process.argv.includes('--before');
const DISK = process.argv.includes('--disk');

const CLOCK = '2026-03-25T02:00:00.000Z'; // Wednesday of 2026-W13 (cut-off Friday 12:00 Asia/Shanghai)
const cutoff = DEFAULT_CONFIG.cutoff;
const UNITS = [...DEFAULT_CONFIG.units, '铜石镇', '流峪镇', '郑城镇', '白彦镇', '武台镇', '丰阳镇', '卞桥镇', '柏林镇', '县工信局', '县发改局', '县农业农村局', '县文旅局'];
const LISTS: ListKey[] = ['clue', 'signed', 'landed', 'producing'];

/** A small deterministic hash of (i, salt) in [0, 1). */
const rnd = (i: number, salt: number) => {
  let x = (i * 2654435761 + salt * 40503) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 2246822507) >>> 0;
  x ^= x >>> 13;
  return (x >>> 0) / 2 ** 32;
};

const WEEKS = (() => {
  const out = [weekOf(CLOCK, cutoff)];
  while (out.length < 12) out.unshift(reportPeriod(out[0]!, cutoff)!.previousWeek);
  return out;
})();
const interval = (w: string) => ({ week: w, ...weekRange(w, cutoff) });
const midWeek = (w: string) => new Date(Date.parse(weekRange(w, cutoff).end) - 2 * 86_400_000).toISOString();

function levelOf(i: number, salt: number): FlagLevel {
  const r = rnd(i, salt);
  return r < 0.08 ? 'red' : r < 0.23 ? 'yellow' : 'none';
}

/** Project i as its STATE at the clock, from the template. */
function stateOf(t: ProjectState, i: number): ProjectState {
  const stage: Stage = rnd(i, 1) < 0.04 ? 'dropped' : LISTS[Math.floor(rnd(i, 2) * 4)]!;
  const lastWeek = WEEKS[Math.floor(rnd(i, 3) * 12)]!;
  const updatedAt = midWeek(lastWeek);
  const level = levelOf(i, 99);
  const flag = level === 'none' ? { level, reasons: [] } : { level, reasons: [{ ...t.flag.reasons[0]!, level }] };
  const unit = UNITS[Math.floor(rnd(i, 4) * UNITS.length)]!;
  return {
    ...t,
    id: `P${String(i).padStart(6, '0')}`,
    stage,
    list: stage === 'dropped' ? 'clue' : stage,
    fields: {
      ...t.fields,
      name: `年产${(i % 50) + 1}万吨项目${i}`,
      unit,
      leader: `领导${i % 40}`,
      amount: Math.round(rnd(i, 5) * 1000) / 100,
      investorType: ['centralSoe', 'nationalBrand', 'fortune500', 'private'][i % 4]!,
      signedDate: stage === 'clue' ? null : `2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
      startDate: stage === 'landed' || stage === 'producing' ? '2026-01-10' : null,
      productionDate: stage === 'producing' ? '2026-02-20' : null,
      progress: `第${i % 7}轮对接`,
    },
    flag,
    flagSince: level === 'none' ? null : midWeek(WEEKS[Math.floor(rnd(i, 6) * 12)]!),
    history: { ...t.history, firstSeenAt: midWeek(WEEKS[0]!), stageChangedAt: updatedAt, progressChangedAt: rnd(i, 7) < 0.85 ? updatedAt : midWeek(WEEKS[0]!) },
    version: 1 + WEEKS.indexOf(lastWeek),
    updatedAt,
    workbooks: ['bench-wb'],
  };
}

const ms = (t0: number) => performance.now() - t0;
const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

function event(path: string, query: Record<string, string> = {}): ApiEvent {
  return {
    version: '2.0', routeKey: `GET ${path}`, rawPath: path, rawQueryString: new URLSearchParams(query).toString(), headers: {}, isBase64Encoded: false,
    queryStringParameters: query,
    requestContext: { http: { method: 'GET', path }, requestId: 'bench', authorizer: { jwt: { claims: { sub: 'local-admin' }, scopes: [] } } },
  } as unknown as ApiEvent;
}

async function main(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const dir = await mkdtemp(join(tmpdir(), 'invest-flags-bench-reports-'));
  const stack = await startLocalStack({ dataDir: dir, inMemory: !DISK, mode: 'test', clock: () => CLOCK });
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`dynalite ${DISK ? `on disk (${dir})` : 'in memory'}; ${cpus().length} CPUs, load average ${load()}; ${N.toLocaleString('en')} projects, weeks ${WEEKS[0]}…${WEEKS[11]} (clock ${CLOCK})`);
  const doc = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: 'local' });
  const opts = { tableName: DEFAULT_TABLE_NAME };
  const cut = createCutoffStore(doc, opts);
  const aggregates = createLiveAggregates(doc, opts);
  try {
    // One real state through the API: the template every project is copied from.
    const res = await fetch(`${stack.url}/v1/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        workbook: { id: 'bench-wb', name: 'bench.xlsx' }, dateSystem: 1900, asOf: '2026-03-24',
        rows: [{ ref: { sheet: '重点线索', row: 4 }, list: 'signed', id: 'TEMPLATE', cells: { name: '模板项目', unit: '平邑街道', leader: '领导1', amount: '3亿', signedDate: '2025-06-01', progress: '对接中', investorType: '央企' } }],
      }),
    });
    if (res.status !== 200) throw new Error(`template sync answered ${res.status}`);
    const template = (await stack.store.loadProjects(['TEMPLATE'])).get('TEMPLATE')!;
    const redReason = { rule: 'weekly-update' as const, level: 'red' as const, figures: { weeks: 2 }, message: { zh: '连续两周未更新进展', en: 'No progress for two weeks' } };
    const t: ProjectState = { ...template, flag: { level: 'red', reasons: [redReason] } };

    let t0 = performance.now();
    const states = Array.from({ length: N }, (_, i) => stateOf(t, i));
    let requests = 0;
    const count = (r: number) => void (requests += r);
    // STATE items, and the WEEK# snapshot each project's last change replaced (the week before it, when there is one).
    const kept: WeekSnapshot[] = states.flatMap((s) => {
      const k = WEEKS.indexOf(weekOf(s.updatedAt, cutoff));
      if (k === 0) return [];
      const w = WEEKS[k - 1]!;
      return [snapshotOf({ ...s, version: s.version - 1, updatedAt: midWeek(w) }, interval(w), midWeek(w))];
    });
    for (let i = 0; i < N; i += 10_000) await batchPut(doc, DEFAULT_TABLE_NAME, states.slice(i, i + 10_000).map(stateItem), count);
    for (let i = 0; i < kept.length; i += 10_000) await batchPut(doc, DEFAULT_TABLE_NAME, kept.slice(i, i + 10_000).map(weekItem), count);
    // Every project's name index entry, as its first sync (or the upkeep) wrote it: the dashboard's possible duplicates read them.
    for (let i = 0; i < N; i += 10_000) {
      await stack.store.putNames(states.slice(i, i + 10_000).map((s) => ({ key: nameKeyOf(s.fields.name, s.fields.unit)!, id: s.id, name: s.fields.name!, unit: s.fields.unit! })));
    }
    console.log(`seeded ${N.toLocaleString('en')} STATE + ${kept.length.toLocaleString('en')} WEEK# + ${N.toLocaleString('en')} name entries in ${(ms(t0) / 1000).toFixed(0)} s (${requests.toLocaleString('en')} BatchWriteItem requests)`);

    // The closed weeks W02…W12, as the cut-off job leaves them: fixed report, aggregates, CLOSED# marker.
    t0 = performance.now();
    let previous: WeekSnapshot[] = [];
    let reportBytes = 0;
    for (const [k, w] of WEEKS.slice(0, -1).entries()) {
      const end = Date.parse(weekRange(w, cutoff).end);
      const current = states.map((s, i) => {
        const snap = snapshotOf(s, interval(w), midWeek(w));
        const level = Date.parse(s.updatedAt) <= end ? s.flag.level : levelOf(i, k);
        return { ...snap, week: w, flag: level === s.flag.level ? s.flag : level === 'none' ? { level, reasons: [] } : { level, reasons: [{ ...redReason, level }] }, progressUpdated: rnd(i, 100 + k) < 0.85 };
      });
      const report = weeklyReport(current, previous, reportPeriod(w, cutoff)!, { units: DEFAULT_CONFIG.units });
      reportBytes = JSON.stringify(report).length;
      await cut.putWeek(w, report, weekAggregates(w, current));
      await cut.markClosed(w, { closedAt: CLOCK, projects: current.length, escalated: 0 });
      previous = current;
    }
    console.log(`closed ${WEEKS.length - 1} weeks (fixed report ${(reportBytes / 2 ** 20).toFixed(1)} MB of JSON each, gzipped in one item; aggregates) in ${(ms(t0) / 1000).toFixed(0)} s`);
    previous = [];

    if (!BEFORE) {
      t0 = performance.now();
      const built = aggregatesOf(states, cutoff);
      await aggregates.rebuild(built.units, built.red, CLOCK);
      console.log(`live aggregates built: ${built.units.length} units, ${built.red.length.toLocaleString('en')} red entries in ${(ms(t0) / 1000).toFixed(0)} s`);
    }
    states.length = 0;
    kept.length = 0;
    if (!BEFORE) {
      // The possible duplicates, taken from every name entry as the cut-off tick does when names changed; dashboards read the snapshot.
      t0 = performance.now();
      const { total } = await currentDuplicates({ store: stack.store, aggregates, clock: () => CLOCK }, { store: true, stale: true });
      console.log(`possible duplicates taken from ${N.toLocaleString('en')} name entries: ${total} pairs in ${(ms(t0) / 1000).toFixed(1)} s`);
    }

    const deps: Deps = BEFORE
      ? { store: stack.store, mode: 'test', clock: () => CLOCK, log: () => {} }
      : { store: stack.store, mode: 'test', clock: () => CLOCK, log: () => {}, cutoff: cut, aggregates };
    const dash = dashboardHandler(() => deps);
    const weekly = reportsHandler(() => deps);
    const runs: Array<[string, () => Promise<{ statusCode?: number; body?: string }>]> = [
      ['GET /v1/dashboard', () => dash(event('/v1/dashboard'))],
      [`GET /v1/reports/weekly (${WEEKS[10]}${BEFORE ? ', scanned' : ', closed'})`, () => weekly(event('/v1/reports/weekly'))],
    ];
    console.log(`\n${BEFORE ? 'BEFORE (every project per call)' : 'AFTER (aggregates)'}: ${CALLS} calls each, in-process handler; load average ${load()}`);
    for (const [name, call] of runs) {
      const first = await call();
      if (first.statusCode !== 200) throw new Error(`${name} answered ${first.statusCode}: ${first.body?.slice(0, 300)}`);
      const size = first.body?.length ?? 0;
      gc();
      const base = process.memoryUsage().heapUsed;
      let peak = base;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 1);
      const times: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const s = performance.now();
        const r = await call();
        if (r.statusCode !== 200) throw new Error(`${name} answered ${r.statusCode}`);
        times.push(ms(s));
      }
      // Four at once, several rounds: one round of a few-ms call is mostly noise, so the median round is quoted.
      const rounds: number[] = [];
      for (let i = 0; i < FOUR_ROUNDS; i++) {
        const s4 = performance.now();
        const answers = await Promise.all([call(), call(), call(), call()]);
        rounds.push(ms(s4));
        if (answers.some((r) => r.statusCode !== 200)) throw new Error(`${name}: a concurrent call failed`);
      }
      const four = pct(rounds, 50);
      clearInterval(sampler);
      const p50 = pct(times, 50);
      console.log(
        `${name.padEnd(48)} p50 ${p50.toFixed(0)} ms  p99 ${pct(times, 99).toFixed(0)} ms  answer ${(size / 1024).toFixed(0)} KB  ` +
          `peak heap ${mb(peak)} (+${mb(peak - base)} over ${mb(base)})  four concurrent (median of ${FOUR_ROUNDS} rounds) ${four.toFixed(0)} ms = ${(four / p50).toFixed(2)}× one`,
      );
    }
    console.log(`load average after: ${load()} (2 shared cores: compare medians at similar load)`);
  } finally {
    doc.destroy();
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
