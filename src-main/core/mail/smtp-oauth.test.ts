import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../test-support/test-certificates';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { startTestSmtpServer, type TestSmtpServer } from '../../test-support/test-smtp-server';
import { startMicrosoftTokenEndpoint, type TestTokenEndpoint } from '../../test-support/test-token-endpoint';
import { createEmailSender } from '../channels/email/email-sender';
import { SECRETS_FOLDER } from './secret-store';
import { loadSmtpConfig } from './smtp-config';

const CLIENT = {
  tenant: 'contoso-tenant',
  clientId: 'client-1234',
  clientSecret: 'very-secret-client-value',
};
const MAILBOX = 'alerts@contoso.example';
const certificate = selfSignedCertificate();

let core: TestCore | undefined;
let smtp: TestSmtpServer | undefined;
let endpoint: TestTokenEndpoint | undefined;
afterEach(async () => {
  await core?.close();
  await smtp?.stop();
  await endpoint?.stop();
  core = smtp = endpoint = undefined;
});

async function setUp() {
  endpoint = await startMicrosoftTokenEndpoint(CLIENT);
  const issued = endpoint.issued;
  // The server accepts only the newest token: an older one counts as expired.
  smtp = await startTestSmtpServer({
    tls: certificate,
    oauth: { user: MAILBOX, validToken: (token) => token === issued[issued.length - 1] },
  });
  core = await createTestCore();
}

function settings(extra: Record<string, unknown> = {}) {
  return {
    host: '127.0.0.1',
    port: smtp!.port,
    tlsMode: 'starttls' as const,
    trustedFingerprint: certificate.fingerprint,
    authMethod: 'oauth2-microsoft' as const,
    oauthTenantId: CLIENT.tenant,
    oauthClientId: CLIENT.clientId,
    oauthAuthorityUrl: endpoint!.url,
    user: MAILBOX,
    password: CLIENT.clientSecret,
    fromName: 'Lowbal',
    fromAddress: MAILBOX,
    rateLimit: 0,
    ...extra,
  };
}

const message = (id: number) =>
  ({ id, recipient: 'ops@acme.example', subject: 's', textBody: 't', htmlBody: '<p>t</p>' }) as never;

describe('OAuth2 (Microsoft 365, client credentials)', () => {
  it('fetches a token from the tenant, logs in with XOAUTH2 and sends', async () => {
    await setUp();
    const result = await core!.call('mail.sendTest', { to: 'ops@acme.example', settings: settings() });
    expect(result.ok).toBe(true);
    expect(result.stages.find((stage) => stage.stage === 'auth')).toMatchObject({ status: 'passed' });
    expect(endpoint!.requests).toEqual([
      expect.objectContaining({
        grant_type: 'client_credentials',
        client_id: CLIENT.clientId,
        scope: expect.stringContaining('https://outlook.office365.com/.default'),
      }),
    ]);
    expect(smtp!.authAttempts).toEqual([
      expect.objectContaining({ method: 'XOAUTH2', username: MAILBOX, accessToken: 'ms-token-1' }),
    ]);
    expect(smtp!.received).toHaveLength(1);
  });

  it('keeps a token until shortly before it expires, then fetches a new one', async () => {
    await setUp();
    await core!.call('mail.saveSettings', settings());
    const config = (await loadSmtpConfig(core!.ctx))!;
    expect(config.password).toBe(CLIENT.clientSecret);
    const sender = createEmailSender({ ...config, installationId: 'test' }, { messagesPerConnection: 1 });
    try {
      expect(await sender.send(message(1), Promise.resolve())).toMatchObject({ kind: 'delivered' });
      expect(await sender.send(message(2), Promise.resolve())).toMatchObject({ kind: 'delivered' });
      expect(endpoint!.issued).toEqual(['ms-token-1']);

      // A token within MSAL's five minutes of expiry is renewed before it is used.
      endpoint!.expiresIn = 60;
    } finally {
      sender.close();
    }
    const short = createEmailSender({ ...config, installationId: 'test' }, { messagesPerConnection: 1 });
    try {
      expect(await short.send(message(3), Promise.resolve())).toMatchObject({ kind: 'delivered' });
      expect(await short.send(message(4), Promise.resolve())).toMatchObject({ kind: 'delivered' });
      expect(endpoint!.issued).toEqual(['ms-token-1', 'ms-token-2', 'ms-token-3']);
      expect(smtp!.authAttempts.map((attempt) => attempt.accessToken)).toEqual([
        'ms-token-1',
        'ms-token-1',
        'ms-token-2',
        'ms-token-3',
      ]);
    } finally {
      short.close();
    }
    expect(smtp!.received).toHaveLength(4);
  });

  it("a wrong client secret fails at Authentication with Microsoft's answer and a hint; queued mail waits", async () => {
    await setUp();
    const result = await core!.call('mail.sendTest', {
      to: 'ops@acme.example',
      settings: settings({ password: 'wrong-secret' }),
    });
    expect(result.ok).toBe(false);
    const auth = result.stages.find((stage) => stage.stage === 'auth');
    expect(auth).toMatchObject({
      status: 'failed',
      hint: expect.stringMatching(/^Microsoft refused the sign-in/),
    });
    expect(auth?.detail).toContain('invalid_client');
    expect(smtp!.authAttempts).toEqual([]);

    await core!.call('mail.saveSettings', settings({ password: 'wrong-secret' }));
    const config = (await loadSmtpConfig(core!.ctx))!;
    const sender = createEmailSender({ ...config, installationId: 'test' });
    try {
      expect(await sender.send(message(1), Promise.resolve())).toMatchObject({ kind: 'unreachable' });
    } finally {
      sender.close();
    }
  });

  it('a token the server refuses fails at Authentication with the server answer', async () => {
    await setUp();
    await smtp!.stop();
    smtp = await startTestSmtpServer({ tls: certificate, oauth: { user: MAILBOX, validToken: () => false } });
    const result = await core!.call('mail.sendTest', { to: 'ops@acme.example', settings: settings() });
    const auth = result.stages.find((stage) => stage.stage === 'auth');
    expect(auth).toMatchObject({
      status: 'failed',
      code: 535,
      hint: expect.stringContaining('SMTP.SendAsApp'),
    });
    // nodemailer asks for a fresh token once before giving up.
    expect(endpoint!.issued).toEqual(['ms-token-1', 'ms-token-2']);
  });

  it('keeps the client secret like the password: never in the view, the database row or the log', async () => {
    await setUp();
    const saved = await core!.call('mail.saveSettings', settings());
    expect(saved).toMatchObject({
      hasPassword: true,
      authMethod: 'oauth2-microsoft',
      oauthClientId: CLIENT.clientId,
    });
    expect(JSON.stringify(saved)).not.toContain(CLIENT.clientSecret);
    expect(JSON.stringify(await core!.call('mail.getSettings', {}))).not.toContain(CLIENT.clientSecret);
    const row = await core!.ctx.db('settings').where({ key: 'smtp' }).first('value');
    expect(row.value).not.toContain(CLIENT.clientSecret);
    await core!.call('mail.sendTest', { to: 'ops@acme.example' });
    // Nothing in the data folder holds it but the secret store's folder (the database, its WAL, any log).
    for (const name of fs.readdirSync(core!.dataDir).filter((file) => file !== SECRETS_FOLDER)) {
      const file = path.join(core!.dataDir, name);
      if (fs.statSync(file).isFile())
        expect(fs.readFileSync(file, 'latin1'), name).not.toContain(CLIENT.clientSecret);
    }
  });

  it('requires tenant, client id and the mailbox, naming each field', async () => {
    core = await createTestCore();
    const error = await core.callError('mail.saveSettings', {
      host: 'smtp.office365.com',
      port: 587,
      tlsMode: 'starttls',
      authMethod: 'oauth2-microsoft',
      fromAddress: MAILBOX,
      oauthAuthorityUrl: 'http://login.example',
    });
    expect(error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'oauthAuthorityUrl',
      'oauthClientId',
      'oauthTenantId',
      'user',
    ]);
  });
});
