import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, expect, test } from '@playwright/test';
import Database from 'better-sqlite3';

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

/** Launches the built desktop app on `dataDir`; skips the test where the Electron binary is missing. */
async function launchLowbal(dataDir: string): Promise<ElectronApplication> {
  const executablePath = electronBinary();
  if (!executablePath) {
    process.stdout.write(`Skipping the Electron spec: ${SKIP_REASON}\n`);
    test.skip(true, SKIP_REASON);
    throw new Error(SKIP_REASON);
  }
  const native = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-electron-sqlite.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(native.status, `${native.stdout}${native.stderr}`).toBe(0);
  return electron.launch({
    executablePath,
    args: [
      // Chromium refuses its sandbox as root (CI); the renderer flags under test are unaffected.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      path.join(ROOT, 'out/main/index.js'),
      `--data=${dataDir}`,
    ],
  });
}

/** The tray's menu, read in the main process (see TRAY_PROBE in src-main/hosts/electron/tray/tray-app.ts). */
type Probe = { labels(): string[]; click(label: string): void };
const trayLabels = (app: ElectronApplication) =>
  app.evaluate(
    () =>
      (globalThis as unknown as Record<symbol, Probe | undefined>)[Symbol.for('lowbal.tray')]?.labels() ?? [],
  );
const clickTray = (app: ElectronApplication, label: string) =>
  app.evaluate((_electron, item) => {
    const probe = (globalThis as unknown as Record<symbol, Probe>)[Symbol.for('lowbal.tray')];
    // Later, so that Quit does not end the process while this call still waits for its answer.
    setTimeout(() => probe.click(item), 0);
  }, label);
const windowsVisible = (app: ElectronApplication) =>
  app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.isVisible()));

test.describe('desktop app (Electron)', () => {
  let dataDir: string;

  test.beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-electron-e2e-'));
  });

  test.afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens a secured window on the app, backed by the core', async () => {
    const app = await launchLowbal(dataDir);
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
      expect(await page.evaluate(() => Object.keys(window.lowbal ?? {}))).toEqual(['invoke', 'subscribe']);
      const listed = await page.evaluate(() => window.lowbal!.invoke('profiles.list', {}));
      expect(listed).toEqual({ ok: true, value: { rows: [], total: 0 } });

      // The core (in its own threads) pushes its events to the page.
      const pushed = await page.evaluate(
        () =>
          new Promise<unknown>((resolve) => {
            const stop = window.lowbal!.subscribe!((event) => {
              stop();
              resolve(event);
            });
            void window.lowbal!.invoke('engine.pause', {});
          }),
      );
      expect(pushed).toEqual({ name: 'engine.changed', payload: {} });

      expect(fs.existsSync(path.join(dataDir, 'lowbal.sqlite'))).toBe(true);
    } finally {
      await app.close();
    }
  });

  test('lives in the tray: its menu pauses, reopens the window and quits cleanly', async () => {
    const app = await launchLowbal(dataDir);
    let closed = false;
    app.on('close', () => (closed = true));
    try {
      const page = await app.firstWindow();
      await expect(page.locator('#root')).not.toBeEmpty();
      await expect
        .poll(() => trayLabels(app))
        .toEqual([
          'E-mail not set up (Settings → E-mail)',
          'No check yet',
          'Next check: none (no profiles)',
          'Open Lowbal',
          'Check now',
          'Pause notifications',
          'Quit',
        ]);

      await clickTray(app, 'Pause notifications');
      await expect.poll(() => trayLabels(app)).toContain('Resume notifications');
      expect(await page.evaluate(() => window.lowbal!.invoke('engine.status', {}))).toMatchObject({
        ok: true,
        value: { paused: true },
      });

      // Closing the window keeps Lowbal in the tray; Open Lowbal brings the same window back.
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close());
      await expect.poll(() => windowsVisible(app)).toEqual([false]);
      await clickTray(app, 'Open Lowbal');
      await expect.poll(() => windowsVisible(app)).toEqual([true]);

      const quitting = app.waitForEvent('close');
      await clickTray(app, 'Quit');
      await quitting;
    } finally {
      if (!closed) await app.close();
    }
    // Quit stopped the scheduler, released the lease and closed the database.
    const db = new Database(path.join(dataDir, 'lowbal.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM scheduler_lease').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'lowbal.sqlite-wal'))).toBe(false);
  });
});
