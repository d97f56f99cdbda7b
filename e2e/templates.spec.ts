import type { Page } from '@playwright/test';
import { DEFAULT_TEMPLATES } from '../src-main/core/mail/templates/default-templates';
import { callApi } from './support/call-api';
import { expect, test, type RunningHost } from './support/fixtures';

async function openTemplates(page: Page, host: RunningHost) {
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Templates' }).click();
  await expect(editor(page, 'Subject')).toBeVisible();
}

/** A part's CodeMirror editor: a multi-line textbox named by the part's label. */
const editor = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });

/** Enters `text` at the cursor as pasted (no bracket closing), a line break being the Enter key. */
async function enter(page: Page, text: string) {
  for (const [i, line] of text.split('\n').entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    if (line) await page.keyboard.insertText(line);
  }
}

/** Puts the cursor at the end of a part's text (Ctrl+End) and enters `text` there. */
async function pasteAtEnd(page: Page, label: string, text: string) {
  await editor(page, label).click();
  await page.keyboard.press('Control+End');
  await enter(page, text);
}

/** The line a new line after the default User Notification text body is. */
const NEW_LINE = DEFAULT_TEMPLATES.user.textBody.split('\n').length + 1;

test.describe('Template editor', () => {
  test('marks an unknown variable and a syntax error as you type, and saving waits for the fix', async ({
    page,
    host,
    request,
  }) => {
    await openTemplates(page, host);
    const text = editor(page, 'Text body');
    const textField = page.locator('.mantine-InputWrapper-root').filter({ has: text });

    // Highlighting: Liquid variables and tags are their own tokens.
    await expect(text.locator('span', { hasText: /^available_balance$/ }).first()).toHaveCSS('color', /rgb/);

    await pasteAtEnd(page, 'Text body', '\nCall us about {{ balanse }}');
    await expect(
      textField.getByText(`Text body, line ${NEW_LINE}: unknown variable "balanse"`, { exact: true }),
    ).toBeVisible();
    await expect(text.locator('.cm-lintRange-error')).toHaveText('balanse');
    await expect(text).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    await expect(page.getByText('1 problem to fix before saving')).toBeVisible();

    // Fixing it clears the mark; an unclosed tag on another line is marked where it is.
    for (let i = 0; i < 'balanse }}'.length; i++) await page.keyboard.press('Backspace');
    await enter(page, 'balance }}\n{% if count > 1 %}again');
    await expect(
      textField.getByText(`Text body, line ${NEW_LINE + 1}: tag {% if count > 1 %} not closed`, {
        exact: true,
      }),
    ).toBeVisible();
    await expect(text.locator('.cm-lintRange-error')).toHaveText('{% if count > 1 %}');
    await page.keyboard.insertText('{% endif %}');
    await expect(textField.getByText(/not closed/)).toBeHidden();
    await expect(text.locator('.cm-lintRange-error')).toHaveCount(0);
    await expect(text).toHaveAttribute('aria-invalid', 'false');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('User Notification template saved')).toBeVisible();
    const saved = await callApi(request, host, 'templates.get', { kind: 'user' });
    expect(saved.textBody.endsWith('\nCall us about {{ balance }}\n{% if count > 1 %}again{% endif %}')).toBe(
      true,
    );
  });

  test('completes the template variables, and keeps the subject on one line', async ({ page, host }) => {
    await openTemplates(page, host);
    // Typed: `{` closes itself, as in any code editor.
    await editor(page, 'HTML body').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('<p>{{ avail');
    const options = page.getByRole('listbox');
    await expect(options.getByRole('option', { name: /available_balance/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    // CodeMirror ignores Enter for `interactionDelay` (75 ms) after the list changes, so that a key pressed
    // while typing fast is not taken for a choice; a slow machine can still be updating the list here.
    await page.waitForTimeout(150);
    await page.keyboard.press('Enter');
    await expect(editor(page, 'HTML body')).toContainText('<p>{{ available_balance');

    // Every variable the server knows is offered; their list is the one the check uses.
    await pasteAtEnd(page, 'Text body', '\n{{ ');
    await page.keyboard.press('Control+Space');
    for (const name of ['client', 'client_email', 'reseller', 'max_qty', 'inactivity']) {
      await expect(options.getByRole('option', { name, exact: true })).toHaveCount(1);
    }
    await page.keyboard.press('Escape');
    await expect(options).toBeHidden();

    // Tab leaves the editor (no keyboard trap); a line break in the subject becomes a space.
    await editor(page, 'Subject').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('now');
    await expect(editor(page, 'Subject')).toContainText('available now');
    await expect(editor(page, 'Subject').locator('.cm-line')).toHaveCount(1);
    await page.keyboard.press('Tab');
    await expect(editor(page, 'Subject')).not.toBeFocused();
  });
});
