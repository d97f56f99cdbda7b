import type { Page } from '@playwright/test';
import { selfSignedCertificate } from '../src-main/test-support/test-certificates';
import { startTestSmtpServer, type TestSmtpServer } from '../src-main/test-support/test-smtp-server';
import { accessibilityViolations } from './support/axe';
import { field } from './support/field';
import { expect, test } from './support/fixtures';

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
