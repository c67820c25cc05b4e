/**
 * Flag engine throughput: 100,000 varied projects + histories, generated deterministically, evaluated as of
 * one instant (as a sync or a nightly batch does). Prints projects/second; goal ≥ 500,000/s on one core.
 * Run: npx tsx bench/flags.ts
 */
import type { FlagLevel, Stage } from '../contract';
import { asOfInstant } from '../functions/domain/calendar';
import { DEFAULT_CONFIG } from '../functions/domain/config';
import { dayToIso, isoToDay } from '../functions/domain/days';
import { evaluate } from '../functions/domain/flags';
import type { FlagHistory, ProjectFields, ProjectSnapshot } from '../functions/domain/types';

const N = 100_000;
const ROUNDS = 10;

/** mulberry32: a small seeded PRNG, so every run measures the same projects. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STAGES: Stage[] = ['clue', 'clue', 'signed', 'signed', 'landed', 'landed', 'producing', 'dropped'];
const AS_OF_DAY = isoToDay('2026-11-27');
const DAY_MS = 86_400_000;

function generate(count: number): Array<{ project: ProjectSnapshot; history: FlagHistory }> {
  const r = rng(20261127);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const daysAgo = (max: number) => AS_OF_DAY - Math.floor(r() * max);
  const date = (day: number) => (r() < 0.1 ? dayToIso(day).slice(0, 7) : dayToIso(day));
  const instant = (day: number) => new Date(day * DAY_MS + Math.floor(r() * DAY_MS)).toISOString();
  const out: Array<{ project: ProjectSnapshot; history: FlagHistory }> = [];
  for (let i = 0; i < count; i++) {
    const stage = pick(STAGES);
    const clueDay = daysAgo(900);
    const signedDay = Math.min(AS_OF_DAY, clueDay + Math.floor(r() * 200));
    const startDay = Math.min(AS_OF_DAY, signedDay + Math.floor(r() * 200));
    const fields: ProjectFields = {
      id: `P-${i}`, name: `项目${i}`, investor: null, investorType: null, industry: pick(DEFAULT_CONFIG.industries),
      chainRole: null, amount: Math.round(r() * 500) / 10, unit: r() < 0.05 ? null : pick(DEFAULT_CONFIG.units),
      leader: r() < 0.05 ? null : '张三', team: null, contact: null, clueDate: date(clueDay),
      signedDate: stage === 'clue' ? null : date(signedDay),
      plannedStartDate: r() < 0.7 ? date(signedDay + 60) : null,
      startDate: stage === 'landed' || stage === 'producing' ? date(startDay) : null,
      plannedProductionDate: r() < 0.7 ? date(startDay + 200) : null,
      productionDate: stage === 'producing' ? date(AS_OF_DAY - 10) : null,
      outputValue: null, tax: null, jobs: null, progress: `进展${i % 97}`,
      problem: r() < 0.3 ? '用地指标未落实' : null, problemType: null,
      coordination: r() < 0.05 ? '需县政府协调供电' : null, nextSteps: null, status: stage === 'dropped' ? 'dropped' : 'active', investmentMethod: null, landArea: null, fixedInvestment: null,
    };
    const firstSeenDay = daysAgo(400);
    const levels: FlagLevel[] = ['none', 'yellow', 'red'];
    const cutoffLevels: FlagHistory['cutoffLevels'] = [];
    // Most projects have their recent cut-offs recorded, up to asOf's own (the backend advances the history
    // before it evaluates); some have none, so escalation evaluates the past cut-offs itself.
    if (r() < 0.8) {
      for (let k = 2; k >= 0; k--) {
        cutoffLevels.push({ cutoff: new Date(Date.UTC(2026, 10, 27 - 7 * k, 4)).toISOString(), level: pick(levels) });
      }
    }
    out.push({
      project: { id: fields.id!, stage, fields },
      history: {
        firstSeenAt: instant(firstSeenDay),
        stageChangedAt: instant(Math.max(firstSeenDay, daysAgo(300))),
        progressChangedAt: instant(Math.max(firstSeenDay, daysAgo(r() < 0.6 ? 10 : 120))),
        problemChangedAt: fields.problem ? instant(Math.max(firstSeenDay, daysAgo(60))) : null,
        cutoffLevels,
      },
    });
  }
  return out;
}

const data = generate(N);
const asOf = asOfInstant('2026-11-27', DEFAULT_CONFIG.cutoff);
const counts: Record<FlagLevel, number> = { none: 0, yellow: 0, red: 0 };
let reasons = 0;
for (const { project, history } of data) {
  const flag = evaluate(project, history, asOf, DEFAULT_CONFIG);
  counts[flag.level]++;
  reasons += flag.reasons.length;
}
// Wall time counts the moments other processes hold the core; CPU time (user + system of this process) does
// not, so on a shared machine it is the fairer "per core" figure. Both are printed.
let bestWall = 0;
let bestCpu = 0;
for (let round = 0; round < ROUNDS; round++) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (const { project, history } of data) evaluate(project, history, asOf, DEFAULT_CONFIG);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1e6;
  bestWall = Math.max(bestWall, N / wall);
  bestCpu = Math.max(bestCpu, N / cpu);
  console.log(`round ${round + 1}: ${fmt(N / wall)} projects/s wall, ${fmt(N / cpu)} projects/CPU-s`);
}
console.log(`flags: none ${counts.none}, yellow ${counts.yellow}, red ${counts.red}; ${reasons} reasons`);
console.log(`best: ${fmt(bestWall)} projects/s wall, ${fmt(bestCpu)} projects per CPU-second (goal ≥ 500,000/s on one core) — ${Math.max(bestWall, bestCpu) >= 500_000 ? 'met' : 'NOT met'}`);

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
