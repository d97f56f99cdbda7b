import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { accessibilityViolations } from './support/axe';
import { callApi } from './support/call-api';
import { field } from './support/field';
import { expect, test, type RunningHost } from './support/fixtures';

/**
 * axe-core (WCAG 2.0/2.1/2.2 A and AA) over every section, form, page and confirmation dialog, in the light
 * and the dark colour scheme: no violation anywhere. Each state is audited with a soft assertion, so one run
 * lists every violation of the test, each naming the state, the element and what axe measured.
 */

async function audit(page: Page, state: string): Promise<void> {
  expect.soft(await accessibilityViolations(page), `axe violations in ${state}`).toEqual([]);
}

const nav = (page: Page, label: string) => page.getByRole('navigation').getByRole('link', { name: label });

async function openSection(page: Page, label: string, heading: string): Promise<void> {
  await nav(page, label).click();
  await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
}

async function withSampleData(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(page.getByText(/^Loaded sample data/)).toBeVisible();
}

/** Opens a dialog with `open`, audits it, and closes it with Cancel (or Escape when it has none). */
async function auditDialog(page: Page, state: string, name: string, open: () => Promise<void>) {
  // A toast left from the step before could start fading out in the middle of the audit (axe then measures
  // its text half-transparent): the dialogs are audited once the toasts are gone (they close within 8 s).
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  await open();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await audit(page, state);
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
  if (await cancel.count()) await cancel.click();
  else await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

const rowsOf = (page: Page, table: string): Locator =>
  page.getByRole('table', { name: table }).locator('tbody tr[aria-rowindex]');

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`Accessibility, ${colorScheme} scheme`, () => {
    test.use({ colorScheme, viewport: { width: 1280, height: 900 } });
    // Each audit takes a second or more on a loaded machine, and these tests make dozens.
    test.slow();

    test('every section and settings tab, an empty database and a toast', async ({ page, host }) => {
      await page.goto(host.url);
      await expect(page.getByRole('heading', { name: 'Overview', level: 2 })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Load sample data' })).toBeVisible();
      await audit(page, 'the Overview of an empty database');

      await page.getByRole('button', { name: 'Load sample data' }).click();
      await expect(page.getByText(/^Loaded sample data/)).toBeVisible();
      await audit(page, 'the Overview with a toast');

      await openSection(page, 'Profiles', 'Low Balance Profiles');
      await expect(rowsOf(page, 'Profiles').first()).toBeVisible();
      await audit(page, 'Profiles');
      await openSection(page, 'Clients', 'Clients');
      await expect(rowsOf(page, 'Clients').first()).toBeVisible();
      await audit(page, 'Clients');
      for (const section of ['Resellers', 'Users', 'Currencies']) {
        await openSection(page, section, section);
        await expect(page.getByRole('table', { name: section })).toBeVisible();
        await audit(page, section);
      }
      await openSection(page, 'Notifications', 'Notifications');
      await audit(page, 'Notifications');
      await openSection(page, 'Import / Export', 'Import / Export');
      await audit(page, 'Import / Export');

      await openSection(page, 'Settings', 'Settings');
      for (const [tab, ready] of [
        ['E-mail', 'Host'],
        ['Templates', 'Subject'],
        ['Desktop', null],
      ] as const) {
        await page.getByRole('tab', { name: tab }).click();
        await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
        if (ready) await expect(field(page, ready)).toBeVisible();
        else await expect(page.getByRole('tabpanel').locator('.mantine-Loader-root')).toHaveCount(0);
        await audit(page, `Settings → ${tab}`);
      }

      // The template editor with a mistake marked and the completion list open.
      await page.getByRole('tab', { name: 'Templates' }).click();
      const text = page.getByRole('textbox', { name: 'Text body', exact: true });
      await text.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.insertText(' {{ clinet }} ');
      await expect(text.locator('.cm-lintRange-error')).toHaveText('clinet');
      await page.keyboard.type('{{ avail');
      await expect(page.getByRole('option', { name: 'available_balance' })).toBeVisible();
      await audit(page, 'the template editor with a marked mistake and the completion list');
      await page.keyboard.press('Escape');

      await openSection(page, 'Overview', 'Overview');
      await expect(page.getByRole('group', { name: 'Scheduler' })).toBeVisible();
      await audit(page, 'the Overview with sample data');
    });

    test('the forms, a client page, a preview and a notification', async ({ page, host, request }) => {
      await withSampleData(page, host);
      await callApi(request, host, 'engine.checkNow', {});

      await openSection(page, 'Profiles', 'Low Balance Profiles');
      await auditDialog(page, 'the New Profile form with two advanced rules', 'New Profile', async () => {
        await page.getByRole('button', { name: 'New Profile' }).click();
        const dialog = page.getByRole('dialog', { name: 'New Profile' });
        await dialog.getByRole('button', { name: 'Add rule' }).click();
        await dialog.getByRole('button', { name: 'Add rule' }).click();
        await dialog.getByRole('button', { name: 'OK' }).click();
        await expect(dialog.getByText('Name is required')).toBeVisible();
      });
      await auditDialog(page, 'the Edit Profile form', 'Edit Profile', () =>
        page.getByRole('button', { name: 'Credit watch', exact: true }).click(),
      );
      await page.getByRole('link', { name: 'Preview profile Prepaid standard' }).click();
      await expect(page.getByRole('heading', { name: 'Preview: Prepaid standard' })).toBeVisible();
      await audit(page, 'a profile preview');

      await openSection(page, 'Clients', 'Clients');
      await auditDialog(page, 'the New Client form', 'New Client', () =>
        page.getByRole('button', { name: 'New Client' }).click(),
      );
      await page.getByRole('checkbox', { name: 'Select Northwind Cafe' }).check();
      await auditDialog(page, 'Assign profile', 'Assign profile', () =>
        page.getByRole('button', { name: 'Assign profile' }).click(),
      );
      await page.getByRole('link', { name: 'Northwind Cafe' }).click();
      await expect(page.getByRole('heading', { name: 'Northwind Cafe' })).toBeVisible();
      await expect(page.getByRole('table', { name: 'Balance history' })).toBeVisible();
      await audit(page, 'a client page');
      await auditDialog(page, 'the Edit Client form', 'Edit Client', () =>
        page.getByRole('button', { name: 'Edit' }).click(),
      );
      await auditDialog(page, 'Record payment', 'Record payment', () =>
        page.getByRole('button', { name: 'Record payment' }).click(),
      );

      for (const [section, noun, row] of [
        ['Resellers', 'Reseller', 'Acme Telecom'],
        ['Users', 'User', 'Ann Admin'],
        ['Currencies', 'Currency', 'EUR'],
      ] as const) {
        await openSection(page, section, section);
        await auditDialog(page, `the New ${noun} form`, `New ${noun}`, () =>
          page.getByRole('button', { name: `New ${noun}` }).click(),
        );
        await auditDialog(page, `the Edit ${noun} form`, `Edit ${noun}`, () =>
          page.getByRole('button', { name: row, exact: true }).click(),
        );
      }

      await openSection(page, 'Notifications', 'Notifications');
      await expect(rowsOf(page, 'Notifications').first()).toBeVisible();
      await rowsOf(page, 'Notifications').first().getByRole('button').first().click();
      await auditDialog(page, 'a notification', 'Notification', async () => {});
    });

    test('every confirmation dialog', async ({ page, host, request }) => {
      await withSampleData(page, host);

      await openSection(page, 'Profiles', 'Low Balance Profiles');
      await auditDialog(page, 'Delete profile', 'Delete profile', () =>
        page.getByRole('button', { name: 'Delete profile Prepaid standard' }).click(),
      );

      await openSection(page, 'Clients', 'Clients');
      await auditDialog(page, 'Delete client', 'Delete client', () =>
        page.getByRole('button', { name: 'Delete client Northwind Cafe' }).click(),
      );
      await page.getByRole('checkbox', { name: 'Select Northwind Cafe' }).check();
      await auditDialog(page, 'Remove profile', 'Remove profile', () =>
        page.getByRole('button', { name: 'Remove profile' }).click(),
      );

      for (const [section, noun, row] of [
        ['Resellers', 'reseller', 'Acme Telecom'],
        ['Users', 'user', 'Ann Admin'],
        ['Currencies', 'currency', 'EUR'],
      ] as const) {
        await openSection(page, section, section);
        await auditDialog(page, `Delete ${noun}`, `Delete ${noun}`, () =>
          page.getByRole('button', { name: `Delete ${noun} ${row}` }).click(),
        );
      }

      const template = await callApi(request, host, 'templates.get', { kind: 'user' });
      await callApi(request, host, 'templates.save', {
        kind: 'user',
        template: {
          subject: `${template.subject}!`,
          textBody: template.textBody,
          htmlBody: template.htmlBody,
        },
      });
      await openSection(page, 'Settings', 'Settings');
      await page.getByRole('tab', { name: 'Templates' }).click();
      await auditDialog(page, 'Reset to the default template', 'Reset to the default template?', () =>
        page.getByRole('button', { name: 'Reset to default' }).click(),
      );

      const file = path.join(host.dataDir, 'replace.json');
      const exported = await callApi(request, host, 'interchange.export', { sections: ['currencies'] });
      fs.writeFileSync(file, exported.text);
      await openSection(page, 'Import / Export', 'Import / Export');
      await page.getByRole('switch', { name: /^Replace/ }).check();
      await page.locator('input[type="file"]').setInputFiles(file);
      await auditDialog(page, 'Replace data', 'Replace data', async () => {
        await page.getByRole('button', { name: 'Replace', exact: true }).click();
      });
    });

    test('the audit reports a violation added to the page', async ({ page, host }) => {
      await page.goto(host.url);
      await expect(page.getByRole('heading', { name: 'Overview', level: 2 })).toBeVisible();
      await page.evaluate(() => {
        const button = document.createElement('button');
        button.id = 'unnamed-icon-button';
        button.innerHTML = '<svg width="16" height="16"></svg>';
        const faint = document.createElement('p');
        faint.id = 'faint-text';
        faint.textContent = 'Dimmed text that nobody can read';
        faint.style.color = document.body.style.backgroundColor || 'rgb(140, 140, 140)';
        faint.style.opacity = '0.4';
        document.querySelector('main')!.append(button, faint);
      });
      const violations = await accessibilityViolations(page);
      expect(violations.some((line) => /^button-name .*#unnamed-icon-button/.test(line))).toBe(true);
      expect(violations.some((line) => /^color-contrast .*#faint-text/.test(line))).toBe(true);
    });
  });
}
