/**
 * The weekly cut-off in the template: a function not behind the API, one EventBridge Scheduler schedule ticking
 * every 15 minutes in the county's time zone (the job decides from the stored config whether a cut-off or a
 * reminder is due — nothing about the cut-off is baked in), least-privilege roles, e-mail over SES only when a
 * sender identity is configured (and never in aws-cn), cdk-nag clean with and without it.
 */
import { AwsSolutionsChecks } from 'cdk-nag';
import { createApp } from '../../../infra/cdk/create-app';
import { CUTOFF_SES_ACTIONS, CUTOFF_TABLE_ACTIONS } from '../../../infra/cdk/constructs/cutoff-schedule';
import { readSettings } from '../../../infra/cdk/settings';
import { cdkJsonContext, configured, makeTaskpaneDir, resourcesOf, synth, type Synthesised } from './helpers';

const IDENTITY = 'arn:aws:ses:ap-southeast-1:123456789012:identity/county.gov.cn';
const SES = { sesFromAddress: '县招商服务中心 <flags@county.gov.cn>', sesIdentityArn: IDENTITY };

const plain = synth(configured(makeTaskpaneDir()));
const withSes = synth(configured(makeTaskpaneDir(), SES));

const fnOf = ({ template, stack }: Synthesised) => resourcesOf(template, 'AWS::Lambda::Function')[stack.getLogicalId(stack.cutoff.fn.node.defaultChild as never)]!;

function jobActions({ template, stack }: Synthesised): { actions: string[]; statements: any[] } {
  const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).map((p) => p.Properties as Record<string, any>);
  const jobRoleId = stack.getLogicalId(stack.cutoff.fn.role!.node.defaultChild as never);
  const statements = policies.filter((p) => JSON.stringify(p.Roles) === JSON.stringify([{ Ref: jobRoleId }])).flatMap((p) => p.PolicyDocument.Statement);
  return { actions: statements.flatMap((s: any) => [s.Action].flat()), statements };
}

describe('the cut-off schedule', () => {
  it('is one tick every 15 minutes in Asia/Shanghai (time zone in the template), invoking the cut-off function with bounded retries', () => {
    const { template, stack } = plain;
    const schedules = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule')).map((r) => r.Properties as Record<string, any>);
    expect(schedules.map((s) => [s.ScheduleExpression, s.ScheduleExpressionTimezone])).toEqual([['cron(0/15 * * * ? *)', 'Asia/Shanghai']]);
    const [tick] = schedules;
    expect(tick!.Target.Arn).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(stack.cutoff.fn.node.defaultChild as never), 'Arn'] });
    expect(tick!.Target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 900 });
    expect(tick!.State).toBe('ENABLED');
    // Nothing of the cut-off itself (day, hour) is in the template: the stored config decides.
    expect(JSON.stringify(schedules)).not.toMatch(/FRI|THU|12:00/);
  });

  it('the function is the cut-off job, not an API route, with one run at a time', () => {
    const { template, stack } = plain;
    expect(fnOf(plain).Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], ReservedConcurrentExecutions: 1, Timeout: 300 });
    const integrations = JSON.stringify(resourcesOf(template, 'AWS::ApiGatewayV2::Integration'));
    expect(integrations).not.toContain(stack.getLogicalId(stack.cutoff.fn.node.defaultChild as never));
  });

  it("the job's role may only use its four table actions and write its own logs; the schedule's role only invokes it", () => {
    const { template, stack } = plain;
    const { actions } = jobActions(plain);
    expect(actions.filter((a: string) => a.startsWith('dynamodb:')).sort()).toEqual([...CUTOFF_TABLE_ACTIONS].sort());
    expect(actions.every((a: string) => a.startsWith('dynamodb:') || a.startsWith('logs:'))).toBe(true);
    const fnId = stack.getLogicalId(stack.cutoff.fn.node.defaultChild as never);
    const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).map((p) => p.Properties as Record<string, any>);
    const invokers = policies.filter((p) => JSON.stringify(p.PolicyDocument).includes('lambda:InvokeFunction'));
    expect(invokers).toHaveLength(1);
    const statements = invokers[0]!.PolicyDocument.Statement;
    expect(statements.flatMap((s: any) => [s.Action].flat())).toEqual(['lambda:InvokeFunction']);
    expect(JSON.stringify(statements)).toContain(fnId);
  });

  it('without sesFromAddress/sesIdentityArn: no SES permission, no e-mail sender in the environment', () => {
    expect(jobActions(plain).actions.some((a) => a.startsWith('ses:'))).toBe(false);
    expect(Object.keys((fnOf(plain).Properties as any).Environment.Variables).filter((k) => k.startsWith('SES_'))).toEqual([]);
  });

  it('with them: ses:SendEmail/SendRawEmail on that one identity only, and the sender, identity and its region in the environment', () => {
    const { statements } = jobActions(withSes);
    const ses = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('ses:')));
    expect(ses).toEqual([expect.objectContaining({ Effect: 'Allow', Action: [...CUTOFF_SES_ACTIONS], Resource: IDENTITY })]);
    expect((fnOf(withSes).Properties as any).Environment.Variables).toMatchObject({
      SES_FROM_ADDRESS: SES.sesFromAddress,
      SES_IDENTITY_ARN: IDENTITY,
      SES_REGION: 'ap-southeast-1',
    });
  });

  it('refuses half an SES configuration, a malformed identity, and any SES identity in aws-cn', () => {
    const read = (ctx: Record<string, unknown>) => () => readSettings((k) => ctx[k]);
    expect(read({ sesFromAddress: 'flags@county.gov.cn' })).toThrow(/sesIdentityArn/);
    expect(read({ sesIdentityArn: IDENTITY })).toThrow(/sesFromAddress/);
    expect(read({ ...SES, sesFromAddress: 'not an address' })).toThrow(/not an email address/);
    expect(read({ ...SES, sesIdentityArn: 'arn:aws:ses:ap-southeast-1:123456789012:identity/*' })).toThrow(/SES identity ARN/);
    expect(read({ ...SES, sesIdentityArn: 'arn:aws-cn:ses:cn-north-1:123456789012:identity/county.gov.cn' })).toThrow(/AWS China regions have no SES/);
    expect(read(SES)().email).toEqual({ fromAddress: SES.sesFromAddress, identityArn: IDENTITY });
  });

  it('is cdk-nag clean, with and without SES', () => {
    for (const extra of [{}, SES]) {
      const { app } = createApp({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...configured(makeTaskpaneDir(), extra) }, nag: true });
      const report = new AwsSolutionsChecks().validateScope(app);
      expect(report.violations.map((v) => `${v.severity} ${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    }
  });
});
