import type { SmtpSettingsData, SmtpSettingsView, TlsMode } from '../../shared/schemas/mail';
import { AppError } from '../../shared/errors';
import type { CoreContext } from '../context';
import { loadSmtpSettings, type StoredSmtpSettings } from './smtp-settings-repo';

/** Everything needed to send, password included. Lives only inside the core. */
export interface SmtpConfig {
  host: string;
  port: number;
  tlsMode: TlsMode;
  user: string;
  password: string;
  fromName: string;
  fromAddress: string;
  /** Messages per minute; 0 = no limit. */
  rateLimit: number;
}

export function smtpSettingsView(stored: StoredSmtpSettings | undefined, ctx: CoreContext): SmtpSettingsView {
  return {
    configured: stored !== undefined,
    host: stored?.host ?? '',
    port: stored?.port ?? 587,
    tlsMode: stored?.tlsMode ?? 'starttls',
    user: stored?.user ?? '',
    hasPassword: Boolean(ctx.secrets.external) || Boolean(stored?.passwordSecret),
    passwordStorage: ctx.secrets.description,
    fromName: stored?.fromName ?? 'Lowbal',
    fromAddress: stored?.fromAddress ?? '',
    rateLimit: stored?.rateLimit ?? 0,
  };
}

async function storedPassword(ctx: CoreContext, passwordSecret: string | null): Promise<string> {
  if (ctx.secrets.external) return ctx.secrets.decrypt('');
  return passwordSecret ? ctx.secrets.decrypt(passwordSecret) : '';
}

/** The saved settings with their password, or null while SMTP is not set up. */
export async function loadSmtpConfig(ctx: CoreContext): Promise<SmtpConfig | null> {
  const stored = await loadSmtpSettings(ctx.db);
  if (!stored) return null;
  const { passwordSecret, ...rest } = stored;
  return { ...rest, password: await storedPassword(ctx, passwordSecret) };
}

/** The form's values; a blank password means the saved one. */
export async function smtpConfigFromForm(ctx: CoreContext, form: SmtpSettingsData): Promise<SmtpConfig> {
  if (form.password !== '') return { ...form };
  const stored = await loadSmtpSettings(ctx.db);
  return { ...form, password: await storedPassword(ctx, stored?.passwordSecret ?? null) };
}

export async function requireSmtpConfig(ctx: CoreContext): Promise<SmtpConfig> {
  const config = await loadSmtpConfig(ctx);
  if (!config) throw new AppError('unavailable', 'E-mail is not set up yet: fill in Settings → E-mail first');
  return config;
}
