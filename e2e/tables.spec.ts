import type { Locator, Page } from '@playwright/test';
import { callApi } from './support/call-api';
import { expect, test, type RunningHost } from './support/fixtures';

const LONG_RESELLER = 'Northern Lights Telecommunications Cooperative';
const LONG_CLIENT = 'Compagnie Générale des Eaux et Forêts du Haut-Languedoc';

/** 250 clients through one import (a reseller with a long name among them), and the Clients list at 1280 px. */
async function openClients(page: Page, host: RunningHost, request: Parameters<typeof callApi>[0]) {
  const clients = Array.from({ length: 248 }, (_, i) => ({
    name: `Client ${String(i + 1).padStart(3, '0')}${i % 7 === 0 ? ' with a rather longer name' : ''}`,
    reseller: i % 2 ? 'Acme Telecom' : LONG_RESELLER,
    currency: 'USD',
    balance: String(i),
  }));
  clients.push(
    { name: 'Atelier Lumière Photographie', reseller: 'Acme Telecom', currency: 'USD', balance: '12.5' },
    { name: LONG_CLIENT, reseller: LONG_RESELLER, currency: 'USD', balance: '3' },
  );
  const file = {
    format: 'lowbal',
    version: 1,
    currencies: [{ code: 'USD', name: 'US Dollar', rate: 1 }],
    resellers: [
      { name: 'Acme Telecom', email: 'noc@acme.example' },
      { name: LONG_RESELLER, email: 'noc@northern.example' },
    ],
    clients,
  };
  await callApi(request, host, 'interchange.apply', { text: JSON.stringify(file) });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
  await expect(
    page.getByRole('table', { name: 'Clients' }).locator('tbody tr[aria-rowindex]').first(),
  ).toBeVisible();
}

/** Whether an element shows less than its text (it or its cell cuts it with an ellipsis). */
const isCut = (element: Locator) =>
  element.evaluate((node) => {
    const cell = node.closest('td') ?? node;
    return [cell, ...cell.querySelectorAll('*')].some((el) => el.scrollWidth > el.clientWidth + 1);
  });

const headerWidths = (page: Page) =>
  page
    .getByRole('table', { name: 'Clients' })
    .locator('thead th')
    .evaluateAll((cells) => cells.map((cell) => Math.round(cell.getBoundingClientRect().width)));

test.describe('Tables show names', () => {
  test('a client name is whole at 1280 px; a longer one shows whole on hover and on focus', async ({
    page,
    host,
    request,
  }) => {
    await openClients(page, host, request);
    const search = page.getByRole('searchbox', { name: 'Search' });

    await search.fill('Atelier');
    const atelier = page.getByRole('link', { name: 'Atelier Lumière Photographie' });
    await expect(atelier).toBeVisible();
    expect(await isCut(atelier)).toBe(false);
    await expect(atelier).toHaveText('Atelier Lumière Photographie');

    await search.fill('Compagnie');
    const long = page.getByRole('link', { name: LONG_CLIENT });
    await expect(long).toBeVisible();
    expect(await isCut(long)).toBe(true);
    await long.hover();
    await expect(page.getByRole('tooltip')).toHaveText(LONG_CLIENT);

    // The keyboard: focus on the link shows the same tooltip; a cut cell without a link is reachable with Tab.
    await page.mouse.move(0, 0);
    await expect(page.getByRole('tooltip')).toBeHidden();
    await page.getByRole('checkbox', { name: `Select ${LONG_CLIENT}` }).focus();
    await page.keyboard.press('Tab');
    await expect(long).toBeFocused();
    await expect(page.getByRole('tooltip')).toHaveText(LONG_CLIENT);
    // A cut cell joins the Tab order once the table has measured it (after the rows' first paint).
    const resellerCell = page.getByRole('cell', { name: LONG_RESELLER });
    await expect(resellerCell).toHaveAttribute('tabindex', '0');
    await page.keyboard.press('Tab');
    await expect(resellerCell).toBeFocused();
    await expect(page.getByRole('tooltip')).toHaveText(LONG_RESELLER);
    // A row action says its name the same way, on hover and on focus.
    const remove = page.getByRole('button', { name: `Delete client ${LONG_CLIENT}` });
    await remove.hover();
    await expect(page.getByRole('tooltip')).toHaveText(`Delete client ${LONG_CLIENT}`);
    await page.mouse.move(0, 0);
    await remove.focus();
    await expect(page.getByRole('tooltip')).toHaveText(`Delete client ${LONG_CLIENT}`);
    // A cell that is not cut stays out of the Tab order.
    await search.fill('Atelier');
    await expect(page.getByRole('cell', { name: 'Acme Telecom', exact: true })).not.toHaveAttribute(
      'tabindex',
    );
  });

  test('columns keep their widths while pages load', async ({ page, host, request }) => {
    await openClients(page, host, request);
    const table = page.getByRole('table', { name: 'Clients' });
    const before = await headerWidths(page);
    // Name, Reseller, Balance, Available, Profile, Last charge, Status and the row actions fit at 1280 px;
    // Currency and Credit (repeated by every amount and by the client's page) make room for them.
    await expect(table.locator('thead th')).toHaveText([
      '',
      'Name',
      'Reseller',
      'Balance',
      'Available',
      'Profile',
      'Last charge',
      'Status',
      'Actions',
    ]);
    expect(before[1]).toBeGreaterThanOrEqual(240);

    // Down to the last page (rows 201–250 load as they scroll into view), and back up.
    await table.locator('tbody tr[aria-rowindex]').first().hover();
    for (let step = 0; step < 30; step++) await page.mouse.wheel(0, 1200);
    await expect(table.locator('tr[aria-rowindex="251"]')).toBeVisible();
    expect(await headerWidths(page)).toEqual(before);
    const rowWidths = await table
      .locator('tbody tr[aria-rowindex]')
      .first()
      .locator('td')
      .evaluateAll((cells) => cells.map((cell) => Math.round(cell.getBoundingClientRect().width)));
    expect(rowWidths).toEqual(before);

    // A wider window brings Credit and Currency back; the name column keeps its width.
    await page.setViewportSize({ width: 1600, height: 800 });
    await expect(table.locator('thead th')).toHaveText([
      '',
      'Name',
      'Reseller',
      'Currency',
      'Balance',
      'Credit',
      'Available',
      'Profile',
      'Last charge',
      'Status',
      'Actions',
    ]);
    expect((await headerWidths(page))[1]).toBe(before[1]);
  });
});
