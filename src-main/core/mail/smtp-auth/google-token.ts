import { JWT, OAuth2Client } from 'google-auth-library';
import { GOOGLE_TOKEN_URL, googleServiceAccountKeySchema } from '../../../shared/schemas/mail';
import type { SmtpConfig } from '../smtp-config';
import { signInError, type TokenSource } from './token-source';

/** Gmail's scope for SMTP (IMAP and SMTP share it): what a service account's delegation must grant. */
export const GMAIL_SCOPE = 'https://mail.google.com/';

/** Google's answer to a refused token request, in words: its error code and description, never the request. */
function googleSignInError(error: unknown): Error {
  const { response, message } = error as { response?: { data?: unknown }; message?: string };
  const data = (response?.data ?? {}) as { error?: unknown; error_description?: unknown };
  const code = typeof data.error === 'string' ? data.error : undefined;
  const description = typeof data.error_description === 'string' ? data.error_description : undefined;
  // gtoken puts Google's answer in its message ("invalid_grant: …"); a network failure names only the cause.
  const reason = code
    ? `${code}${description ? ` (${description})` : ''}`
    : (message ?? 'error').split('\n')[0];
  return signInError(`Google sign-in failed: ${reason}`);
}

function refreshTokenClient(config: SmtpConfig): OAuth2Client {
  const client = new OAuth2Client({
    clientId: config.oauthClientId,
    clientSecret: config.password,
    endpoints: { oauth2TokenUrl: config.oauthTokenUrl },
  });
  client.setCredentials({ refresh_token: config.oauthRefreshToken });
  return client;
}

function serviceAccountClient(config: SmtpConfig): JWT {
  const key = googleServiceAccountKeySchema.parse(JSON.parse(config.googleServiceAccountKey));
  const client = new JWT({
    email: key.client_email,
    key: key.private_key,
    scopes: [GMAIL_SCOPE],
    // Domain-wide delegation: the service account acts as the mailbox.
    subject: config.user,
  });
  if (config.oauthTokenUrl !== GOOGLE_TOKEN_URL) {
    // The service-account flow (gtoken) always posts to Google's own URL: send it to the configured one.
    client.transporter.interceptors.request.add({
      resolved: async (request) =>
        String(request.url) === GOOGLE_TOKEN_URL
          ? { ...request, url: new URL(config.oauthTokenUrl) }
          : request,
    });
  }
  return client;
}

/**
 * Google tokens through google-auth-library: from a signed-in account's
 * refresh token (the OAuth client's id and secret), or a service account with
 * domain-wide delegation acting as the mailbox. The library keeps each token
 * and fetches a new one five minutes before it expires; after a refusal a new
 * client asks afresh.
 */
export function googleTokenSource(config: SmtpConfig): TokenSource {
  const newClient = () =>
    config.googleCredential === 'service-account' ? serviceAccountClient(config) : refreshTokenClient(config);
  let client: OAuth2Client | null = null;
  return async (renew) => {
    let token: string | null | undefined;
    try {
      if (!client || renew) client = newClient();
      ({ token } = await client.getAccessToken());
    } catch (error) {
      client = null;
      throw googleSignInError(error);
    }
    if (!token) throw signInError('Google sign-in gave no access token');
    return token;
  };
}
