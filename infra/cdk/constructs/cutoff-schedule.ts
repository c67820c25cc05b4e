import * as path from 'node:path';
import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { CfnTable, ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, type CfnFunction, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { REPO_ROOT } from '../paths';
import type { LogLevel } from '../settings';

/** What the job does to the table: reads (config, states, snapshots, markers) and single conditional puts. Nothing else. */
export const CUTOFF_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem'] as const;

/** E-mail, when configured: on the configured identity only. */
export const CUTOFF_SES_ACTIONS = ['ses:SendEmail', 'ses:SendRawEmail'] as const;

/** How often the schedule ticks: the job runs a cut-off or reminder within this many minutes of it falling due. */
export const TICK_MINUTES = 15;

/** E-mail over SES (the job's only SES permission is sending from this identity). */
export interface CutoffEmail {
  /** Sender address of the verified identity ("县招商服务中心 <flags@county.gov.cn>" or a bare address). */
  fromAddress: string;
  /** arn:aws:ses:<region>:<account>:identity/<domain or address>: the role may send from it and nothing else. */
  identityArn: string;
}

export interface CutoffScheduleProps {
  table: ITable;
  /** The county's time zone (default config: Asia/Shanghai): the schedule ticks in it, visible in the template. */
  timeZone: string;
  /** E-mail channels over SES; absent = no e-mail sender and no SES permission (AWS China regions, or not configured). */
  email?: CutoffEmail;
  logLevel: LogLevel;
  logRetention: RetentionDays;
}

/** The region of an SES identity ARN (SES may live in another region than the stack). */
export const sesRegionOf = (identityArn: string): string => identityArn.split(':')[3] ?? '';

/**
 * The weekly cut-off in the cloud (DESIGN §7): a function not behind the API (functions/handlers/cutoff-job.ts)
 * and one EventBridge Scheduler schedule ticking every TICK_MINUTES in the county's time zone. The schedule knows
 * nothing of the cut-off: at each tick the job reads the stored configuration (PUT /v1/config) and the closed-week
 * and reminder markers and decides whether a cut-off or a reminder is due (domain/cutoff.ts cutoffDue — the same
 * decision the local timer makes); a tick with nothing due reads three small items and ends. A changed cut-off is
 * followed from the next tick, and a late, repeated or missed invocation is harmless (the job closes whatever is due).
 * Its role may write logs to its own group, use CUTOFF_TABLE_ACTIONS on the table and, when e-mail is configured,
 * send from the one SES identity; the schedule's role may only invoke this function (aws-scheduler-targets' LambdaInvoke).
 */
export class CutoffSchedule extends Construct {
  readonly fn: NodejsFunction;
  readonly tick: Schedule;

  constructor(scope: Construct, id: string, props: CutoffScheduleProps) {
    super(scope, id);
    const { table, email } = props;
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `invest-flags weekly cut-off job (table reads and puts, webhook pushes${email ? ', SES e-mail' : ''})`,
    });
    logGroup.grantWrite(role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(REPO_ROOT, 'functions', 'handlers', 'cutoff-job.ts'),
      handler: 'handler',
      description: 'invest-flags weekly cut-off job (scheduled; not behind the API)',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      // Closing up to 8 weeks of a county's projects and pushing with retries (at most ~7 s per delivery).
      timeout: Duration.minutes(5),
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: props.logLevel as ApplicationLogLevel,
      systemLogLevelV2: SystemLogLevel.INFO,
      // One run at a time: two overlapping runs would both compute a week (the CLOSED# marker keeps it closed once).
      reservedConcurrentExecutions: 1,
      environment: {
        TABLE_NAME: table.tableName,
        INVEST_FLAGS_MODE: 'cloud',
        NODE_OPTIONS: '--enable-source-maps',
        LOG_LEVEL: props.logLevel,
        POWERTOOLS_SERVICE_NAME: 'invest-flags-cutoff',
        ...(email ? { SES_FROM_ADDRESS: email.fromAddress, SES_IDENTITY_ARN: email.identityArn, SES_REGION: sesRegionOf(email.identityArn) } : {}),
      },
      bundling: { forceDockerBundling: false, minify: true, sourceMap: true, format: OutputFormat.CJS, target: 'node22', mainFields: ['module', 'main'], bundleAwsSDK: true, externalModules: [] },
    });

    const tableArn = table.tableArn;
    this.fn.addToRolePolicy(new PolicyStatement({ sid: 'TableCutoff', actions: [...CUTOFF_TABLE_ACTIONS], resources: [tableArn, `${tableArn}/index/*`] }));

    if (email) {
      // SES v2 SendEmail (Simple content) is authorised as ses:SendEmail; Raw content as ses:SendRawEmail. One identity.
      this.fn.addToRolePolicy(new PolicyStatement({ sid: 'SesSend', actions: [...CUTOFF_SES_ACTIONS], resources: [email.identityArn] }));
    }

    const target = new LambdaInvoke(this.fn, { retryAttempts: 2, maxEventAge: Duration.minutes(TICK_MINUTES) });
    this.tick = new Schedule(this, 'Tick', {
      description: `invest-flags weekly cut-off tick, every ${TICK_MINUTES} min in ${props.timeZone}: the job runs a cut-off or reminder when the stored config says one is due`,
      schedule: ScheduleExpression.cron({ minute: `0/${TICK_MINUTES}`, timeZone: TimeZone.of(props.timeZone) }),
      target,
    });

    const stack = Stack.of(this);
    const fnLogicalId = stack.getLogicalId(this.fn.node.defaultChild as CfnFunction);
    // LambdaInvoke's role (one per target, created at stack level) gets lambda:InvokeFunction on the function and on
    // `<arn>:*` (its versions and aliases) via grantInvoke: that one function only, one action.
    Validations.of(stack).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${fnLogicalId}.Arn>:*]`,
      reason: 'The scheduler role may invoke only the cut-off function; <arn>:* names that function’s versions and aliases (grantInvoke), no other resource or action.',
    });
    const tableLogicalId = stack.getLogicalId(table.node.defaultChild as CfnTable);
    Validations.of(this).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
        reason: 'The job lists every project and a week’s snapshots through GSI2; index ARNs are only addressable as <table>/index/*, and the actions are the four the job uses.',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'The project pins Node.js 22 (DESIGN.md §7), like the API functions (api-function.ts).',
      },
    );
  }
}
