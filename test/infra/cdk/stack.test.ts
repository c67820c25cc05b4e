import { Match } from 'aws-cdk-lib/assertions';
import { ROUTES } from '../../../functions/handlers/routes';
import { TABLE_SCHEMA } from '../../../functions/store/table';
import { FUNCTION_MEMORY_MB, FUNCTION_TIMEOUT, functionMemoryMb } from '../../../infra/cdk/constructs/api-function';
import { DEAD_AFTER_MS } from '../../../functions/app/chunks';
import { API_SCOPE } from '../../../infra/api-scope';
import { functionSpecs, pascal, TABLE_ACTIONS } from '../../../infra/cdk/function-specs';
import { CLIENT_ID, configured, makeTaskpaneDir, resourcesOf, type Synthesised, synth, TENANT_ID } from './helpers';

const specs = functionSpecs(ROUTES);
const WRITE_ACTIONS = TABLE_ACTIONS.readWrite.filter((a) => !TABLE_ACTIONS.read.includes(a));

let s: Synthesised;
beforeAll(() => {
  s = synth(
    configured(makeTaskpaneDir(), {
      extraOrigins: 'https://localhost:3000',
      throttleRate: '20',
      throttleBurst: '40',
      alarmEmail: 'ops@county.gov.cn',
      bootstrapAdminEmail: 'chief@county.gov.cn',
      adminContact: '县招商服务中心 0539-4211234',
    }),
  );
});

/** The API handlers (the BucketDeployment's CDK handler is a Python function). */
function apiFunctions() {
  return Object.entries(resourcesOf(s.template, 'AWS::Lambda::Function')).filter(([, r]) =>
    // The API's handlers (the scheduled cut-off job has its own tests: cutoff-schedule.test.ts).
    String(r.Properties?.['Runtime']).startsWith('nodejs') && !String(r.Properties?.['Description']).includes('cut-off job'),
  );
}

/** The policy statements attached to the role of the function for `name`. */
function statementsOf(name: string): { Action: string | string[]; Resource: unknown }[] {
  const fn = s.stack.functions.find((f) => f.spec.name === name)!;
  const roleId = s.stack.getLogicalId(fn.fn.role!.node.defaultChild as never);
  const policies = Object.values(resourcesOf(s.template, 'AWS::IAM::Policy')).filter((p) =>
    (p.Properties?.['Roles'] as { Ref: string }[]).some((r) => r.Ref === roleId),
  );
  return policies.flatMap((p) => (p.Properties!['PolicyDocument'] as { Statement: never[] }).Statement);
}

const asList = (a: string | string[]) => (Array.isArray(a) ? a : [a]);

describe('DynamoDB table', () => {
  it('is on-demand, point-in-time recoverable, deletion-protected, AWS-encrypted and built from TABLE', () => {
    s.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    s.template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
      KeySchema: TABLE_SCHEMA.KeySchema,
      GlobalSecondaryIndexes: TABLE_SCHEMA.GlobalSecondaryIndexes,
    });
  });

  it('is retained when the stack is deleted or the table replaced', () => {
    s.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('Lambda functions', () => {
  it('gives the sync function the memory (and so the CPU) a 1,000-row chunk needs, the others the default', () => {
    expect(functionMemoryMb('sync')).toBe(1024);
    expect(functionMemoryMb('dashboard')).toBe(FUNCTION_MEMORY_MB);
  });

  it('a sync function stops long before upkeep counts its open chunk as dead (functions/app/chunks.ts)', () => {
    // Upkeep rebuilds the dashboard's aggregates from a chunk it thinks dead; a function still running then would
    // apply its deltas over the rebuild. So the deployed timeout stays well under DEAD_AFTER_MS.
    expect(FUNCTION_TIMEOUT.toMilliseconds() * 4).toBeLessThanOrEqual(DEAD_AFTER_MS);
    for (const [, fn] of apiFunctions()) expect((fn.Properties!.Timeout as number) * 1000 * 4).toBeLessThanOrEqual(DEAD_AFTER_MS);
  });

  it('has one Node.js 22 arm64 function per handler name, with the shared settings', () => {
    const fns = apiFunctions();
    expect(fns).toHaveLength(specs.length);
    for (const [logicalId, fn] of fns) {
      const name = specs.find((spec) => logicalId.startsWith(`${pascal(spec.name)}Handler`))!.name;
      expect(fn.Properties!.MemorySize).toBe(functionMemoryMb(name));
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Timeout: 25,
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', LogGroup: expect.anything() },
        Environment: {
          Variables: expect.objectContaining({
            TABLE_NAME: { Ref: expect.stringMatching(/^DataTable/) },
            NODE_OPTIONS: '--enable-source-maps',
            LOG_LEVEL: 'INFO',
            INVEST_FLAGS_MODE: 'cloud',
            BOOTSTRAP_ADMIN_EMAIL: 'chief@county.gov.cn',
            ADMIN_CONTACT: '县招商服务中心 0539-4211234',
          }),
        },
      });
    }
  });

  it('gives each function its own log group with a retention period', () => {
    for (const [, fn] of apiFunctions()) {
      const ref = (fn.Properties!['LoggingConfig'] as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(s.template.toJSON().Resources[ref]).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: 365 },
      });
    }
  });
});

describe('least-privilege IAM', () => {
  it('grants no wildcard action and no * resource to any API handler', () => {
    for (const spec of specs) {
      for (const st of statementsOf(spec.name)) {
        for (const a of asList(st.Action)) expect(a).not.toMatch(/\*/);
        expect(JSON.stringify(st.Resource)).not.toBe('"*"');
      }
    }
  });

  it('grants exactly the table actions of each function’s access level, on the table and its indexes', () => {
    for (const spec of specs) {
      const table = statementsOf(spec.name).filter((st) => asList(st.Action).some((a) => a.startsWith('dynamodb:')));
      expect(table).toHaveLength(1);
      expect(new Set(asList(table[0]!.Action))).toEqual(new Set(TABLE_ACTIONS[spec.access]));
      expect(table[0]!.Resource).toEqual([
        { 'Fn::GetAtt': [expect.stringMatching(/^DataTable/), 'Arn'] },
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^DataTable/), 'Arn'] }, '/index/*']] },
      ]);
    }
  });

  it('keeps read-only functions free of every write action', () => {
    const readOnly = specs.filter((f) => f.access === 'read');
    expect(readOnly.length).toBeGreaterThan(0);
    for (const spec of readOnly) {
      const actions = statementsOf(spec.name).flatMap((st) => asList(st.Action));
      for (const w of WRITE_ACTIONS) expect(actions).not.toContain(w);
    }
  });

  it('lets a handler write logs only to its own log group (no managed policies)', () => {
    for (const spec of specs) {
      const logs = statementsOf(spec.name).filter((st) => asList(st.Action).some((a) => a.startsWith('logs:')));
      expect(logs).toHaveLength(1);
      expect(logs[0]!.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(new RegExp(`Handler.*Logs`)), 'Arn'] });
    }
    const roles = resourcesOf(s.template, 'AWS::IAM::Role');
    const handlerRoles = Object.entries(roles).filter(([id]) => id.includes('Handler'));
    expect(handlerRoles).toHaveLength(specs.length);
    for (const [, r] of handlerRoles) expect(r.Properties).not.toHaveProperty('ManagedPolicyArns');
  });
});

describe('HTTP API', () => {
  it('has exactly the ROUTES, each behind the Entra JWT authorizer with the access_as_user scope', () => {
    const routes = Object.values(resourcesOf(s.template, 'AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties!['RouteKey']).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    const [authorizerId] = Object.keys(resourcesOf(s.template, 'AWS::ApiGatewayV2::Authorizer'));
    for (const r of routes) {
      expect(r.Properties).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: authorizerId },
        AuthorizationScopes: [API_SCOPE],
      });
    }
  });

  it('routes each path to the function named in ROUTES', () => {
    const integrations = resourcesOf(s.template, 'AWS::ApiGatewayV2::Integration');
    for (const r of Object.values(resourcesOf(s.template, 'AWS::ApiGatewayV2::Route'))) {
      const route = ROUTES.find((x) => `${x.method} ${x.path}` === r.Properties!['RouteKey'])!;
      const target = (r.Properties!['Target'] as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1][1] as { Ref: string };
      const uri = JSON.stringify(integrations[target.Ref]!.Properties!['IntegrationUri']);
      const pascal = route.name.charAt(0).toUpperCase() + route.name.slice(1);
      expect(uri).toContain(`${pascal}Handler`);
    }
  });

  it('validates Entra ID v2 tokens of the configured tenant, for the add-in’s client id', () => {
    s.template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: `https://login.microsoftonline.com/${TENANT_ID}/v2.0`,
        Audience: [CLIENT_ID, `api://${CLIENT_ID}`],
      },
    });
  });

  it('allows CORS only from the CloudFront task pane origin and the extra origins', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: [
          { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^TaskpaneDistribution'), 'DomainName'] }]] },
          'https://localhost:3000',
        ],
        AllowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'],
        AllowHeaders: ['authorization', 'content-type'],
        AllowCredentials: false,
      },
    });
  });

  it('throttles the stage from context and writes JSON access logs', () => {
    s.template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    const [stage] = Object.values(resourcesOf(s.template, 'AWS::ApiGatewayV2::Stage'));
    expect(stage!.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [expect.stringMatching(/^HttpAccessLogs/), 'Arn'] } },
    });
    const format = JSON.parse((stage!.Properties!['AccessLogSettings'] as { Format: string }).Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', route: '$context.routeKey' });
  });

  it('uses the default throttling when no context is given', () => {
    const d = synth(configured(makeTaskpaneDir()));
    d.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    d.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: [Match.objectLike({ 'Fn::Join': Match.anyValue() })] },
    });
  });
});

describe('task pane hosting', () => {
  it('keeps both buckets private, encrypted and TLS-only', () => {
    s.template.resourceCountIs('AWS::S3::Bucket', 2);
    for (const b of Object.values(resourcesOf(s.template, 'AWS::S3::Bucket'))) {
      expect(b.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      });
    }
    for (const p of Object.values(resourcesOf(s.template, 'AWS::S3::BucketPolicy'))) {
      expect(JSON.stringify(p.Properties)).toContain('"aws:SecureTransport":"false"');
    }
    s.template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^TaskpaneAccessLogs') } },
    });
  });

  it('serves through CloudFront with Origin Access Control, HTTPS only, logging and security headers', () => {
    s.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    s.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        DefaultRootObject: 'taskpane.html',
        DefaultCacheBehavior: {
          ViewerProtocolPolicy: 'https-only',
          ResponseHeadersPolicyId: { Ref: Match.stringLikeRegexp('^TaskpaneSecurityHeaders') },
        },
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      },
    });
    // The bucket policy admits CloudFront for this distribution only.
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('sends HSTS and nosniff but no frame blocking, because Office shows the pane in a frame', () => {
    const [policy] = Object.values(resourcesOf(s.template, 'AWS::CloudFront::ResponseHeadersPolicy'));
    const headers = (policy!.Properties!['ResponseHeadersPolicyConfig'] as { SecurityHeadersConfig: Record<string, unknown> })
      .SecurityHeadersConfig;
    expect(headers['StrictTransportSecurity']).toMatchObject({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true });
    expect(headers['ContentTypeOptions']).toEqual({ Override: true });
    expect(headers['ReferrerPolicy']).toMatchObject({ ReferrerPolicy: 'strict-origin-when-cross-origin' });
    expect(headers).not.toHaveProperty('FrameOptions');
    expect(headers).not.toHaveProperty('ContentSecurityPolicy');
  });

  it('deploys the task pane, its runtime config and the production manifest, with the CloudFront URL filled in at deploy time', () => {
    s.template.resourceCountIs('Custom::CDKBucketDeployment', 1);
    const [deployment] = Object.values(resourcesOf(s.template, 'Custom::CDKBucketDeployment'));
    const props = deployment!.Properties!;
    expect(props['SourceObjectKeys']).toHaveLength(3); // task pane dir, deployment.json, manifest.xml
    expect(props).toMatchObject({ Prune: true, DistributionPaths: ['/*'] });
    const markers = JSON.stringify(props['SourceMarkers']);
    expect(markers).toMatch(/TaskpaneDistribution\w+","DomainName"/);
    expect(markers).toMatch(/HttpApi\w+","ApiEndpoint"/);
    const outputs = s.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs['ManifestUrl']!.Value).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^TaskpaneDistribution/), 'DomainName'] }, '/manifest.xml']],
    });
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['ApiUrl', 'TaskpaneUrl', 'RuntimeConfigUrl', 'TableName', 'AlarmTopicArn']),
    );
  });
});

describe('alarms', () => {
  it('alarms on API 5xx and 4xx and on every function’s errors and throttles, all to the topic', () => {
    const alarms = Object.values(resourcesOf(s.template, 'AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(2 + 2 * specs.length);
    const [topicId] = Object.keys(resourcesOf(s.template, 'AWS::SNS::Topic'));
    for (const a of alarms) {
      expect(a.Properties).toMatchObject({
        AlarmActions: [{ Ref: topicId }],
        OKActions: [{ Ref: topicId }],
        TreatMissingData: 'notBreaching',
      });
    }
    const metrics = alarms.map((a) => `${a.Properties!['Namespace']}:${a.Properties!['MetricName']}`).sort();
    expect(metrics).toEqual(
      [
        'AWS/ApiGateway:4xx',
        'AWS/ApiGateway:5xx',
        ...specs.flatMap(() => ['AWS/Lambda:Errors', 'AWS/Lambda:Throttles']),
      ].sort(),
    );
  });

  it('encrypts the topic with a rotating key CloudWatch may use, denies plain HTTP, subscribes the email', () => {
    s.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    s.template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
        ]),
      },
    });
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    s.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@county.gov.cn' });
  });
});

describe('partitions and regions', () => {
  it('hard-codes no partition, region or account, so the template deploys to aws-cn too', () => {
    const text = JSON.stringify(s.template.toJSON());
    expect(text).not.toMatch(/arn:aws(-cn|-us-gov)?:/);
    expect(text).not.toMatch(/\b(us|eu|ap|cn|sa|ca|me|af)-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d\b/);
    expect(text).not.toMatch(/\b\d{12}\b/);
    expect(text).toContain('"Ref":"AWS::Partition"');
  });

  it('takes the Entra sign-in host from context (21Vianet in China)', () => {
    const cn = synth(configured(makeTaskpaneDir(), { entraLoginHost: 'login.partner.microsoftonline.cn' }));
    cn.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Issuer: `https://login.partner.microsoftonline.cn/${TENANT_ID}/v2.0` },
    });
  });
});

describe('deployment guard', () => {
  it('adds no guard when the Entra ids are given', () => {
    expect(s.template.toJSON().Rules).not.toHaveProperty('RequireEntraIdentity');
  });

  it('synthesises with placeholder ids but adds a rule that refuses deployment', () => {
    const p = synth({ taskpaneDir: makeTaskpaneDir() });
    const rules = p.template.toJSON().Rules as Record<string, { Assertions: { AssertDescription: string }[] }>;
    expect(rules['RequireEntraIdentity']!.Assertions[0]!.AssertDescription).toMatch(/-c tenantId=.*-c clientId=/);
    p.template.hasParameter('EntraIdentity', { Default: 'placeholder' });
  });
});

describe('routes added later', () => {
  it('get a function, a route and the authorizer with no change to the stack', async () => {
    const { InvestFlagsStack } = await import('../../../infra/cdk/invest-flags-stack');
    const { App } = await import('aws-cdk-lib');
    const { Template } = await import('aws-cdk-lib/assertions');
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const more = functionSpecs([
      ...ROUTES,
      // An existing handler file serves the extra route here; a new name would need its handler file.
      { name: 'projects', method: 'GET', path: '/v1/exports', access: 'read' },
    ]);
    const stack = new InvestFlagsStack(app, 'More', { settings: { ...s.settings, taskpaneDir: makeTaskpaneDir() }, functions: more });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ApiGatewayV2::Route', ROUTES.length + 1);
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /v1/exports',
      AuthorizationType: 'JWT',
      AuthorizationScopes: [API_SCOPE],
    });
  });
});

describe('custom task pane domain', () => {
  it('serves an ACM-certified name with TLS 1.2 and uses it for CORS and the manifest', () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
    const d = synth(configured(makeTaskpaneDir(), { taskpaneDomain: 'flags.county.example.cn', acmCertificateArn: arn }));
    d.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Aliases: ['flags.county.example.cn'],
        ViewerCertificate: { AcmCertificateArn: arn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      },
    });
    d.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: ['https://flags.county.example.cn'] },
    });
    expect(d.template.toJSON().Outputs.ManifestUrl.Value).toBe('https://flags.county.example.cn/manifest.xml');
  });

  it('serves an IAM-certified, ICP-registered name in the China regions', () => {
    const d = synth(configured(makeTaskpaneDir(), { taskpaneDomain: 'flags.county.gov.cn', iamCertificateId: 'ASCACKCEVSQ6C2EXAMPLE' }));
    d.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Aliases: ['flags.county.gov.cn'],
        ViewerCertificate: { IamCertificateId: 'ASCACKCEVSQ6C2EXAMPLE', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
      },
    });
  });
});
