import type { Page } from '@playwright/test';
import { startTestSmtpServer, type TestSmtpServer } from '../src-main/test-support/test-smtp-server';
import { callApi } from './support/call-api';
import { expect, test } from './support/fixtures';
import { startHost } from './support/host';
import { seedLowClients } from './support/low-clients';

let smtp: TestSmtpServer;
test.beforeEach(async () => {
  smtp = await startTestSmtpServer();
});
test.afterEach(async () => {
  await smtp.stop();
});

const card = (page: Page, label: string) => page.getByRole('group', { name: label, exact: true });

test.describe('Overview', () => {
  test('is the home page and shows the right counts after a check', async ({ page, request, host }) => {
    await seedLowClients(request, host, {
      clients: [
        ['Low One', '5'],
        ['Low Two', '12.5'],
        ['Low Three', '1'],
        ['Rich Four', '500'],
        ['Asleep Five', '1', false],
      ],
      smtp: { port: smtp.port },
    });
    const { checks } = await callApi(request, host, 'engine.checkNow', {});
    expect(checks).toMatchObject([{ profileName: 'Prepaid standard', queued: 3 }]);

    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Overview', level: 2 })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Overview' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(card(page, 'Scheduler')).toContainText('Paused');
    await expect(card(page, 'Scheduler')).toContainText(
      'Nothing is checked or sent until notifications are resumed',
    );
    await expect(card(page, 'Queue').getByText('3', { exact: true })).toBeVisible();
    await expect(card(page, 'Clients low now').getByText('3', { exact: true })).toBeVisible();
    await expect(card(page, 'Failed in the last 24 hours').getByText('0', { exact: true })).toBeVisible();
    await expect(card(page, 'Last check')).toContainText('Prepaid standard: 0 sent, 0 failed, 3 waiting');
    await expect(page.getByRole('img', { name: /^Last 30 days: 0 sent, 0 failed/ })).toBeVisible();

    // The server refuses one recipient for good; the others go out once sending resumes.
    smtp.fail(550, 'Mailbox unavailable', { times: 1 });
    await page.getByRole('button', { name: 'Resume notifications' }).click();
    await expect(card(page, 'Scheduler')).toContainText('Running');
    await expect(card(page, 'Last check')).toContainText('Prepaid standard: 2 sent, 1 failed');
    await expect(card(page, 'Queue').getByText('0', { exact: true })).toBeVisible();
    await expect(card(page, 'Failed in the last 24 hours').getByText('1', { exact: true })).toBeVisible();
    await expect(
      page.getByRole('img', { name: 'Last 30 days: 2 sent, 1 failed; today 2 sent, 1 failed' }),
    ).toBeVisible();
    expect(smtp.received).toHaveLength(2);

    await card(page, 'Failed in the last 24 hours').getByRole('link', { name: 'See the failures' }).click();
    await expect(page.getByRole('heading', { name: 'Notifications', level: 2 })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Notifications' }).locator('tbody tr')).toHaveCount(1);
  });

  test('says when this host is read-only, and who sends', async ({ page, host }) => {
    const second = await startHost({ dataDir: host.dataDir });
    try {
      await page.goto(second.url);
      const alert = page.getByRole('alert').filter({ hasText: 'Read-only here' });
      await expect(alert).toContainText(
        /Checks and sending run in the headless service on host .+ \(pid \d+\) since/,
      );
      await expect(card(page, 'Scheduler')).toContainText('Read-only');
      await page.getByRole('button', { name: 'Check all now' }).click();
      await expect(page.getByText(/this one is read-only until that one stops/)).toBeVisible();
    } finally {
      await second.stop();
    }
  });

  test('offers sample data on an empty database', async ({ page, host }) => {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Welcome to Lowbal' })).toBeVisible();
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expect(page.getByText(/^Loaded sample data/)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Welcome to Lowbal' })).toBeHidden();
    await expect(card(page, 'Clients low now').getByText(/^[1-9]\d*$/)).toBeVisible();
  });
});

test.describe('Settings → Desktop', () => {
  test('keeps running in the tray by default, and saves the choices', async ({ page, host }) => {
    await page.goto(host.url);
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Desktop' }).click();
    const tray = page.getByRole('switch', { name: 'Keep running in the tray when the window is closed' });
    const login = page.getByRole('switch', { name: 'Start Lowbal when I log in' });
    await expect(tray).toBeChecked();
    await expect(login).not.toBeChecked();
    await expect(page.getByText('The headless service you are using now ignores them.')).toBeVisible();

    await login.check();
    await expect(page.getByText('Desktop settings saved')).toBeVisible();
    await tray.uncheck();
    await expect(tray).not.toBeChecked();
    await page.reload();
    await expect(login).toBeChecked();
    await expect(tray).not.toBeChecked();
  });
});
