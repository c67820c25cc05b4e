/**
 * E-mail delivery for the Notifier: an EmailSender port with a log adapter (the embedded stack and the tests —
 * never the internet) and, in the cloud, SES where the region offers it (AWS China regions do not; there, e-mail
 * channels report "no e-mail service" and the webhook channels carry the push).
 */
import type { Channel } from '../../contract/channels';
import { NotifyError } from '../app/ports';

export interface EmailSender {
  send(to: readonly string[], subject: string, body: string): Promise<void>;
}

/** Records what it would send: one log line naming the recipients' count and the subject (no body, no addresses). */
export class LogEmailSender implements EmailSender {
  readonly sent: { to: readonly string[]; subject: string; body: string }[] = [];
  constructor(private readonly log: (line: string) => void = () => {}) {}
  async send(to: readonly string[], subject: string, body: string): Promise<void> {
    this.sent.push({ to, subject, body });
    this.log(JSON.stringify({ level: 'info', job: 'push', email: 'not sent (local)', recipients: to.length, subject }));
  }
}

export async function sendEmail(sender: EmailSender | undefined, channel: Channel, text: { title: string; plain: string }): Promise<void> {
  if (!sender) throw new NotifyError('no e-mail service in this region', false);
  if (!channel.to?.length) throw new NotifyError(`channel ${channel.id} has no recipients`, false);
  await sender.send(channel.to, text.title, text.plain);
}
