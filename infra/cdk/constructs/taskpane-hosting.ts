import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  type CfnDistribution,
  Distribution,
  HeadersReferrerPolicy,
  HttpVersion,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { CustomDomain } from '../settings';

export interface TaskpaneHostingProps {
  /** Built task pane directory (already checked to exist by the app). */
  taskpaneDir: string;
  /** Page CloudFront serves for `/`. */
  defaultRootObject: string;
  logRetention: RetentionDays;
  /** Own host name and certificate; without it the distribution's *.cloudfront.net name is used. */
  customDomain?: CustomDomain;
}

/**
 * Host the manifest is built for before the CloudFront domain is known; every occurrence (the https URLs and
 * the api://<host>/<client id> SSO resource) is then swapped for the distribution's domain token.
 */
const SENTINEL_HOST = 'invest-flags-taskpane.invalid';

/**
 * Static hosting of the task pane: private S3 bucket, reachable only through CloudFront with Origin Access
 * Control, HTTPS only, security headers; access logs of both go to a separate log bucket.
 */
export class TaskpaneHosting extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  /** Host the task pane is served on: the custom domain, or the distribution's domain (a token). */
  readonly host: string;
  /** `https://<host>` — the task pane's origin and the manifest's base URL. */
  readonly baseUrl: string;
  private readonly sources: ISource[];
  private readonly props: TaskpaneHostingProps;

  constructor(scope: Construct, id: string, props: TaskpaneHostingProps) {
    super(scope, id);
    this.props = props;

    // CloudFront standard logs are delivered with an ACL grant, so this bucket keeps ACLs enabled
    // (BUCKET_OWNER_PREFERRED); public access stays blocked.
    this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log bucket for the task pane bucket and CloudFront; logging it into itself ' +
        'would log its own log deliveries without end.',
    });

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/taskpane/',
    });

    // No X-Frame-Options and no frame-ancestors CSP: Excel (web and desktop) shows the task pane inside a
    // frame hosted on Office domains, which such headers would block.
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'invest-flags task pane security headers',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    const domain = props.customDomain;
    const acm = domain && 'acmCertificateArn' in domain.certificate ? domain.certificate.acmCertificateArn : undefined;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'invest-flags task pane',
      ...(acm && domain
        ? {
            domainNames: [domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', acm),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultRootObject: props.defaultRootObject,
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        responseHeadersPolicy: headers,
      },
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
    });
    if (domain && 'iamCertificateId' in domain.certificate) {
      // AWS China: CloudFront takes certificates from the IAM store only, which the L2 construct does not model.
      const cfn = this.distribution.node.defaultChild as CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [domain.domainName]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: domain.certificate.iamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      });
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Remediated by the property override just above (IAM certificate, SNI, TLSv1.2_2021), which cdk-nag ' +
          'cannot see because it reads the L1 properties before overrides are applied.',
      });
    }
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: clerks and leaders must reach the task pane wherever they travel; access is ' +
          'controlled by Entra ID sign-in at the API, and the pane itself is public static code.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF on the distribution: it serves only static, public task pane files (no forms, no data); ' +
          'the data API is protected by the Entra ID JWT authorizer and stage throttling.',
      },
    );
    if (!domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution serves the default *.cloudfront.net certificate, whose ' +
          'security policy CloudFront fixes at TLSv1; with -c taskpaneDomain the stack sets TLSv1.2_2021.',
      });
    }

    this.host = domain?.domainName ?? this.distribution.distributionDomainName;
    this.baseUrl = `https://${this.host}`;
    this.sources = [Source.asset(props.taskpaneDir)];
  }

  /** Adds the production manifest, built by `build` for this distribution's URL, as /manifest.xml. */
  addManifest(build: (baseUrl: string) => string): string {
    const xml = build(`https://${SENTINEL_HOST}`);
    if (!xml.includes(SENTINEL_HOST)) {
      throw new Error('清单生成函数未使用传入的网址 / The manifest builder did not use the base URL it was given');
    }
    // Source.data resolves deploy-time tokens, so the CloudFront domain lands in the file at deploy time.
    const withDomain = xml.split(SENTINEL_HOST).join(this.host);
    this.sources.push(Source.data('manifest.xml', withDomain));
    return `${this.baseUrl}/manifest.xml`;
  }

  /** Adds a JSON object (e.g. runtime configuration for the task pane) as a file of the site. */
  addJson(objectKey: string, value: unknown): string {
    this.sources.push(Source.jsonData(objectKey, value));
    return `${this.baseUrl}/${objectKey}`;
  }

  /** Creates the deployment of everything added so far; call once, after the last add…(). */
  deploy(): BucketDeployment {
    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: this.sources,
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 512,
      logGroup: new LogGroup(this, 'DeployLogs', { retention: this.props.logRetention }),
    });
    this.acknowledgeDeploymentHandler();
    return deployment;
  }

  /** The BucketDeployment handler is a CDK-provided singleton Lambda at stack level; its policy is CDK's. */
  private acknowledgeDeploymentHandler(): void {
    const stack = Stack.of(this);
    const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) return;
    const qualifier = stack.synthesizer.bootstrapQualifier ?? 'hnb659fds';
    const site = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const copy =
      'CDK BucketDeployment copies the task pane build from the CDK asset bucket into the site bucket and ' +
      'prunes old files: it needs object-level read on the asset bucket and write/delete on every object of ' +
      'the site bucket, which IAM can only express with object wildcards; both buckets belong to this account.';
    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK-managed deployment handler; the basic execution policy only lets it write its own logs.',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'CDK-managed deployment handler (Python + AWS CLI layer); its runtime is chosen and updated by aws-cdk-lib.',
      },
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: copy,
      })),
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*]`,
        reason: copy,
      },
      { id: `AwsSolutions-IAM5[Resource::<${site}.Arn>/*]`, reason: copy },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'cloudfront:CreateInvalidation/GetInvalidation, used to invalidate the task pane distribution after ' +
          'a deploy; CDK grants them on * because the distribution id is not known to the handler policy.',
      },
    );
  }
}
