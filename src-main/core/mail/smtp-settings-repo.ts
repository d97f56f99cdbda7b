import type { Knex } from 'knex';
import { z } from 'zod';
import {
  AUTH_METHODS,
  GOOGLE_CREDENTIALS,
  GOOGLE_TOKEN_URL,
  MICROSOFT_AUTHORITY_URL,
  TLS_MODES,
} from '../../shared/schemas/mail';
import { readSetting, writeSetting } from '../settings/settings-repo';

const SMTP_KEY = 'smtp';

/** The `smtp` setting as stored: each secret (password or client secret, refresh token, key) only as the secret store's value. */
const storedSmtpSettingsSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  tlsMode: z.enum(TLS_MODES),
  user: z.string(),
  fromName: z.string(),
  fromAddress: z.string(),
  rateLimit: z.number().int().min(0),
  passwordSecret: z.string().nullable(),
  // Settings saved before certificate trust existed have neither.
  trustedCaPem: z.string().default(''),
  trustedFingerprint: z.string().default(''),
  authMethod: z.enum(AUTH_METHODS).default('password'),
  oauthTenantId: z.string().default(''),
  oauthClientId: z.string().default(''),
  oauthAuthorityUrl: z.string().default(MICROSOFT_AUTHORITY_URL),
  googleCredential: z.enum(GOOGLE_CREDENTIALS).default('refresh-token'),
  refreshTokenSecret: z.string().nullable().default(null),
  serviceAccountKeySecret: z.string().nullable().default(null),
  oauthTokenUrl: z.string().default(GOOGLE_TOKEN_URL),
  dkimDomain: z.string().default(''),
  dkimSelector: z.string().default(''),
  /** The generated DKIM key: the private key as the secret store's value, the public one (base64 DER) as it is. */
  dkimKeySecret: z.string().nullable().default(null),
  dkimPublicKey: z.string().default(''),
});
export type StoredSmtpSettings = z.output<typeof storedSmtpSettingsSchema>;

export function loadSmtpSettings(db: Knex): Promise<StoredSmtpSettings | undefined> {
  return readSetting(db, SMTP_KEY, storedSmtpSettingsSchema);
}

export function saveSmtpSettings(db: Knex, settings: StoredSmtpSettings, now: number): Promise<void> {
  return writeSetting(db, SMTP_KEY, settings, now);
}
