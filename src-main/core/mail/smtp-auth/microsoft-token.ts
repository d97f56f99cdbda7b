import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import type { SmtpConfig } from '../smtp-config';
import { signInError, type TokenSource } from './token-source';

/** Exchange Online's SMTP scope for an app (client credentials): the app's SMTP.SendAsApp permission. */
const SMTP_SCOPE = 'https://outlook.office365.com/.default';

/**
 * Microsoft 365 tokens by the client-credentials flow (tenant, client id,
 * client secret) through MSAL, which caches each token and fetches a new one
 * five minutes before it expires. MSAL's own logging stays off: it could name
 * the request.
 */
export function microsoftTokenSource(config: SmtpConfig): TokenSource {
  const authority = `${config.oauthAuthorityUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.oauthTenantId)}`;
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: config.oauthClientId,
      clientSecret: config.password,
      authority,
      knownAuthorities: [new URL(config.oauthAuthorityUrl).host],
    },
    system: {
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => {} },
    },
  });
  return async (renew) => {
    let result;
    try {
      result = await app.acquireTokenByClientCredential({ scopes: [SMTP_SCOPE], skipCache: renew });
    } catch (error) {
      const { errorCode, errorMessage } = error as { errorCode?: string; errorMessage?: string };
      throw signInError(
        `Microsoft sign-in failed: ${errorCode ?? 'error'}${errorMessage ? ` (${errorMessage.split('\n')[0]})` : ''}`,
      );
    }
    if (!result?.accessToken) throw signInError('Microsoft sign-in gave no access token');
    return result.accessToken;
  };
}
