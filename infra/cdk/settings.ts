import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * Deployment settings, read once from CDK context (`-c key=value` or cdk.json) and validated here, so the
 * constructs receive plain typed values and every mistake is reported before anything is synthesised.
 */

export interface EntraIdentity {
  /** Directory (tenant) id, a GUID. */
  tenantId: string;
  /** Application (client) id of the add-in's app registration, a GUID. */
  clientId: string;
  /** Application ID URI exposed by the registration (default `api://<clientId>`). */
  appIdUri: string;
  /** Sign-in host: `login.microsoftonline.com`, or `login.partner.microsoftonline.cn` for Entra by 21Vianet. */
  loginHost: string;
  /** True when tenant/client ids were not given: synth and tests only, the stack refuses to deploy. */
  placeholder: boolean;
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/**
 * The task pane's own host name. Required in the AWS China regions, where *.cloudfront.cn may not serve
 * content: an ICP-registered name with a certificate uploaded to IAM (CloudFront there has no ACM).
 */
export interface CustomDomain {
  domainName: string;
  /** ACM certificate ARN (us-east-1, global partition) or IAM server certificate id (China). */
  certificate: { acmCertificateArn: string } | { iamCertificateId: string };
}

export interface DeploySettings {
  stackName: string;
  identity: EntraIdentity;
  /** Origins allowed by CORS besides the CloudFront task pane origin (e.g. a dev host). */
  extraOrigins: string[];
  throttle: { rateLimit: number; burstLimit: number };
  alarmEmail?: string;
  customDomain?: CustomDomain;
  logLevel: LogLevel;
  logRetention: RetentionDays;
  /** Built task pane directory (relative to the repository root unless absolute). */
  taskpaneDir: string;
  /** E-mail made the first administrator on first call while none is registered (env BOOTSTRAP_ADMIN_EMAIL). */
  bootstrapAdminEmail?: string;
  /** Whom unregistered users are told to ask (env ADMIN_CONTACT), e.g. "县招商服务中心 0539-4211234". */
  adminContact?: string;
  /**
   * E-mail push over SES (context sesFromAddress + sesIdentityArn, both or neither): the cut-off job sends from this
   * verified identity and may send from nothing else. Absent: no e-mail sender, no SES permission — the setting
   * for AWS China regions, which have no SES.
   */
  email?: { fromAddress: string; identityArn: string };
}

export const PLACEHOLDER_GUID = '00000000-0000-0000-0000-000000000000';

export const DEFAULTS = {
  stackName: 'InvestFlags',
  loginHost: 'login.microsoftonline.com',
  throttleRate: 50,
  throttleBurst: 100,
  logLevel: 'INFO' as LogLevel,
  logRetentionDays: 365,
  taskpaneDir: 'dist/taskpane',
};

/** Reads one context value; `app.node.tryGetContext` fits. */
export type ContextReader = (key: string) => unknown;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

function fail(zh: string, en: string): never {
  throw new Error(`${zh} / ${en}`);
}

function text(read: ContextReader, key: string): string | undefined {
  const raw = read(key);
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    fail(`上下文参数 ${key} 应为文本`, `Context value ${key} must be a string`);
  }
  const value = String(raw).trim();
  return value === '' ? undefined : value;
}

function positiveInt(read: ContextReader, key: string, fallback: number): number {
  const value = text(read, key);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    fail(`上下文参数 ${key} 应为正整数，收到 "${value}"`, `Context value ${key} must be a positive integer, got "${value}"`);
  }
  return n;
}

function guid(read: ContextReader, key: string): string | undefined {
  const value = text(read, key);
  if (value !== undefined && !GUID.test(value)) {
    fail(
      `上下文参数 ${key} 应为 GUID（如 72f988bf-86f1-41af-91ab-2d7cd011db47），收到 "${value}"`,
      `Context value ${key} must be a GUID (e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47), got "${value}"`,
    );
  }
  return value?.toLowerCase();
}

function identity(read: ContextReader): EntraIdentity {
  const tenantId = guid(read, 'tenantId');
  const clientId = guid(read, 'clientId');
  const loginHost = text(read, 'entraLoginHost') ?? DEFAULTS.loginHost;
  if (!HOST.test(loginHost)) {
    fail(`上下文参数 entraLoginHost 应为主机名，收到 "${loginHost}"`, `Context value entraLoginHost must be a host name, got "${loginHost}"`);
  }
  if (tenantId === undefined && clientId === undefined) {
    // Placeholder identity: lets `npm run synth` and the tests run on a fresh clone; the stack adds a
    // CloudFormation rule that stops any deployment of it.
    return {
      tenantId: PLACEHOLDER_GUID,
      clientId: PLACEHOLDER_GUID,
      appIdUri: `api://${PLACEHOLDER_GUID}`,
      loginHost,
      placeholder: true,
    };
  }
  if (tenantId === undefined || clientId === undefined) {
    const missing = tenantId === undefined ? 'tenantId' : 'clientId';
    fail(
      `缺少上下文参数 ${missing}：请同时提供 -c tenantId=<租户 ID> -c clientId=<应用程序(客户端) ID>`,
      `Missing context value ${missing}: pass both -c tenantId=<directory (tenant) id> -c clientId=<application (client) id>`,
    );
  }
  const appIdUri = text(read, 'appIdUri') ?? `api://${clientId}`;
  if (!/^api:\/\/\S+$/.test(appIdUri)) {
    fail(`上下文参数 appIdUri 应以 api:// 开头，收到 "${appIdUri}"`, `Context value appIdUri must start with api://, got "${appIdUri}"`);
  }
  return { tenantId, clientId, appIdUri, loginHost, placeholder: false };
}

/** `https://host[:port]` only: CORS compares origins exactly, so a path or trailing slash never matches. */
function origins(read: ContextReader): string[] {
  const raw = read('extraOrigins');
  if (raw === undefined || raw === null || raw === '') return [];
  const list = Array.isArray(raw) ? raw.map(String) : String(raw).split(',');
  return list
    .map((o) => o.trim())
    .filter((o) => o !== '')
    .map((o) => {
      let url: URL | undefined;
      try {
        url = new URL(o);
      } catch {
        url = undefined;
      }
      if (!url || url.protocol !== 'https:' || url.origin !== o) {
        fail(
          `extraOrigins 中的 "${o}" 不是 https 源（形如 https://host 或 https://host:3000，无路径、无结尾斜杠）`,
          `extraOrigins entry "${o}" is not an https origin (https://host or https://host:3000, no path, no trailing slash)`,
        );
      }
      return o;
    });
}

function customDomain(read: ContextReader): CustomDomain | undefined {
  const domainName = text(read, 'taskpaneDomain');
  const acmCertificateArn = text(read, 'acmCertificateArn');
  const iamCertificateId = text(read, 'iamCertificateId');
  if (domainName === undefined) {
    if (acmCertificateArn !== undefined || iamCertificateId !== undefined) {
      fail('提供了证书但缺少 taskpaneDomain', 'A certificate was given without taskpaneDomain');
    }
    return undefined;
  }
  if (!HOST.test(domainName)) {
    fail(`上下文参数 taskpaneDomain 应为主机名，收到 "${domainName}"`, `Context value taskpaneDomain must be a host name, got "${domainName}"`);
  }
  if ((acmCertificateArn === undefined) === (iamCertificateId === undefined)) {
    fail(
      'taskpaneDomain 需要且只需要一个证书：-c acmCertificateArn=…（us-east-1）或 -c iamCertificateId=…（中国区域）',
      'taskpaneDomain needs exactly one certificate: -c acmCertificateArn=… (us-east-1) or -c iamCertificateId=… (China regions)',
    );
  }
  if (acmCertificateArn !== undefined) {
    if (!/^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(acmCertificateArn)) {
      fail(
        `acmCertificateArn 应为 us-east-1 的 ACM 证书 ARN，收到 "${acmCertificateArn}"`,
        `acmCertificateArn must be an ACM certificate ARN in us-east-1 (CloudFront's region), got "${acmCertificateArn}"`,
      );
    }
    return { domainName, certificate: { acmCertificateArn } };
  }
  return { domainName, certificate: { iamCertificateId: iamCertificateId! } };
}

const SES_IDENTITY_ARN = /^arn:(aws[\w-]*):ses:([a-z]{2}(-[a-z]+)+-\d):(\d{12}):identity\/[^\s*]+$/;

/** sesFromAddress + sesIdentityArn: both or neither; never in the aws-cn partition (no SES there). */
function email(read: ContextReader): DeploySettings['email'] {
  const fromAddress = text(read, 'sesFromAddress');
  const identityArn = text(read, 'sesIdentityArn');
  if (fromAddress === undefined && identityArn === undefined) return undefined;
  if (fromAddress === undefined || identityArn === undefined) {
    fail('sesFromAddress 与 sesIdentityArn 须同时提供（或都不提供）', 'Pass both sesFromAddress and sesIdentityArn (or neither)');
  }
  const address = /<([^<>]+)>\s*$/.exec(fromAddress)?.[1] ?? fromAddress;
  if (!EMAIL.test(address)) {
    fail(`sesFromAddress 不是邮箱地址: "${fromAddress}"`, `sesFromAddress is not an email address: "${fromAddress}"`);
  }
  const arn = SES_IDENTITY_ARN.exec(identityArn);
  if (!arn) {
    fail(
      `sesIdentityArn 应为 SES 身份 ARN（arn:aws:ses:<区域>:<账号>:identity/<域名或邮箱>），收到 "${identityArn}"`,
      `sesIdentityArn must be an SES identity ARN (arn:aws:ses:<region>:<account>:identity/<domain or address>), got "${identityArn}"`,
    );
  }
  if (arn[1] === 'aws-cn') {
    fail('AWS 中国区域没有 SES：请不要设置 sesFromAddress / sesIdentityArn（推送请用企业微信、钉钉或飞书）', 'AWS China regions have no SES: leave sesFromAddress / sesIdentityArn unset (push through WeCom, DingTalk or Feishu)');
  }
  return { fromAddress, identityArn };
}

export function readSettings(read: ContextReader): DeploySettings {
  const stackName = text(read, 'stackName') ?? DEFAULTS.stackName;
  if (!STACK_NAME.test(stackName)) {
    fail(`上下文参数 stackName 不合法: "${stackName}"`, `Context value stackName is not a valid stack name: "${stackName}"`);
  }
  const logLevel = (text(read, 'logLevel') ?? DEFAULTS.logLevel).toUpperCase();
  if (!['DEBUG', 'INFO', 'WARN', 'ERROR'].includes(logLevel)) {
    fail(`上下文参数 logLevel 应为 DEBUG/INFO/WARN/ERROR，收到 "${logLevel}"`, `Context value logLevel must be DEBUG, INFO, WARN or ERROR, got "${logLevel}"`);
  }
  const retentionDays = positiveInt(read, 'logRetentionDays', DEFAULTS.logRetentionDays);
  const allowedRetention = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!allowedRetention.includes(retentionDays)) {
    fail(
      `上下文参数 logRetentionDays 应为 CloudWatch 支持的天数之一（${allowedRetention.join(', ')}），收到 ${retentionDays}`,
      `Context value logRetentionDays must be one of the CloudWatch retention periods (${allowedRetention.join(', ')}), got ${retentionDays}`,
    );
  }
  const alarmEmail = text(read, 'alarmEmail');
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) {
    fail(`上下文参数 alarmEmail 不是邮箱地址: "${alarmEmail}"`, `Context value alarmEmail is not an email address: "${alarmEmail}"`);
  }
  const bootstrapAdminEmail = text(read, 'bootstrapAdminEmail');
  if (bootstrapAdminEmail !== undefined && !EMAIL.test(bootstrapAdminEmail)) {
    fail(`上下文参数 bootstrapAdminEmail 不是邮箱地址: "${bootstrapAdminEmail}"`, `Context value bootstrapAdminEmail is not an email address: "${bootstrapAdminEmail}"`);
  }
  const adminContact = text(read, 'adminContact');
  if (adminContact !== undefined && adminContact.length > 200) {
    fail('上下文参数 adminContact 不应超过 200 个字符', 'Context value adminContact must be at most 200 characters');
  }
  const domain = customDomain(read);
  const ses = email(read);
  const rateLimit = positiveInt(read, 'throttleRate', DEFAULTS.throttleRate);
  const burstLimit = positiveInt(read, 'throttleBurst', DEFAULTS.throttleBurst);
  if (burstLimit < rateLimit) {
    fail(
      `throttleBurst（${burstLimit}）不应小于 throttleRate（${rateLimit}）`,
      `throttleBurst (${burstLimit}) must not be lower than throttleRate (${rateLimit})`,
    );
  }
  return {
    stackName,
    identity: identity(read),
    extraOrigins: origins(read),
    throttle: { rateLimit, burstLimit },
    ...(alarmEmail === undefined ? {} : { alarmEmail }),
    ...(domain === undefined ? {} : { customDomain: domain }),
    logLevel: logLevel as LogLevel,
    logRetention: retentionDays as RetentionDays,
    taskpaneDir: text(read, 'taskpaneDir') ?? DEFAULTS.taskpaneDir,
    ...(bootstrapAdminEmail === undefined ? {} : { bootstrapAdminEmail: bootstrapAdminEmail.toLowerCase() }),
    ...(adminContact === undefined ? {} : { adminContact }),
    ...(ses === undefined ? {} : { email: ses }),
  };
}
