/**
 * The weekly cut-off in the template: a function not behind the API, two EventBridge Scheduler schedules in the
 * county's time zone (at the cut-off, and 24 h before for the reminder), least-privilege roles, cdk-nag clean.
 */
import { AwsSolutionsChecks } from 'cdk-nag';
import { createApp } from '../../../infra/cdk/create-app';
import { CUTOFF_TABLE_ACTIONS } from '../../../infra/cdk/constructs/cutoff-schedule';
import { cdkJsonContext, configured, makeTaskpaneDir, resourcesOf, synth } from './helpers';

const { template, stack } = synth(configured(makeTaskpaneDir()));

describe('the cut-off schedule', () => {
  it('runs Friday 12:00 and Thursday 12:00 in Asia/Shanghai, invoking the cut-off function with bounded retries', () => {
    const schedules = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule')).map((r) => r.Properties as Record<string, any>);
    expect(schedules.map((s) => [s.ScheduleExpression, s.ScheduleExpressionTimezone]).sort()).toEqual([
      ['cron(0 12 ? * FRI *)', 'Asia/Shanghai'],
      ['cron(0 12 ? * THU *)', 'Asia/Shanghai'],
    ]);
    const fnId = stack.getLogicalId(stack.cutoff.fn.node.defaultChild as never);
    for (const s of schedules) {
      expect(s.Target.Arn).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
      expect(s.Target.RetryPolicy.MaximumRetryAttempts).toBe(2);
    }
  });

  it('the function is the cut-off job, not an API route, with one run at a time', () => {
    const fn = resourcesOf(template, 'AWS::Lambda::Function')[stack.getLogicalId(stack.cutoff.fn.node.defaultChild as never)]!;
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], ReservedConcurrentExecutions: 1, Timeout: 300 });
    const integrations = JSON.stringify(resourcesOf(template, 'AWS::ApiGatewayV2::Integration'));
    expect(integrations).not.toContain(stack.getLogicalId(stack.cutoff.fn.node.defaultChild as never));
  });

  it("the job's role may only use its four table actions and write its own logs; the schedules' role only invokes it", () => {
    const fnId = stack.getLogicalId(stack.cutoff.fn.node.defaultChild as never);
    const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).map((p) => p.Properties as Record<string, any>);
    const jobRoleId = stack.getLogicalId(stack.cutoff.fn.role!.node.defaultChild as never);
    const jobStatements = policies.filter((p) => JSON.stringify(p.Roles) === JSON.stringify([{ Ref: jobRoleId }])).flatMap((p) => p.PolicyDocument.Statement);
    const actions = jobStatements.flatMap((s: any) => [s.Action].flat());
    expect(actions.filter((a: string) => a.startsWith('dynamodb:')).sort()).toEqual([...CUTOFF_TABLE_ACTIONS].sort());
    expect(actions.every((a: string) => a.startsWith('dynamodb:') || a.startsWith('logs:'))).toBe(true);
    const invokers = policies.filter((p) => JSON.stringify(p.PolicyDocument).includes('lambda:InvokeFunction'));
    expect(invokers).toHaveLength(1);
    const statements = invokers[0]!.PolicyDocument.Statement;
    expect(statements.flatMap((s: any) => [s.Action].flat())).toEqual(['lambda:InvokeFunction']);
    expect(JSON.stringify(statements)).toContain(fnId);
  });

  it('is cdk-nag clean', () => {
    const { app } = createApp({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...configured(makeTaskpaneDir()) }, nag: true });
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.severity} ${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});
