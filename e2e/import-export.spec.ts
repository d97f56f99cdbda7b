import fs from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import {
  clientEntry,
  document,
  profileEntry,
  withoutExportedAt,
} from '../src-main/core/interchange/test-documents';
import { expect, test } from './support/fixtures';

const client = (name: string, balance: string, profile: string | null) =>
  clientEntry({
    name,
    balance,
    profile,
    billingEmail: `${name.toLowerCase().replace(/\W/g, '')}@client.example`,
  });

/** A file in the exact shape Lowbal exports, so exporting the imported data gives it back. */
const FILE = document({
  exportedAt: '2026-11-26T10:00:00Z',
  currencies: [{ code: 'USD', name: 'US Dollar', rate: '1', base: true }],
  resellers: [{ name: 'Acme Telecom', email: 'noc@acme.example' }],
  users: [{ name: 'Ann Admin', email: 'ann@acme.example', reseller: 'Acme Telecom' }],
  profiles: [profileEntry({ name: 'Prepaid standard' })],
  clients: [
    client('Client One', '12.50', 'Prepaid standard'),
    client('Client Three', '-4.25', null),
    client('Client Two', '80.00', 'Prepaid standard'),
  ],
});

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function writeFile(testInfo: TestInfo, name: string, content: unknown): string {
  const file = testInfo.outputPath(name);
  fs.writeFileSync(file, json(content));
  return file;
}

async function openImportExport(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('navigation').getByRole('link', { name: 'Import / Export' }).click();
  await expect(page.getByRole('heading', { name: 'Import / Export', level: 2 })).toBeVisible();
}

async function chooseFile(page: Page, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(file);
}

/** The cells of a plan table's row, to compare with e.g. ['Clients', '3', '0', '0']. */
function planRow(page: Page, table: string, section: string) {
  const row = page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: section });
  return row.locator('th, td');
}

test.describe('Import / Export', () => {
  test('import a file, see the preview, apply it, see the data, and export the same file', async ({
    page,
    host,
  }, testInfo) => {
    const file = writeFile(testInfo, 'acme.json', FILE);
    await openImportExport(page, host.url);

    await chooseFile(page, file);
    await expect(page.getByRole('table', { name: 'Import preview' })).toBeVisible();
    await expect(planRow(page, 'Import preview', 'Currencies')).toHaveText(['Currencies', '1', '0', '0']);
    await expect(planRow(page, 'Import preview', 'Profiles')).toHaveText(['Profiles', '1', '0', '0']);
    await expect(planRow(page, 'Import preview', 'Clients')).toHaveText(['Clients', '3', '0', '0']);

    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByText('Imported acme.json: 7 created')).toBeVisible();
    await expect(planRow(page, 'Import result', 'Clients')).toHaveText(['Clients', '3', '0', '0']);

    await page.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
    for (const name of ['Client One', 'Client Two', 'Client Three']) {
      await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible();
    }
    await expect(page.getByRole('row').filter({ hasText: 'Client Two' })).toContainText('80.00');

    await page.getByRole('navigation').getByRole('link', { name: 'Import / Export' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const exported = await download;
    expect(exported.suggestedFilename()).toMatch(/^lowbal-export-\d{4}-\d{2}-\d{2}\.json$/);
    const text = fs.readFileSync(await exported.path(), 'utf8');
    expect(withoutExportedAt(text)).toBe(withoutExportedAt(json(FILE)));
    await expect(
      page.getByText(/^Exported 1 currencies, 1 resellers, 1 users, 1 profiles, 3 clients/),
    ).toBeVisible();

    // Importing the export again changes nothing.
    await chooseFile(page, writeFile(testInfo, 'again.json', JSON.parse(text)));
    await expect(planRow(page, 'Import preview', 'Clients')).toHaveText(['Clients', '0', '0', '3']);
  });

  test('a bad file lists every problem and cannot be applied; Replace asks first', async ({
    page,
    host,
  }, testInfo) => {
    await openImportExport(page, host.url);
    await chooseFile(page, writeFile(testInfo, 'acme.json', FILE));
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByText('Imported acme.json: 7 created')).toBeVisible();

    const bad = {
      ...FILE,
      clients: [client('Client Four', '1.23456', null), client('Client Five', '1', 'Gold')],
    };
    await chooseFile(page, writeFile(testInfo, 'bad.json', bad));
    await expect(page.getByText('2 problems in this file')).toBeVisible();
    const problems = page.getByRole('table', { name: 'Problems' });
    await expect(problems.getByRole('row').filter({ hasText: '$.clients[0].balance' })).toContainText(
      'Balance must have at most 4 decimal places',
    );
    await expect(problems.getByRole('row').filter({ hasText: '$.clients[1].profile' })).toContainText(
      'Unknown profile "Gold"',
    );
    await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();

    const fewer = document({ clients: [client('Client One', '12.50', 'Prepaid standard')] });
    await chooseFile(page, writeFile(testInfo, 'fewer.json', fewer));
    await page.getByRole('switch', { name: /^Replace/ }).check();
    await expect(
      page.getByRole('table', { name: 'Import preview' }).getByRole('columnheader', { name: 'Remove' }),
    ).toBeVisible();
    await expect(planRow(page, 'Import preview', 'Clients')).toHaveText(['Clients', '0', '0', '1', '2']);

    await page.getByRole('button', { name: 'Replace', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Replace data' });
    await expect(dialog).toContainText('2 clients');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: 'Replace', exact: true }).click();
    await dialog.getByRole('button', { name: 'Replace' }).click();
    await expect(page.getByText('Imported fewer.json: 2 removed')).toBeVisible();

    await page.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Client One' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'Client Two' })).toHaveCount(0);
  });
});
