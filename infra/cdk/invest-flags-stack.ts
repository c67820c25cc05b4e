import { CfnOutput, CfnParameter, CfnRule, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ROUTES } from '../../functions/handlers/routes';
import { OperationsAlarms } from './constructs/alarms';
import { ApiFunction } from './constructs/api-function';
import { CutoffSchedule } from './constructs/cutoff-schedule';
import { DEFAULT_CONFIG } from '../../functions/domain/config';
import { DataTable } from './constructs/data-table';
import { API_SCOPE } from '../api-scope';
import { entraIssuer, InvestFlagsApi } from './constructs/http-api';
import { TaskpaneHosting } from './constructs/taskpane-hosting';
import { type FunctionSpec, functionSpecs, pascal } from './function-specs';
import type { DeploySettings } from './settings';

export interface InvestFlagsStackProps extends StackProps {
  settings: Omit<DeploySettings, 'stackName'>;
  /** Functions to deploy; default: one per handler name in ROUTES, so new routes need no change here. */
  functions?: readonly FunctionSpec[];
  /** Builds the production add-in manifest for a base URL; when given, it is deployed as /manifest.xml. */
  buildManifest?: (baseUrl: string) => string;
  /** Page served at the distribution root (default `taskpane.html`). */
  defaultRootObject?: string;
}

/** Object key of the task pane's runtime configuration (API URL and sign-in parameters). */
export const RUNTIME_CONFIG_KEY = 'deployment.json';

/** The whole cloud deployment: table, one Lambda per handler, HTTP API with Entra ID auth, hosting, alarms. */
export class InvestFlagsStack extends Stack {
  readonly table: DataTable;
  readonly functions: ApiFunction[];
  readonly api: InvestFlagsApi;
  readonly hosting: TaskpaneHosting;
  readonly alarms: OperationsAlarms;
  readonly cutoff: CutoffSchedule;

  constructor(scope: Construct, id: string, props: InvestFlagsStackProps) {
    super(scope, id, {
      description: 'invest-flags: 招商引资四个清单红黄旗 — DynamoDB, Lambda, HTTP API (Entra ID), task pane hosting',
      ...props,
    });
    const { settings } = props;
    const { identity } = settings;

    if (identity.placeholder) this.refuseDeployment();

    this.table = new DataTable(this, 'Data');

    this.functions = (props.functions ?? functionSpecs(ROUTES)).map(
      (spec) =>
        new ApiFunction(this, `${pascal(spec.name)}Handler`, {
          spec,
          table: this.table.table,
          logLevel: settings.logLevel,
          logRetention: settings.logRetention,
          identityEnv: {
            ...(settings.bootstrapAdminEmail ? { BOOTSTRAP_ADMIN_EMAIL: settings.bootstrapAdminEmail } : {}),
            ...(settings.adminContact ? { ADMIN_CONTACT: settings.adminContact } : {}),
          },
        }),
    );

    // The weekly cut-off job (functions/handlers/cutoff-job.ts): a tick in the county's time zone; the job follows the
    // stored configuration's cut-off. E-mail over SES only when a sender identity is configured.
    this.cutoff = new CutoffSchedule(this, 'Cutoff', {
      table: this.table.table,
      timeZone: DEFAULT_CONFIG.cutoff.timeZone,
      ...(settings.email ? { email: settings.email } : {}),
      logLevel: settings.logLevel,
      logRetention: settings.logRetention,
    });

    this.hosting = new TaskpaneHosting(this, 'Taskpane', {
      taskpaneDir: settings.taskpaneDir,
      defaultRootObject: props.defaultRootObject ?? 'taskpane.html',
      logRetention: settings.logRetention,
      ...(settings.customDomain ? { customDomain: settings.customDomain } : {}),
    });

    this.api = new InvestFlagsApi(this, 'Http', {
      functions: this.functions,
      identity,
      allowOrigins: [this.hosting.baseUrl, ...settings.extraOrigins],
      throttle: settings.throttle,
      logRetention: settings.logRetention,
    });

    this.alarms = new OperationsAlarms(this, 'Alarms', {
      api: this.api.api,
      functions: this.functions,
      ...(settings.alarmEmail === undefined ? {} : { alarmEmail: settings.alarmEmail }),
    });

    const runtimeConfigUrl = this.hosting.addJson(RUNTIME_CONFIG_KEY, {
      apiBaseUrl: this.api.url,
      authority: `https://${identity.loginHost}/${identity.tenantId}`,
      issuer: entraIssuer(identity),
      clientId: identity.clientId,
      scopes: [`${identity.appIdUri}/${API_SCOPE}`],
    });
    const manifestUrl = props.buildManifest ? this.hosting.addManifest(props.buildManifest) : undefined;
    this.hosting.deploy();

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'HTTP API base URL' });
    new CfnOutput(this, 'TaskpaneUrl', { value: this.hosting.baseUrl, description: 'Task pane origin (CloudFront)' });
    new CfnOutput(this, 'RuntimeConfigUrl', { value: runtimeConfigUrl, description: 'Task pane runtime configuration' });
    if (manifestUrl) {
      new CfnOutput(this, 'ManifestUrl', { value: manifestUrl, description: 'Production add-in manifest to install' });
    }
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }

  /**
   * Placeholder Entra ids let `cdk synth` run without configuration; this CloudFormation rule makes any
   * deployment of such a template fail before a resource is created, with instructions.
   */
  private refuseDeployment(): void {
    const marker = new CfnParameter(this, 'EntraIdentity', {
      type: 'String',
      default: 'placeholder',
      description: 'Set by the app: "placeholder" means tenantId/clientId context values were not given.',
    });
    new CfnRule(this, 'RequireEntraIdentity', {
      assertions: [
        {
          assert: Fn.conditionNot(Fn.conditionEquals(marker.valueAsString, 'placeholder')),
          assertDescription:
            '未配置 Entra ID：请以 cdk deploy -c tenantId=<租户 ID> -c clientId=<客户端 ID> 部署。 / ' +
            'Entra ID not configured: deploy with cdk deploy -c tenantId=<tenant id> -c clientId=<client id>.',
        },
      ],
    });
  }
}
