import { Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { createApp } from '../../../infra/cdk/create-app';
import { cdkJsonContext, configured, makeTaskpaneDir } from './helpers';

function build(context: Record<string, unknown>) {
  return createApp({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context }, nag: true });
}

function describeViolations(report: ReturnType<AwsSolutionsChecks['validateScope']>): string[] {
  return report.violations.map((v) => `${v.severity} ${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
}

function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>))
      .map(([id, reason]) => ({ path: c.node.path, id, reason })),
  );
}

describe('cdk-nag AwsSolutionsChecks', () => {
  it('finds no unacknowledged error or warning in the configured stack', () => {
    const { app } = build(configured(makeTaskpaneDir()));
    expect(describeViolations(new AwsSolutionsChecks().validateScope(app))).toEqual([]);
  });

  it('finds none in the placeholder (synth-only) stack either', () => {
    const { app } = build({ taskpaneDir: makeTaskpaneDir() });
    expect(describeViolations(new AwsSolutionsChecks().validateScope(app))).toEqual([]);
  });

  it('finds none with a custom domain (ACM or China IAM certificate)', () => {
    for (const cert of [
      { acmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d' },
      { iamCertificateId: 'ASCACKCEVSQ6C2EXAMPLE' },
    ]) {
      const { app } = build(configured(makeTaskpaneDir(), { taskpaneDomain: 'flags.county.gov.cn', ...cert }));
      expect(describeViolations(new AwsSolutionsChecks().validateScope(app))).toEqual([]);
    }
  });

  it('runs as a synth-time validation plugin: the app synthesises with it registered', () => {
    const { app } = build(configured(makeTaskpaneDir()));
    expect(() => app.synth()).not.toThrow();
  });

  it('is live: an unprotected bucket added to the stack is reported', () => {
    const { app, stack } = build(configured(makeTaskpaneDir()));
    new Bucket(stack, 'Careless');
    const rules = new AwsSolutionsChecks().validateScope(app).violations.map((v) => v.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });

  it('gives every acknowledgement a specific reason', () => {
    const { app } = build(configured(makeTaskpaneDir()));
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) {
      expect(a.id).toMatch(/AwsSolutions-[A-Z]+\d+/);
      // A sentence that names what is being accepted and why, not "not needed".
      expect(a.reason.length).toBeGreaterThan(60);
    }
  });
});
