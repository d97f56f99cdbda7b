import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const ROOT = path.resolve(__dirname, '..');
const SKIP_REASON =
  'Electron binary not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); ' +
  'run `npm install` without that variable to run the desktop app spec';

/** The Electron executable `npm install` downloaded, or null when the download was skipped. */
function electronBinary(): string | null {
  try {
    // The package's export is the binary's path; it throws when the download was skipped.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const file = require('electron') as string;
    fs.accessSync(file, fs.constants.X_OK);
    return file;
  } catch {
    return null;
  }
}

test.describe('desktop app (Electron)', () => {
  let dataDir: string;

  test.beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-electron-e2e-'));
  });

  test.afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens a secured window on the app, backed by the core', async () => {
    const executablePath = electronBinary();
    if (!executablePath) {
      process.stdout.write(`Skipping the Electron spec: ${SKIP_REASON}\n`);
      test.skip(true, SKIP_REASON);
      return;
    }
    const native = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-electron-sqlite.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(native.status, `${native.stdout}${native.stderr}`).toBe(0);

    const app = await electron.launch({
      executablePath,
      args: [
        // Chromium refuses its sandbox as root (CI); the renderer flags under test are unaffected.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        path.join(ROOT, 'out/main/index.js'),
        `--data=${dataDir}`,
      ],
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle('Lowbal');
      await expect(page.locator('#root')).not.toBeEmpty();

      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
        'undefined',
      );
      expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe(
        'undefined',
      );
      expect(await page.evaluate(() => Object.keys(window.lowbal ?? {}))).toEqual(['invoke']);
      const listed = await page.evaluate(() => window.lowbal!.invoke('profiles.list', {}));
      expect(listed).toEqual({ ok: true, value: { rows: [], total: 0 } });

      expect(fs.existsSync(path.join(dataDir, 'lowbal.sqlite'))).toBe(true);
    } finally {
      await app.close();
    }
  });
});
