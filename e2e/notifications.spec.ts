import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { startTestSmtpServer, type TestSmtpServer } from '../src-main/test-support/test-smtp-server';
import { callApi } from './support/call-api';
import { expect, test, type RunningHost } from './support/fixtures';
import { field } from './support/field';
import { seedLowClients } from './support/low-clients';

const LOW_CLIENTS = ['Low One', 'Low Two'];

/**
 * Sending paused; a profile whose client rule e-mails the Billing Email and a
 * copy address; two low clients and one that is not.
 */
const seed = (request: APIRequestContext, host: RunningHost) =>
  seedLowClients(request, host, {
    clients: [
      ['Low One', '5'],
      ['Low Two', '12.5'],
      ['Rich Three', '500'],
    ],
    maxQty: 3,
    copyTo: ['copy@acme.example'],
  });

async function configureSmtp(page: Page, smtp: TestSmtpServer) {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('tab', { name: 'E-mail' })).toHaveAttribute('aria-selected', 'true');
  await field(page, 'Host').fill('127.0.0.1');
  await field(page, 'Port').fill(String(smtp.port));
  await page.getByRole('textbox', { name: /^TLS mode/ }).click();
  await page.getByRole('option', { name: 'None (plain SMTP)' }).click();
  await field(page, 'From name').fill('Lowbal Alerts');
  await field(page, 'From address').fill('alerts@acme.example');
  await field(page, 'Rate limit').fill('0');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('E-mail settings saved')).toBeVisible();

  await field(page, 'Send test to').fill('ops@acme.example');
  await page.getByRole('button', { name: 'Send test e-mail' }).click();
  await expect(page.getByText('The server accepted the test e-mail')).toBeVisible();
  await expect(page.getByText(/^Server answer: 250 /)).toBeVisible();
  expect(smtp.received.map((m) => m.to)).toEqual([['ops@acme.example']]);
}

/** "client name → recipients" pairs of a table with Client and Recipient(s) columns. */
async function pairs(table: Locator, clientHeader: string, recipientHeader: string): Promise<string[]> {
  const headers = (await table.locator('thead th').allInnerTexts()).map((text) => text.trim());
  const [clientColumn, recipientColumn] = [clientHeader, recipientHeader].map((h) => headers.indexOf(h));
  const rows = table.locator('tbody tr');
  const result: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = rows.nth(i).locator('td');
    const client = (await cells.nth(clientColumn).innerText()).trim();
    const recipients = (await cells.nth(recipientColumn).innerText()).split(/\s+/).filter(Boolean);
    for (const recipient of recipients) result.push(`${client} → ${recipient}`);
  }
  return result.sort();
}

test.describe('notifications', () => {
  let smtp: TestSmtpServer;
  test.beforeEach(async () => {
    smtp = await startTestSmtpServer();
  });
  test.afterEach(async () => {
    await smtp.stop();
  });

  test('set up SMTP, preview a profile, check it now, and see the e-mails sent', async ({
    page,
    host,
    request,
  }) => {
    await seed(request, host);
    await page.goto(host.url);
    await configureSmtp(page, smtp);

    // Preview: a dry run from the profile's row.
    await page.getByRole('navigation').getByRole('link', { name: 'Profiles' }).click();
    await page.getByRole('link', { name: 'Preview profile Prepaid standard' }).click();
    await expect(page.getByRole('heading', { name: 'Preview: Prepaid standard' })).toBeVisible();
    const previewTable = page.getByRole('table', { name: 'Preview' });
    await expect(previewTable.locator('tbody tr')).toHaveCount(2);
    const previewed = await pairs(previewTable, 'Client', 'Recipients');
    expect(previewed).toEqual([
      'Low One → copy@acme.example',
      'Low One → low.one@client.example',
      'Low Two → copy@acme.example',
      'Low Two → low.two@client.example',
    ]);
    expect(smtp.received).toHaveLength(1);

    // Check now queues them; sending is paused, so they wait.
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect(
      page.getByText(/4 e-mails queued for 2 matches\. Sending is paused\./).first(),
    ).toBeVisible();

    await page.getByRole('link', { name: 'See the notifications' }).click();
    await expect(page.getByRole('heading', { name: 'Notifications', level: 2 })).toBeVisible();
    const history = page.getByRole('table', { name: 'Notifications' });
    await expect(history.locator('tbody tr')).toHaveCount(4);
    await expect(history.getByText('queued', { exact: true })).toHaveCount(4);

    await page.getByRole('button', { name: 'Resume notifications' }).click();
    await expect(page.getByRole('button', { name: 'Pause notifications' })).toBeVisible();
    await expect(history.getByText('sent', { exact: true })).toHaveCount(4, { timeout: 20_000 });
    expect(await pairs(history, 'Client', 'Recipient')).toEqual(previewed);
    await smtp.waitForMessages(5);
    expect(
      smtp.received
        .slice(1)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(previewed.map((pair) => pair.split(' → ')[1]).sort());
    for (const client of LOW_CLIENTS) await expect(history.getByText(client).first()).toBeVisible();
    await expect(history.getByText('Rich Three')).toHaveCount(0);

    // The detail drawer shows the rendered e-mail, its HTML in a sandboxed frame.
    await history
      .locator('tbody tr')
      .filter({ hasText: 'low.one@client.example' })
      .getByRole('button')
      .click();
    const drawer = page.getByRole('dialog', { name: 'Notification' });
    await expect(drawer.getByTestId('email-subject')).toHaveText('Your balance is low: 5.00 USD available');
    await expect(drawer.getByRole('table', { name: 'Recipients' }).locator('tr')).toHaveCount(2);
    const frame = drawer.locator('iframe[title="HTML body"]');
    await expect(frame).toHaveAttribute('sandbox', '');
    await expect(page.frameLocator('iframe[title="HTML body"]').getByText('Dear Low One,')).toBeVisible();
  });

  test('failed e-mails show the server reply and can be retried', async ({ page, host, request }) => {
    await seed(request, host);
    await page.goto(host.url);
    await configureSmtp(page, smtp);
    smtp.fail(550, 'Mailbox unavailable');
    await callApi(request, host, 'engine.checkNow', {});
    await callApi(request, host, 'engine.resume', {});

    await page.getByRole('navigation').getByRole('link', { name: 'Notifications' }).click();
    const history = page.getByRole('table', { name: 'Notifications' });
    await page.getByRole('textbox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'failed' }).click();
    await expect(history.locator('tbody tr')).toHaveCount(4, { timeout: 20_000 });

    smtp.succeed();
    await history.locator('tbody tr').first().getByRole('button').click();
    const drawer = page.getByRole('dialog', { name: 'Notification' });
    await expect(drawer.getByText('550 Mailbox unavailable')).toBeVisible();
    await drawer.getByRole('button', { name: 'Retry' }).click();
    await expect(drawer.getByText('sent', { exact: true }).first()).toBeVisible({ timeout: 20_000 });
    await smtp.waitForMessages(2);
  });
});
