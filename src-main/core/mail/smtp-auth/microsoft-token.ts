import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import type { SmtpConfig } from '../smtp-config';

/** Exchange Online's SMTP scope for an app (client credentials): the app's SMTP.SendAsApp permission. */
const SMTP_SCOPE = 'https://outlook.office365.com/.default';

/** Gives an access token; `renew` asks for a fresh one (the server refused the last). */
export type TokenSource = (renew: boolean) => Promise<string>;

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
      throw Object.assign(
        new Error(
          `Microsoft sign-in failed: ${errorCode ?? 'error'}${errorMessage ? ` (${errorMessage.split('\n')[0]})` : ''}`,
        ),
        { code: 'ETOKEN' },
      );
    }
    if (!result?.accessToken)
      throw Object.assign(new Error('Microsoft sign-in gave no access token'), { code: 'ETOKEN' });
    return result.accessToken;
  };
}

/** The SASL XOAUTH2 initial response (RFC 7628 style, as Microsoft and Google document it). */
export function xoauth2Response(user: string, accessToken: string): string {
  return Buffer.from(`user=${user}\x01auth=Bearer ${accessToken}\x01\x01`, 'utf8').toString('base64');
}
