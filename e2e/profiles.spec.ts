import type { Locator, Page } from '@playwright/test';
import { expect, test, type RunningHost } from './support/fixtures';
import { field } from './support/field';

/** Every field of the profile form, as an operator types it. */
interface RuleEntry {
  threshold: string;
  notify: boolean;
  emails: string[];
}
interface ProfileEntry {
  name: string;
  reseller: string;
  currency: string;
  sortOrder: string;
  maxQty: string;
  period: [string, string];
  user: RuleEntry & { users: string[] };
  client: RuleEntry;
  advanced: (RuleEntry & { inactivity: [string, string] })[];
}

const fullProfile: ProfileEntry = {
  name: 'Night shift watch',
  reseller: 'Blue Wave Networks',
  currency: 'EUR',
  sortOrder: '5',
  maxQty: '4',
  period: ['2', 'days'],
  user: {
    threshold: '75.50',
    notify: true,
    users: ['Ann Admin', 'Carol Support'],
    emails: ['ops@night.example', 'duty@night.example'],
  },
  client: { threshold: '-5.25', notify: false, emails: ['billing@night.example'] },
  advanced: [
    { threshold: '10.00', inactivity: ['36', 'hours'], notify: true, emails: ['rule1@night.example'] },
    { threshold: '0.00', inactivity: ['90', 'minutes'], notify: false, emails: ['rule2@night.example'] },
  ],
};

async function choose(page: Page, scope: Locator, label: string, option: string) {
  await field(scope, label).click();
  await page.getByRole('option', { name: option }).first().click();
}

async function addEmails(scope: Locator, emails: string[]) {
  for (const email of emails) {
    await field(scope, 'Emails').fill(email);
    await field(scope, 'Emails').press('Enter');
  }
}

async function fillRule(scope: Locator, rule: RuleEntry) {
  await field(scope, 'Threshold').fill(rule.threshold);
  await field(scope, 'Notify').setChecked(rule.notify);
  await addEmails(scope, rule.emails);
}

async function fillProfile(page: Page, dialog: Locator, profile: ProfileEntry) {
  const general = dialog.getByRole('group', { name: 'General' });
  await field(general, 'Name').fill(profile.name);
  await choose(page, general, 'Reseller', profile.reseller);
  await choose(page, general, 'Currency', profile.currency);
  await field(general, 'Sort Order').fill(profile.sortOrder);
  await field(general, 'Max Qty').fill(profile.maxQty);
  await field(general, 'Period').fill(profile.period[0]);
  await choose(page, general, 'Period unit', profile.period[1]);

  const user = dialog.getByRole('group', { name: 'User Notification' });
  await fillRule(user, profile.user);
  for (const name of profile.user.users) await choose(page, user, 'Users', name);

  await fillRule(dialog.getByRole('group', { name: 'Client Notification' }), profile.client);

  for (const [i, rule] of profile.advanced.entries()) {
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    const row = dialog.getByRole('group', { name: `Advanced rule ${i + 1}` });
    await fillRule(row, rule);
    await field(row, 'Inactivity').fill(rule.inactivity[0]);
    await choose(page, row, 'Inactivity unit', rule.inactivity[1]);
  }
}

async function expectRule(scope: Locator, rule: RuleEntry) {
  await expect(field(scope, 'Threshold')).toHaveValue(rule.threshold);
  if (rule.notify) await expect(field(scope, 'Notify')).toBeChecked();
  else await expect(field(scope, 'Notify')).not.toBeChecked();
  for (const email of rule.emails) await expect(scope.getByText(email, { exact: true })).toBeVisible();
}

async function expectProfile(dialog: Locator, profile: ProfileEntry) {
  const general = dialog.getByRole('group', { name: 'General' });
  await expect(field(general, 'Name')).toHaveValue(profile.name);
  await expect(field(general, 'Reseller')).toHaveValue(profile.reseller);
  await expect(field(general, 'Currency')).toHaveValue(new RegExp(`^${profile.currency}\\b`));
  await expect(field(general, 'Sort Order')).toHaveValue(profile.sortOrder);
  await expect(field(general, 'Max Qty')).toHaveValue(profile.maxQty);
  await expect(field(general, 'Period')).toHaveValue(profile.period[0]);
  await expect(field(general, 'Period unit')).toHaveValue(profile.period[1]);

  const user = dialog.getByRole('group', { name: 'User Notification' });
  await expectRule(user, profile.user);
  for (const name of profile.user.users) await expect(user.getByText(name)).toBeVisible();

  await expectRule(dialog.getByRole('group', { name: 'Client Notification' }), profile.client);

  const rows = dialog.getByRole('group', { name: /^Advanced rule \d+$/ });
  await expect(rows).toHaveCount(profile.advanced.length);
  for (const [i, rule] of profile.advanced.entries()) {
    const row = dialog.getByRole('group', { name: `Advanced rule ${i + 1}` });
    await expectRule(row, rule);
    await expect(field(row, 'Inactivity')).toHaveValue(rule.inactivity[0]);
    await expect(field(row, 'Inactivity unit')).toHaveValue(rule.inactivity[1]);
  }
}

const profilesTable = (page: Page) => page.getByRole('table', { name: 'Profiles' });
const profileRow = (page: Page, name: string) =>
  profilesTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name, exact: true }) });

async function openProfile(page: Page, name: string): Promise<Locator> {
  await profilesTable(page).getByRole('button', { name, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Profile' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The app opens on the Overview; the profiles are one click away. */
async function openProfiles(page: Page, host: RunningHost) {
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Profiles' }).click();
}

async function loadSampleData(page: Page) {
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(profileRow(page, 'Prepaid standard')).toBeVisible();
}

test.describe('Low Balance Profiles', () => {
  test('create with every field, reopen, edit, survive a restart, delete', async ({ page, host }) => {
    await openProfiles(page, host);
    await loadSampleData(page);

    await page.getByRole('button', { name: 'New Profile' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New Profile' });
    await expect(field(dialog, 'Name')).toBeFocused();
    await fillProfile(page, dialog, fullProfile);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Created profile "${fullProfile.name}"`)).toBeVisible();

    const row = profileRow(page, fullProfile.name);
    await expect(row).toContainText('Blue Wave Networks');
    await expect(row).toContainText('EUR');
    await expect(row).toContainText('2 days');
    await expect(row).toContainText('User < 75.50 · Client < -5.25 · 2 advanced');

    await expectProfile(await openProfile(page, fullProfile.name), fullProfile);

    const edited: ProfileEntry = {
      ...fullProfile,
      name: 'Night shift watch (edited)',
      maxQty: '6',
      client: { ...fullProfile.client, threshold: '-7.00', notify: true },
      advanced: [fullProfile.advanced[1]],
    };
    const editDialog = page.getByRole('dialog', { name: 'Edit Profile' });
    const general = editDialog.getByRole('group', { name: 'General' });
    await field(general, 'Name').fill(edited.name);
    await field(general, 'Max Qty').fill(edited.maxQty);
    const client = editDialog.getByRole('group', { name: 'Client Notification' });
    await field(client, 'Threshold').fill(edited.client.threshold);
    await field(client, 'Notify').check();
    await editDialog.getByRole('button', { name: 'Remove advanced rule 1' }).click();
    await field(general, 'Name').press('Enter');
    await expect(editDialog).toBeHidden();
    await expect(profileRow(page, edited.name)).toContainText('User < 75.50 · Client < -7.00 · 1 advanced');
    await expect(profileRow(page, fullProfile.name)).toHaveCount(0);

    await host.restart();
    await openProfiles(page, host);
    await expect(profileRow(page, edited.name)).toBeVisible();
    await expectProfile(await openProfile(page, edited.name), edited);
    await page.getByRole('dialog', { name: 'Edit Profile' }).getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: `Delete profile ${edited.name}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete profile' });
    await expect(confirm).toContainText(edited.name);
    await expect(confirm).toContainText('No clients use this profile.');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(profileRow(page, edited.name)).toHaveCount(0);
    await expect(page.getByText(`Deleted profile "${edited.name}"`)).toBeVisible();
  });

  test('deleting a used profile says how many clients it unassigns', async ({ page, host }) => {
    await openProfiles(page, host);
    await loadSampleData(page);
    const row = profileRow(page, 'Prepaid standard');
    const headers = (await profilesTable(page).locator('thead th').allInnerTexts()).map((text) =>
      text.trim(),
    );
    const clients = Number(await row.getByRole('cell').nth(headers.indexOf('Clients')).innerText());
    expect(clients).toBeGreaterThan(1);

    await row.getByRole('button', { name: 'Delete profile Prepaid standard' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete profile' });
    await expect(confirm).toContainText(
      `${clients} clients use this profile; they will be unassigned. Their notification history is kept.`,
    );
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(row).toBeVisible();

    await row.getByRole('button', { name: 'Delete profile Prepaid standard' }).click();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(row).toHaveCount(0);
  });

  test('invalid input shows the field message and saves nothing', async ({ page, host }) => {
    await openProfiles(page, host);
    await loadSampleData(page);
    await expect(profilesTable(page).getByRole('row')).toHaveCount(4);

    await page.getByRole('button', { name: 'New Profile' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New Profile' });
    const general = dialog.getByRole('group', { name: 'General' });
    const user = dialog.getByRole('group', { name: 'User Notification' });
    const client = dialog.getByRole('group', { name: 'Client Notification' });
    await choose(page, general, 'Reseller', 'Acme Telecom');
    await field(user, 'Threshold').fill('10');
    await addEmails(client, ['not-an-email']);
    await expect(client.getByText('not-an-email is not a valid e-mail address')).toBeVisible();

    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(general.getByText('Name is required')).toBeVisible();
    await expect(user.getByText(/A rule that is on needs a recipient/)).toBeVisible();
    await expect(client.getByText('not-an-email is not a valid e-mail address')).toBeVisible();
    await expect(dialog).toBeVisible();

    // Fixed fields lose their message; the server's own check (a duplicate name) shows at its field.
    await field(general, 'Name').fill('Prepaid standard');
    await field(user, 'Notify').check();
    await field(client, 'Emails').press('Backspace');
    await expect(general.getByText('Name is required')).toBeHidden();
    await expect(user.getByText(/A rule that is on needs a recipient/)).toBeHidden();
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(
      general.getByText('This reseller already has a profile named "Prepaid standard"'),
    ).toBeVisible();
    await expect(dialog).toBeVisible();

    await expect(field(general, 'Name')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(profilesTable(page).getByRole('row')).toHaveCount(4);
  });
});
