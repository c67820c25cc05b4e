/**
 * The deployable artifacts run (issue 22): the app synthesised with bundling, then every Lambda bundle loaded in
 * a fresh Node process with exactly its template environment (table → dynalite) and its memory as heap limit,
 * and invoked with API Gateway HTTP API v2 events for its routes — answers checked against contract/responses.ts.
 * Figures (size, cold load, heap, duration) are printed, never asserted, except heap below the function's memory.
 * `npm run verify:bundles` runs the same and prints every call.
 */
import { ROUTES } from '../../../functions/handlers/routes';
import { functionSpecs } from '../../../infra/cdk/function-specs';
import { CUTOFF_JOB } from '../../../infra/cdk/verify/bundles';
import { SCENARIO_ORDER } from '../../../infra/cdk/verify/scenarios';
import { formatReport, verifyBundles, type VerifyReport } from '../../../infra/cdk/verify/verify';

/** Set here only: a function's process must not see it. */
const PARENT_ONLY = 'INVEST_FLAGS_VERIFY_PARENT_ONLY';
/** What the Lambda runtime sets, plus DYNAMODB_ENDPOINT (the embedded stack's pointer to dynalite). */
const RUNTIME = /^(AWS_[A-Z_]+|LAMBDA_TASK_ROOT|LANG|TZ|PATH|DYNAMODB_ENDPOINT)$/;

/** Every function of the template except CDK's own custom-resource handlers: the API's, and the scheduled cut-off job. */
const NAMES = [...functionSpecs(ROUTES).map((s) => s.name), CUTOFF_JOB];

describe('the bundled handlers, run as Lambda runs them', () => {
  let report: VerifyReport;

  beforeAll(async () => {
    process.env[PARENT_ONLY] = 'leak';
    try {
      report = await verifyBundles({ enforceTimeout: false });
    } finally {
      delete process.env[PARENT_ONLY];
    }
    console.log(`Bundles run from the synthesised template:\n${formatReport(report)}`);
  }, 600_000);

  it('covers every function of the route table and the scheduled job, and only those', () => {
    expect([...SCENARIO_ORDER].sort()).toEqual([...NAMES].sort());
    expect(report.functions.map((f) => f.name).sort()).toEqual([...NAMES].sort());
    // Nothing outside the API is left unrun except CDK's own custom-resource handlers.
    expect(report.failures.filter((f) => /no scenario|does not have/.test(f))).toEqual([]);
  });

  it.each(NAMES)('%s answers its routes and error paths as the contract says', (name) => {
    const f = report.functions.find((r) => r.name === name);
    expect(f).toBeDefined();
    expect(f!.error).toBeNull();
    expect(f!.invocations).toBeGreaterThanOrEqual(3);
  });

  it.each(NAMES)('%s saw exactly its template environment (plus what the Lambda runtime sets)', (name) => {
    const f = report.functions.find((r) => r.name === name)!;
    expect(f.envKeys).not.toContain(PARENT_ONLY);
    expect(f.envKeys).toEqual(expect.arrayContaining(f.templateEnvKeys));
    expect(f.envKeys.filter((k) => !f.templateEnvKeys.includes(k) && !RUNTIME.test(k))).toEqual([]);
  });

  it.each(NAMES)("%s's peak heap stays below its memory size", (name) => {
    const f = report.functions.find((r) => r.name === name)!;
    expect(f.largest).not.toBeNull();
    expect(f.largest!.peakHeapBytes).toBeLessThan(f.memoryMb * 1024 * 1024);
  });
});
