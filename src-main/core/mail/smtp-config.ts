import {
  MICROSOFT_AUTHORITY_URL,
  type AuthMethod,
  type SmtpSettingsData,
  type SmtpSettingsView,
  type TlsMode,
} from '../../shared/schemas/mail';
import { AppError } from '../../shared/errors';
import type { CoreContext } from '../context';
import { SMTP_PASSWORD_ENV, SMTP_PASSWORD_FROM_ENV } from './secret-store';
import { loadSmtpSettings, type StoredSmtpSettings } from './smtp-settings-repo';
import { checkTrustedCa } from './tls/certificate-trust';

/** Everything needed to send, password included. Lives only inside the core. */
export interface SmtpConfig {
  host: string;
  port: number;
  tlsMode: TlsMode;
  user: string;
  /** The password, or with OAuth2 the app's client secret. */
  password: string;
  authMethod: AuthMethod;
  oauthTenantId: string;
  oauthClientId: string;
  oauthAuthorityUrl: string;
  fromName: string;
  fromAddress: string;
  /** Messages per minute; 0 = no limit. */
  rateLimit: number;
  trustedCaPem: string;
  trustedFingerprint: string;
}

/** `LOWBAL_SMTP_PASSWORD` stands for the password with password authentication, never for other secrets. */
export function passwordFromEnv(ctx: CoreContext, authMethod: AuthMethod): boolean {
  return Boolean(ctx.secrets.external) && authMethod === 'password';
}

export function smtpSettingsView(stored: StoredSmtpSettings | undefined, ctx: CoreContext): SmtpSettingsView {
  const fromEnv = passwordFromEnv(ctx, stored?.authMethod ?? 'password');
  return {
    configured: stored !== undefined,
    host: stored?.host ?? '',
    port: stored?.port ?? 587,
    tlsMode: stored?.tlsMode ?? 'starttls',
    user: stored?.user ?? '',
    hasPassword: fromEnv || Boolean(stored?.passwordSecret),
    passwordStorage: fromEnv ? `the environment variable ${SMTP_PASSWORD_ENV}` : ctx.secrets.description,
    fromName: stored?.fromName ?? 'Lowbal',
    fromAddress: stored?.fromAddress ?? '',
    rateLimit: stored?.rateLimit ?? 0,
    trustedCaPem: stored?.trustedCaPem ?? '',
    trustedFingerprint: stored?.trustedFingerprint ?? '',
    authMethod: stored?.authMethod ?? 'password',
    oauthTenantId: stored?.oauthTenantId ?? '',
    oauthClientId: stored?.oauthClientId ?? '',
    oauthAuthorityUrl: stored?.oauthAuthorityUrl ?? MICROSOFT_AUTHORITY_URL,
  };
}

async function storedPassword(
  ctx: CoreContext,
  { passwordSecret, authMethod }: Pick<StoredSmtpSettings, 'passwordSecret' | 'authMethod'>,
): Promise<string> {
  if (passwordFromEnv(ctx, authMethod)) return ctx.secrets.decrypt(SMTP_PASSWORD_FROM_ENV);
  return passwordSecret ? ctx.secrets.decrypt(passwordSecret) : '';
}

/** The saved settings with their password, or null while SMTP is not set up. */
export async function loadSmtpConfig(ctx: CoreContext): Promise<SmtpConfig | null> {
  const stored = await loadSmtpSettings(ctx.db);
  if (!stored) return null;
  const { passwordSecret: _stored, ...rest } = stored;
  return { ...rest, password: await storedPassword(ctx, stored) };
}

function sameAccount(saved: StoredSmtpSettings, form: SmtpSettingsData): boolean {
  return (
    saved.host.toLowerCase() === form.host.toLowerCase() &&
    saved.port === form.port &&
    saved.user === form.user &&
    saved.authMethod === form.authMethod &&
    saved.oauthTenantId === form.oauthTenantId &&
    saved.oauthClientId === form.oauthClientId &&
    saved.oauthAuthorityUrl === form.oauthAuthorityUrl
  );
}

/**
 * The form's values for `Send test e-mail`. A blank password means the saved
 * one, but only for the saved server and user (host, port and user all equal,
 * and with OAuth2 the same authority, tenant and client): the stored password
 * or client secret is never sent anywhere else. A password never travels
 * over a plain connection (TLS mode None) unless the saved settings for that
 * very server say so.
 */
export async function smtpConfigFromForm(ctx: CoreContext, form: SmtpSettingsData): Promise<SmtpConfig> {
  checkTrustedCa(form.trustedCaPem, 'settings.trustedCaPem');
  if (form.user === '') return { ...form, password: '' };
  const saved = await loadSmtpSettings(ctx.db);
  const savedAccount = saved !== undefined && sameAccount(saved, form);
  if (form.tlsMode === 'none' && !(savedAccount && saved.tlsMode === 'none')) {
    throw AppError.field(
      'settings.tlsMode',
      'With TLS mode None the password would travel unencrypted: choose STARTTLS or TLS ' +
        '(or save these settings first if this server really has no TLS)',
    );
  }
  if (form.password !== '') return { ...form };
  if (!savedAccount) {
    throw AppError.field(
      'settings.password',
      'Type the password to test this server and user: the saved password is only sent to the saved host, port and user',
    );
  }
  return { ...form, password: await storedPassword(ctx, saved) };
}

export async function requireSmtpConfig(ctx: CoreContext): Promise<SmtpConfig> {
  const config = await loadSmtpConfig(ctx);
  if (!config) throw new AppError('unavailable', 'E-mail is not set up yet: fill in Settings → E-mail first');
  return config;
}
