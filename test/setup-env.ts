// The AWS SDK warns on every client about Node 20's end of support; the Lambda runtime is Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Tests never touch the user's own data folder: a command that starts the embedded stack without --data uses
// INVEST_FLAGS_DATA (infra/local/data-dir.ts), here a folder of this test process's own.
process.env.INVEST_FLAGS_DATA ??= require('node:path').join(require('node:os').tmpdir(), `invest-flags-test-${process.pid}`);
// Nor the user's code cache (addin/cli/code-cache.cjs): commands run by tests keep theirs in a folder of this process's own.
process.env.INVEST_FLAGS_CODE_CACHE ??= require('node:path').join(require('node:os').tmpdir(), `invest-flags-code-cache-${process.pid}`);
