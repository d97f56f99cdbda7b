import {
  AUTH_METHOD_LABELS,
  GOOGLE_TOKEN_URL,
  MICROSOFT_AUTHORITY_URL,
  type AuthMethod,
  type GoogleCredential,
  type SmtpSettingsData,
  type SmtpSettingsView,
  type TlsMode,
} from '../../shared/schemas/mail';
import { AppError, type FieldIssue } from '../../shared/errors';
import type { CoreContext } from '../context';
import { dkimRecord, type DkimSigning } from './dkim';
import { SMTP_PASSWORD_ENV, SMTP_PASSWORD_FROM_ENV } from './secret-store';
import { loadSmtpSettings, type StoredSmtpSettings } from './smtp-settings-repo';
import { checkTrustedCa } from './tls/certificate-trust';

/** Everything needed to send, secrets included. Lives only inside the core. */
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
  googleCredential: GoogleCredential;
  oauthRefreshToken: string;
  googleServiceAccountKey: string;
  oauthTokenUrl: string;
  fromName: string;
  fromAddress: string;
  /** Messages per minute; 0 = no limit. */
  rateLimit: number;
  trustedCaPem: string;
  trustedFingerprint: string;
  dkimDomain: string;
  dkimSelector: string;
  /** Outgoing mail is signed with this, when a domain, a selector and a generated key are saved. */
  dkim: DkimSigning | null;
}

/** Each secret of the form (the field it is typed in) and where its stored value is kept. */
export const SMTP_SECRETS = {
  password: 'passwordSecret',
  oauthRefreshToken: 'refreshTokenSecret',
  googleServiceAccountKey: 'serviceAccountKeySecret',
} as const satisfies Record<string, keyof StoredSmtpSettings>;
export type SmtpSecretField = keyof typeof SMTP_SECRETS;

type StoredSecretKey = (typeof SMTP_SECRETS)[SmtpSecretField];

/** One entry per secret, keyed by where it is stored. */
export function mapSecrets<T>(
  each: (field: SmtpSecretField, key: StoredSecretKey) => T,
): Record<StoredSecretKey, T> {
  return Object.fromEntries(
    Object.entries(SMTP_SECRETS).map(([field, key]) => [key, each(field as SmtpSecretField, key)]),
  ) as Record<StoredSecretKey, T>;
}

type SignIn = Pick<SmtpSettingsData, 'authMethod' | 'googleCredential' | 'user'>;

/** The secrets the settings' authentication signs in with. */
export function secretsNeeded({ authMethod, googleCredential, user }: SignIn): SmtpSecretField[] {
  switch (authMethod) {
    case 'password':
      return user === '' ? [] : ['password'];
    case 'oauth2-microsoft':
      return ['password'];
    case 'oauth2-google':
      return googleCredential === 'refresh-token'
        ? ['password', 'oauthRefreshToken']
        : ['googleServiceAccountKey'];
  }
}

/** A secret's name as the form labels it, for messages. */
export function secretLabel(field: SmtpSecretField, authMethod: AuthMethod): string {
  if (field === 'password') return authMethod === 'password' ? 'password' : 'client secret';
  return field === 'oauthRefreshToken' ? 'refresh token' : 'service account key';
}

/** OAuth2's secrets that the form leaves blank and nothing saved provides, each named at its field. */
export function missingSecrets(
  form: SignIn & Record<SmtpSecretField, string>,
  stored: Partial<Record<StoredSecretKey, string | null>>,
): FieldIssue[] {
  if (form.authMethod === 'password') return [];
  return secretsNeeded(form)
    .filter((field) => form[field] === '' && !stored[SMTP_SECRETS[field]])
    .map((field) => {
      const label = secretLabel(field, form.authMethod);
      return {
        path: field,
        message: `${label[0].toUpperCase()}${label.slice(1)} is required for ${AUTH_METHOD_LABELS[form.authMethod]}`,
      };
    });
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
    googleCredential: stored?.googleCredential ?? 'refresh-token',
    hasRefreshToken: Boolean(stored?.refreshTokenSecret),
    hasServiceAccountKey: Boolean(stored?.serviceAccountKeySecret),
    oauthTokenUrl: stored?.oauthTokenUrl ?? GOOGLE_TOKEN_URL,
    dkimDomain: stored?.dkimDomain ?? '',
    dkimSelector: stored?.dkimSelector ?? '',
    dkimRecord: stored ? dkimRecord(stored) : null,
  };
}

/** The saved DKIM key for this domain and selector (the form's, when testing), or null. */
async function dkimSigning(
  ctx: CoreContext,
  saved: StoredSmtpSettings | undefined,
  { dkimDomain, dkimSelector }: Pick<SmtpSettingsData, 'dkimDomain' | 'dkimSelector'>,
): Promise<DkimSigning | null> {
  if (!saved?.dkimKeySecret || !dkimDomain || !dkimSelector) return null;
  return {
    domainName: dkimDomain,
    keySelector: dkimSelector,
    privateKey: await ctx.secrets.decrypt(saved.dkimKeySecret),
  };
}

/** The saved secrets the saved authentication signs in with (the others stay blank: they are not read). */
async function storedSecrets(
  ctx: CoreContext,
  saved: StoredSmtpSettings,
): Promise<Record<SmtpSecretField, string>> {
  const plain: Record<SmtpSecretField, string> = {
    password: '',
    oauthRefreshToken: '',
    googleServiceAccountKey: '',
  };
  for (const field of secretsNeeded(saved)) {
    const stored = saved[SMTP_SECRETS[field]];
    if (field === 'password' && passwordFromEnv(ctx, saved.authMethod))
      plain.password = await ctx.secrets.decrypt(SMTP_PASSWORD_FROM_ENV);
    else if (stored) plain[field] = await ctx.secrets.decrypt(stored);
  }
  return plain;
}

function withoutSecrets(stored: StoredSmtpSettings) {
  const {
    passwordSecret: _password,
    refreshTokenSecret: _refreshToken,
    serviceAccountKeySecret: _key,
    dkimKeySecret: _dkimKey,
    dkimPublicKey: _dkimPublicKey,
    ...rest
  } = stored;
  return rest;
}

/** The saved settings with their secrets, or null while SMTP is not set up. */
export async function loadSmtpConfig(ctx: CoreContext): Promise<SmtpConfig | null> {
  const stored = await loadSmtpSettings(ctx.db);
  if (!stored) return null;
  return {
    ...withoutSecrets(stored),
    ...(await storedSecrets(ctx, stored)),
    dkim: await dkimSigning(ctx, stored, stored),
  };
}

function sameAccount(saved: StoredSmtpSettings, form: SmtpSettingsData): boolean {
  return (
    saved.host.toLowerCase() === form.host.toLowerCase() &&
    saved.port === form.port &&
    saved.user === form.user &&
    saved.authMethod === form.authMethod &&
    saved.oauthTenantId === form.oauthTenantId &&
    saved.oauthClientId === form.oauthClientId &&
    saved.oauthAuthorityUrl === form.oauthAuthorityUrl &&
    saved.googleCredential === form.googleCredential &&
    saved.oauthTokenUrl === form.oauthTokenUrl
  );
}

/**
 * The form's values for `Send test e-mail`. A blank secret means the saved
 * one, but only for the saved server and user (host, port and user all equal,
 * and with OAuth2 the same authority or token URL, tenant and client): a
 * stored secret is never sent anywhere else. A password never travels over a
 * plain connection (TLS mode None) unless the saved settings for that very
 * server say so.
 */
export async function smtpConfigFromForm(ctx: CoreContext, form: SmtpSettingsData): Promise<SmtpConfig> {
  checkTrustedCa(form.trustedCaPem, 'settings.trustedCaPem');
  const saved = await loadSmtpSettings(ctx.db);
  const dkim = await dkimSigning(ctx, saved, form);
  if (form.user === '') return { ...form, password: '', dkim };
  const savedAccount = saved !== undefined && sameAccount(saved, form);
  if (form.tlsMode === 'none' && !(savedAccount && saved.tlsMode === 'none')) {
    throw AppError.field(
      'settings.tlsMode',
      'With TLS mode None the password would travel unencrypted: choose STARTTLS or TLS ' +
        '(or save these settings first if this server really has no TLS)',
    );
  }
  const blank = secretsNeeded(form).filter((field) => form[field] === '');
  if (blank.length === 0) return { ...form, dkim };
  if (!savedAccount) {
    throw AppError.validation(
      blank.map((field) => {
        const label = secretLabel(field, form.authMethod);
        return {
          path: `settings.${field}`,
          message: `Type the ${label} to test this server and user: the saved ${label} is only sent to the saved host, port and user`,
        };
      }),
    );
  }
  const secrets = await storedSecrets(ctx, saved);
  return { ...form, ...Object.fromEntries(blank.map((field) => [field, secrets[field]])), dkim };
}

export async function requireSmtpConfig(ctx: CoreContext): Promise<SmtpConfig> {
  const config = await loadSmtpConfig(ctx);
  if (!config) throw new AppError('unavailable', 'E-mail is not set up yet: fill in Settings → E-mail first');
  return config;
}
