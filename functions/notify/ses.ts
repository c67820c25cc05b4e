/**
 * The EmailSender port over Amazon SES (API v2), where the region offers it (AWS China regions do not: there no
 * sender is wired and e-mail channels report "no e-mail service"). One SendEmail per message, plain UTF-8 text,
 * from the verified identity the deployment names (CDK context sesFromAddress / sesIdentityArn).
 *
 * The SDK's own retries are off (maxAttempts 1): app/push.ts retries with backoff and counts the attempts it
 * reports. A failure becomes a NotifyError naming the SES error and HTTP status only (never the recipients):
 * throttling, a 5xx or a network error is retryable; a rejected message, an unverified identity or a paused
 * account is not.
 */
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { NotifyError } from '../app/ports';
import type { EmailSender } from './email';

export interface SesSenderOptions {
  /** The sender address ("县招商服务中心 <flags@county.gov.cn>" or a bare address) of a verified identity. */
  from: string;
  /** The identity's ARN (sending authorisation; also where the role's ses:SendEmail is scoped). */
  identityArn?: string;
}

/** SES errors a later attempt can get past. */
const RETRYABLE = new Set(['TooManyRequestsException', 'InternalServiceErrorException', 'ThrottlingException', 'Throttling', 'InternalFailure', 'ServiceUnavailable', 'ServiceUnavailableException', 'RequestTimeout', 'TimeoutError']);

export class SesEmailSender implements EmailSender {
  constructor(
    private readonly client: SESv2Client,
    private readonly opts: SesSenderOptions,
  ) {}

  async send(to: readonly string[], subject: string, body: string): Promise<void> {
    try {
      await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.opts.from,
          ...(this.opts.identityArn ? { FromEmailAddressIdentityArn: this.opts.identityArn } : {}),
          Destination: { ToAddresses: [...to] },
          Content: {
            Simple: {
              Subject: { Data: subject, Charset: 'UTF-8' },
              Body: { Text: { Data: body, Charset: 'UTF-8' } },
            },
          },
        }),
      );
    } catch (e) {
      const err = e as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
      const name = err.name ?? 'Error';
      const status = err.$metadata?.httpStatusCode;
      const retryable = RETRYABLE.has(name) || err.$retryable !== undefined || status === 429 || (status !== undefined && status >= 500) || status === undefined;
      throw new NotifyError(`SES ${name}${status ? ` (HTTP ${status})` : ''}`, retryable);
    }
  }
}

/** The cloud's sender: an SES v2 client in the identity's region (it may differ from the stack's), SDK retries off. */
export function createSesSender(opts: SesSenderOptions & { region?: string }): EmailSender {
  const client = new SESv2Client({ ...(opts.region ? { region: opts.region } : {}), maxAttempts: 1 });
  return new SesEmailSender(client, opts);
}
