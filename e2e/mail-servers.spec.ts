import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { selfSignedCertificate } from '../src-main/test-support/test-certificates';
import { startTestSmtpServer, type TestSmtpServer } from '../src-main/test-support/test-smtp-server';
import { startGoogleTokenEndpoint } from '../src-main/test-support/test-token-endpoint';
import { accessibilityViolations } from './support/axe';
import { field } from './support/field';
import { expect, test } from './support/fixtures';
import { startHost } from './support/host';

const AUTH = { user: 'mailer', pass: 'correct horse battery staple' };
const certificate = selfSignedCertificate('relay.acme.test');

let smtp: TestSmtpServer;
test.beforeEach(async () => {
  smtp = await startTestSmtpServer({ auth: AUTH, tls: certificate });
});
test.afterEach(async () => {
  await smtp.stop();
});

async function fillServer(page: Page, password: string) {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('tab', { name: 'E-mail' })).toHaveAttribute('aria-selected', 'true');
  await field(page, 'Host').fill('127.0.0.1');
  await field(page, 'Port').fill(String(smtp.port));
  await field(page, 'User').fill(AUTH.user);
  await field(page, 'Password').fill(password);
  await field(page, 'From address').fill('alerts@acme.example');
  await field(page, 'Send test to').fill('ops@acme.example');
}

test('a self-signed certificate is refused with its details, trusted by its fingerprint, and the stages are shown', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await fillServer(page, AUTH.pass);
  await page.getByRole('button', { name: 'Send test e-mail' }).click();

  const report = page.getByRole('status').filter({ hasText: 'The test e-mail was not sent' });
  await expect(report).toBeVisible();
  await expect(report.getByText('Connect (passed):')).toBeVisible();
  await expect(report.getByText('TLS (failed):')).toBeVisible();
  await expect(report.getByText('Authentication (not reached):')).toBeVisible();
  await expect(report.getByText('Issuer: CN=relay.acme.test, O=Lowbal test')).toBeVisible();
  await expect(report.getByText(certificate.fingerprint, { exact: true })).toBeVisible();
  await expect(report.getByText(/^Hint: Trust this certificate's fingerprint/)).toBeVisible();
  expect.soft(await accessibilityViolations(page), 'axe violations with a refused certificate').toEqual([]);
  expect(smtp.authAttempts).toEqual([]);

  await report.getByRole('button', { name: 'Trust this certificate' }).click();
  await expect(field(page, 'Trusted certificate fingerprint (SHA-256)')).toHaveValue(certificate.fingerprint);
  await page.getByRole('button', { name: 'Send test e-mail' }).click();
  const accepted = page.getByRole('status').filter({ hasText: 'The server accepted the test e-mail' });
  await expect(accepted).toBeVisible();
  await expect(accepted.getByText(/^TLSv1\.[23], subject CN=relay\.acme\.test/)).toBeVisible();
  await expect(accepted.getByText('Data (passed):')).toBeVisible();
  expect(smtp.received.map((mail) => mail.to)).toEqual([['ops@acme.example']]);

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('E-mail settings saved')).toBeVisible();
  await page.reload();
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await expect(field(page, 'Trusted certificate fingerprint (SHA-256)')).toHaveValue(certificate.fingerprint);
});

test('a wrong password fails at Authentication with the server answer and a hint', async ({ page, host }) => {
  await page.goto(host.url);
  await fillServer(page, 'wrong');
  await field(page, 'Trusted certificate fingerprint (SHA-256)').fill(certificate.fingerprint);
  await page.getByRole('button', { name: 'Send test e-mail' }).click();
  const report = page.getByRole('status').filter({ hasText: 'The test e-mail was not sent' });
  await expect(report.getByText('TLS (passed):')).toBeVisible();
  await expect(report.getByText('Authentication (failed):')).toBeVisible();
  await expect(report.getByText(/^Server answer \(535\):/)).toBeVisible();
  await expect(report.getByText('Hint: The user name or password was refused')).toBeVisible();
  await expect(report.getByText('Sender (not reached):')).toBeVisible();
});

test('a preset fills host, port, TLS mode and a fixed user, and says what the service needs', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('textbox', { name: /^Preset/ }).click();
  await page.getByRole('option', { name: 'SendGrid' }).click();
  await expect(field(page, 'Host')).toHaveValue('smtp.sendgrid.net');
  await expect(field(page, 'Port')).toHaveValue('587');
  await expect(page.getByRole('textbox', { name: /^TLS mode/ })).toHaveValue('STARTTLS');
  await expect(field(page, 'User')).toHaveValue('apikey');
  await expect(page.getByText(/^User is literally "apikey"/)).toBeVisible();

  await page.getByRole('textbox', { name: /^Preset/ }).click();
  await page.getByRole('option', { name: 'Microsoft 365' }).click();
  await expect(field(page, 'Host')).toHaveValue('smtp.office365.com');
  await expect(page.getByText(/^Exchange Online: SMTP AUTH must be allowed/)).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Authentication/ })).toHaveValue('OAuth2 (Microsoft 365)');
  await expect(field(page, 'Tenant ID')).toBeVisible();
  await expect(field(page, 'Client ID')).toBeVisible();
  await expect(field(page, 'Client secret')).toBeVisible();
  await expect(field(page, 'Mailbox')).toBeVisible();
  expect.soft(await accessibilityViolations(page), 'axe violations with a preset chosen').toEqual([]);

  await page.getByRole('textbox', { name: /^Authentication/ }).click();
  await page.getByRole('option', { name: 'Password' }).click();
  await expect(field(page, 'Tenant ID')).toBeHidden();
  await expect(field(page, 'Password')).toBeVisible();
  await expect(field(page, 'User')).toBeVisible();
});

test('OAuth2 (Google): a refresh token signs in with XOAUTH2, and no secret comes back to the page', async ({
  page,
}) => {
  const mailbox = 'alerts@acme.example';
  const client = {
    clientId: '1234-abcd.apps.googleusercontent.com',
    clientSecret: 'GOCSPX-e2e-client-secret',
    refreshToken: '1//e2e-refresh-token',
  };
  const endpoint = await startGoogleTokenEndpoint({ client });
  const google = await startTestSmtpServer({
    tls: certificate,
    oauth: { user: mailbox, validToken: (token) => endpoint.issued.includes(token) },
  });
  const caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-ca-')), 'token-endpoint.pem');
  fs.writeFileSync(caFile, endpoint.certificate);
  // The host trusts the local token endpoint's certificate as it would Google's.
  const host = await startHost({ env: { NODE_EXTRA_CA_CERTS: caFile } });
  const payloads: string[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/'))
      void response.text().then(
        (text) => payloads.push(text),
        () => {},
      );
  });
  try {
    await page.goto(host.url);
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await field(page, 'Host').fill('127.0.0.1');
    await field(page, 'Port').fill(String(google.port));
    await page.getByRole('textbox', { name: /^Authentication/ }).click();
    await page.getByRole('option', { name: 'OAuth2 (Google)' }).click();
    await expect(page.getByRole('textbox', { name: /^Google credential/ })).toHaveValue('Refresh token');
    await field(page, 'Client ID').fill(client.clientId);
    await field(page, 'Mailbox').fill(mailbox);
    await field(page, 'Client secret').fill(client.clientSecret);
    await field(page, 'Refresh token').fill(client.refreshToken);
    await field(page, 'Token URL').fill(endpoint.tokenUrl);
    await field(page, 'From address').fill(mailbox);
    await field(page, 'Trusted certificate fingerprint (SHA-256)').fill(certificate.fingerprint);
    await field(page, 'Send test to').fill('ops@acme.example');
    expect.soft(await accessibilityViolations(page), 'axe violations with OAuth2 (Google)').toEqual([]);

    await page.getByRole('button', { name: 'Send test e-mail' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'The server accepted the test e-mail' }),
    ).toBeVisible();
    expect(google.authAttempts).toEqual([
      expect.objectContaining({ method: 'XOAUTH2', username: mailbox, accessToken: 'google-token-1' }),
    ]);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('E-mail settings saved')).toBeVisible();
    await page.reload();
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await expect(field(page, 'Refresh token')).toHaveValue('');
    await expect(page.getByText(/^A refresh token is saved/)).toBeVisible();
    await expect(page.getByText(/^A client secret is saved/)).toBeVisible();

    await page.getByRole('textbox', { name: /^Google credential/ }).click();
    await page.getByRole('option', { name: 'Service account (domain-wide delegation)' }).click();
    await expect(field(page, 'Service account key (JSON)')).toBeVisible();
    await expect(field(page, 'Client ID')).toBeHidden();
    expect.soft(await accessibilityViolations(page), 'axe violations with a service account').toEqual([]);

    expect(payloads.length).toBeGreaterThan(0);
    for (const payload of payloads) {
      expect(payload).not.toContain(client.clientSecret);
      expect(payload).not.toContain(client.refreshToken);
    }
  } finally {
    await host.stop();
    await google.stop();
    await endpoint.stop();
    fs.rmSync(host.dataDir, { recursive: true, force: true });
  }
});

test('DKIM: a key generated in the app shows its TXT record to copy, and mail goes out signed', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await fillServer(page, AUTH.pass);
  await field(page, 'Trusted certificate fingerprint (SHA-256)').fill(certificate.fingerprint);
  await field(page, 'DKIM domain').fill('acme.example');
  await field(page, 'DKIM selector').fill('lowbal1');
  await expect(page.getByText(/^No DKIM key yet/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Generate DKIM key' })).toBeDisabled();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('E-mail settings saved')).toBeVisible();

  await page.getByRole('button', { name: 'Generate DKIM key' }).click();
  await expect(page.getByText('DKIM key generated: publish its TXT record')).toBeVisible();
  await expect(field(page, 'DNS record name')).toHaveValue('lowbal1._domainkey.acme.example');
  await expect(field(page, 'DNS TXT record value')).toHaveValue(/^v=DKIM1; k=rsa; p=/);
  await expect(page.getByRole('button', { name: 'Copy TXT record' })).toBeVisible();
  expect.soft(await accessibilityViolations(page), 'axe violations with a DKIM record').toEqual([]);

  await page.getByRole('button', { name: 'Send test e-mail' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The server accepted the test e-mail' }),
  ).toBeVisible();
  expect(smtp.received[0].raw).toMatch(/^DKIM-Signature: .*d=acme\.example/m);
});
