import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger';
import { hasOpenConnections, queryDatabase } from '../../../test-support/peek-database';
import type { AppLocation } from '../app-location';
import { type ElectronHost, startElectronHost } from '../electron-host';
import { createFakeElectron, FakeBrowserWindow, type FakeElectron } from '../test-support/fake-electron';
import { FakeTray } from './test-support/fake-tray';

const INDEX_FILE = path.resolve('/opt/lowbal/out/renderer/index.html');
const location: AppLocation = { kind: 'file', indexFile: INDEX_FILE };
const RESOURCES = path.resolve(__dirname, '../../../../resources');

let fake: FakeElectron;
let dataDir: string;
let host: ElectronHost;

async function startHost(options: { startHidden?: boolean } = {}) {
  host = (await startElectronHost(fake.electron, {
    dataDir,
    preload: '/opt/lowbal/out/preload/index.cjs',
    location,
    log: silentLogger,
    readers: 1,
    ...options,
  }))!;
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-electron-tray-'));
  fake = createFakeElectron();
});

afterEach(async () => {
  await host.core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the desktop app in the tray', () => {
  it('sends from this database (it holds the lease), with the tray and window icons from resources/', async () => {
    await startHost();
    expect(await host.core.invoke('engine.status', {})).toMatchObject({ ok: true, value: { running: true } });
    expect(FakeTray.created).toHaveLength(1);
    expect(FakeTray.created[0].image).toBe(path.join(RESOURCES, 'tray', 'tray-ok.png'));
    expect(fs.existsSync(FakeTray.created[0].image)).toBe(true);
    expect(FakeBrowserWindow.created[0].options.icon).toBe(path.join(RESOURCES, 'icon.png'));
  });

  it('hides the window on close, and a second launch (or the Dock) brings it back', async () => {
    await startHost();
    const window = FakeBrowserWindow.created[0];
    window.show();
    expect(window.close().defaultPrevented).toBe(true);
    expect(window.visible).toBe(false);

    fake.app.emit('second-instance');
    expect(window.visible).toBe(true);
    expect(window.focused).toBe(true);
    expect(FakeBrowserWindow.created).toHaveLength(1);

    // macOS: a click on the Dock icon does the same.
    window.close();
    fake.app.emit('activate');
    expect(window.visible).toBe(true);
    expect(FakeBrowserWindow.created).toHaveLength(1);
  });

  it('starts without a window when started at login, and opens one from the tray', async () => {
    await startHost({ startHidden: true });
    expect(FakeBrowserWindow.created).toHaveLength(0);
    FakeTray.created[0].click('Open Lowbal');
    expect(FakeBrowserWindow.created).toHaveLength(1);
  });

  it('Quit in the tray stops the scheduler, releases the lease and closes the database', async () => {
    await startHost();
    const window = FakeBrowserWindow.created[0];
    FakeTray.created[0].click('Quit');
    expect(window.destroyed).toBe(false);
    expect(window.close().defaultPrevented).toBe(false);
    await expect.poll(() => fake.app.quits, { timeout: 30_000 }).toBe(2);
    expect(host.core.workers().writer).toBeNull();
    expect(FakeTray.created[0].destroyed).toBe(true);
    expect(hasOpenConnections(dataDir)).toBe(false);
    expect(queryDatabase(dataDir, 'SELECT * FROM scheduler_lease')).toEqual([]);
  });

  it('applies saved desktop settings the renderer sends', async () => {
    const config = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-xdg-'));
    const previous = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = config;
    try {
      await startHost();
      const window = FakeBrowserWindow.created[0];
      window.webContents.mainFrame.url = pathToFileURL(INDEX_FILE).href;
      const save = fake.handlers.get('api:desktop.saveSettings')!;
      const result = await save(
        { sender: window.webContents, senderFrame: window.webContents.mainFrame },
        { closeToTray: false, startAtLogin: true },
      );
      expect(result).toMatchObject({ ok: true });
      if (process.platform === 'linux') {
        expect(fs.existsSync(path.join(config, 'autostart', 'lowbal.desktop'))).toBe(true);
      } else {
        expect(fake.app.loginItems.at(-1)).toMatchObject({ openAtLogin: true });
      }
      window.show();
      expect(window.close().defaultPrevented).toBe(false);
    } finally {
      if (previous === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = previous;
      fs.rmSync(config, { recursive: true, force: true });
    }
  });
});
