import { expect, test } from './support/fixtures';
test('shots', async ({ page, host }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(page.getByText(/^Loaded sample data/)).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: '/tmp/h3/list.png' });
  await page.getByRole('link', { name: 'Delft Design Studio' }).click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: '/tmp/h3/page.png', fullPage: true });
});
