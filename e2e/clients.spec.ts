import type { Locator, Page } from '@playwright/test';
import { callApi } from './support/call-api';
import { expect, test, type RunningHost } from './support/fixtures';
import { field } from './support/field';

async function choose(page: Page, scope: Locator, label: string, option: string) {
  await field(scope, label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function openClients(page: Page, host: RunningHost) {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(page.getByText(/^Loaded sample data/)).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 2 })).toBeVisible();
}

const figure = (page: Page, label: string) => page.getByRole('group', { name: label, exact: true });
const counters = (page: Page, rule: string) =>
  page
    .getByRole('table', { name: 'Rules' })
    .getByRole('row')
    .filter({ hasText: rule })
    .getByRole('cell')
    .last();
const history = (page: Page) => page.getByRole('table', { name: 'Balance history' });
const chart = (page: Page) => page.getByRole('img', { name: /^Balance from/ });

async function recordEvent(page: Page, action: string, label: string, amount: string) {
  await page.getByRole('button', { name: action }).click();
  const dialog = page.getByRole('dialog', { name: action });
  await field(dialog, label).fill(amount);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
}

test.describe('Clients', () => {
  test('create a client, assign a profile, record a charge then a payment', async ({
    page,
    host,
    request,
  }) => {
    await openClients(page, host);

    await page.getByRole('button', { name: 'New Client' }).first().click();
    const form = page.getByRole('dialog', { name: 'New Client' });
    await expect(field(form, 'Name')).toBeFocused();
    await field(form, 'Name').fill('Zephyr Kiosk');
    await choose(page, form, 'Reseller', 'Acme Telecom');
    await field(form, 'Billing Email').fill('not an address');
    await field(form, 'Balance').fill('60');
    await field(form, 'Credit').fill('-1');
    await form.getByRole('button', { name: 'OK' }).click();
    await expect(form.getByText('Billing Email: not an address is not a valid e-mail address')).toBeVisible();
    await expect(form.getByText('Credit must be 0 or more')).toBeVisible();
    await field(form, 'Billing Email').fill('kiosk@zephyr.example');
    await field(form, 'Credit').fill('5');
    await form.getByRole('button', { name: 'OK' }).click();
    await expect(form).toBeHidden();
    await expect(page.getByText('Created client "Zephyr Kiosk"')).toBeVisible();

    // Saving opens the client's page.
    await expect(page.getByRole('heading', { name: 'Zephyr Kiosk' })).toBeVisible();
    await expect(figure(page, 'Balance')).toContainText('60.00 USD');
    await expect(figure(page, 'Available')).toContainText('65.00 USD');
    await expect(page.getByRole('group', { name: 'Status' })).toContainText('No profile');
    await expect(history(page)).toContainText('Opening balance');

    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Client' });
    await choose(page, edit, 'Profile', 'Prepaid standard');
    await edit.getByRole('button', { name: 'OK' }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByRole('group', { name: 'Status' })).toContainText('OK');
    await expect(counters(page, 'User Notification')).toHaveText('0 / 3');

    await recordEvent(page, 'Record charge', 'Amount', '30');
    await expect(page.getByText(/^Recorded a charge of 30.00 USD for "Zephyr Kiosk"/)).toBeVisible();
    await expect(figure(page, 'Balance')).toContainText('30.00 USD');
    await expect(figure(page, 'Available')).toContainText('35.00 USD');
    await expect(page.getByRole('group', { name: 'Status' })).toContainText('Low');
    await expect(history(page).getByRole('row').nth(1)).toContainText('-30.00 USD');
    await expect(chart(page)).toHaveAccessibleName(/from 60\.00 USD to 30\.00 USD$/);

    // A check (as the scheduler runs it) e-mails about the low balance and counts it.
    const profiles = await callApi(request, host, 'profiles.list', {});
    const profile = profiles.rows.find((p) => p.name === 'Prepaid standard')!;
    await callApi(request, host, 'engine.checkNow', { profileId: profile.id });
    await page.reload();
    await expect(counters(page, 'User Notification')).toHaveText(/^[1-3] \/ 3$/);
    await expect(counters(page, 'Client Notification')).toHaveText('0 / 3');

    await recordEvent(page, 'Record payment', 'Amount', '100');
    await expect(page.getByText(/rule counters reset$/)).toBeVisible();
    await expect(figure(page, 'Balance')).toContainText('130.00 USD');
    await expect(figure(page, 'Available')).toContainText('135.00 USD');
    await expect(page.getByRole('group', { name: 'Status' })).toContainText('OK');
    await expect(counters(page, 'User Notification')).toHaveText('0 / 3');
    await expect(history(page).getByRole('row').nth(1)).toContainText('+100.00 USD');
    await expect(history(page).getByRole('row')).toHaveCount(4);
    await expect(chart(page)).toHaveAccessibleName(/from 60\.00 USD to 130\.00 USD$/);

    // The list shows the same figures.
    await page.getByRole('link', { name: 'Clients' }).first().click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('zephyr');
    const row = page
      .getByRole('table', { name: 'Clients' })
      .getByRole('row')
      .filter({ hasText: 'Zephyr Kiosk' });
    await expect(row).toContainText('130.00 USD');
    await expect(row).toContainText('135.00 USD');
    await expect(row).toContainText('Prepaid standard');
  });

  test('bulk-assign a profile to three clients', async ({ page, host, request }) => {
    await openClients(page, host);
    const resellers = await callApi(request, host, 'resellers.list', {});
    const currencies = await callApi(request, host, 'currencies.list', {});
    const usd = currencies.find((c) => c.code === 'USD')!.id;
    const resellerId = (name: string) => resellers.find((r) => r.name === name)!.id;
    for (const [name, reseller] of [
      ['Bulk One', 'Acme Telecom'],
      ['Bulk Two', 'Acme Telecom'],
      ['Bulk Three', 'Acme Telecom'],
      ['Bulk Other', 'Blue Wave Networks'],
    ]) {
      await callApi(request, host, 'clients.create', {
        name,
        resellerId: resellerId(reseller),
        currencyId: usd,
        balance: '10',
      });
    }
    await page.getByRole('searchbox', { name: 'Search' }).fill('bulk');
    const table = page.getByRole('table', { name: 'Clients' });
    await expect(table.getByRole('row')).toHaveCount(5);

    // A profile of another reseller is refused, naming the client.
    await table.getByRole('checkbox', { name: 'Select all matching clients' }).click();
    await expect(page.getByText('4 clients selected')).toBeVisible();
    await page.getByRole('button', { name: 'Assign profile' }).click();
    let dialog = page.getByRole('dialog', { name: 'Assign profile' });
    await choose(page, dialog, 'Profile', 'Prepaid standard (Acme Telecom)');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(
      dialog.getByText(/clients of another reseller: Bulk Other \(Blue Wave Networks\)$/),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Clear selection' }).click();
    for (const name of ['Bulk One', 'Bulk Two', 'Bulk Three']) {
      await table.getByRole('checkbox', { name: `Select ${name}` }).check();
    }
    await expect(page.getByText('3 clients selected')).toBeVisible();
    await page.getByRole('button', { name: 'Assign profile' }).click();
    dialog = page.getByRole('dialog', { name: 'Assign profile' });
    await choose(page, dialog, 'Profile', 'Prepaid standard (Acme Telecom)');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Assigned the profile to 3 clients')).toBeVisible();

    for (const name of ['Bulk One', 'Bulk Two', 'Bulk Three']) {
      await expect(table.getByRole('row').filter({ hasText: name })).toContainText('Prepaid standard');
    }
    await expect(table.getByRole('row').filter({ hasText: 'Bulk Other' })).toContainText('None');

    await page.getByRole('textbox', { name: 'Filter by profile' }).click();
    await page.getByRole('option', { name: 'Prepaid standard (Acme Telecom)' }).click();
    await expect(table.getByRole('row')).toHaveCount(4);

    // Delete says what goes with the client.
    await page.getByRole('textbox', { name: 'Filter by profile' }).click();
    await page.getByRole('option', { name: 'No profile' }).click();
    await page.getByRole('button', { name: 'Delete client Bulk Other' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete client' });
    await expect(confirm).toContainText(
      'Its 1 balance event and its notification history (0 notifications) are deleted with it.',
    );
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByText('Deleted client "Bulk Other"')).toBeVisible();
    await expect(page.getByText('No matching clients')).toBeVisible();
  });
});
