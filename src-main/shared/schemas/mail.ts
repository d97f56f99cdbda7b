import { z } from 'zod';
import { hasControlCharacters } from '../header-text';
import { RULE_KIND_LABELS, RULE_KINDS } from '../rule-kinds';
import { TEMPLATE_KINDS, type TemplateKind } from '../template-kinds';
import { email, integer } from './common';

export const TLS_MODES = ['none', 'starttls', 'tls'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

export const TLS_MODE_LABELS: Record<TlsMode, string> = {
  none: 'None (plain SMTP)',
  starttls: 'STARTTLS',
  tls: 'TLS (implicit, usually port 465)',
};

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const DNS_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const SHA256_FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

export const AUTH_METHODS = ['password', 'oauth2-microsoft', 'oauth2-google'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export const AUTH_METHOD_LABELS: Record<AuthMethod, string> = {
  password: 'Password',
  'oauth2-microsoft': 'OAuth2 (Microsoft 365)',
  'oauth2-google': 'OAuth2 (Google)',
};

export const MICROSOFT_AUTHORITY_URL = 'https://login.microsoftonline.com';

/** How Lowbal signs in to Google: a signed-in account's refresh token, or a service account acting for the mailbox. */
export const GOOGLE_CREDENTIALS = ['refresh-token', 'service-account'] as const;
export type GoogleCredential = (typeof GOOGLE_CREDENTIALS)[number];

export const GOOGLE_CREDENTIAL_LABELS: Record<GoogleCredential, string> = {
  'refresh-token': 'Refresh token',
  'service-account': 'Service account (domain-wide delegation)',
};

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** A service account's JSON key as Google's console downloads it: the parts Lowbal signs with. */
export const googleServiceAccountKeySchema = z.object({
  client_email: z.string().min(1),
  private_key: z.string().includes('PRIVATE KEY'),
});

function isServiceAccountKey(text: string): boolean {
  try {
    return googleServiceAccountKeySchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

/** A one-line text field that may be empty. */
const headerSafeText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` })
    .refine((text) => !hasControlCharacters(text), {
      error: `${label} must be a single line without control characters`,
    });

/**
 * The SMTP settings form. The password is optional: left blank, the stored one
 * is kept (the core never sends it back to the form).
 */
export const smtpSettingsInputSchema = z
  .object({
    host: headerSafeText('Host', 253).refine((host) => host !== '', { error: 'Host is required' }),
    port: integer('Port', 1, 65_535),
    tlsMode: z.enum(TLS_MODES, { error: 'TLS mode must be None, STARTTLS or TLS' }),
    user: headerSafeText('User', 200).default(''),
    password: z.string().max(1000, { error: 'Password must be at most 1000 characters' }).default(''),
    fromName: headerSafeText('From name', 200).default(''),
    fromAddress: email('From address'),
    /** Messages per minute; 0 = no limit. */
    rateLimit: integer('Rate limit', 0, 100_000).default(0),
    /** A CA certificate (PEM) trusted besides the system's, for a server with a private CA. */
    trustedCaPem: z
      .string({ error: 'Trusted CA certificate must be text' })
      .trim()
      .max(100_000, { error: 'Trusted CA certificate must be at most 100000 characters' })
      .refine((pem) => pem === '' || pem.includes('-----BEGIN CERTIFICATE-----'), {
        error: 'Trusted CA certificate must be a PEM certificate (-----BEGIN CERTIFICATE-----)',
      })
      .default(''),
    /** Exactly this server certificate is trusted (its SHA-256 fingerprint), even if it does not verify. */
    trustedFingerprint: z
      .string({ error: 'Trusted fingerprint must be text' })
      .trim()
      .transform((text) => text.toUpperCase())
      .refine((text) => text === '' || SHA256_FINGERPRINT.test(text), {
        error: 'Trusted fingerprint must be a SHA-256 fingerprint (32 hex pairs separated by colons)',
      })
      .default(''),
    authMethod: z
      .enum(AUTH_METHODS, {
        error: 'Authentication must be Password, OAuth2 (Microsoft 365) or OAuth2 (Google)',
      })
      .default('password'),
    /** Microsoft 365: the directory (tenant) id and the app registration's client id; the client secret is `password`. */
    oauthTenantId: headerSafeText('Tenant ID', 200).default(''),
    oauthClientId: headerSafeText('Client ID', 200).default(''),
    oauthAuthorityUrl: z
      .url({ protocol: /^https$/, error: 'Authority URL must be an https:// URL' })
      .default(MICROSOFT_AUTHORITY_URL),
    googleCredential: z
      .enum(GOOGLE_CREDENTIALS, { error: 'Google credential must be Refresh token or Service account' })
      .default('refresh-token'),
    /** Google: the signed-in account's refresh token; blank keeps the stored one. */
    oauthRefreshToken: z
      .string({ error: 'Refresh token must be text' })
      .trim()
      .max(4000, { error: 'Refresh token must be at most 4000 characters' })
      .default(''),
    /** Google: the service account's JSON key; blank keeps the stored one. */
    googleServiceAccountKey: z
      .string({ error: 'Service account key must be text' })
      .trim()
      .max(20_000, { error: 'Service account key must be at most 20000 characters' })
      .refine((text) => text === '' || isServiceAccountKey(text), {
        error:
          "Service account key must be the service account's JSON key (with client_email and private_key)",
      })
      .default(''),
    oauthTokenUrl: z
      .url({ protocol: /^https$/, error: 'Token URL must be an https:// URL' })
      .default(GOOGLE_TOKEN_URL),
    /** DKIM: the signing domain (d=) and selector (s=); the key is generated in the app (`mail.generateDkimKey`). */
    dkimDomain: headerSafeText('DKIM domain', 253)
      .transform((domain) => domain.toLowerCase())
      .refine((domain) => domain === '' || DNS_NAME.test(domain), {
        error: 'DKIM domain must be a domain name, e.g. example.com',
      })
      .default(''),
    dkimSelector: headerSafeText('DKIM selector', 63)
      .refine((selector) => selector === '' || DNS_LABEL.test(selector), {
        error: 'DKIM selector must be letters, digits and hyphens, e.g. lowbal1',
      })
      .default(''),
  })
  .superRefine((settings, issues) => {
    const method = AUTH_METHOD_LABELS[settings.authMethod];
    const required: [keyof typeof settings, string][] = [];
    if (settings.authMethod !== 'password')
      required.push(['user', `User (the mailbox address) is required for ${method}`]);
    if (settings.authMethod === 'oauth2-microsoft')
      required.push(['oauthTenantId', `Tenant ID is required for ${method}`]);
    if (
      settings.authMethod === 'oauth2-microsoft' ||
      (settings.authMethod === 'oauth2-google' && settings.googleCredential === 'refresh-token')
    )
      required.push(['oauthClientId', `Client ID is required for ${method}`]);
    if (settings.dkimDomain !== '' || settings.dkimSelector !== '') {
      required.push(['dkimDomain', 'DKIM domain is required with a DKIM selector']);
      required.push(['dkimSelector', 'DKIM selector is required with a DKIM domain']);
    }
    for (const [field, message] of required) {
      if (settings[field] === '') issues.addIssue({ code: 'custom', path: [field], message });
    }
  });
export type SmtpSettingsInput = z.input<typeof smtpSettingsInputSchema>;
export type SmtpSettingsData = z.output<typeof smtpSettingsInputSchema>;

/** What the settings form shows: everything but the secrets (only whether each is saved). */
export interface SmtpSettingsView {
  configured: boolean;
  host: string;
  port: number;
  tlsMode: TlsMode;
  user: string;
  hasPassword: boolean;
  /** Where the password is kept, e.g. "the system keychain (safeStorage)". */
  passwordStorage: string;
  fromName: string;
  fromAddress: string;
  rateLimit: number;
  trustedCaPem: string;
  trustedFingerprint: string;
  authMethod: AuthMethod;
  oauthTenantId: string;
  oauthClientId: string;
  oauthAuthorityUrl: string;
  googleCredential: GoogleCredential;
  hasRefreshToken: boolean;
  hasServiceAccountKey: boolean;
  oauthTokenUrl: string;
  dkimDomain: string;
  dkimSelector: string;
  /** The DNS TXT record to publish for the generated DKIM key (public), or null before one is generated. */
  dkimRecord: DkimRecordView | null;
}

export interface DkimRecordView {
  /** `<selector>._domainkey.<domain>` */
  name: string;
  /** `v=DKIM1; k=rsa; p=…` */
  value: string;
}

export const sendTestMailSchema = z.object({
  to: email('To'),
  /** The form's current values; when absent the saved settings are used. */
  settings: smtpSettingsInputSchema.optional(),
});

/** The steps of `Send test e-mail`, in order. */
export const SEND_TEST_STAGES = ['connect', 'tls', 'auth', 'sender', 'recipient', 'data'] as const;
export type SendTestStage = (typeof SEND_TEST_STAGES)[number];

export const SEND_TEST_STAGE_LABELS: Record<SendTestStage, string> = {
  connect: 'Connect',
  tls: 'TLS',
  auth: 'Authentication',
  sender: 'Sender',
  recipient: 'Recipient',
  data: 'Data',
};

/** A server certificate as the operator checks it before trusting it. */
export interface CertificateView {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** SHA-256, colon-separated hex pairs. */
  fingerprint: string;
}

export interface SendTestStageResult {
  stage: SendTestStage;
  status: 'passed' | 'failed' | 'skipped';
  /** What happened, e.g. "TLSv1.3, subject CN=mail.example.com" or the failure. */
  detail: string;
  /** The server's reply code and text, when the server answered. */
  code?: number;
  serverText?: string;
  /** A plain next step for the failed stage. */
  hint?: string;
}

export interface SendTestMailResult {
  ok: boolean;
  stages: SendTestStageResult[];
  /** The server's last answer (accepted) or the failure's text. */
  response?: string;
  error?: string;
  messageId?: string;
  /** The certificate the server presented (refused or not), for trusting it. */
  certificate?: CertificateView;
  /** True when the certificate was refused: it can be trusted by its fingerprint or its CA. */
  certificateRefused?: boolean;
  /** The fingerprint trusted until now, when the server presents another certificate. */
  previousFingerprint?: string;
}

export { RULE_KIND_LABELS, RULE_KINDS };

const draftText = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` });

const templateText = (label: string, max: number) =>
  draftText(label, max).refine((text) => text.trim() !== '', { error: `${label} is required` });

/** Each part of a template: its label and its longest length. */
const TEMPLATE_PARTS = {
  subject: ['Subject', 1000],
  textBody: ['Text body', 100_000],
  htmlBody: ['HTML body', 200_000],
} as const;

export const templateBodySchema = z.object({
  subject: templateText(...TEMPLATE_PARTS.subject),
  textBody: templateText(...TEMPLATE_PARTS.textBody),
  htmlBody: templateText(...TEMPLATE_PARTS.htmlBody),
});
export type TemplateBody = z.output<typeof templateBodySchema>;

export const TEMPLATE_PART_NAMES = Object.keys(TEMPLATE_PARTS) as (keyof TemplateBody)[];
export const TEMPLATE_PART_LABELS = Object.fromEntries(
  TEMPLATE_PART_NAMES.map((part) => [part, TEMPLATE_PARTS[part][0]]),
) as Record<keyof TemplateBody, string>;

/** The editor's text as it stands, which may be empty or wrong: what `templates.check` reports on. */
export const templateDraftSchema = z.object({
  subject: draftText(...TEMPLATE_PARTS.subject),
  textBody: draftText(...TEMPLATE_PARTS.textBody),
  htmlBody: draftText(...TEMPLATE_PARTS.htmlBody),
});

const templateKind = z.enum(TEMPLATE_KINDS, {
  error: `Template kind must be ${TEMPLATE_KINDS.slice(0, -1).join(', ')} or ${TEMPLATE_KINDS.at(-1)}`,
});
export const templateKindSchema = z.object({ kind: templateKind });
export const templateSaveSchema = z.object({ kind: templateKind, template: templateBodySchema });
export const templateCheckSchema = z.object({ kind: templateKind, template: templateDraftSchema });
export const templatePreviewSchema = z.object({
  kind: templateKind,
  template: templateBodySchema,
  /** Render for this client (with its profile's rule of `kind`); sample values when absent. */
  clientId: z.number().int().positive().nullable().optional(),
});

export interface TemplateView extends TemplateBody {
  kind: TemplateKind;
  /** false while the shipped default is in use. */
  customized: boolean;
  updatedAt: number | null;
}

export interface TemplateVariableView {
  name: string;
  description: string;
  /** A number (comparable with `>` and usable in arithmetic filters); plain text otherwise. */
  numeric?: boolean;
}

/**
 * A mistake in a template, as the check before saving finds it (a syntax error, an unknown variable or
 * filter, a value that cannot be printed) and where the editor marks it.
 */
export interface TemplateProblem {
  field: keyof TemplateBody;
  /** 1-based, as the operator reads them. */
  line: number;
  column: number;
  /** 0-based offsets in the part's text of what is wrong (the unknown name, the unclosed tag). */
  from: number;
  to: number;
  /** The unknown variable's name, when that is the mistake. */
  variable?: string;
  /** Names the part and the line, e.g. `Subject, line 1: unknown variable "clinet"`. */
  message: string;
}

export interface TemplateCheckView {
  problems: TemplateProblem[];
}

export interface TemplatePreviewView {
  subject: string;
  textBody: string;
  htmlBody: string;
  /** What the values were taken from, e.g. "Client One with profile Prepaid standard". */
  source: string;
}
