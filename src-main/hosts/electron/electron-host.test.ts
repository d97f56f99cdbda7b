import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../core/api/handler-table';
import { silentLogger } from '../../core/logger';
import { hasOpenConnections, queryDatabase } from '../../test-support/peek-database';
import { CORE_EVENT_CHANNEL } from '../channel-name';
import { CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY } from '../content-security-policy';
import { type AppLocation } from './app-location';
import { MAIN_WINDOW_WEB_PREFERENCES } from './create-main-window';
import { type ElectronHost, electronNativeBinding, failStartup, startElectronHost } from './electron-host';
import {
  createFakeElectron,
  FakeBrowserWindow,
  type FakeElectron,
  FakeFrame,
  FakeWebContents,
} from './test-support/fake-electron';

const INDEX_FILE = path.resolve('/opt/lowbal/out/renderer/index.html');
const APP_URL = `${pathToFileURL(INDEX_FILE).href}#/profiles`;
const location: AppLocation = { kind: 'file', indexFile: INDEX_FILE };

let fake: FakeElectron;
let host: ElectronHost;
let dataDir: string;

const mainWindow = () => FakeBrowserWindow.created[0];

/** Invokes a registered IPC handler as Electron would for a call from `sender`/`frame`. */
function call(channel: string, input: unknown, from: { sender?: unknown; frame?: FakeFrame | null } = {}) {
  const window = mainWindow();
  const handler = fake.handlers.get(`api:${channel}`);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const sender = from.sender ?? window.webContents;
  const senderFrame = from.frame === undefined ? window.webContents.mainFrame : from.frame;
  return handler({ sender, senderFrame }, input);
}

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-electron-'));
  fake = createFakeElectron();
  host = (await startElectronHost(fake.electron, {
    dataDir,
    preload: '/opt/lowbal/out/preload/index.cjs',
    location,
    log: silentLogger,
    readers: 1,
  }))!;
  mainWindow().webContents.mainFrame.url = APP_URL;
});

afterEach(async () => {
  await host.core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('Electron host', () => {
  it('keeps its data in the data folder, which is also Electron’s userData', () => {
    expect(fake.app.name).toBe('Lowbal');
    expect(fake.app.paths.userData).toBe(dataDir);
    expect(fs.existsSync(path.join(dataDir, 'lowbal.sqlite'))).toBe(true);
  });

  it('registers every channel of the handler table, and nothing else', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(CHANNELS.map((channel) => `api:${channel}`).sort());
  });

  it('opens one isolated, sandboxed window without Node on the built renderer', () => {
    expect(FakeBrowserWindow.created).toHaveLength(1);
    const { webPreferences } = mainWindow().options;
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/opt/lowbal/out/preload/index.cjs',
    });
    expect(webPreferences).toEqual({
      ...MAIN_WINDOW_WEB_PREFERENCES,
      preload: '/opt/lowbal/out/preload/index.cjs',
    });
    expect(mainWindow().loaded).toBe(pathToFileURL(INDEX_FILE).href);
  });

  it('answers calls from the window’s own page through the core', async () => {
    const created = await call('resellers.create', { name: 'Acme Telecom', email: 'noc@acme.example' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Acme Telecom' } });
    expect(await call('profiles.list', {})).toEqual({ ok: true, value: { rows: [], total: 0 } });
  });

  it('refuses calls from a subframe, another page, another window or a gone frame', async () => {
    const window = mainWindow();
    const refusals = [
      { frame: new FakeFrame(APP_URL, window.webContents.mainFrame.processId, 99) },
      { frame: new FakeFrame('https://attacker.example/', window.webContents.mainFrame.processId, 1) },
      { frame: null },
      { sender: new FakeWebContents(APP_URL) },
    ];
    for (const from of refusals) {
      const result = await call('resellers.create', { name: 'Intruder', email: 'x@attacker.example' }, from);
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    }
    window.webContents.mainFrame.url = 'https://attacker.example/';
    expect(await call('resellers.list', {})).toMatchObject({ ok: false });
    window.webContents.mainFrame.url = APP_URL;
    expect(await call('resellers.list', {})).toEqual({ ok: true, value: [] });
  });

  it('refuses calls once its window is closed', async () => {
    const window = mainWindow();
    window.destroyed = true;
    window.emit('closed');
    expect(await call('resellers.list', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('keeps the window on the app and sends https/mailto links to the system', () => {
    const contents = mainWindow().webContents;
    expect(contents.navigate(`${pathToFileURL(INDEX_FILE).href}#/resellers`).defaultPrevented).toBe(false);
    for (const url of [
      'https://example.com/',
      'http://example.com/',
      'file:///etc/passwd',
      'mailto:a@b.example',
    ]) {
      expect(contents.navigate(url).defaultPrevented, url).toBe(true);
    }
    expect(fake.opened).toEqual(['https://example.com/', 'mailto:a@b.example']);
  });

  it('denies every window.open', () => {
    const open = mainWindow().webContents.windowOpenHandler!;
    expect(open({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open({ url: APP_URL })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://example.com/help']);
  });

  it('denies permissions and sends the CSP header', () => {
    const granted: boolean[] = [];
    fake.session.permissionRequest!({}, 'media', (value) => granted.push(value));
    fake.session.permissionRequest!({}, 'notifications', (value) => granted.push(value));
    expect(granted).toEqual([false, false]);
    expect(fake.session.permissionCheck!()).toBe(false);
    let headers: Record<string, string[]> = {};
    fake.session.headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => {
      headers = response.responseHeaders;
    });
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('saves exports through the system save dialog, as JSON', () => {
    let options: Record<string, unknown> = {};
    fake.session.willDownload!(
      {},
      {
        getFilename: () => 'lowbal-export.json',
        setSaveDialogOptions: (o: Record<string, unknown>) => (options = o),
      },
    );
    expect(options).toMatchObject({
      defaultPath: 'lowbal-export.json',
      filters: [{ name: 'Lowbal JSON', extensions: ['json'] }, expect.anything()],
    });
  });

  it('keeps the SMTP password encrypted by safeStorage, never in plain text', async () => {
    const saved = await call('mail.saveSettings', {
      host: 'smtp.acme.example',
      port: 587,
      tlsMode: 'starttls',
      user: 'lowbal',
      password: 'hunter2-secret',
      fromName: 'Lowbal',
      fromAddress: 'lowbal@acme.example',
      rateLimitPerMinute: 60,
    });
    expect(saved).toMatchObject({ ok: true });
    const rows = queryDatabase<{ value: string }>(dataDir, 'SELECT value FROM settings');
    const stored = rows.map((r) => r.value).join('\n');
    expect(stored).not.toContain('hunter2-secret');
    expect(stored).toContain('safeStorage:');
    expect(JSON.stringify(await call('mail.getSettings', {}))).not.toContain('hunter2-secret');
  });

  it('has a menu with Quit', () => {
    const file = (fake.menuTemplate as { label?: string; submenu?: { role?: string }[] }[]).find(
      (item) => item.label === 'File',
    );
    expect(file?.submenu?.map((item) => item.role)).toContain(
      process.platform === 'darwin' ? 'close' : 'quit',
    );
  });

  it('focuses the existing window when started a second time', () => {
    fake.app.emit('second-instance');
    expect(mainWindow().focused).toBe(true);
    expect(FakeBrowserWindow.created).toHaveLength(1);
  });

  it('closes the core and its database before quitting', async () => {
    fake.app.quit();
    await expect.poll(() => fake.app.quits, { timeout: 30_000 }).toBe(2);
    expect(host.core.workers()).toEqual({ writer: null, readers: [null] });
    expect(hasOpenConnections(dataDir)).toBe(false);
  });

  it('pushes the core’s events to the window', async () => {
    await call('engine.pause', {});
    expect(mainWindow().webContents.sent).toContainEqual([
      CORE_EVENT_CHANNEL,
      { name: 'engine.changed', payload: {} },
    ]);
  });
});

describe('Electron host start-up', () => {
  it('quits without opening anything when another instance runs', async () => {
    const second = createFakeElectron({ singleInstance: false });
    const started = await startElectronHost(second.electron, {
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-electron-')),
      preload: 'x',
      location,
      log: silentLogger,
    });
    expect(started).toBeNull();
    expect(second.app.quits).toBe(1);
    expect(second.handlers.size).toBe(0);
  });

  it('loads the dev server and allows its inline React refresh script in development', async () => {
    const dev = createFakeElectron();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-electron-'));
    const started = await startElectronHost(dev.electron, {
      dataDir: dir,
      preload: 'x',
      location: { kind: 'dev', origin: 'http://localhost:5173' },
      log: silentLogger,
    });
    try {
      expect(FakeBrowserWindow.created[0].loaded).toBe('http://localhost:5173/');
      let policy: string[] = [];
      dev.session.headers!({}, (response) => (policy = response.responseHeaders['Content-Security-Policy']));
      expect(policy).toEqual([DEV_SERVER_CONTENT_SECURITY_POLICY]);
    } finally {
      await started!.core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains a failed start in a dialog and exits', () => {
    const failed = createFakeElectron();
    const stderr = process.stderr.write;
    process.stderr.write = () => true;
    try {
      failStartup(failed.electron, new Error('database is locked'));
    } finally {
      process.stderr.write = stderr;
    }
    expect(failed.errorBoxes).toEqual(['Lowbal could not start: database is locked']);
    expect(failed.app.exits).toEqual([1]);
  });

  it('requires the Electron build of better-sqlite3 in a checkout', () => {
    const existing = path.join(os.tmpdir(), `lowbal-binding-${process.pid}.node`);
    fs.writeFileSync(existing, '');
    try {
      expect(electronNativeBinding(existing, false)).toBe(existing);
    } finally {
      fs.rmSync(existing);
    }
    expect(() => electronNativeBinding('/nope/better_sqlite3.node', false)).toThrow(/npm start/);
    expect(electronNativeBinding('/nope/better_sqlite3.node', true)).toBeUndefined();
  });
});
