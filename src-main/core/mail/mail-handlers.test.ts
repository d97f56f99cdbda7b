import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { startTestSmtpServer, type TestSmtpServer } from '../../test-support/test-smtp-server';
import type { SmtpSettingsView } from '../../shared/schemas/mail';
import { createCore } from '../create-core';
import { silentLogger } from '../logger';
import {
  createHeadlessSecretStore,
  SECRETS_FOLDER,
  SMTP_PASSWORD_ENV,
  SMTP_PASSWORD_FILE,
} from './secret-store';

const AUTH = { user: 'mailer', pass: 'correct horse battery staple' };

let core: TestCore | undefined;
let smtp: TestSmtpServer | undefined;
afterEach(async () => {
  await core?.close();
  await smtp?.stop();
  core = undefined;
  smtp = undefined;
});

function settingsFor(server: TestSmtpServer, password = AUTH.pass) {
  return {
    host: '127.0.0.1',
    port: server.port,
    tlsMode: 'none' as const,
    user: AUTH.user,
    password,
    fromName: 'Lowbal',
    fromAddress: 'lowbal@acme.example',
    rateLimit: 0,
  };
}

function secretFile(dataDir: string, stored: string): string {
  return path.join(dataDir, stored.slice('file:'.length));
}

async function storedSettings(testCore: TestCore) {
  return JSON.parse((await testCore.ctx.db('settings').where({ key: 'smtp' }).first('value')).value);
}

describe('SMTP settings', () => {
  it('start empty and never return the password', async () => {
    core = await createTestCore();
    const empty = await core.call('mail.getSettings', {});
    expect(empty).toMatchObject({ configured: false, hasPassword: false, host: '' });
    expect(empty.passwordStorage).toContain(path.join(core.dataDir, SECRETS_FOLDER));

    smtp = await startTestSmtpServer({ auth: AUTH });
    const saved = await core.call('mail.saveSettings', settingsFor(smtp));
    expect(saved).toMatchObject({ configured: true, hasPassword: true, user: AUTH.user, port: smtp.port });
    expect(JSON.stringify(saved)).not.toContain(AUTH.pass);
    expect(JSON.stringify(await core.call('mail.getSettings', {}))).not.toContain(AUTH.pass);
  });

  it('keep the password out of the database, in an owner-only file', async () => {
    core = await createTestCore();
    smtp = await startTestSmtpServer({ auth: AUTH });
    await core.call('mail.saveSettings', settingsFor(smtp));
    const stored = JSON.parse((await core.ctx.db('settings').where({ key: 'smtp' }).first('value')).value);
    expect(JSON.stringify(stored)).not.toContain(AUTH.pass);
    const file = secretFile(core.dataDir, stored.passwordSecret);
    expect(fs.readFileSync(file, 'utf8')).toBe(AUTH.pass);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('remove the file of a replaced password, leaving no stale secret', async () => {
    core = await createTestCore();
    smtp = await startTestSmtpServer({ auth: AUTH });
    await core.call('mail.saveSettings', settingsFor(smtp, 'the first password'));
    await core.call('mail.saveSettings', settingsFor(smtp));
    const stored = await storedSettings(core);
    expect(fs.readdirSync(path.join(core.dataDir, SECRETS_FOLDER))).toEqual([
      path.basename(stored.passwordSecret),
    ]);
    expect(await core.call('mail.sendTest', { to: 'ops@acme.example' })).toMatchObject({ ok: true });
    expect(smtp.authAttempts).toEqual([{ username: AUTH.user, password: AUTH.pass }]);
  });

  it('still send with a password saved as file:smtp-password, and move it to its own file once replaced', async () => {
    core = await createTestCore();
    smtp = await startTestSmtpServer({ auth: AUTH });
    await core.call('mail.saveSettings', settingsFor(smtp));
    const legacy = path.join(core.dataDir, SMTP_PASSWORD_FILE);
    fs.writeFileSync(legacy, AUTH.pass, { mode: 0o600 });
    await core.ctx
      .db('settings')
      .where({ key: 'smtp' })
      .update({
        value: JSON.stringify({
          ...(await storedSettings(core)),
          passwordSecret: `file:${SMTP_PASSWORD_FILE}`,
        }),
      });
    expect(await core.call('mail.sendTest', { to: 'ops@acme.example' })).toMatchObject({ ok: true });

    await core.call('mail.saveSettings', settingsFor(smtp, 'a new password'));
    expect(fs.existsSync(legacy)).toBe(false);
    expect(
      fs.readFileSync(secretFile(core.dataDir, (await storedSettings(core)).passwordSecret), 'utf8'),
    ).toBe('a new password');
  });

  it('keep the stored password when the form leaves it blank, and use it to send', async () => {
    core = await createTestCore();
    smtp = await startTestSmtpServer({ auth: AUTH });
    await core.call('mail.saveSettings', settingsFor(smtp));
    await core.call('mail.saveSettings', { ...settingsFor(smtp, ''), fromName: 'Billing' });
    expect(await core.call('mail.getSettings', {})).toMatchObject({ hasPassword: true, fromName: 'Billing' });

    const result = await core.call('mail.sendTest', { to: 'ops@acme.example' });
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.response).toMatch(/^250 /);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(['ops@acme.example']);
    expect(smtp.received[0].raw).toContain('Subject: Lowbal test e-mail');
  });

  it('validate every field and name it', async () => {
    core = await createTestCore();
    const error = await core.callError('mail.saveSettings', {
      host: ' ',
      port: 70000,
      tlsMode: 'ssl',
      fromAddress: 'not an address',
      rateLimit: -1,
    });
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(
      ['fromAddress', 'host', 'port', 'rateLimit', 'tlsMode'].sort(),
    );
    expect(await core.ctx.db('settings').where({ key: 'smtp' }).first()).toBeUndefined();
  });
});

describe('Send test e-mail', () => {
  it("reports the server's refusal of a wrong password from the form", async () => {
    core = await createTestCore();
    smtp = await startTestSmtpServer({ auth: AUTH });
    await core.call('mail.saveSettings', settingsFor(smtp));
    const result = await core.call('mail.sendTest', {
      to: 'ops@acme.example',
      settings: settingsFor(smtp, 'wrong'),
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('535');
    expect(smtp.received).toHaveLength(0);
    expect(smtp.authAttempts).toEqual([{ username: AUTH.user, password: 'wrong' }]);
  });

  it('uses the saved password with the saved server and user, and only there', async () => {
    core = await createTestCore();
    smtp = await startTestSmtpServer({ auth: AUTH });
    const other = await startTestSmtpServer({ auth: AUTH });
    try {
      await core.call('mail.saveSettings', settingsFor(smtp));
      const blank = settingsFor(smtp, '');
      expect(await core.call('mail.sendTest', { to: 'ops@acme.example', settings: blank })).toMatchObject({
        ok: true,
      });
      expect(smtp.authAttempts).toEqual([{ username: AUTH.user, password: AUTH.pass }]);

      for (const elsewhere of [
        { ...blank, port: other.port, tlsMode: 'starttls' as const },
        { ...blank, host: 'localhost', tlsMode: 'starttls' as const },
        { ...blank, user: 'someone-else', tlsMode: 'starttls' as const },
      ]) {
        const error = await core.callError('mail.sendTest', { to: 'ops@acme.example', settings: elsewhere });
        expect(error.issues).toEqual([
          {
            path: 'settings.password',
            message:
              'Type the password to test this server and user: the saved password is only sent to the saved host, port and user',
          },
        ]);
      }
      // What the other server received: not even a connection, let alone a password.
      expect(other.connections).toBe(0);
      expect(other.authAttempts).toEqual([]);
      expect(smtp.authAttempts).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });

  it('never sends a password over a plain connection unless the saved settings for that server say so', async () => {
    core = await createTestCore();
    smtp = await startTestSmtpServer({ auth: AUTH });
    await core.call('mail.saveSettings', { ...settingsFor(smtp), tlsMode: 'starttls' });
    for (const password of ['', 'typed in the form']) {
      const error = await core.callError('mail.sendTest', {
        to: 'ops@acme.example',
        settings: settingsFor(smtp, password),
      });
      expect(error.issues.map((issue) => issue.path)).toEqual(['settings.tlsMode']);
      expect(error.message).toMatch(/^With TLS mode None the password would travel unencrypted/);
    }
    expect(smtp.connections).toBe(0);

    // Without a user, nothing secret travels: a plain test is fine.
    expect(
      await core.call('mail.sendTest', {
        to: 'ops@acme.example',
        settings: { ...settingsFor(smtp), user: '' },
      }),
    ).toMatchObject({ ok: false });
    expect(smtp.authAttempts).toEqual([]);
  });

  it('reports a server that cannot be reached', async () => {
    core = await createTestCore();
    smtp = await startTestSmtpServer();
    const settings = { ...settingsFor(smtp), user: '' };
    await smtp.stop();
    const result = await core.call('mail.sendTest', { to: 'ops@acme.example', settings });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/ECONNREFUSED|connect/i);
  });

  it('says so when e-mail is not set up', async () => {
    core = await createTestCore();
    const error = await core.callError('mail.sendTest', { to: 'ops@acme.example' });
    expect(error).toMatchObject({ code: 'unavailable' });
    expect(error.message).toContain('Settings');
  });
});

describe('the headless secret store', () => {
  it('takes the password from LOWBAL_SMTP_PASSWORD and refuses to overwrite it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-secret-'));
    const store = createHeadlessSecretStore(dataDir, { [SMTP_PASSWORD_ENV]: AUTH.pass });

    smtp = await startTestSmtpServer({ auth: AUTH });
    const envCore = await createCore({ dataDir, log: silentLogger, secretStore: store });
    try {
      const error = await envCore.invoke('mail.saveSettings', settingsFor(smtp, 'typed'));
      expect(!error.ok && error.error.issues[0].path).toBe('password');
      const saved = await envCore.invoke('mail.saveSettings', settingsFor(smtp, ''));
      expect(saved.ok && saved.value).toMatchObject({ hasPassword: true });
      expect(saved.ok && (saved.value as SmtpSettingsView).passwordStorage).toContain(SMTP_PASSWORD_ENV);
      expect(fs.existsSync(path.join(dataDir, SECRETS_FOLDER))).toBe(false);

      // Saved settings (what the dispatcher uses too) log in with the password from the environment.
      const result = await envCore.invoke('mail.sendTest', { to: 'ops@acme.example' });
      expect(result.ok && result.value).toMatchObject({ ok: true });
      expect(smtp.received).toHaveLength(1);

      // Only the password: an OAuth2 client secret is typed and kept in a file of its own.
      const microsoft = {
        ...settingsFor(smtp, 'the client secret'),
        authMethod: 'oauth2-microsoft' as const,
        oauthTenantId: 'tenant',
        oauthClientId: 'client',
      };
      const oauth = await envCore.invoke('mail.saveSettings', microsoft);
      expect(oauth.ok && oauth.value).toMatchObject({ hasPassword: true });
      expect(oauth.ok && (oauth.value as SmtpSettingsView).passwordStorage).not.toContain(SMTP_PASSWORD_ENV);
      const [file] = fs.readdirSync(path.join(dataDir, SECRETS_FOLDER));
      expect(fs.readFileSync(path.join(dataDir, SECRETS_FOLDER, file), 'utf8')).toBe('the client secret');
    } finally {
      await envCore.close();
    }
  });
});
