import type { AuthMethod, TlsMode } from './schemas/mail';

/** A mail service's usual SMTP settings and a line of help, which the e-mail settings form fills in. */
export interface MailPreset {
  id: string;
  label: string;
  host: string;
  port: number;
  tlsMode: TlsMode;
  authMethod: AuthMethod;
  /** Filled into User when the service has a fixed one (e.g. SendGrid's `apikey`); otherwise left as it is. */
  user?: string;
  help: string;
}

export const MAIL_PRESETS: readonly MailPreset[] = [
  {
    id: 'microsoft365',
    label: 'Microsoft 365',
    host: 'smtp.office365.com',
    port: 587,
    tlsMode: 'starttls',
    authMethod: 'oauth2-microsoft',
    help:
      'Exchange Online: SMTP AUTH must be allowed for the mailbox; OAuth2 with an app registration (tenant ' +
      'ID, client ID, client secret; see the README), as Microsoft is switching off passwords for SMTP.',
  },
  {
    id: 'google',
    label: 'Google Workspace / Gmail',
    host: 'smtp.gmail.com',
    port: 587,
    tlsMode: 'starttls',
    authMethod: 'password',
    help:
      'User is the full address; the password is an app password (needs 2-Step Verification), or choose ' +
      'OAuth2 (Google) with a refresh token or a Workspace service account (see the README).',
  },
  {
    id: 'ses',
    label: 'Amazon SES',
    host: 'email-smtp.us-east-1.amazonaws.com',
    port: 587,
    tlsMode: 'starttls',
    authMethod: 'password',
    help:
      'Put your region in the host (email-smtp.<region>.amazonaws.com). User and password are SMTP ' +
      'credentials made in the SES console, not your AWS access keys; the From domain must be verified.',
  },
  {
    id: 'sendgrid',
    label: 'SendGrid',
    host: 'smtp.sendgrid.net',
    port: 587,
    tlsMode: 'starttls',
    authMethod: 'password',
    user: 'apikey',
    help: 'User is literally "apikey"; the password is an API key with Mail Send permission.',
  },
  {
    id: 'mailgun',
    label: 'Mailgun',
    host: 'smtp.mailgun.org',
    port: 587,
    tlsMode: 'starttls',
    authMethod: 'password',
    help:
      "User and password are your sending domain's SMTP credentials (Domain settings → SMTP credentials); " +
      'for an EU domain use smtp.eu.mailgun.org.',
  },
  {
    id: 'postmark',
    label: 'Postmark',
    host: 'smtp.postmarkapp.com',
    port: 587,
    tlsMode: 'starttls',
    authMethod: 'password',
    help: 'User and password are both the Server API token; the From address must be a confirmed sender signature.',
  },
  {
    id: 'own',
    label: 'Your own server',
    host: '',
    port: 587,
    tlsMode: 'starttls',
    authMethod: 'password',
    help:
      'Postfix, Exim and the like: usually port 587 with STARTTLS (465 with TLS). For a self-signed or ' +
      'private-CA certificate, use Certificate trust below.',
  },
];
