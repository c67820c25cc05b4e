/**
 * The dashboard's contribution sections (issue 21): by 招商方式 (projects, investment, clue → signed conversion,
 * median cycle days), by 责任专班, by industry and chain role (the "6+3" chains), and per unit the totals and
 * per-mu figures of landed and producing projects. Pure.
 *
 * Computed from counters, like the live aggregates (live.ts): `sectionCounters` is what one project adds to its
 * unit's counters, `sectionsFromCounters` reads the sections back, and `contributionSections` (the scan path) sums
 * every snapshot's counters first — so the live and the scanned dashboard agree by construction.
 *
 * Counter names (free text last, so a dot in a name needs no escaping): `mt.<list>.n.<method>`, `mt.wan.<method>`
 * (active), `mt.all.<method>`, `mt.sig.<method>` (every project; reached signing), `mt.cy.<days>.<method>`
 * (线索→签约 days); `tm.<list>.n.<team>`, `tm.wan|red|yel.<team>`; `ch.<role|none>.<list>.<industry>`;
 * `ld.<landed|producing>.n|wan|out|tax|ln|land|linv|ltax|landt|lout|lando` (land in 1/10,000 亩, money in 万元; landt/lando: the
 * land of projects that state a tax / an output value, which 亩均税收 / 亩均产值 divide by).
 */
import {
  CHAIN_ROLE_KEYS,
  LIST_ORDER,
  type ChainRoleKey,
  type ChainRow,
  type ContributionSections,
  type LandFigures,
  type ListKey,
  type MethodRow,
  type PerList,
  type TeamRow,
  type UnitLandRow,
} from '../../../contract/vocabulary';
import { perMuOfTotals } from '../contribution';
import { fromWan, isActive, orderUnits, perList, toWan } from './common';
import { cycleDays, median } from './cycle';
import type { WeekSnapshot } from './snapshot';

type Counters = Record<string, number>;

/** Bumped when the counters' names change: live aggregates built with another format are rebuilt. */
export const SECTIONS_FORMAT = 1;

const LAND_LISTS = ['landed', 'producing'] as const;
type LandList = (typeof LAND_LISTS)[number];
const LAND_UNIT = 10_000;

const text = (s: string | null | undefined): string => (s ?? '').normalize('NFKC').trim();

/** What one project adds to its unit's counters for the contribution sections. */
export function sectionCounters(s: WeekSnapshot): Counters {
  const c: Counters = {};
  const x = s.contribution;
  const method = text(x?.investmentMethod);
  c[`mt.all.${method}`] = 1;
  const reachedSigning = s.stage === 'dropped' ? s.dates.signed !== null : s.stage !== 'clue';
  if (reachedSigning) c[`mt.sig.${method}`] = 1;
  const days = cycleDays(s, ['clue', 'signed']);
  if (days !== null) c[`mt.cy.${days}.${method}`] = 1;
  if (!isActive(s)) return c;
  const l = s.stage;
  const wan = toWan(s.amount);
  c[`mt.${l}.n.${method}`] = 1;
  if (wan) c[`mt.wan.${method}`] = wan;
  const team = text(x?.team);
  c[`tm.${l}.n.${team}`] = 1;
  if (wan) c[`tm.wan.${team}`] = wan;
  if (s.flag.level === 'red') c[`tm.red.${team}`] = 1;
  else if (s.flag.level === 'yellow') c[`tm.yel.${team}`] = 1;
  const role = x?.chainRole && (CHAIN_ROLE_KEYS as readonly string[]).includes(x.chainRole) ? x.chainRole : 'none';
  c[`ch.${role}.${l}.${text(x?.industry)}`] = 1;
  if (l === 'landed' || l === 'producing') {
    const put = (k: string, v: number) => {
      if (v) c[`ld.${l}.${k}`] = v;
    };
    put('n', 1);
    put('wan', wan);
    put('out', toWan(s.outputValue));
    put('tax', toWan(s.tax));
    const land = x?.landArea ?? null;
    if (land !== null && land > 0) {
      put('ln', 1);
      put('land', Math.round(land * LAND_UNIT));
      put('linv', toWan(x?.fixedInvestment ?? s.amount));
      // Tax and output per mu count only the land of projects that state them (a landed project has no tax yet).
      if (s.tax !== null) {
        put('ltax', toWan(s.tax));
        put('landt', Math.round(land * LAND_UNIT));
      }
      if (s.outputValue !== null) {
        put('lout', toWan(s.outputValue));
        put('lando', Math.round(land * LAND_UNIT));
      }
    }
  }
  return c;
}

export interface SectionOptions {
  /** The county's units, methods and industries (configured rows come first, even when empty). */
  units?: readonly string[];
  methods?: readonly string[];
  industries?: readonly string[];
}

/** Splits `prefix.<a>.<b>.<rest>` into its `parts` fixed parts and the free-text rest. */
function split(key: string, parts: number): string[] | null {
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i < parts; i++) {
    const dot = key.indexOf('.', at);
    if (dot < 0) return null;
    out.push(key.slice(at, dot));
    at = dot + 1;
  }
  out.push(key.slice(at));
  return out;
}

const zeroLists = (): PerList<number> => perList(() => 0);

function landFigures(c: Counters, lists: readonly LandList[]): LandFigures {
  const sum = (k: string) => lists.reduce((n, l) => n + (c[`ld.${l}.${k}`] ?? 0), 0);
  const land = sum('land') / LAND_UNIT;
  const perMu = {
    investmentIntensity: perMuOfTotals({ land, investmentWan: sum('linv'), taxWan: 0, outputWan: 0 }).investmentIntensity,
    taxPerMu: perMuOfTotals({ land: sum('landt') / LAND_UNIT, investmentWan: 0, taxWan: sum('ltax'), outputWan: 0 }).taxPerMu,
    outputPerMu: perMuOfTotals({ land: sum('lando') / LAND_UNIT, investmentWan: 0, taxWan: 0, outputWan: sum('lout') }).outputPerMu,
  };
  return {
    count: sum('n'),
    amount: fromWan(sum('wan')),
    outputValue: fromWan(sum('out')),
    tax: fromWan(sum('tax')),
    withLand: sum('ln'),
    landArea: Math.round(land * 100) / 100,
    ...perMu,
  };
}

function landRow(c: Counters): Omit<UnitLandRow, 'unit'> {
  return { landed: landFigures(c, ['landed']), producing: landFigures(c, ['producing']), total: landFigures(c, LAND_LISTS) };
}

/** The sections from the units' counters. */
export function sectionsFromCounters(units: ReadonlyArray<{ unit: string; counters: Counters }>, options: SectionOptions = {}): ContributionSections {
  const methods = new Map<string, { lists: PerList<number>; wan: number; all: number; sig: number; days: number[] }>();
  const teams = new Map<string, { lists: PerList<number>; wan: number; red: number; yel: number }>();
  const chains = new Map<string, { roles: Record<ChainRoleKey, PerList<number>>; unmarked: number; lists: PerList<number> }>();
  const method = (m: string) => methods.get(m) ?? methods.set(m, { lists: zeroLists(), wan: 0, all: 0, sig: 0, days: [] }).get(m)!;
  const team = (t: string) => teams.get(t) ?? teams.set(t, { lists: zeroLists(), wan: 0, red: 0, yel: 0 }).get(t)!;
  const chain = (i: string) =>
    chains.get(i) ??
    chains.set(i, { roles: Object.fromEntries(CHAIN_ROLE_KEYS.map((r) => [r, zeroLists()])) as Record<ChainRoleKey, PerList<number>>, unmarked: 0, lists: zeroLists() }).get(i)!;
  const county: Counters = {};
  const land: Array<{ unit: string; counters: Counters }> = [];
  const isList = (l: string): l is ListKey => (LIST_ORDER as readonly string[]).includes(l);

  for (const u of units) {
    const own: Counters = {};
    for (const [k, n] of Object.entries(u.counters)) {
      if (!n) continue;
      if (k.startsWith('mt.')) {
        const p = split(k, 2);
        if (!p) continue;
        if (p[1] === 'all') method(p[2]!).all += n;
        else if (p[1] === 'sig') method(p[2]!).sig += n;
        else if (p[1] === 'wan') method(p[2]!).wan += n;
        else if (p[1] === 'cy') {
          const q = split(k, 3)!;
          const m = method(q[3]!);
          for (let i = 0; i < n; i++) m.days.push(Number(q[2]));
        } else if (isList(p[1]!)) {
          const q = split(k, 3);
          if (q) method(q[3]!).lists[p[1]] += n;
        }
      } else if (k.startsWith('tm.')) {
        const p = split(k, 2)!;
        if (!p) continue;
        if (p[1] === 'wan') team(p[2]!).wan += n;
        else if (p[1] === 'red') team(p[2]!).red += n;
        else if (p[1] === 'yel') team(p[2]!).yel += n;
        else if (isList(p[1]!)) {
          const q = split(k, 3);
          if (q) team(q[3]!).lists[p[1]] += n;
        }
      } else if (k.startsWith('ch.')) {
        const p = split(k, 3);
        if (!p || !isList(p[2]!)) continue;
        const row = chain(p[3]!);
        row.lists[p[2]] += n;
        if ((CHAIN_ROLE_KEYS as readonly string[]).includes(p[1]!)) row.roles[p[1] as ChainRoleKey][p[2]] += n;
        else row.unmarked += n;
      } else if (k.startsWith('ld.')) {
        own[k] = (own[k] ?? 0) + n;
        county[k] = (county[k] ?? 0) + n;
      }
    }
    if ((own['ld.landed.n'] ?? 0) + (own['ld.producing.n'] ?? 0) > 0) land.push({ unit: u.unit, counters: own });
  }

  const sumLists = (l: PerList<number>) => LIST_ORDER.reduce((n, k) => n + l[k], 0);
  const methodOrder = orderUnits([...methods.keys()], options.methods ?? []);
  const teamOrder = orderUnits([...teams.keys()]).filter((t) => sumLists(teams.get(t)!.lists) > 0);
  const industryOrder = orderUnits(
    [...chains.keys()].filter((i) => sumLists(chains.get(i)!.lists) > 0),
    options.industries ?? [],
  );
  const unitOrder = orderUnits(
    land.map((l) => l.unit),
    options.units ?? [],
  );
  const landByUnit = new Map(land.map((l) => [l.unit, l.counters]));

  return {
    methods: methodOrder.map((m): MethodRow => {
      const r = method(m);
      const days = median(r.days);
      return {
        method: m,
        lists: r.lists,
        total: sumLists(r.lists),
        amount: fromWan(r.wan),
        all: r.all,
        signed: r.sig,
        conversion: r.all > 0 ? Math.round((r.sig / r.all) * 1000) / 1000 : null,
        clueToSigned: { median: days, count: r.days.length },
      };
    }),
    teams: teamOrder.map((t): TeamRow => {
      const r = teams.get(t)!;
      return { team: t, lists: r.lists, total: sumLists(r.lists), amount: fromWan(r.wan), red: r.red, yellow: r.yel };
    }),
    chains: industryOrder.map((i): ChainRow => {
      const r = chain(i);
      return { industry: i, roles: r.roles, unmarked: r.unmarked, lists: r.lists, total: sumLists(r.lists) };
    }),
    land: unitOrder.filter((u) => landByUnit.has(u)).map((unit) => ({ unit, ...landRow(landByUnit.get(unit)!) })),
    landTotal: landRow(county),
  };
}

/** The sections from every project's snapshot (the scan path): the same counters, summed per unit. */
export function contributionSections(snapshots: readonly WeekSnapshot[], options: SectionOptions = {}): ContributionSections {
  const units = new Map<string, Counters>();
  for (const s of snapshots) {
    const c = units.get(s.unit) ?? units.set(s.unit, {}).get(s.unit)!;
    for (const [k, v] of Object.entries(sectionCounters(s))) c[k] = (c[k] ?? 0) + v;
  }
  return sectionsFromCounters(
    [...units].map(([unit, counters]) => ({ unit, counters })),
    options,
  );
}
