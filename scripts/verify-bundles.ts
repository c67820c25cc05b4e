/**
 * npm run verify:bundles — synthesise the CDK app with bundling, then run every Lambda bundle in a fresh Node
 * process with its template environment and memory as heap limit, on real API Gateway events against dynalite
 * (infra/cdk/verify). Prints per function: bundle size, cold load, peak heap of its largest call vs memory,
 * slowest call vs timeout. Exit code 1 when any function fails.
 */
import { formatCalls, formatReport, verifyBundles } from '../infra/cdk/verify/verify';

// This process only creates the table; the functions' processes get their own environment.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

async function main(): Promise<void> {
  const started = Date.now();
  console.log('synthesising the app with bundling (local esbuild)…');
  const report = await verifyBundles({ enforceTimeout: true, progress: (line) => console.log(`  ${line}`) });
  console.log(`\nevery call (duration, CPU time, peak heap used / committed, peak RSS):\n${formatCalls(report)}\n`);
  console.log(formatReport(report));
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s; Node ${process.versions.node} here, the functions' runtime in the template)`);
  if (report.failures.length) {
    console.error(`\n${report.failures.length} failure(s):\n\n${report.failures.join('\n\n')}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
