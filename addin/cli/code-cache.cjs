// Runs the CLI's bundle (one CommonJS file, dist/cli/main.cjs) with a V8 code cache. Node 20 has no compile
// cache of its own (module.enableCompileCache is Node 22), and compiling the bundle's functions as they are first
// called took ≈ 0.2 s of a cold 200-project sync; with the cache, V8 reads them compiled.
//
// - One cache per command ("profile"): what `--version` compiles is not what `sync` does, and a cache holds what
//   the run that made it had compiled by its end.
// - Made by a run that found none (or one V8 refused: other V8 flags) and did the command's work (exit 0, or 1: rows
//   with errors; a usage error's cache would lack the work), written atomically (tmp + rename) for parallel runs.
//   V8 refuses a cache made under other flags: a command that changes one while it runs (heap.ts) sets it back
//   before the exit, or every later run would refuse the cache and write it again.
// - Named by a hash of the node version and the bundle's content: V8 itself checks only the source's length, and a
//   rebuilt bundle of the same length would run stale code. A profile keeps the caches of its KEPT newest bundles
//   (two installs or two nodes used in turn would otherwise remove each other's at every run); older ones go.
// - A cache is code this process runs. Its folder is private (0700): neither it nor a cache file is used when
//   someone else owns it or others may write to it, and a cache file that is a symbolic link is not followed.
//   INVEST_FLAGS_CODE_CACHE names another folder, or is `off`. On Windows, where these checks are not made here,
//   only the default folder in the user's profile is used. Any failure of the cache only makes the run as slow as
//   without one.
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const { homedir } = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const APP = 'invest-flags';
const KEPT = 3;

const isPrivate = (st) => st.uid === process.getuid() && (st.mode & 0o022) === 0;

/** The platform's per-user cache folder for the CLI, INVEST_FLAGS_CODE_CACHE when set, or null when it is `off`. */
function cacheDir({ platform = process.platform, env = process.env, home = homedir() } = {}) {
  const named = env.INVEST_FLAGS_CODE_CACHE;
  if (named === 'off') return null;
  if (named) return platform === 'win32' ? null : path.resolve(named);
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), APP, 'Cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', APP);
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), APP);
}

/** The cache's name for a command line: its command word (what it runs), and whether it talks to a remote API. */
function profileOf(argv) {
  const word = /^-{0,2}[a-z][a-z-]{0,20}$/.test(argv[0] || '') ? argv[0].replace(/^-+/, '') : 'other';
  return argv.some((a) => a === '--api' || a.startsWith('--api=')) ? `${word}-api` : word;
}

/** Made private if new; an existing folder is used only when it is this user's and no one else may write to it. */
function privateFolder(dir) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return true; // the default folder only (cacheDir): the user's profile keeps it private
  const st = fs.statSync(dir);
  return st.isDirectory() && isPrivate(st);
}

/** A cache file's bytes when it is a private file of this user's (never through a symbolic link); else undefined. */
function readPrivate(file) {
  if (process.platform === 'win32') return fs.readFileSync(file);
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    const st = fs.fstatSync(fd);
    return st.isFile() && isPrivate(st) ? fs.readFileSync(fd) : undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Runs `file` (a CommonJS bundle of ASCII source) and answers its exports; `cached` says whether V8 took a cache.
 * When the folder had no cache V8 took, one is written at exit if the run did its work (exit 0 or 1).
 */
function runBundle(file, { dir, profile }) {
  const bytes = fs.readFileSync(file);
  const name = `${profile}.${createHash('sha256').update(`${process.version} ${process.arch}\n`).update(bytes).digest('hex').slice(0, 16)}.bin`;
  // ASCII (bundle.cjs escapes everything else): as latin1, a one-byte string with no UTF-8 decoding.
  const source = bytes.toString('latin1');
  let usable = false;
  let cachedData;
  try {
    usable = dir !== null && privateFolder(dir);
    if (usable) cachedData = readPrivate(path.join(dir, name));
  } catch {
    // no folder, or no cache yet
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    cachedData,
    // The bundle imports node: builtins with import() (the AWS SDK): the main context's loader answers them.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const cached = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  if (usable && !cached) process.once('exit', (code) => (code === 0 || code === 1) && save(script, dir, name, profile));
  return { exports: module.exports, cached };
}

function save(script, dir, name, profile) {
  const tmp = path.join(dir, `${name}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(tmp, path.join(dir, name));
    const mine = new RegExp(`^${profile}\\.[0-9a-f]{16}\\.bin$`);
    const caches = fs.readdirSync(dir).filter((f) => mine.test(f)).map((f) => ({ f, at: fs.statSync(path.join(dir, f)).mtimeMs }));
    for (const { f } of caches.sort((a, b) => b.at - a.at).slice(KEPT)) fs.rmSync(path.join(dir, f), { force: true });
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

module.exports = { cacheDir, profileOf, runBundle };
