// The CLI's bundle: esbuild puts `invest-flags` and the embedded stack it starts into one CommonJS file,
// dist/cli/main.cjs, that plain node runs through bin.cjs's code cache (code-cache.cjs). The commands stay lazy
// inside it (main.ts imports them when they run, and esbuild keeps those modules unevaluated until then), and each
// command's cache holds what it compiled, so `--version` still reads little. dynalite stays outside (it runs on a
// worker thread that requires it by path, and its LevelDB binding is native); it is the package's one runtime dependency.
// `node addin/cli/bundle.cjs` builds it; bin.cjs rebuilds it first in a clone where a source is newer.
const { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '../..');
const OUTDIR = join(ROOT, 'dist/cli');
const BUNDLE = join(OUTDIR, 'main.cjs');
/** What the bundle is built from: a change in any of these makes it stale. */
const SOURCES = ['addin/cli', 'addin/app', 'addin/core', 'addin/xlsx', 'contract', 'functions', 'infra/local', 'infra/api-scope.ts', 'package.json'];

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** True when there is no bundle, or a source of it changed since it was built. */
function isStale() {
  if (!existsSync(BUNDLE)) return true;
  const built = statSync(BUNDLE).mtimeMs;
  return SOURCES.some((s) => existsSync(join(ROOT, s)) && newestMtime(join(ROOT, s)) > built);
}

/**
 * esbuild escapes non-ASCII characters in strings and templates but leaves them in regular expression literals (the
 * 亿, 元, 公顷 patterns). There \uXXXX means the same (each UTF-16 unit, as the source had it), and an all-ASCII file
 * is read without UTF-8 decoding and held by V8 as a one-byte string. Where an escape would change the meaning, the
 * build stops: after a backslash (\亿 would become \\u4EBF), or in a String.raw template, whose raw text the
 * program reads as written (the source writes such patterns as plain templates).
 */
function toAscii(code) {
  const raw = /String\.raw`(?:[^`\\]|\\.)*`/gs;
  for (const m of code.matchAll(raw)) if (/[^\x00-\x7f]/.test(m[0])) throw new Error(`bundle.cjs: non-ASCII text in a String.raw template: ${m[0].slice(0, 80)}`);
  const escaped = /\\+[^\x00-\x7f]/.exec(code);
  if (escaped) throw new Error(`bundle.cjs: a non-ASCII character after a backslash: ${code.slice(escaped.index - 20, escaped.index + 20)}`);
  return code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function build() {
  // esbuild is a dev dependency: present in a clone after `npm ci`, not needed where the bundle is installed.
  rmSync(OUTDIR, { recursive: true, force: true });
  const { outputFiles } = require('esbuild').buildSync({
    entryPoints: [join(ROOT, 'addin/cli/main.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    external: ['dynalite'],
    logLevel: 'warning',
    write: false,
  });
  mkdirSync(OUTDIR, { recursive: true });
  writeFileSync(BUNDLE, toAscii(outputFiles[0].text));
  return BUNDLE;
}

module.exports = { BUNDLE, isStale, build, toAscii };

if (require.main === module) {
  build();
  process.stdout.write(`${BUNDLE}: ${(statSync(BUNDLE).size / 1024).toFixed(0)} KB\n`);
}
