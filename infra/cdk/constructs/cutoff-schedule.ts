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
import type { CutoffConfig } from '../../../contract/config';
import { REPO_ROOT } from '../paths';
import type { LogLevel } from '../settings';

/** What the job does to the table: reads (config, states, snapshots, markers) and single conditional puts. Nothing else. */
export const CUTOFF_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem'] as const;

export interface CutoffScheduleProps {
  table: ITable;
  /** The county's cut-off (default config: Friday 12:00 Asia/Shanghai); the job itself reads the stored config. */
  cutoff: CutoffConfig;
  /** The reminder schedule runs this many hours before the cut-off (the stored channel settings decide whether it sends). */
  reminderHoursBefore: number;
  logLevel: LogLevel;
  logRetention: RetentionDays;
}

const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

/** The local weekday/hour/minute `hours` before a weekly local time (whole hours, so minutes stay). */
function before(cfg: CutoffConfig, hours: number): { weekDay: string; hour: string; minute: string } {
  const minutes = (cfg.weekday - 1) * 1440 + Number(cfg.time.slice(0, 2)) * 60 + Number(cfg.time.slice(3, 5)) - hours * 60;
  const m = ((minutes % 10080) + 10080) % 10080;
  return { weekDay: WEEKDAYS[Math.floor(m / 1440)]!, hour: String(Math.floor((m % 1440) / 60)), minute: String(m % 60) };
}

/**
 * The weekly cut-off in the cloud (DESIGN §7): a function not behind the API (functions/handlers/cutoff-job.ts)
 * and two EventBridge Scheduler schedules in the county's time zone — at the cut-off, and before it for the
 * reminder. The job closes whatever is due (missed weeks too), so a late or repeated invocation is harmless.
 * Its role may write logs to its own group and use CUTOFF_TABLE_ACTIONS on the table; the schedules' role may
 * only invoke this function (aws-scheduler-targets' LambdaInvoke).
 */
export class CutoffSchedule extends Construct {
  readonly fn: NodejsFunction;
  readonly cutoffSchedule: Schedule;
  readonly reminderSchedule: Schedule;

  constructor(scope: Construct, id: string, props: CutoffScheduleProps) {
    super(scope, id);
    const { table, cutoff } = props;
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'invest-flags weekly cut-off job (table reads and puts, webhook pushes)',
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
      },
      bundling: { forceDockerBundling: false, minify: true, sourceMap: true, format: OutputFormat.CJS, target: 'node22', mainFields: ['module', 'main'], bundleAwsSDK: true, externalModules: [] },
    });

    const tableArn = table.tableArn;
    this.fn.addToRolePolicy(new PolicyStatement({ sid: 'TableCutoff', actions: [...CUTOFF_TABLE_ACTIONS], resources: [tableArn, `${tableArn}/index/*`] }));

    const timeZone = TimeZone.of(cutoff.timeZone);
    const target = new LambdaInvoke(this.fn, { retryAttempts: 2, maxEventAge: Duration.hours(6) });
    const [hour, minute] = [String(Number(cutoff.time.slice(0, 2))), String(Number(cutoff.time.slice(3, 5)))];
    this.cutoffSchedule = new Schedule(this, 'AtCutoff', {
      description: `invest-flags weekly cut-off (${WEEKDAYS[cutoff.weekday - 1]} ${cutoff.time} ${cutoff.timeZone})`,
      schedule: ScheduleExpression.cron({ weekDay: WEEKDAYS[cutoff.weekday - 1]!, hour, minute, timeZone }),
      target,
    });
    this.reminderSchedule = new Schedule(this, 'Reminder', {
      description: `invest-flags reminder ${props.reminderHoursBefore} h before the weekly cut-off`,
      schedule: ScheduleExpression.cron({ ...before(cutoff, props.reminderHoursBefore), timeZone }),
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
