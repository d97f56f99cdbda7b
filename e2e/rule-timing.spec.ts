import { DateTime } from 'luxon';
import { expect, test } from './support/fixtures';
import { field } from './support/field';
import { seedLowClients } from './support/low-clients';

/** "HH:MM" in London `hours` from now, so the quiet-hours window is closed while the test runs. */
const londonClock = (hours: number) =>
  DateTime.now().setZone('Europe/London').plus({ hours }).toFormat('HH:mm');

test('set a Runway rule and quiet hours in the profile form, and see the preview explain them', async ({
  page,
  host,
  request,
}) => {
  await seedLowClients(request, host, { clients: [['Low One', '5']], maxQty: 1 });
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Profiles' }).click();
  await page
    .getByRole('table', { name: 'Profiles' })
    .getByRole('button', { name: 'Prepaid standard', exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Edit Profile' });

  await dialog.getByRole('button', { name: 'Add rule' }).click();
  const rule = dialog.getByRole('group', { name: 'Advanced rule 1' });
  await field(rule, 'Inactivity').fill('');
  await field(rule, 'Runway').fill('30');
  await field(rule, 'Notify').check();

  const general = dialog.getByRole('group', { name: 'General' });
  await field(general, 'Recovery notice').check();
  const quiet = dialog.getByRole('group', { name: 'Quiet hours' });
  await field(quiet, 'Send from').fill(londonClock(2));
  await field(quiet, 'Send until').fill(londonClock(2));
  await field(quiet, 'Time zone').fill('Europe/London');
  await page.getByRole('option', { name: 'Europe/London', exact: true }).click();
  // A window that opens and closes at once is refused, on its field.
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(quiet.getByText('Send until must differ from Send from')).toBeVisible();
  await field(quiet, 'Send until').fill(londonClock(3));
  await field(quiet, 'Send until').press('Enter');
  await expect(dialog).toBeHidden();

  await page
    .getByRole('table', { name: 'Profiles' })
    .getByRole('button', { name: 'Prepaid standard', exact: true })
    .click();
  const reopened = page.getByRole('dialog', { name: 'Edit Profile' });
  const saved = reopened.getByRole('group', { name: 'Advanced rule 1' });
  await expect(field(saved, 'Runway')).toHaveValue('30 days');
  await expect(field(saved, 'Inactivity')).toHaveValue('');
  await expect(field(reopened.getByRole('group', { name: 'General' }), 'Recovery notice')).toBeChecked();
  await expect(field(reopened.getByRole('group', { name: 'Quiet hours' }), 'Time zone')).toHaveValue(
    'Europe/London',
  );
  await reopened.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('link', { name: 'Preview profile Prepaid standard' }).click();
  await expect(page.getByRole('heading', { name: 'Preview: Prepaid standard' })).toBeVisible();
  await expect(page.getByText(/A check now would hold its notices until/)).toBeVisible();
  const preview = page.getByRole('table', { name: 'Preview' });
  await expect(preview.getByRole('row').filter({ hasText: 'Low One' })).toContainText(
    'Available 5.00 USD is below the Threshold of 20.00 USD',
  );
  // The Runway rule is on, but with no charge history the runway is unknown: it does not match.
  await expect(preview.getByRole('row').filter({ hasText: 'Advanced rule' })).toHaveCount(0);

  // Checked once, the client rule reaches Max Qty: the preview says why it no longer sends.
  await page.getByRole('button', { name: 'Check now' }).click();
  const notSent = page.getByRole('table', { name: 'Matching, but not sent' });
  await expect(notSent.getByRole('row').filter({ hasText: 'Low One' })).toContainText(
    'Max Qty reached: 1 of 1 sent since the last refill',
  );
});
