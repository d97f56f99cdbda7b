import { installationId } from '../installation/installation-repo';
import type { OutboxChannel } from './outbox/channel';
import { loadSmtpConfig, type SmtpConfig } from './smtp-config';

export interface EmailChannelConfig extends SmtpConfig {
  installationId: string;
}

/** E-mail through the SMTP server of Settings → E-mail. */
export const emailChannel: OutboxChannel<EmailChannelConfig> = {
  name: 'email',
  peer: 'Mail server',
  async loadConfig(ctx) {
    const config = await loadSmtpConfig(ctx);
    return config && { ...config, installationId: await installationId(ctx.db, ctx.now()) };
  },
  rateLimitPerMinute: (config) => config.rateLimit,
  async createSender(config, ctx) {
    // Loaded when first used: a process that never sends (the CLI, a reader) starts without nodemailer.
    const { createEmailSender } = await import('./email-sender');
    return createEmailSender(config, { timeouts: ctx.outbox.tuning.smtpTimeouts });
  },
};
