// The CLI's bundle: esbuild puts `invest-flags` and the embedded stack it starts into dist/cli/ as ES modules
// that plain node runs: main.mjs, and a chunk per command loaded when it runs (main.ts imports them lazily), so
// `--version` compiles a few kilobytes instead of ExcelJS and the AWS SDK. dynalite stays outside (it runs on a worker thread that
// requires it by path, and its LevelDB binding is native); it is the package's one runtime dependency.
// `node addin/cli/bundle.cjs` builds it; bin.cjs rebuilds it first in a clone where a source is newer.
const { existsSync, readdirSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '../..');
const OUTDIR = join(ROOT, 'dist/cli');
const BUNDLE = join(OUTDIR, 'main.mjs');
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

function build() {
  // esbuild is a dev dependency: present in a clone after `npm ci`, not needed where the bundle is installed.
  rmSync(OUTDIR, { recursive: true, force: true });
  require('esbuild').buildSync({
    entryPoints: [join(ROOT, 'addin/cli/main.ts')],
    outdir: OUTDIR,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // The bundled CommonJS packages and our own code use require, __filename and __dirname: give each file its own.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);",
    },
    minify: true,
    legalComments: 'none',
    external: ['dynalite'],
    logLevel: 'warning',
  });
  return BUNDLE;
}

module.exports = { BUNDLE, isStale, build };

if (require.main === module) {
  build();
  const files = [BUNDLE, ...readdirSync(join(OUTDIR, 'chunks')).map((f) => join(OUTDIR, 'chunks', f))];
  const kb = files.reduce((n, f) => n + statSync(f).size, 0) / 1024;
  process.stdout.write(`${OUTDIR}: ${files.length} files, ${kb.toFixed(0)} KB (main.mjs ${(statSync(BUNDLE).size / 1024).toFixed(0)} KB)\n`);
}
