import { afterEach, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../../test-support/test-certificates';
import { TEST_DELIVERY } from '../../../test-support/test-core';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test-support/test-smtp-server';
import {
  startMicrosoftTokenEndpoint,
  type MicrosoftTokenEndpoint,
} from '../../../test-support/test-token-endpoint';
import type { SmtpConfig } from '../smtp-config';
import { PooledConnection } from '../smtp-sender';
import { delegatedTokenSource, signInWithBrowser, type MicrosoftApp } from './microsoft-sign-in';

const USER = { username: 'alerts@contoso.example', objectId: '00000000-0000-0000-0000-0000000000aa' };
const CLIENT = { tenant: 'contoso-tenant', clientId: 'desktop-client-1', clientSecret: 'unused', user: USER };
const certificate = selfSignedCertificate();

let endpoint: MicrosoftTokenEndpoint | undefined;
let smtp: TestSmtpServer | undefined;
afterEach(async () => {
  await endpoint?.stop();
  await smtp?.stop();
  endpoint = smtp = undefined;
});

async function setUp(): Promise<MicrosoftApp> {
  endpoint = await startMicrosoftTokenEndpoint(CLIENT);
  return { authorityUrl: endpoint.url, tenantId: CLIENT.tenant, clientId: CLIENT.clientId };
}

/**
 * The system browser: it is sent to the authorize URL, the user signs in, and
 * it follows the redirect to the loopback address with the code (for the
 * challenge it was given, or for another one).
 */
function browser(options: { wrongChallenge?: boolean } = {}) {
  const visited: URL[] = [];
  const redirects: Promise<unknown>[] = [];
  return {
    visited,
    redirected: () => Promise.all(redirects),
    async open(url: string) {
      const authorize = new URL(url);
      visited.push(authorize);
      const challenge = authorize.searchParams.get('code_challenge')!;
      const code = endpoint!.authorize(options.wrongChallenge ? `${challenge}x` : challenge);
      const back = new URL(authorize.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', authorize.searchParams.get('state') ?? '');
      redirects.push(fetch(back, { redirect: 'manual' }).then((response) => response.text()));
    },
  };
}

describe('Microsoft delegated sign-in (authorization code with PKCE, loopback redirect)', () => {
  it('opens the browser at the authorize URL with an S256 challenge and a loopback redirect, and exchanges the code', async () => {
    const app = await setUp();
    const user = browser();
    const signIn = await signInWithBrowser(app, user.open);
    await user.redirected();

    const [authorize] = user.visited;
    expect(`${authorize.origin}${authorize.pathname}`).toBe(
      `${endpoint!.url}/${CLIENT.tenant}/oauth2/v2.0/authorize`,
    );
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):\d+/);
    expect(authorize.searchParams.get('scope')).toContain('https://outlook.office.com/SMTP.Send');
    expect(authorize.searchParams.get('scope')).toContain('offline_access');
    const exchange = endpoint!.requests.find((request) => request.grant_type === 'authorization_code');
    expect(exchange).toMatchObject({ client_id: CLIENT.clientId, code_verifier: expect.any(String) });
    expect(exchange!.client_secret).toBeUndefined();

    expect(signIn.username).toBe(USER.username);
    // The cache holds the refresh token: it is the secret to keep.
    expect(signIn.tokenCache).toContain('ms-refresh-1');
  });

  it('a code brought back for another challenge is refused, with Microsoft’s answer', async () => {
    const app = await setUp();
    const user = browser({ wrongChallenge: true });
    await expect(signInWithBrowser(app, user.open)).rejects.toThrow(
      /^Microsoft sign-in failed: invalid_grant \(.*Code_Verifier does not match/,
    );
    await user.redirected();
  });

  it('logs in with XOAUTH2 from the saved cache, redeems the refresh token near expiry and after a refusal', async () => {
    const app = await setUp();
    endpoint!.expiresIn = 60;
    const user = browser();
    const { tokenCache } = await signInWithBrowser(app, user.open);
    await user.redirected();
    const issued = endpoint!.issued;
    smtp = await startTestSmtpServer({
      tls: certificate,
      oauth: { user: USER.username, validToken: (token) => token === issued[issued.length - 1] },
    });
    const config = {
      host: '127.0.0.1',
      port: smtp.port,
      tlsMode: 'starttls',
      trustedFingerprint: certificate.fingerprint,
      trustedCaPem: '',
      user: USER.username,
    } as SmtpConfig;

    // Saved, then used later (another process): a token within five minutes of expiry is renewed first.
    const tokens = delegatedTokenSource(app, tokenCache);
    const connection = await PooledConnection.open(config, TEST_DELIVERY.smtpTimeouts!, tokens);
    connection.quit();
    expect(endpoint!.requests.at(-1)).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: 'ms-refresh-1',
    });
    expect(smtp.authAttempts).toEqual([
      expect.objectContaining({ method: 'XOAUTH2', username: USER.username, accessToken: 'ms-token-2' }),
    ]);
    expect(await tokens(true)).toBe('ms-token-3');

    endpoint!.revokeRefreshTokens();
    await expect(tokens(true)).rejects.toThrow(/^Microsoft sign-in failed: invalid_grant .*revoked/);
  });
});
