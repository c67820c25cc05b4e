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
 * esbuild escapes non-ASCII characters in strings but leaves them in regular expression literals (the 亿, 元, 公顷
 * patterns). As \uXXXX they mean the same there (each UTF-16 unit, as the source had them), and an all-ASCII
 * file is read without UTF-8 decoding and held by V8 as a one-byte string.
 */
const toAscii = (code) => code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

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
