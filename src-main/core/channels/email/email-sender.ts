import type { EmailChannelConfig } from './email-channel';
import type { ChannelSender } from '../../mail/outbox/channel';
import { createSmtpSender, type SmtpSenderOptions } from '../../mail/smtp-sender';

/** The domain of the From address, for Message-IDs (what mail servers expect on the right of the @). */
function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at >= 0 && at < address.length - 1 ? address.slice(at + 1).toLowerCase() : 'lowbal.invalid';
}

/**
 * The stable Message-ID of a notification: the same for every attempt, so a
 * receiver (or its spam filter) recognises a message sent again after a crash.
 */
function notificationMessageId(notificationId: number, installation: string, fromAddress: string) {
  return `<lowbal.${notificationId}.${installation}@${domainOf(fromAddress)}>`;
}

/** The outbox's sender for e-mail: each notification as one message with its stable Message-ID. */
export function createEmailSender(
  config: EmailChannelConfig,
  options: Partial<SmtpSenderOptions> = {},
): ChannelSender {
  const smtp = createSmtpSender(config, options);
  return {
    concurrency: smtp.concurrency,
    send: (message, mayCommit) =>
      smtp.sendMail(
        {
          to: message.recipient,
          subject: message.subject,
          text: message.textBody,
          html: message.htmlBody,
          messageId: notificationMessageId(message.id, config.installationId, config.fromAddress),
        },
        mayCommit,
      ),
    probe: () => smtp.probe(),
    close: () => smtp.close(),
  };
}
