import { afterEach, describe, expect, it } from 'vitest';
import type { SendTestMailResult } from '../../shared/schemas/mail';
import { privateCaCertificates, selfSignedCertificate } from '../../test-support/test-certificates';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { startTestSmtpServer, type TestSmtpServer } from '../../test-support/test-smtp-server';
import { createEmailSender } from '../channels/email/email-sender';
import { loadSmtpConfig } from './smtp-config';

const AUTH = { user: 'mailer', pass: 'correct horse battery staple' };

let core: TestCore | undefined;
const servers: TestSmtpServer[] = [];
afterEach(async () => {
  await core?.close();
  core = undefined;
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function server(options: Parameters<typeof startTestSmtpServer>[0]) {
  const started = await startTestSmtpServer(options);
  servers.push(started);
  return started;
}

function settings(port: number, extra: Record<string, unknown> = {}) {
  return {
    host: '127.0.0.1',
    port,
    tlsMode: 'starttls' as const,
    user: AUTH.user,
    password: AUTH.pass,
    fromName: 'Lowbal',
    fromAddress: 'lowbal@acme.example',
    rateLimit: 0,
    ...extra,
  };
}

async function sendTest(extra: Record<string, unknown>, port: number): Promise<SendTestMailResult> {
  core ??= await createTestCore();
  return core.call('mail.sendTest', { to: 'ops@acme.example', settings: settings(port, extra) });
}

const statuses = (result: SendTestMailResult) =>
  Object.fromEntries(result.stages.map((stage) => [stage.stage, stage.status]));

describe('certificates', () => {
  it('refuse a self-signed certificate, naming its subject, issuer, dates and fingerprint, before the password is sent', async () => {
    const certificate = selfSignedCertificate('relay.acme.test');
    const smtp = await server({ auth: AUTH, tls: certificate });
    const result = await sendTest({}, smtp.port);

    expect(result.ok).toBe(false);
    expect(statuses(result)).toEqual({
      connect: 'passed',
      tls: 'failed',
      auth: 'skipped',
      sender: 'skipped',
      recipient: 'skipped',
      data: 'skipped',
    });
    expect(result.certificateRefused).toBe(true);
    expect(result.certificate).toMatchObject({
      subject: 'CN=relay.acme.test, O=Lowbal test',
      issuer: 'CN=relay.acme.test, O=Lowbal test',
      fingerprint: certificate.fingerprint,
    });
    expect(result.certificate?.validFrom).toMatch(/^\d{4}-\d\d-\d\dT/);
    const tls = result.stages.find((stage) => stage.stage === 'tls');
    expect(tls?.detail).toContain(certificate.fingerprint);
    expect(tls?.detail).toContain('issuer CN=relay.acme.test');
    expect(tls?.detail).toContain('it is self-signed');
    expect(tls?.hint).toMatch(/Trust this certificate's fingerprint, or paste the CA certificate/);
    expect(smtp.authAttempts).toEqual([]);
    expect(smtp.received).toEqual([]);
  });

  it('accept exactly the trusted fingerprint, in STARTTLS and in TLS mode, at TLS 1.2 or later', async () => {
    const certificate = selfSignedCertificate();
    const starttls = await server({ auth: AUTH, tls: certificate });
    const result = await sendTest(
      { trustedFingerprint: certificate.fingerprint.toLowerCase() },
      starttls.port,
    );
    expect(result).toMatchObject({ ok: true, certificate: { fingerprint: certificate.fingerprint } });
    expect(result.stages.map((stage) => stage.status)).toEqual(Array(6).fill('passed'));
    expect(result.stages[1].detail).toMatch(/^TLSv1\.[23], subject CN=mail\.test/);
    expect(starttls.received).toHaveLength(1);

    const implicit = await server({ auth: AUTH, tls: { ...certificate, secure: true } });
    expect(await sendTest({ tlsMode: 'tls' }, implicit.port)).toMatchObject({
      ok: false,
      certificateRefused: true,
    });
    const trusted = await sendTest(
      { tlsMode: 'tls', trustedFingerprint: certificate.fingerprint },
      implicit.port,
    );
    expect(trusted.ok).toBe(true);
    expect(implicit.received).toHaveLength(1);
  });

  it('accept a certificate issued by a trusted private CA, and refuse it without that CA', async () => {
    const { ca, server: issued } = privateCaCertificates();
    const smtp = await server({ auth: AUTH, tls: issued });
    const refused = await sendTest({}, smtp.port);
    expect(refused).toMatchObject({
      ok: false,
      certificateRefused: true,
      certificate: { issuer: 'CN=Lowbal Test CA, O=Lowbal test' },
    });

    const result = await sendTest({ trustedCaPem: ca.cert }, smtp.port);
    expect(result.ok).toBe(true);
    expect(result.stages[1]).toMatchObject({ status: 'passed' });
    expect(result.stages[1].detail).toContain('issuer CN=Lowbal Test CA');
  });

  it('refuse a changed certificate again, showing both fingerprints', async () => {
    const first = selfSignedCertificate();
    const smtp = await server({ auth: AUTH, tls: first });
    const port = smtp.port;
    expect((await sendTest({ trustedFingerprint: first.fingerprint }, port)).ok).toBe(true);
    await servers.pop()?.stop();

    const second = selfSignedCertificate();
    await server({ auth: AUTH, tls: second, port });
    const result = await sendTest({ trustedFingerprint: first.fingerprint }, port);
    expect(result).toMatchObject({
      ok: false,
      certificateRefused: true,
      previousFingerprint: first.fingerprint,
      certificate: { fingerprint: second.fingerprint },
    });
    expect(result.error).toContain(first.fingerprint);
    expect(result.error).toContain(second.fingerprint);
    expect(result.stages[1].hint).toMatch(/another certificate than the one you trusted/);
  });

  it('refuse a pasted CA that is not a certificate, on its field', async () => {
    core = await createTestCore();
    const broken = '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----';
    const error = await core.callError('mail.saveSettings', settings(2525, { trustedCaPem: broken }));
    expect(error.issues).toEqual([
      {
        path: 'trustedCaPem',
        message: 'Trusted CA certificate: certificate 1 is not a valid PEM certificate',
      },
    ]);
    const bad = await core.callError('mail.saveSettings', settings(2525, { trustedFingerprint: 'AB:CD' }));
    expect(bad.issues[0]).toMatchObject({ path: 'trustedFingerprint' });
  });

  it('hold queued mail while the certificate is refused (the server counts as unreachable; nothing is spent)', async () => {
    const smtp = await server({ auth: AUTH, tls: selfSignedCertificate() });
    core = await createTestCore();
    await core.call('mail.saveSettings', settings(smtp.port));
    const config = await loadSmtpConfig(core.ctx);
    const sender = createEmailSender({ ...config!, installationId: 'test' });
    try {
      const result = await sender.send(
        { id: 1, recipient: 'ops@acme.example', subject: 's', textBody: 't', htmlBody: '<p>t</p>' } as never,
        Promise.resolve(),
      );
      expect(result).toMatchObject({ kind: 'unreachable' });
      expect(result.kind !== 'delivered' && result.error).toContain('not trusted');
    } finally {
      sender.close();
    }
  });
});

describe('Send test e-mail stages', () => {
  it('a refused connection fails at Connect with a hint', async () => {
    const smtp = await server({ auth: AUTH });
    const port = smtp.port;
    await servers.pop()?.stop();
    const result = await sendTest({}, port);
    expect(statuses(result)).toMatchObject({ connect: 'failed', tls: 'skipped' });
    expect(result.stages[0]).toMatchObject({
      hint: 'Nothing accepts connections on this host and port: check Host and Port (and any firewall)',
    });
    expect(result.stages[0].detail).toContain('ECONNREFUSED');
  });

  it('port 25 gets the hint that providers block it', async () => {
    core = await createTestCore();
    const result = await core.call('mail.sendTest', {
      to: 'ops@acme.example',
      settings: { ...settings(25, { host: '127.0.0.1', user: '', password: '' }), tlsMode: 'none' },
    });
    expect(result.stages[0]).toMatchObject({ status: 'failed', hint: expect.stringContaining('try 587') });
  });

  it('a server without STARTTLS fails at TLS', async () => {
    const smtp = await server({ auth: AUTH });
    const result = await sendTest({}, smtp.port);
    expect(statuses(result)).toMatchObject({ connect: 'passed', tls: 'failed', auth: 'skipped' });
    expect(result.stages[1].hint).toBe(
      'The server offers no STARTTLS on this port: try TLS mode TLS on port 465',
    );
    expect(result.certificateRefused).toBeUndefined();
  });

  it('a wrong password fails at Authentication with the server code and text', async () => {
    const certificate = selfSignedCertificate();
    const smtp = await server({ auth: AUTH, tls: certificate });
    const result = await sendTest(
      { password: 'wrong', trustedFingerprint: certificate.fingerprint },
      smtp.port,
    );
    expect(statuses(result)).toMatchObject({
      connect: 'passed',
      tls: 'passed',
      auth: 'failed',
      sender: 'skipped',
    });
    const auth = result.stages[2];
    expect(auth).toMatchObject({ code: 535, hint: 'The user name or password was refused' });
    expect(auth.serverText).toContain('535 Authentication failed');
    expect(result.stages[1].detail).toContain(certificate.fingerprint);
  });

  it('a refused sender fails at Sender, a refused recipient at Recipient, a refused message at Data', async () => {
    const certificate = selfSignedCertificate();
    const smtp = await server({ auth: AUTH, tls: certificate });
    const trusted = { trustedFingerprint: certificate.fingerprint };
    smtp.fail(553, 'Sender address not allowed', { stage: 'mail' });
    const sender = await sendTest(trusted, smtp.port);
    expect(statuses(sender)).toMatchObject({ auth: 'passed', sender: 'failed', recipient: 'skipped' });
    expect(sender.stages[3]).toMatchObject({ code: 553, hint: expect.stringContaining('From address') });
    expect(sender.stages[3].serverText).toContain('Sender address not allowed');

    smtp.fail(550, 'No such user here', { stage: 'rcpt' });
    const recipient = await sendTest(trusted, smtp.port);
    expect(statuses(recipient)).toMatchObject({ sender: 'passed', recipient: 'failed', data: 'skipped' });
    expect(recipient.stages[4]).toMatchObject({
      code: 550,
      hint: expect.stringContaining('refused the recipient'),
    });

    smtp.fail(552, 'Message too spammy', { stage: 'data' });
    const data = await sendTest(trusted, smtp.port);
    expect(statuses(data)).toMatchObject({ recipient: 'passed', data: 'failed' });
    expect(data.stages[5]).toMatchObject({
      code: 552,
      hint: expect.stringContaining('refused the message itself'),
    });
    expect(smtp.received).toEqual([]);
  });
});
