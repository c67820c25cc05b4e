#!/usr/bin/env node
// `invest-flags` from the repo (`npx invest-flags`): run the TypeScript entry through tsx, a dev dependency.
require('tsx/cjs');
require('./main.ts')
  .main(process.argv.slice(2))
  .then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`${(e && e.stack) || e}\n`);
      process.exitCode = 70;
    },
  );
