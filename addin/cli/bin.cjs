#!/usr/bin/env node
// `invest-flags`: runs the bundle (dist/cli/main.cjs) with plain node, through the code cache of code-cache.cjs.
// In a clone of the repository (`npx invest-flags`) the bundle is built first when it is missing or older than a
// source; an installed package carries the bundle and no sources.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { cacheDir, profileOf, runBundle } = require('./code-cache.cjs');

const argv = process.argv.slice(2);
let bundle = join(__dirname, '../../dist/cli/main.cjs');
if (existsSync(join(__dirname, 'main.ts'))) {
  const cli = require('./bundle.cjs');
  if (cli.isStale()) bundle = cli.build();
}
Promise.resolve()
  .then(() => runBundle(bundle, { dir: cacheDir(), profile: profileOf(argv) }).exports.main(argv))
  .then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`${(e && e.stack) || e}\n`);
      process.exitCode = 70;
    },
  );
