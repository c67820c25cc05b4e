#!/usr/bin/env node
// `invest-flags`: runs the bundle (dist/cli/main.mjs) with plain node. In a clone of the repository
// (`npx invest-flags`) the bundle is built first when it is missing or older than a source; an installed
// package carries the bundle and no sources.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const inClone = existsSync(join(__dirname, 'main.ts'));
let bundle = join(__dirname, '../../dist/cli/main.mjs');
if (inClone) {
  const cli = require('./bundle.cjs');
  if (cli.isStale()) bundle = cli.build();
}
import(pathToFileURL(bundle).href)
  .then((cli) => cli.main(process.argv.slice(2)))
  .then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`${(e && e.stack) || e}\n`);
      process.exitCode = 70;
    },
  );
