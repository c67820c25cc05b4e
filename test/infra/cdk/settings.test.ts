import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DEFAULTS, PLACEHOLDER_GUID, readSettings } from '../../../infra/cdk/settings';

const TENANT = '72F988BF-86F1-41AF-91AB-2D7CD011DB47';
const CLIENT = '3c5e7b1a-9f0d-4a2e-8b6c-1d2e3f405162';

function from(ctx: Record<string, unknown>) {
  return readSettings((k) => ctx[k]);
}

describe('readSettings', () => {
  it('uses documented defaults and a placeholder identity when nothing is given', () => {
    const s = from({});
    expect(s.stackName).toBe('InvestFlags');
    expect(s.identity).toEqual({
      tenantId: PLACEHOLDER_GUID,
      clientId: PLACEHOLDER_GUID,
      appIdUri: `api://${PLACEHOLDER_GUID}`,
      loginHost: 'login.microsoftonline.com',
      placeholder: true,
    });
    expect(s.throttle).toEqual({ rateLimit: DEFAULTS.throttleRate, burstLimit: DEFAULTS.throttleBurst });
    expect(s.extraOrigins).toEqual([]);
    expect(s.logLevel).toBe('INFO');
    expect(s.logRetention).toBe(RetentionDays.ONE_YEAR);
    expect(s.taskpaneDir).toBe('dist/taskpane');
    expect(s).not.toHaveProperty('alarmEmail');
  });

  it('reads a real identity (GUIDs lower-cased) and derives the App ID URI', () => {
    const s = from({ tenantId: TENANT, clientId: CLIENT });
    expect(s.identity).toEqual({
      tenantId: TENANT.toLowerCase(),
      clientId: CLIENT,
      appIdUri: `api://${CLIENT}`,
      loginHost: 'login.microsoftonline.com',
      placeholder: false,
    });
    expect(from({ tenantId: TENANT, clientId: CLIENT, appIdUri: 'api://ledger.example.cn/x' }).identity.appIdUri).toBe(
      'api://ledger.example.cn/x',
    );
    expect(
      from({ tenantId: TENANT, clientId: CLIENT, entraLoginHost: 'login.partner.microsoftonline.cn' }).identity.loginHost,
    ).toBe('login.partner.microsoftonline.cn');
  });

  it('names the missing half of the identity, in zh and en', () => {
    expect(() => from({ tenantId: TENANT })).toThrow(/缺少上下文参数 clientId.*Missing context value clientId/);
    expect(() => from({ clientId: CLIENT })).toThrow(/缺少上下文参数 tenantId.*Missing context value tenantId/);
  });

  it('rejects malformed values with the key and the value', () => {
    expect(() => from({ tenantId: 'contoso', clientId: CLIENT })).toThrow(/tenantId 应为 GUID.*got "contoso"/);
    expect(() => from({ tenantId: TENANT, clientId: CLIENT, appIdUri: 'https://x' })).toThrow(/appIdUri/);
    expect(() => from({ throttleRate: '0' })).toThrow(/throttleRate 应为正整数.*got "0"/);
    expect(() => from({ throttleRate: '200', throttleBurst: '100' })).toThrow(/throttleBurst \(100\) must not be lower/);
    expect(() => from({ logLevel: 'verbose' })).toThrow(/logLevel/);
    expect(() => from({ logRetentionDays: '42' })).toThrow(/logRetentionDays.*got 42/);
    expect(() => from({ alarmEmail: 'ops' })).toThrow(/alarmEmail.*"ops"/);
    expect(() => from({ stackName: '1bad name' })).toThrow(/stackName/);
    expect(() => from({ entraLoginHost: 'https://login' })).toThrow(/entraLoginHost/);
  });

  it('parses -c strings and cdk.json numbers/arrays alike', () => {
    const s = from({
      throttleRate: '20',
      throttleBurst: 40,
      logRetentionDays: '90',
      logLevel: 'debug',
      alarmEmail: 'ops@county.gov.cn',
      extraOrigins: 'https://localhost:3000, https://ledger.example.cn',
    });
    expect(s.throttle).toEqual({ rateLimit: 20, burstLimit: 40 });
    expect(s.logRetention).toBe(RetentionDays.THREE_MONTHS);
    expect(s.logLevel).toBe('DEBUG');
    expect(s.alarmEmail).toBe('ops@county.gov.cn');
    expect(s.extraOrigins).toEqual(['https://localhost:3000', 'https://ledger.example.cn']);
    expect(from({ extraOrigins: ['https://a.example.cn'] }).extraOrigins).toEqual(['https://a.example.cn']);
  });

  it('reads the first-admin e-mail and the admin contact', () => {
    const s = from({ bootstrapAdminEmail: ' Chief@County.gov.cn ', adminContact: '县招商服务中心 0539-4211234' });
    expect(s).toMatchObject({ bootstrapAdminEmail: 'chief@county.gov.cn', adminContact: '县招商服务中心 0539-4211234' });
    expect(from({})).not.toHaveProperty('bootstrapAdminEmail');
    expect(() => from({ bootstrapAdminEmail: 'chief' })).toThrow(/bootstrapAdminEmail.*"chief"/);
    expect(() => from({ adminContact: 'x'.repeat(201) })).toThrow(/adminContact/);
  });

  it('reads a custom task pane domain with exactly one certificate', () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
    expect(from({ taskpaneDomain: 'flags.example.cn', acmCertificateArn: arn }).customDomain).toEqual({
      domainName: 'flags.example.cn',
      certificate: { acmCertificateArn: arn },
    });
    expect(from({ taskpaneDomain: 'flags.example.cn', iamCertificateId: 'ASCAEXAMPLE' }).customDomain).toEqual({
      domainName: 'flags.example.cn',
      certificate: { iamCertificateId: 'ASCAEXAMPLE' },
    });
    expect(() => from({ taskpaneDomain: 'flags.example.cn' })).toThrow(/exactly one certificate/);
    expect(() => from({ taskpaneDomain: 'flags.example.cn', acmCertificateArn: arn, iamCertificateId: 'X' })).toThrow(
      /exactly one certificate/,
    );
    expect(() => from({ taskpaneDomain: 'flags.example.cn', acmCertificateArn: arn.replace('us-east-1', 'eu-west-1') })).toThrow(
      /us-east-1/,
    );
    expect(() => from({ iamCertificateId: 'X' })).toThrow(/without taskpaneDomain/);
  });

  it('accepts only exact https origins in extraOrigins', () => {
    for (const bad of ['http://localhost:3000', 'https://a.example.cn/', 'https://a.example.cn/taskpane', 'localhost']) {
      expect(() => from({ extraOrigins: bad })).toThrow(/extraOrigins.*not an https origin/);
    }
  });
});
