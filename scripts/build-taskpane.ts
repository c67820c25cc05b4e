/**
 * Builds the task pane into dist/taskpane: esbuild (bundle, minify, ESM with code splitting so ExcelJS loads only
 * in file mode, es2020), the HTML with Office.js' script URL chosen by `--office-js cdn|local`, the CSS, the
 * icons, and — for offline tests (`local`) — a copy of @microsoft/office-js. Prints each file's raw and gzip size.
 *
 *   tsx scripts/build-taskpane.ts [--office-js cdn|local] [--outdir dist/taskpane] [--no-minify]
 */
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
export const OFFICE_JS_LOCAL = 'office-js/office.js';
const SRC = join(ROOT, 'addin/taskpane');
const MOBILE = join(ROOT, 'addin/mobile');

export interface TaskpaneBuildOptions {
  outdir?: string;
  officeJs?: 'cdn' | 'local';
  minify?: boolean;
  /** Log output sizes (default true). */
  report?: boolean;
}

/** The esbuild options for the scripts and the stylesheet; shared with the dev server's watch context. */
export function esbuildOptions(outdir: string, minify = true): esbuild.BuildOptions {
  return {
    // auth-dialog: the sign-in page Excel opens in a dialog where nested app auth is missing (addin/taskpane/auth).
    // mobile: the leaders' phone page (addin/mobile), served next to the pane (same folder, same S3/CloudFront).
    entryPoints: {
      taskpane: join(SRC, 'taskpane.ts'),
      'taskpane-style': join(SRC, 'taskpane.css'),
      'auth-dialog': join(SRC, 'auth/dialog-page.ts'),
      mobile: join(MOBILE, 'mobile.ts'),
      'mobile-style': join(MOBILE, 'mobile.css'),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify,
    sourcemap: minify ? false : 'linked',
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    // ExcelJS' browser build expects these Node globals to be absent or shimmed; `global` is its only use.
    define: { global: 'globalThis' },
  };
}

/** Writes the HTML, icons and (for local Office.js) the Office.js copy — everything esbuild does not emit. */
export function writeStatic(outdir: string, officeJs: 'cdn' | 'local'): void {
  const officeJsUrl = officeJs === 'local' ? OFFICE_JS_LOCAL : OFFICE_JS_CDN;
  const html = readFileSync(join(SRC, 'taskpane.html'), 'utf8')
    .replace('%OFFICE_JS_URL%', officeJsUrl)
    .replace('href="taskpane.css"', 'href="taskpane-style.css"');
  writeFileSync(join(outdir, 'taskpane.html'), html);
  writeFileSync(join(outdir, 'auth-dialog.html'), readFileSync(join(SRC, 'auth-dialog.html'), 'utf8').replace('%OFFICE_JS_URL%', officeJsUrl));
  writeFileSync(join(outdir, 'mobile.html'), readFileSync(join(MOBILE, 'mobile.html'), 'utf8'));
  const assets = join(outdir, 'assets');
  mkdirSync(assets, { recursive: true });
  for (const f of readdirSync(join(ROOT, 'addin/assets')).filter((n) => n.endsWith('.png'))) {
    cpSync(join(ROOT, 'addin/assets', f), join(assets, f));
  }
  if (officeJs === 'local') {
    const dest = join(outdir, 'office-js');
    if (!existsSync(join(dest, 'office.js'))) cpSync(join(ROOT, 'node_modules/@microsoft/office-js/dist'), dest, { recursive: true });
  }
}

export interface SizeRow {
  file: string;
  bytes: number;
  gzip: number;
}

/** Raw and gzip size of every file we build (the Office.js copy is third-party and listed as one total). */
export function sizes(outdir: string): SizeRow[] {
  const rows: SizeRow[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'office-js') continue;
      if (statSync(path).isDirectory()) walk(path);
      else {
        const data = readFileSync(path);
        rows.push({ file: relative(outdir, path), bytes: data.length, gzip: gzipSync(data, { level: 9 }).length });
      }
    }
  };
  walk(outdir);
  return rows.sort((a, b) => a.file.localeCompare(b.file));
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);

export function printSizes(rows: SizeRow[], initial: readonly string[], mobile: readonly string[] = []): void {
  console.log(`${'file'.padEnd(44)}${'raw'.padStart(11)}${'gzip'.padStart(11)}`);
  for (const r of rows) console.log(`${r.file.padEnd(44)}${kb(r.bytes)}${kb(r.gzip)}`);
  const sum = (pick: (r: SizeRow) => boolean) => rows.filter(pick).reduce((a, r) => [a[0]! + r.bytes, a[1]! + r.gzip], [0, 0]);
  const [ib, ig] = sum((r) => initial.includes(r.file));
  const [tb, tg] = sum((r) => r.file.endsWith('.js') || r.file.endsWith('.css'));
  console.log(`${'initial load (html + entry js + css)'.padEnd(44)}${kb(ib!)}${kb(ig!)}`);
  if (mobile.length) {
    const [mb, mg] = sum((r) => mobile.includes(r.file));
    console.log(`${'phone page initial load (html + js + css)'.padEnd(44)}${kb(mb!)}${kb(mg!)}`);
  }
  console.log(`${'all scripts and styles'.padEnd(44)}${kb(tb!)}${kb(tg!)}`);
}

/** The files the page loads before it knows its host: the HTML, the entry, its static imports and the CSS. */
export function initialFiles(meta: esbuild.Metafile, outdir: string, page: 'taskpane' | 'mobile' = 'taskpane'): string[] {
  const out = Object.entries(meta.outputs);
  const rel = (p: string) => relative(outdir, resolve(ROOT, p));
  const entry = out.find(([p]) => rel(p) === `${page}.js`);
  const imports = entry ? entry[1].imports.filter((i) => i.kind === 'import-statement').map((i) => rel(i.path)) : [];
  return [`${page}.html`, `${page}.js`, `${page}-style.css`, ...imports];
}

export async function buildTaskpane(opts: TaskpaneBuildOptions = {}): Promise<{ outdir: string; sizes: SizeRow[] }> {
  const outdir = resolve(ROOT, opts.outdir ?? 'dist/taskpane');
  const officeJs = opts.officeJs ?? 'cdn';
  // Keep a previous Office.js copy (86 MB, unchanged between builds); everything else is rebuilt from clean.
  if (existsSync(outdir)) for (const n of readdirSync(outdir)) if (n !== 'office-js' || officeJs !== 'local') rmSync(join(outdir, n), { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await esbuild.build(esbuildOptions(outdir, opts.minify ?? true));
  writeStatic(outdir, officeJs);
  const rows = sizes(outdir);
  if (opts.report !== false) printSizes(rows, initialFiles(result.metafile!, outdir), initialFiles(result.metafile!, outdir, 'mobile'));
  return { outdir, sizes: rows };
}

/** The `--office-js` flag of the build and the dev server: cdn or local, anything else refused. */
export function officeJsOption(value: string | undefined): 'cdn' | 'local' {
  if (value !== 'cdn' && value !== 'local') throw new Error(`--office-js must be cdn or local, not "${value}"`);
  return value;
}

function options(args: string[]): TaskpaneBuildOptions {
  const { values } = parseArgs({
    args,
    options: { 'office-js': { type: 'string', default: 'cdn' }, outdir: { type: 'string' }, 'no-minify': { type: 'boolean' } },
  });
  return { officeJs: officeJsOption(values['office-js']), ...(values.outdir ? { outdir: values.outdir } : {}), ...(values['no-minify'] ? { minify: false } : {}) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Bad options print their message like build errors do, not a stack trace.
  Promise.resolve().then(() => buildTaskpane(options(process.argv.slice(2)))).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
