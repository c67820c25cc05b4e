/**
 * DESIGN §4 as a test: which room may import which, which packages a room may use, that the pure rooms read no
 * clock, timers, randomness or network, and that only addin/office touches Office.js. Every source file of the
 * product is checked; a new folder that no rule covers fails too, so the table is kept whole.
 */
import { codeOnly, read, sourceFiles, specifiers, target } from './support/source-scan';

/** The parts of the contract that are vocabulary (no HTTP): all the domain may import. */
const VOCABULARY = ['contract/vocabulary', 'contract/fields', 'contract/flags', 'contract/limits', 'contract/config', 'contract/reports'];
const NODE = /^node:/;
const ANY = /./;

interface Room {
  /** Repo-relative folder or file; the longest matching room rules a file. */
  room: string;
  /** Rooms (or files) it may import besides itself. */
  may: readonly string[];
  /** Packages it may import. */
  packages: readonly RegExp[];
  why: string;
}

export const ROOMS: readonly Room[] = [
  { room: 'contract', may: [], packages: [/^zod$/], why: 'what both sides share, and nothing else' },
  { room: 'functions/domain', may: VOCABULARY, packages: [], why: 'pure rules; the vocabulary, not HTTP shapes' },
  { room: 'functions/app', may: ['functions/domain', 'contract'], packages: [/^node:crypto$/], why: 'use cases and their ports; no HTTP, no AWS' },
  { room: 'functions/store', may: ['functions/app', 'functions/domain', 'contract'], packages: [/^@aws-sdk\//, NODE], why: "adapters of app's ports" },
  { room: 'functions/handlers', may: ['functions/app', 'contract'], packages: [/^aws-lambda$/, /^zod$/], why: 'parse the event, call one use case, map codes to statuses' },
  // The Lambda's composition root: the one handler file that builds the DynamoDB adapter for the use cases.
  { room: 'functions/handlers/deps.ts', may: ['functions/app', 'functions/store', 'functions/notify', 'contract'], packages: [], why: 'wires the store and notifier adapters into Deps' },
  { room: 'functions/handlers/job-deps.ts', may: ['functions/app', 'functions/store', 'functions/notify', 'contract'], packages: [], why: "the cut-off job's Deps: deps.ts with e-mail over SES" },
  { room: 'functions/notify', may: ['functions/app', 'contract'], packages: [/^node:crypto$/, /^@aws-sdk\//], why: "adapters of app's Notifier port: group robots, e-mail" },
  { room: 'addin/core', may: ['contract'], packages: [], why: 'pure client logic' },
  { room: 'addin/app', may: ['addin/core', 'contract'], packages: [], why: "the client's flows, I/O through ports" },
  { room: 'addin/office', may: ['addin/core', 'contract'], packages: [], why: 'the WorkbookGateway over Office.js' },
  { room: 'addin/xlsx', may: ['addin/core', 'contract'], packages: [/^exceljs$/, /^jszip$/, NODE], why: 'the WorkbookGateway over .xlsx' },
  { room: 'addin/taskpane', may: ['addin/app', 'addin/core', 'contract'], packages: [/^@azure\/msal-browser$/], why: 'the pane' },
  // The pane's composition roots: its entry and the hosts that pick a gateway (Office.js or a file).
  { room: 'addin/taskpane/taskpane.ts', may: ['addin', 'contract'], packages: [], why: "the pane's entry wires the parts" },
  { room: 'addin/taskpane/hosts', may: ['addin/taskpane', 'addin/app', 'addin/core', 'addin/office', 'addin/xlsx', 'contract'], packages: [], why: 'hosts pick a gateway' },
  // The sign-in dialog is a page of its own: its entry wires Office's dialog messaging.
  { room: 'addin/taskpane/auth/dialog-page.ts', may: ['addin', 'contract'], packages: [/^@azure\/msal-browser$/], why: "the dialog page's entry" },
  // The leaders' phone page: read-only, signed in like the pane's file mode (reuses addin/taskpane/auth).
  { room: 'addin/mobile', may: ['addin/app', 'addin/core', 'addin/taskpane/auth', 'contract'], packages: [/^echarts$/], why: "the leaders' phone page" },
  { room: 'addin/cli', may: ['addin', 'contract', 'functions', 'infra/local', 'package.json'], packages: [ANY], why: 'composition root; may start the embedded stack' },
  { room: 'addin/manifest', may: [], packages: [ANY], why: 'builds the manifest' },
  { room: 'addin/assets', may: [], packages: [NODE], why: 'draws the icons' },
  { room: 'infra/local', may: ['functions', 'contract', 'infra'], packages: [ANY], why: 'composition root: the embedded stack' },
  { room: 'infra/cdk', may: ['infra', 'functions', 'contract', 'addin/manifest'], packages: [ANY], why: 'deployment: wires handlers, the table, the manifest' },
  { room: 'infra/api-scope.ts', may: [], packages: [], why: 'one constant both infra rooms use' },
  { room: 'scripts', may: ['addin', 'contract', 'functions', 'infra'], packages: [ANY], why: 'build and start scripts' },
  { room: 'bench', may: ['addin', 'contract', 'functions', 'infra'], packages: [ANY], why: 'benchmarks (nothing imports them)' },
];

const PRODUCT = ['contract', 'functions', 'addin', 'infra', 'scripts', 'bench'];

const within = (path: string, room: string) => path === room || path.startsWith(room + '/');
const roomOf = (file: string) =>
  ROOMS.filter((r) => within(file.replace(/\.(ts|mjs|cjs)$/, ''), r.room.replace(/\.ts$/, ''))).sort((a, b) => b.room.length - a.room.length)[0];

/** The offences of one file, as lines naming the file and what it imports. */
export function offences(file: string, source: string): string[] {
  const room = roomOf(file);
  if (!room) return [`${file}: no room in the table rules this file`];
  // A file room (one composition root inside a folder) shares its folder with the folder's own room.
  const folder = room.room.endsWith('.ts') ? room.room.slice(0, room.room.lastIndexOf('/')) : room.room;
  return specifiers(source).flatMap((spec) => {
    const t = target(file, spec);
    if (t.kind === 'package') return room.packages.some((p) => p.test(t.name)) ? [] : [`${file}: package ${t.name} (${room.room}: ${room.why})`];
    if (within(t.path, 'test') || (within(t.path, 'bench') && room.room !== 'bench')) return [`${file}: ${spec} (nothing imports test/ or bench/)`];
    if (within(t.path, folder)) return [];
    return room.may.some((m) => within(t.path, m)) ? [] : [`${file}: ${spec} → ${t.path} (${room.room}: ${room.why})`];
  });
}

/** Calls that make code impure: the clock, timers, randomness, the network, the DOM. */
const IMPURE: ReadonlyArray<[string, RegExp]> = [
  ['the clock', /\bDate\.now\s*\(|\bnew\s+Date\s*\(\s*\)|\bperformance\.now\s*\(/],
  ['timers', /\b(setTimeout|setInterval|setImmediate|clearTimeout|clearInterval)\s*\(/],
  ['randomness', /\bMath\.random\b|\bcrypto\b/],
  ['the network', /\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\b/],
  ['the DOM, storage or globals', /(?<![\w$.])(document|localStorage|sessionStorage|navigator|globalThis)\s*\./],
  ['the environment', /\bprocess\.(env|argv|exit|cwd)\b/],
];
const PURE_ROOMS = ['contract', 'functions/domain', 'addin/core'];

export function impurities(file: string, source: string): string[] {
  return codeOnly(source)
    .split('\n')
    .flatMap((line) => IMPURE.filter(([, re]) => re.test(line)).map(([what]) => `${file}: ${what}: ${line.trim()}`));
}

/** Office or Excel used as a value: a property access, or a property named Office/Excel (reading the global loosely). */
const OFFICE_USE = /(?<![\w$.])(Office|Excel)\s*(\?\.|\.|\[)|\b(Office|Excel)\??\s*:/;

export function officeUses(file: string, source: string): string[] {
  return codeOnly(source)
    .split('\n')
    .filter((line) => OFFICE_USE.test(line))
    .map((line) => `${file}: ${line.trim()}`);
}

describe('the rooms of DESIGN §4', () => {
  it('flags forbidden imports in samples, and lets allowed ones pass', () => {
    expect(offences('functions/domain/x.ts', "import { FIELDS } from '../../contract/vocabulary';")).toEqual([]);
    expect(offences('functions/domain/x.ts', "import type { SyncRequest } from '../../contract';")).toHaveLength(1);
    expect(offences('functions/domain/x.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';")).toHaveLength(1);
    expect(offences('functions/app/sync.ts', "import { ApiFailure } from '../handlers/http';")).toHaveLength(1);
    expect(offences('functions/app/sync.ts', "import { putEvent } from '../store/events';")).toHaveLength(1);
    expect(offences('functions/store/events.ts', "import type { ProjectStore } from '../app/ports';")).toEqual([]);
    expect(offences('addin/core/plan.ts', "import { runSync } from '../app/sync';")).toHaveLength(1);
    expect(offences('addin/core/plan.ts', "import ExcelJS from 'exceljs';")).toHaveLength(1);
    expect(offences('addin/core/plan.ts', "import { parseRow } from '../../functions/domain/parse';")).toHaveLength(1);
    expect(offences('addin/app/sync.ts', "import { buildPlan } from '../core/plan';")).toEqual([]);
    expect(offences('addin/taskpane/sync/view.ts', "import { OfficeGateway } from '../../office/gateway';")).toHaveLength(1);
    expect(offences('addin/taskpane/hosts/office-host.ts', "import { OfficeGateway } from '../../office/gateway';")).toEqual([]);
    expect(offences('functions/handlers/sync.ts', "import { DynamoStore } from '../store';")).toHaveLength(1);
    expect(offences('functions/handlers/deps.ts', "import { DynamoStore } from '../store';")).toEqual([]);
    expect(offences('functions/store/x.ts', "import { fakeBackend } from '../../test/fixtures/fakeBackend';")).toHaveLength(1);
    expect(offences('addin/elsewhere/x.ts', "import { a } from './a';")).toEqual(['addin/elsewhere/x.ts: no room in the table rules this file']);
  });

  it.each(PRODUCT)('every file in %s imports only what its room may', (dir) => {
    const files = sourceFiles(dir);
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap((f) => offences(f, read(f)))).toEqual([]);
  });
});

describe('the pure rooms are pure', () => {
  it('finds impure calls in samples, and none in comments or strings', () => {
    expect(impurities('x.ts', 'const t = Date.now();')).toHaveLength(1);
    expect(impurities('x.ts', 'const t = new Date();')).toHaveLength(1);
    expect(impurities('x.ts', "const t = new Date('2026-01-01');")).toEqual([]);
    expect(impurities('x.ts', 'await new Promise((r) => setTimeout(r, 5));')).toHaveLength(1);
    expect(impurities('x.ts', 'const r = Math.random();')).toHaveLength(1);
    expect(impurities('x.ts', 'const r = crypto.getRandomValues(a);')).toHaveLength(1);
    expect(impurities('x.ts', 'const res = await fetch(url);')).toHaveLength(1);
    expect(impurities('x.ts', 'const e = process.env.X;')).toHaveLength(1);
    expect(impurities('x.ts', 'const f = globalThis.fetch;')).toHaveLength(1);
    expect(impurities('x.ts', 'const w = ctx.window.day;')).toEqual([]);
    expect(impurities('x.ts', "// Date.now() is passed in\nconst s = 'fetch(x)';")).toEqual([]);
  });

  it.each(PURE_ROOMS)('%s reads no clock, timers, randomness, network, DOM or environment', (dir) => {
    const files = sourceFiles(dir);
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap((f) => impurities(f, read(f)))).toEqual([]);
  });
});

describe('only addin/office calls Office.js', () => {
  it('finds a use in a sample, and none in a comment or a string', () => {
    expect(officeUses('x.ts', 'await Office.onReady();')).toHaveLength(1);
    expect(officeUses('x.ts', 'const o = (g as { Office?: X }).Office;')).toHaveLength(1);
    expect(officeUses('x.ts', 'return Excel.run(batch);')).toHaveLength(1);
    expect(officeUses('x.ts', 'type Ctx = Excel.RequestContext;')).toHaveLength(1); // even a type: keep them in addin/office
    expect(officeUses('x.ts', '// Office.context.requirements\n/** Excel.run */ const a = "Office.x";')).toEqual([]);
    expect(officeUses('x.ts', "t('请更新 Office。Update Office.')")).toEqual([]);
  });

  it('no file of the client outside addin/office does', () => {
    const files = sourceFiles('addin').filter((f) => !f.startsWith('addin/office/'));
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap((f) => officeUses(f, read(f)))).toEqual([]);
  });
});
