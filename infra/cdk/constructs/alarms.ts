import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { pascal } from '../function-specs';
import type { ApiFunction } from './api-function';

export interface OperationsAlarmsProps {
  api: HttpApi;
  functions: readonly ApiFunction[];
  alarmEmail?: string;
}

const PERIOD = Duration.minutes(5);

/**
 * Alarms on the API (5xx; 4xx, which is where HTTP API throttling shows as 429) and on every function
 * (Errors, Throttles), all to one encrypted, TLS-only SNS topic.
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);

    // A customer-managed key, not alias/aws/sns: CloudWatch can only publish alarms to an encrypted topic
    // when the key policy lets cloudwatch.amazonaws.com use the key, which the AWS-managed key never does.
    const key = new Key(this, 'TopicKey', {
      description: 'invest-flags alarm topic encryption',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.topic = new Topic(this, 'Topic', {
      displayName: 'invest-flags alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    this.add('Api5xx', props.api.metricServerError({ period: PERIOD, statistic: 'Sum' }), 1, 'API 5xx responses (server errors)');
    // HTTP APIs publish no separate throttle metric: throttled calls are 429s inside 4xx. A burst of 4xx
    // means throttling or a broken client (expired tokens, bad requests) — either needs a look.
    this.add('Api4xx', props.api.metricClientError({ period: PERIOD, statistic: 'Sum' }), 50, 'API 4xx responses, incl. 429 throttling');
    for (const f of props.functions) {
      const name = pascal(f.spec.name);
      this.add(`${name}Errors`, f.fn.metricErrors({ period: PERIOD, statistic: 'Sum' }), 1, `${f.spec.name} handler errors`);
      this.add(`${name}Throttles`, f.fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }), 1, `${f.spec.name} handler throttles`);
    }
  }

  private add(id: string, metric: IMetric, threshold: number, description: string): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No traffic is not a failure.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `invest-flags: ${description} ≥ ${threshold} in 5 minutes`,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}
