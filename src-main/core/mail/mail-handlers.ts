import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  TLS_MODE_LABELS,
  sendTestMailSchema,
  smtpSettingsInputSchema,
  type SendTestMailResult,
} from '../../shared/schemas/mail';
import { AppError } from '../../shared/errors';
import { defineHandler } from '../api/define-handler';
import { saveWithSecrets, SMTP_PASSWORD_ENV } from './secret-store';
import { generateDkimKey } from './dkim';
import { checkTrustedCa } from './tls/certificate-trust';
import { loadSmtpSettings, saveSmtpSettings } from './smtp-settings-repo';
import {
  mapSecrets,
  missingSecrets,
  passwordFromEnv,
  requireSmtpConfig,
  smtpConfigFromForm,
  smtpSettingsView,
  type SmtpConfig,
} from './smtp-config';

function testMail(config: SmtpConfig, to: string) {
  const how = `${config.host}:${config.port}, TLS mode ${TLS_MODE_LABELS[config.tlsMode]}`;
  const domain = config.fromAddress.slice(config.fromAddress.lastIndexOf('@') + 1);
  return {
    to,
    messageId: `<lowbal.test.${randomUUID()}@${domain}>`,
    subject: 'Lowbal test e-mail',
    text: `This is a test e-mail from Lowbal.\n\nIf you can read it, e-mail works with these settings: ${how}.\n`,
    html: `<p>This is a test e-mail from Lowbal.</p><p>If you can read it, e-mail works with these settings.</p>`,
  };
}

export const mailHandlers = {
  /** The SMTP settings without the password (only whether one is stored). */
  'mail.getSettings': defineHandler(z.object({}).optional(), { reads: true }, async (_input, ctx) =>
    smtpSettingsView(await loadSmtpSettings(ctx.db), ctx),
  ),

  /** Saves the settings; a blank password keeps the stored one. */
  'mail.saveSettings': defineHandler(
    smtpSettingsInputSchema,
    { writes: true, emits: ['engine.changed'] },
    async (input, ctx) => {
      checkTrustedCa(input.trustedCaPem, 'trustedCaPem');
      const stored = await loadSmtpSettings(ctx.db);
      const { password, oauthRefreshToken, googleServiceAccountKey, ...settings } = input;
      if (password !== '' && passwordFromEnv(ctx, settings.authMethod)) {
        throw AppError.field(
          'password',
          `The password comes from the environment variable ${SMTP_PASSWORD_ENV}; change it there`,
        );
      }
      const missing = missingSecrets(input, stored ?? {});
      if (missing.length > 0) throw AppError.validation(missing);
      const typed = { password, oauthRefreshToken, googleServiceAccountKey };
      const saved = await saveWithSecrets(
        ctx,
        mapSecrets((field, key) => ({ previous: stored?.[key] ?? null, typed: typed[field] })),
        async (secrets) => {
          const dkimKey = {
            dkimKeySecret: stored?.dkimKeySecret ?? null,
            dkimPublicKey: stored?.dkimPublicKey ?? '',
          };
          const next = { ...settings, ...secrets, ...dkimKey };
          await saveSmtpSettings(ctx.db, next, ctx.now());
          return next;
        },
      );
      ctx.log.info('e-mail settings saved', {
        host: settings.host,
        port: settings.port,
        tls: settings.tlsMode,
      });
      ctx.events.emit('engine.changed', {});
      return smtpSettingsView(saved, ctx);
    },
  ),

  /**
   * Generates a new DKIM key (RSA 2048) for the saved settings: the private key goes to the secret
   * store (replacing, and removing, the one before); the view then shows the TXT record to publish.
   */
  'mail.generateDkimKey': defineHandler(
    z.object({}).optional(),
    { writes: true, emits: ['engine.changed'] },
    async (_input, ctx) => {
      const stored = await loadSmtpSettings(ctx.db);
      if (!stored)
        throw new AppError('unavailable', 'Save the e-mail settings first, then generate the DKIM key');
      const { privateKey, publicKey } = generateDkimKey();
      const saved = await saveWithSecrets(
        ctx,
        { dkimKeySecret: { previous: stored.dkimKeySecret, typed: privateKey } },
        async (secrets) => {
          const next = { ...stored, ...secrets, dkimPublicKey: publicKey };
          await saveSmtpSettings(ctx.db, next, ctx.now());
          return next;
        },
      );
      ctx.log.info('DKIM key generated', { domain: stored.dkimDomain, selector: stored.dkimSelector });
      ctx.events.emit('engine.changed', {});
      return smtpSettingsView(saved, ctx);
    },
  ),

  /** Sends a test e-mail (with the form's values when given) and reports what the server answered. */
  'mail.sendTest': defineHandler(
    sendTestMailSchema,
    { reads: true },
    async ({ to, settings }, ctx): Promise<SendTestMailResult> => {
      const config = settings ? await smtpConfigFromForm(ctx, settings) : await requireSmtpConfig(ctx);
      // Loaded when first used: the CLI and a reader that never sends start without nodemailer.
      const { runSendTest } = await import('./smtp-send-test');
      return runSendTest(config, testMail(config, to), ctx.outbox.tuning.smtpTimeouts);
    },
  ),
};
