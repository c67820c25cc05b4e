/**
 * The Notifier the composition roots wire: group robots over an injected fetch, e-mail over an EmailSender. The SES
 * sender (ses.ts) is imported from its own file by the cut-off job's deps only (handlers/job-deps.ts): this index,
 * which every handler's deps reach, does not load the SES client.
 */
import type { Channel } from '../../contract/channels';
import type { Notifier } from '../app/ports';
import { sendEmail, type EmailSender } from './email';
import { WebhookNotifier, type WebhookOptions } from './webhooks';

export { LogEmailSender, type EmailSender } from './email';
export { WebhookNotifier, dingtalkSign, feishuSign, webhookRequest, type FetchLike } from './webhooks';

export function createNotifier(opts: WebhookOptions & { email?: EmailSender }): Notifier {
  const hooks = new WebhookNotifier(opts);
  return {
    send: (channel: Channel, text) => (channel.kind === 'email' ? sendEmail(opts.email, channel, text) : hooks.send(channel, text)),
  };
}
