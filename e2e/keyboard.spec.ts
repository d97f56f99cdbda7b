import type { Locator, Page } from '@playwright/test';
import { callApi } from './support/call-api';
import { expect, test } from './support/fixtures';
import { field } from './support/field';

/**
 * The profile walkthrough with the keyboard alone: no click anywhere. Fields are reached with Tab (up to
 * a bound, so a control the keyboard cannot reach fails the test), chosen with the arrows and Enter.
 */

const MAX_TABS = 60;

/** Presses Tab (Shift+Tab with `back`) until `target` has focus. */
async function tabTo(page: Page, target: Locator, back = false) {
  for (let presses = 0; presses < MAX_TABS; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `reachable with ${back ? 'Shift+' : ''}Tab`).toBeFocused({ timeout: 1 });
}

/** Types into the focused field, replacing what it holds. */
async function replaceText(page: Page, text: string) {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/**
 * Chooses `option` in the focused select: typing filters a searchable one, the arrows move, Enter picks
 * (and a multi-select stays open until Escape).
 */
async function choose(page: Page, option: string, { search = true, multiple = false } = {}) {
  if (search) await page.keyboard.type(option);
  else await page.keyboard.press('ArrowDown');
  const listbox = page.getByRole('listbox');
  await expect(listbox.getByRole('option', { name: option }).first()).toBeVisible();
  for (let presses = 0; presses < 10; presses++) {
    const selected = listbox.locator('[data-combobox-selected]');
    if ((await selected.count()) && (await selected.first().innerText()).startsWith(option)) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  if (multiple) await page.keyboard.press('Escape');
  await expect(listbox).toBeHidden();
}

const profileRow = (page: Page, name: string) =>
  page
    .getByRole('table', { name: 'Profiles' })
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name, exact: true }) });

test('the profile form, with the keyboard alone: create with two advanced rules, edit, delete', async ({
  page,
  host,
  request,
}) => {
  await callApi(request, host, 'sample.load', {});
  await page.goto(`${host.url}#/profiles`);
  await expect(profileRow(page, 'Prepaid standard')).toBeVisible();

  // Create.
  await tabTo(page, page.getByRole('button', { name: 'New Profile' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New Profile' });
  const general = dialog.getByRole('group', { name: 'General' });
  await expect(field(general, 'Name')).toBeFocused();
  await page.keyboard.type('Weekend watch');
  await tabTo(page, field(general, 'Reseller'));
  await choose(page, 'Blue Wave Networks');
  await tabTo(page, field(general, 'Currency'));
  await choose(page, 'EUR');
  await tabTo(page, field(general, 'Max Qty'));
  await replaceText(page, '4');

  const user = dialog.getByRole('group', { name: 'User Notification' });
  await tabTo(page, field(user, 'Threshold'));
  await page.keyboard.type('40');
  await tabTo(page, field(user, 'Notify'));
  await page.keyboard.press('Space');
  await tabTo(page, field(user, 'Users'));
  await choose(page, 'Ann Admin', { multiple: true });

  const addRule = dialog.getByRole('button', { name: 'Add rule' });
  await tabTo(page, addRule);
  await page.keyboard.press('Enter');
  const first = dialog.getByRole('group', { name: 'Advanced rule 1' });
  await expect(field(first, 'Threshold')).toBeFocused();
  await page.keyboard.type('10');
  await tabTo(page, field(first, 'Inactivity'));
  await replaceText(page, '36');
  await tabTo(page, field(first, 'Inactivity unit'));
  await choose(page, 'hours', { search: false });
  await expect(field(first, 'Notify')).toBeChecked();

  await tabTo(page, addRule);
  await page.keyboard.press('Enter');
  const second = dialog.getByRole('group', { name: 'Advanced rule 2' });
  await expect(field(second, 'Threshold')).toBeFocused();
  await page.keyboard.type('5');
  await tabTo(page, field(second, 'Emails'));
  await page.keyboard.type('late@weekend.example');
  await page.keyboard.press('Enter');
  await expect(second.getByText('late@weekend.example', { exact: true })).toBeVisible();

  await tabTo(page, dialog.getByRole('button', { name: 'OK' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Created profile "Weekend watch"')).toBeVisible();
  const created = profileRow(page, 'Weekend watch');
  await expect(created).toContainText('User < 40.00 · 2 advanced');
  // Focus is on the new profile's row.
  await expect(created.getByRole('button', { name: 'Weekend watch', exact: true })).toBeFocused();

  // Edit: Enter on the focused name opens it; removing a rule leaves focus on Add rule; Enter saves.
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: 'Edit Profile' });
  await expect(field(edit.getByRole('group', { name: 'General' }), 'Name')).toBeFocused();
  await replaceText(page, 'Weekend watch (edited)');
  await tabTo(page, edit.getByRole('button', { name: 'Remove advanced rule 2' }));
  await page.keyboard.press('Enter');
  await expect(edit.getByRole('group', { name: 'Advanced rule 2' })).toHaveCount(0);
  await expect(edit.getByRole('button', { name: 'Add rule' })).toBeFocused();
  await tabTo(page, field(edit.getByRole('group', { name: 'General' }), 'Name'), true);
  await page.keyboard.press('Enter');
  await expect(edit).toBeHidden();
  const edited = profileRow(page, 'Weekend watch (edited)');
  await expect(edited).toContainText('User < 40.00 · 1 advanced');
  await expect(edited.getByRole('button', { name: 'Weekend watch (edited)', exact: true })).toBeFocused();

  // Delete: Escape cancels and focus is back on the row's delete button; Enter on Delete confirms.
  const deleteButton = edited.getByRole('button', { name: 'Delete profile Weekend watch (edited)' });
  await tabTo(page, deleteButton);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Delete profile' });
  await expect(confirm).toContainText('No clients use this profile.');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(deleteButton).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(confirm).toBeVisible();
  await tabTo(page, confirm.getByRole('button', { name: 'Delete', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Deleted profile "Weekend watch (edited)"')).toBeVisible();
  await expect(edited).toHaveCount(0);
  // Focus stays in the list: on the row that took the deleted one's place, or the one before it.
  await expect(page.getByRole('table', { name: 'Profiles' }).locator(':focus')).toHaveCount(1);
});
