import * as path from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { CfnTable, ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type FunctionSpec, TABLE_ACTIONS } from '../function-specs';
import { REPO_ROOT } from '../paths';
import type { LogLevel } from '../settings';

export interface ApiFunctionProps {
  spec: FunctionSpec;
  table: ITable;
  logLevel: LogLevel;
  logRetention: RetentionDays;
  /** Caller-identity settings (functions/handlers/deps.ts identityEnv). */
  identityEnv?: { BOOTSTRAP_ADMIN_EMAIL?: string; ADMIN_CONTACT?: string };
}

/** Lambda stops before API Gateway's 30 s integration limit, so the client sees our error, not a bare 503. */
export const FUNCTION_TIMEOUT = Duration.seconds(25);
export const FUNCTION_MEMORY_MB = 256;
/**
 * Functions that need more than the default. Lambda's CPU share grows with memory (one vCPU at 1,769 MB): a
 * 1,000-row first sync takes about 4.5 s of CPU (npm run verify:bundles), ~31 s at 256 MB's share — over the
 * timeout — and ~8 s at 1,024 MB.
 */
const MEMORY_MB: Readonly<Record<string, number>> = { sync: 1024 };
export const functionMemoryMb = (name: string): number => MEMORY_MB[name] ?? FUNCTION_MEMORY_MB;

/**
 * Every API handler is built by this one construct: runtime, architecture, bundling, environment, logging
 * and permissions are decided here once.
 */
export class ApiFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly spec: FunctionSpec;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const { spec, table } = props;
    this.spec = spec;

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    // Own role, no AWSLambdaBasicExecutionRole managed policy: logs go only to this function's group.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `invest-flags ${spec.name} handler (${spec.access} table access)`,
    });
    this.logGroup.grantWrite(role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(REPO_ROOT, 'functions', 'handlers', `${spec.name}.ts`),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: functionMemoryMb(spec.name),
      timeout: FUNCTION_TIMEOUT,
      role,
      logGroup: this.logGroup,
      // Lambda's own JSON logs with level filtering (console.debug dropped at INFO), like Powertools' logger.
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: props.logLevel as ApplicationLogLevel,
      // INFO keeps the platform's REPORT lines (duration, memory, cold start) in the function's log.
      systemLogLevelV2: SystemLogLevel.INFO,
      environment: {
        TABLE_NAME: table.tableName,
        // Explicit: only local/test modes honour a request's asOf (DESIGN.md §5).
        INVEST_FLAGS_MODE: 'cloud',
        NODE_OPTIONS: '--enable-source-maps',
        LOG_LEVEL: props.logLevel,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        POWERTOOLS_SERVICE_NAME: `invest-flags-${spec.name}`,
        ...props.identityEnv,
      },
      bundling: {
        // Local esbuild from node_modules (the lockfile's version); never Docker.
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        // CommonJS: the AWS SDK v3 and jose bundle into one plain file with no `require` shims or .mjs
        // naming; ESM would only buy top-level await, which the handlers do not use (clients are created
        // synchronously at module scope).
        format: OutputFormat.CJS,
        target: 'node22',
        // Prefer the ESM entry points of dependencies so esbuild can tree-shake them, then fall back.
        mainFields: ['module', 'main'],
        // Bundle the SDK at the lockfile's version instead of the runtime's (which changes under us and
        // lags in some regions): one tested version from laptop to cloud.
        bundleAwsSDK: true,
        externalModules: [],
      },
    });

    const tableArn = table.tableArn;
    this.fn.addToRolePolicy(
      new PolicyStatement({
        sid: spec.access === 'read' ? 'TableRead' : 'TableReadWrite',
        actions: [...TABLE_ACTIONS[spec.access]],
        resources: [tableArn, `${tableArn}/index/*`],
      }),
    );

    const tableLogicalId = Stack.of(this).getLogicalId(table.node.defaultChild as CfnTable);
    Validations.of(this).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
        reason:
          'Queries run on the table GSIs (projects by unit+stage, weekly snapshots); index ARNs are only ' +
          'addressable as <table>/index/*, and the actions are limited to the set this handler uses.',
      },
      {
        id: 'AwsSolutions-L1',
        reason:
          'The project pins Node.js 22 (DESIGN.md §7; esbuild target node22, supported by Lambda into 2027) so ' +
          'local, CI and cloud run one major version; moving to Node.js 24 is a one-line change here.',
      },
    );
  }
}
