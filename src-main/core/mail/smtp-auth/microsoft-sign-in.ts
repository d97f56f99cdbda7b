import { LogLevel, PublicClientApplication, type AccountInfo } from '@azure/msal-node';
import { signInError, type TokenSource } from './token-source';

/** A delegated (signed-in user's) token for SMTP AUTH, and a refresh token to keep it (`offline_access`). */
export const DELEGATED_SMTP_SCOPES = ['https://outlook.office.com/SMTP.Send', 'offline_access'];

export interface MicrosoftApp {
  authorityUrl: string;
  tenantId: string;
  clientId: string;
}

function publicClient(app: MicrosoftApp): PublicClientApplication {
  return new PublicClientApplication({
    auth: {
      clientId: app.clientId,
      authority: `${app.authorityUrl.replace(/\/+$/, '')}/${encodeURIComponent(app.tenantId)}`,
      knownAuthorities: [new URL(app.authorityUrl).host],
    },
    system: {
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => {} },
    },
  });
}

function failure(error: unknown): Error {
  const { errorCode, errorMessage, message } = error as {
    errorCode?: string;
    errorMessage?: string;
    message?: string;
  };
  const detail = (errorMessage ?? message ?? '').split('\n')[0];
  return signInError(`Microsoft sign-in failed: ${errorCode ?? 'error'}${detail ? ` (${detail})` : ''}`);
}

export interface DelegatedSignIn {
  /** The signed-in account (the mailbox's address). */
  username: string;
  /** MSAL's token cache with the refresh token: a secret, kept in the secret store. */
  tokenCache: string;
}

/**
 * Signs a user in through the system browser: MSAL makes the PKCE pair,
 * listens on a loopback redirect (http://127.0.0.1:<free port>), and
 * exchanges the code it receives. `openBrowser` is the host's (Electron:
 * `shell.openExternal`).
 */
export async function signInWithBrowser(
  app: MicrosoftApp,
  openBrowser: (url: string) => Promise<void>,
): Promise<DelegatedSignIn> {
  const client = publicClient(app);
  let result;
  try {
    result = await client.acquireTokenInteractive({
      scopes: DELEGATED_SMTP_SCOPES,
      openBrowser,
      prompt: 'select_account',
      successTemplate: 'Signed in: you can close this window and go back to Lowbal.',
      errorTemplate: 'The sign-in failed: go back to Lowbal to see why.',
    });
  } catch (error) {
    throw failure(error);
  }
  if (!result?.account) throw signInError('Microsoft sign-in gave no account');
  return { username: result.account.username, tokenCache: client.getTokenCache().serialize() };
}

/**
 * Tokens for the signed-in account, from its saved token cache: MSAL keeps
 * the access token and redeems the refresh token for a new one five minutes
 * before it expires (or when the server refused the last one).
 */
export function delegatedTokenSource(app: MicrosoftApp, tokenCache: string): TokenSource {
  const client = publicClient(app);
  let account: Promise<AccountInfo | undefined> | null = null;
  return async (renew) => {
    account ??= (async () => {
      client.getTokenCache().deserialize(tokenCache);
      return (await client.getTokenCache().getAllAccounts())[0];
    })();
    const signedIn = await account;
    if (!signedIn) throw signInError('Microsoft sign-in: no signed-in account is saved; sign in again');
    try {
      const result = await client.acquireTokenSilent({
        account: signedIn,
        scopes: DELEGATED_SMTP_SCOPES,
        forceRefresh: renew,
      });
      return result.accessToken;
    } catch (error) {
      throw failure(error);
    }
  };
}
