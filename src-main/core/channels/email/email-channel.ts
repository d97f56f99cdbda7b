import { isValidEmail } from '../../../shared/email';
import { installationId } from '../../installation/installation-repo';
import { loadSmtpConfig, type SmtpConfig } from '../../mail/smtp-config';
import { classifySmtpFailure, type SmtpPhase } from '../../mail/smtp-failure';
import { renderMail } from '../../mail/templates/template-engine';
import type { Channel } from '../channel';

export interface EmailChannelConfig extends SmtpConfig {
  installationId: string;
}

/** E-mail through the SMTP server of Settings → E-mail. */
export const emailChannel: Channel<EmailChannelConfig, { error: unknown; phase: SmtpPhase }> = {
  name: 'email',
  peer: 'Mail server',
  validateTarget: (target) => (isValidEmail(target) ? null : `${target} is not a valid e-mail address`),
  render: renderMail,
  classifyFailure: ({ error, phase }) => classifySmtpFailure(error, phase),
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
