import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { generateDataset } from '../bench/dataset/generate-dataset';
import { DATABASE_FILE_NAME } from '../src-main/core/db/open-database';
import { callApi } from './support/call-api';
import { startHost, type RunningHost } from './support/host';

const PROFILES = 8;

test.describe('a running check in the app', () => {
  let host: RunningHost;

  test.beforeEach(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-e2e-progress-'));
    // Large enough that a check of every profile takes seconds; the profiles are not due, so nothing runs unasked.
    await generateDataset(path.join(dataDir, DATABASE_FILE_NAME), {
      clients: 400_000,
      profiles: PROFILES,
      resellers: 2,
    });
    host = await startHost({ dataDir });
  });

  test.afterEach(async () => {
    await host.stop();
    fs.rmSync(host.dataDir, { recursive: true, force: true });
  });

  test('shows profile i of n and the clients evaluated, and Cancel stops it', async ({ page, request }) => {
    await callApi(request, host, 'engine.pause', {});
    await page.goto(host.url);
    await page.getByRole('navigation').getByRole('link', { name: 'Notifications' }).click();
    await page.getByRole('button', { name: 'Check all now' }).click();

    await expect(page.getByText(new RegExp(`^Checking .+ \\(\\d of ${PROFILES}\\)$`))).toBeVisible();
    await expect(page.getByText(/^[\d,]+ clients evaluated$/)).toBeVisible();
    await expect(
      page.getByRole('progressbar', { name: new RegExp(`Check progress: profile \\d of ${PROFILES}`) }),
    ).toBeVisible();

    // At once: the bar moves ten times a second, and waiting for the button to be still could outlast the check.
    await page.getByRole('button', { name: 'Cancel check' }).dispatchEvent('click');
    await expect(
      page.getByText(/Cancelled before the other profiles|Check cancelled: nothing was queued/),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel check' })).toBeHidden();
    const status = await callApi(request, host, 'engine.status', {});
    expect(status.check).toBeNull();
    // The profiles after the one it stopped in were not checked.
    const checked = (await callApi(request, host, 'profiles.list', {})).rows.filter(
      (profile) => profile.lastCheckAt !== null,
    );
    expect(checked.length).toBeLessThan(PROFILES);
  });
});
