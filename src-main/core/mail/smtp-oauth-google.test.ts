import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GOOGLE_TOKEN_URL } from '../../shared/schemas/mail';
import { selfSignedCertificate } from '../../test-support/test-certificates';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { startTestSmtpServer, type TestSmtpServer } from '../../test-support/test-smtp-server';
import { startGoogleTokenEndpoint, type GoogleTokenEndpoint } from '../../test-support/test-token-endpoint';
import { createEmailSender } from '../channels/email/email-sender';
import { createLogger } from '../logger';
import { SECRETS_FOLDER } from './secret-store';
import { loadSmtpConfig } from './smtp-config';

const MAILBOX = 'alerts@acme.example';
const CLIENT = {
  clientId: '1234-abcd.apps.googleusercontent.com',
  clientSecret: 'GOCSPX-google-client-secret',
  refreshToken: '1//google-refresh-token-value',
};
const keys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const SERVICE_ACCOUNT = { email: 'lowbal@acme-project.iam.gserviceaccount.com', publicKey: keys.publicKey };
const SERVICE_ACCOUNT_KEY = JSON.stringify({
  type: 'service_account',
  project_id: 'acme-project',
  private_key_id: 'key-id-1',
  private_key: keys.privateKey,
  client_email: SERVICE_ACCOUNT.email,
  token_uri: GOOGLE_TOKEN_URL,
});
const certificate = selfSignedCertificate();

let core: TestCore | undefined;
let smtp: TestSmtpServer | undefined;
let endpoint: GoogleTokenEndpoint | undefined;
const logLines: string[] = [];
afterEach(async () => {
  await core?.close();
  await smtp?.stop();
  await endpoint?.stop();
  core = smtp = endpoint = undefined;
  logLines.length = 0;
});

/** Gmail as far as Lowbal sees it: XOAUTH2 only, and only the newest token (an older one counts as expired). */
async function setUp(validToken?: (token: string) => boolean) {
  endpoint = await startGoogleTokenEndpoint({
    client: CLIENT,
    serviceAccount: { ...SERVICE_ACCOUNT, subject: MAILBOX },
  });
  const issued = endpoint.issued;
  smtp = await startTestSmtpServer({
    tls: certificate,
    oauth: { user: MAILBOX, validToken: validToken ?? ((token) => token === issued[issued.length - 1]) },
  });
  core = await createTestCore({ log: createLogger((line) => logLines.push(line), 'debug') });
}

function settings(extra: Record<string, unknown> = {}) {
  return {
    host: '127.0.0.1',
    port: smtp!.port,
    tlsMode: 'starttls' as const,
    trustedFingerprint: certificate.fingerprint,
    authMethod: 'oauth2-google' as const,
    googleCredential: 'refresh-token' as const,
    oauthClientId: CLIENT.clientId,
    password: CLIENT.clientSecret,
    oauthRefreshToken: CLIENT.refreshToken,
    oauthTokenUrl: endpoint!.tokenUrl,
    user: MAILBOX,
    fromName: 'Lowbal',
    fromAddress: MAILBOX,
    rateLimit: 0,
    ...extra,
  };
}

const serviceAccount = (extra: Record<string, unknown> = {}) =>
  settings({
    googleCredential: 'service-account',
    oauthClientId: '',
    password: '',
    oauthRefreshToken: '',
    googleServiceAccountKey: SERVICE_ACCOUNT_KEY,
    ...extra,
  });

const message = (id: number) =>
  ({ id, recipient: 'ops@acme.example', subject: 's', textBody: 't', htmlBody: '<p>t</p>' }) as never;

describe('OAuth2 (Google) with a refresh token', () => {
  it('exchanges the refresh token at the token URL, logs in with XOAUTH2 and sends', async () => {
    await setUp();
    const result = await core!.call('mail.sendTest', { to: 'ops@acme.example', settings: settings() });
    expect(result.ok).toBe(true);
    expect(result.stages.find((stage) => stage.stage === 'auth')).toMatchObject({ status: 'passed' });
    expect(endpoint!.requests).toEqual([
      expect.objectContaining({
        grant_type: 'refresh_token',
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
        refresh_token: CLIENT.refreshToken,
      }),
    ]);
    expect(smtp!.authAttempts).toEqual([
      expect.objectContaining({ method: 'XOAUTH2', username: MAILBOX, accessToken: 'google-token-1' }),
    ]);
    expect(smtp!.received).toHaveLength(1);
  });

  it('keeps a token until shortly before it expires, then fetches a new one', async () => {
    await setUp();
    await core!.call('mail.saveSettings', settings());
    const config = (await loadSmtpConfig(core!.ctx))!;
    expect(config).toMatchObject({ password: CLIENT.clientSecret, oauthRefreshToken: CLIENT.refreshToken });
    const sender = createEmailSender({ ...config, installationId: 'test' }, { messagesPerConnection: 1 });
    try {
      expect(await sender.send(message(1), Promise.resolve())).toMatchObject({ kind: 'delivered' });
      expect(await sender.send(message(2), Promise.resolve())).toMatchObject({ kind: 'delivered' });
      expect(endpoint!.issued).toEqual(['google-token-1']);
    } finally {
      sender.close();
    }
    // A token within five minutes of its expiry is renewed before it is used.
    endpoint!.expiresIn = 60;
    const short = createEmailSender({ ...config, installationId: 'test' }, { messagesPerConnection: 1 });
    try {
      expect(await short.send(message(3), Promise.resolve())).toMatchObject({ kind: 'delivered' });
      expect(await short.send(message(4), Promise.resolve())).toMatchObject({ kind: 'delivered' });
    } finally {
      short.close();
    }
    expect(endpoint!.issued).toEqual(['google-token-1', 'google-token-2', 'google-token-3']);
    expect(smtp!.authAttempts.map((attempt) => attempt.accessToken)).toEqual([
      'google-token-1',
      'google-token-1',
      'google-token-2',
      'google-token-3',
    ]);
  });

  it('fetches a fresh token once when the server refuses the one it has', async () => {
    await setUp((token) => token !== 'google-token-1');
    const result = await core!.call('mail.sendTest', { to: 'ops@acme.example', settings: settings() });
    expect(result.ok).toBe(true);
    expect(smtp!.authAttempts.map((attempt) => attempt.accessToken)).toEqual([
      'google-token-1',
      'google-token-2',
    ]);
  });

  it("a refused refresh token fails at Authentication with Google's answer and a hint; queued mail waits", async () => {
    await setUp();
    const result = await core!.call('mail.sendTest', {
      to: 'ops@acme.example',
      settings: settings({ oauthRefreshToken: '1//revoked' }),
    });
    expect(result.ok).toBe(false);
    const auth = result.stages.find((stage) => stage.stage === 'auth');
    expect(auth).toMatchObject({
      status: 'failed',
      hint: expect.stringMatching(/^Google refused the sign-in/),
    });
    expect(auth?.detail).toContain('invalid_grant (Token has been expired or revoked.)');
    expect(JSON.stringify(result)).not.toMatch(/1\/\/revoked|GOCSPX/);
    expect(smtp!.authAttempts).toEqual([]);

    await core!.call('mail.saveSettings', settings({ oauthRefreshToken: '1//revoked' }));
    const sender = createEmailSender({ ...(await loadSmtpConfig(core!.ctx))!, installationId: 'test' });
    try {
      expect(await sender.send(message(1), Promise.resolve())).toMatchObject({ kind: 'unreachable' });
    } finally {
      sender.close();
    }
  });

  it('a token the server refuses fails at Authentication with the server answer', async () => {
    await setUp(() => false);
    const result = await core!.call('mail.sendTest', { to: 'ops@acme.example', settings: settings() });
    expect(result.stages.find((stage) => stage.stage === 'auth')).toMatchObject({
      status: 'failed',
      code: 535,
      hint: expect.stringContaining('https://mail.google.com/'),
    });
  });
});

describe('OAuth2 (Google) with a service account', () => {
  it('signs an assertion for the mailbox (domain-wide delegation), posts it to the token URL and sends', async () => {
    await setUp();
    const result = await core!.call('mail.sendTest', { to: 'ops@acme.example', settings: serviceAccount() });
    expect(result.ok).toBe(true);
    expect(endpoint!.assertions).toEqual([
      expect.objectContaining({
        iss: SERVICE_ACCOUNT.email,
        sub: MAILBOX,
        scope: 'https://mail.google.com/',
        aud: GOOGLE_TOKEN_URL,
      }),
    ]);
    expect(smtp!.authAttempts).toEqual([
      expect.objectContaining({ method: 'XOAUTH2', username: MAILBOX, accessToken: 'google-token-1' }),
    ]);
  });

  it('a mailbox the delegation does not cover fails at Authentication with a hint about delegation', async () => {
    await setUp();
    const other = 'someone@acme.example';
    const result = await core!.call('mail.sendTest', {
      to: 'ops@acme.example',
      settings: serviceAccount({ user: other, fromAddress: other }),
    });
    const auth = result.stages.find((stage) => stage.stage === 'auth');
    expect(auth).toMatchObject({ status: 'failed', hint: expect.stringMatching(/domain-wide delegation/) });
    expect(auth?.detail).toContain('unauthorized_client');
    expect(JSON.stringify(result)).not.toContain('PRIVATE KEY');
  });
});

describe('OAuth2 (Google) settings', () => {
  it('keep the client secret, the refresh token and the key out of the view, the database, the export and the log', async () => {
    await setUp();
    const secrets = [CLIENT.clientSecret, CLIENT.refreshToken, keys.privateKey.split('\n')[1]];
    const views = [await core!.call('mail.saveSettings', settings())];
    await core!.call('mail.sendTest', { to: 'ops@acme.example' });
    views.push(await core!.call('mail.saveSettings', serviceAccount()));
    await core!.call('mail.sendTest', { to: 'ops@acme.example' });
    views.push(await core!.call('mail.getSettings', {}));
    expect(views[0]).toMatchObject({ hasPassword: true, hasRefreshToken: true, hasServiceAccountKey: false });
    expect(views[2]).toMatchObject({ googleCredential: 'service-account', hasServiceAccountKey: true });
    expect(smtp!.received).toHaveLength(2);

    const exported = (await core!.call('interchange.export', {})).text;
    const row = (await core!.ctx.db('settings').where({ key: 'smtp' }).first('value')).value as string;
    const dataFiles = fs
      .readdirSync(core!.dataDir)
      .filter((name) => name !== SECRETS_FOLDER)
      .map((name) => path.join(core!.dataDir, name))
      .filter((file) => fs.statSync(file).isFile())
      .map((file) => fs.readFileSync(file, 'latin1'));
    expect(logLines.join('\n')).toContain('e-mail settings saved');
    for (const [where, text] of [
      ['views', JSON.stringify(views)],
      ['export', exported],
      ['database row', row],
      ['log', logLines.join('\n')],
      ['data folder', dataFiles.join('\n')],
    ]) {
      for (const secret of secrets) expect(text, where).not.toContain(secret);
    }
  });

  it('require the mailbox, the client id and each secret, naming each field, and write nothing', async () => {
    await setUp();
    const schema = await core!.callError('mail.saveSettings', settings({ user: '', oauthClientId: '' }));
    expect(schema.issues.map((issue) => issue.path).sort()).toEqual(['oauthClientId', 'user']);
    const secrets = await core!.callError(
      'mail.saveSettings',
      settings({ password: '', oauthRefreshToken: '' }),
    );
    expect(secrets.issues).toEqual([
      { path: 'password', message: 'Client secret is required for OAuth2 (Google)' },
      { path: 'oauthRefreshToken', message: 'Refresh token is required for OAuth2 (Google)' },
    ]);
    const key = await core!.callError(
      'mail.saveSettings',
      serviceAccount({ googleServiceAccountKey: '{"x":1}' }),
    );
    expect(key.issues.map((issue) => issue.path)).toEqual(['googleServiceAccountKey']);
    const noKey = await core!.callError('mail.saveSettings', serviceAccount({ googleServiceAccountKey: '' }));
    expect(noKey.issues).toEqual([
      { path: 'googleServiceAccountKey', message: 'Service account key is required for OAuth2 (Google)' },
    ]);
    const url = await core!.callError(
      'mail.saveSettings',
      settings({ oauthTokenUrl: 'http://oauth2.example/token' }),
    );
    expect(url.issues.map((issue) => issue.path)).toEqual(['oauthTokenUrl']);
    expect(await core!.ctx.db('settings').where({ key: 'smtp' }).first()).toBeUndefined();
    expect(fs.existsSync(path.join(core!.dataDir, SECRETS_FOLDER))).toBe(false);
  });

  it('keep a secret left blank, replace a typed one (removing its file), and test with saved ones only for the saved account', async () => {
    await setUp();
    await core!.call('mail.saveSettings', settings());
    const before = fs.readdirSync(path.join(core!.dataDir, SECRETS_FOLDER));
    expect(before).toHaveLength(2);
    await core!.call(
      'mail.saveSettings',
      settings({ password: '', oauthRefreshToken: '1//a-new-refresh-token' }),
    );
    const after = fs.readdirSync(path.join(core!.dataDir, SECRETS_FOLDER));
    expect(after).toHaveLength(2);
    expect(after.filter((name) => before.includes(name))).toHaveLength(1);
    expect(await loadSmtpConfig(core!.ctx)).toMatchObject({
      password: CLIENT.clientSecret,
      oauthRefreshToken: '1//a-new-refresh-token',
    });

    const elsewhere = await core!.callError('mail.sendTest', {
      to: 'ops@acme.example',
      settings: settings({
        password: '',
        oauthRefreshToken: '',
        oauthTokenUrl: 'https://oauth2.example/token',
      }),
    });
    expect(elsewhere.issues.map((issue) => issue.path)).toEqual([
      'settings.password',
      'settings.oauthRefreshToken',
    ]);
    expect(endpoint!.requests).toEqual([]);
  });
});
