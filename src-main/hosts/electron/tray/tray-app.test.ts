import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Electron from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger';
import { createMailWorld, type MailWorld } from '../../../test-support/mail-world';
import type { AppLocation } from '../app-location';
import { createFakeElectron, FakeBrowserWindow, type FakeElectron } from '../test-support/fake-electron';
import { FakeNotification, FakeTray } from './test-support/fake-tray';
import { type TrayApp, startTrayApp } from './tray-app';
import { formatMoment } from './tray-status';

/** A tick rule that never fires during a test: only the start-up tick and kicks run. */
const NEVER = '0 0 1 1 *';
const INDEX_FILE = path.resolve('/opt/lowbal/out/renderer/index.html');
const location: AppLocation = { kind: 'file', indexFile: INDEX_FILE };
const ICONS = '/opt/lowbal/resources/tray';

let world: MailWorld;
let fake: FakeElectron;
let autostartDir: string;
let window: FakeBrowserWindow | null;
let trayApp: TrayApp;

const tray = () => FakeTray.created[0];
const notifications = () => FakeNotification.shown.map((n) => `${n.options.title}: ${n.options.body}`);

function openWindow(): Electron.BrowserWindow {
  const opened = new FakeBrowserWindow({ webPreferences: {} });
  opened.show();
  opened.on('closed', () => (window = null));
  window = opened;
  return opened as unknown as Electron.BrowserWindow;
}

async function start(platform: NodeJS.Platform = 'linux', pollMs = 20) {
  trayApp = await startTrayApp(fake.electron, {
    core: world.core,
    log: silentLogger,
    dataDir: world.core.dataDir,
    location,
    iconDir: ICONS,
    mainWindow: () => window as unknown as Electron.BrowserWindow | null,
    openWindow,
    pollMs,
    platform,
    autostartDir,
  });
}

/** The renderer calling the core, as it does through IPC: the tray learns of it by the core's events only. */
const call = (channel: string, input: unknown) => world.core.invoke(channel, input);
/** A poll that never comes during a test: what changes, changes because of an event. */
const NO_POLL = 3_600_000;

/** A profile e-mailing the Billing Email of two low clients. */
async function twoLowClients() {
  const profileId = await world.addProfile({
    clientNotification: { threshold: '20', notify: true, emails: [] },
  });
  await world.addClient({ name: 'Low One', balance: '5', profileId, billingEmail: 'one@client.example' });
  await world.addClient({ name: 'Low Two', balance: '12', profileId, billingEmail: 'two@client.example' });
}

const holdLease = () =>
  world.core.ctx.lease.start(world.core.ctx, {
    description: 'desktop app',
    scheduler: { tickRule: NEVER, dispatchRule: NEVER },
  });

beforeEach(async () => {
  world = await createMailWorld();
  fake = createFakeElectron();
  autostartDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-autostart-'));
  window = null;
});

afterEach(async () => {
  fake.app.emit('will-quit', { preventDefault() {} });
  await world.close();
  fs.rmSync(world.core.dataDir, { recursive: true, force: true });
  fs.rmSync(autostartDir, { recursive: true, force: true });
});

describe('the tray', () => {
  it('has the status lines, then Open Lowbal, Check now, Pause notifications and Quit', async () => {
    await holdLease();
    await start();
    expect(tray().labels()).toEqual([
      'Checking and sending',
      'No check yet',
      'Next check: none (no profiles)',
      '--separator--',
      'Open Lowbal',
      'Check now',
      'Pause notifications',
      '--separator--',
      'Quit',
    ]);
    expect(tray().tooltip).toBe('Lowbal\nChecking and sending\nNo check yet\nNext check: none (no profiles)');
    expect(tray().image).toBe(path.join(ICONS, 'tray-ok.png'));

    // Nothing changed: the menu is left alone (replacing an open menu closes it on some desktops).
    const shown = tray().menu;
    await trayApp.refresh();
    expect(tray().menu).toBe(shown);
  });

  it('pauses and resumes notifications', async () => {
    await holdLease();
    await start();
    tray().click('Pause notifications');
    await expect.poll(() => tray().labels()).toContain('Resume notifications');
    expect(await world.core.call('engine.status', {})).toMatchObject({ paused: true });
    expect(tray().labels()[0]).toBe('Notifications paused');
    expect(tray().image).toBe(path.join(ICONS, 'tray-paused.png'));

    tray().click('Resume notifications');
    await expect.poll(() => tray().labels()).toContain('Pause notifications');
    expect(await world.core.call('engine.status', {})).toMatchObject({ paused: false });
  });

  it('updates its status after a check, and Check now checks and says what it did', async () => {
    await twoLowClients();
    await holdLease();
    await start();
    const first = world.core.ctx.now();
    await expect
      .poll(() => tray().tooltip)
      .toContain(`Last check ${formatMoment(first, Date.now())} (Profile 1): 2 sent, 0 failed`);

    world.core.advance(60_000);
    tray().click('Check now');
    await expect.poll(notifications).toEqual(['Check finished: Checked 1 profile: 2 e-mails queued.']);
    await expect
      .poll(() => tray().labels()[1])
      .toBe(`Last check ${formatMoment(first + 60_000, Date.now())} (Profile 1): 2 sent, 0 failed`);
    expect(world.smtp.received).toHaveLength(4);
  });

  it('offers no Check now while another Lowbal sends, and says who does', async () => {
    await world.core.ctx.db('scheduler_lease').insert({
      id: 1,
      holder: 'other',
      description: 'headless service on host srv (pid 7)',
      acquired_at: Date.now(),
      heartbeat_at: Date.now(),
      expires_at: Date.now() + 60_000,
    });
    await holdLease();
    await start();
    expect(tray().labels()[0]).toBe('Read-only: the headless service on host srv (pid 7) sends');
    expect(() => tray().click('Check now')).toThrow(/disabled/);
  });

  it('follows the core’s events, not a poll: a pause made in the window shows at once', async () => {
    await holdLease();
    await start('linux', NO_POLL);
    expect(await call('engine.pause', {})).toMatchObject({ ok: true });
    await expect.poll(() => tray().labels()[0]).toBe('Notifications paused');
    expect(tray().labels()).toContain('Resume notifications');
    expect(await call('engine.resume', {})).toMatchObject({ ok: true });
    await expect.poll(() => tray().labels()).toContain('Pause notifications');
  });

  it('shows a running check, profile i of n, until it ends', async () => {
    await holdLease();
    await start('linux', NO_POLL);
    const progress = {
      runId: 1,
      trigger: 'schedule' as const,
      startedAt: Date.now(),
      profileIndex: 3,
      profileCount: 50,
      profileName: 'Prepaid standard',
      clientsEvaluated: 41_000,
      state: 'running' as const,
    };
    world.core.ctx.events.emit('check.progress', progress);
    await expect
      .poll(() => tray().labels()[1])
      .toBe('Checking (Prepaid standard, profile 3 of 50): 41,000 clients so far');
    world.core.ctx.events.emit('check.progress', { ...progress, state: 'cancelling' });
    await expect.poll(() => tray().labels()[1]).toMatch(/^Cancelling the check \(Prepaid standard/);
    world.core.ctx.events.emit('check.progress', { ...progress, state: 'cancelled' });
    await expect.poll(() => tray().labels()[1]).toBe('No check yet');
  });

  it('says when the engine was restarted after a crash, with a desktop notification', async () => {
    await holdLease();
    await start('linux', NO_POLL);
    const at = Date.now();
    world.core.ctx.events.emit('core.restarted', { at, part: 'writer', reason: 'exit code 1' });
    await expect
      .poll(() => tray().labels())
      .toContain(`Engine restarted ${formatMoment(at, Date.now())} after a crash (see the log)`);
    expect(tray().image).toBe(path.join(ICONS, 'tray-attention.png'));
    expect(notifications()).toEqual([
      'Lowbal restarted its engine: It stopped unexpectedly and was started again; nothing queued is lost. The log says why.',
    ]);
  });

  it('opens the window, or brings the hidden one back', async () => {
    await start();
    tray().click('Open Lowbal');
    expect(window?.visible).toBe(true);
    const opened = window!;
    opened.hide();
    tray().click('Open Lowbal');
    expect(window).toBe(opened);
    expect(opened.visible).toBe(true);
    expect(opened.focused).toBe(true);
  });

  it('quits through the app, and goes away on the way out', async () => {
    await start();
    tray().click('Quit');
    expect(fake.app.quits).toBe(1);
    expect(tray().destroyed).toBe(true);
  });
});

describe('closing the window', () => {
  it('keeps Lowbal in the tray, with a one-off hint, by default', async () => {
    await start();
    const opened = openWindow() as unknown as FakeBrowserWindow;
    fake.app.emit('browser-window-created', {}, opened);
    expect(opened.close().defaultPrevented).toBe(true);
    expect(opened.visible).toBe(false);
    expect(opened.destroyed).toBe(false);
    expect(notifications()).toEqual([
      'Lowbal is still running: Checks and e-mails go on in the background. Open Lowbal from the tray icon; ' +
        'Quit there stops it. Settings → Desktop changes this.',
    ]);
    opened.show();
    opened.close();
    expect(notifications()).toHaveLength(1);
    await expect
      .poll(() => world.core.ctx.db('settings').where({ key: 'desktop.trayHintShown' }).first())
      .toBeTruthy();
  });

  it('shows the hint only once, even after a restart', async () => {
    await world.core.ctx
      .db('settings')
      .insert({ key: 'desktop.trayHintShown', value: 'true', updated_at: 0 });
    await start();
    const opened = openWindow() as unknown as FakeBrowserWindow;
    fake.app.emit('browser-window-created', {}, opened);
    expect(opened.close().defaultPrevented).toBe(true);
    expect(notifications()).toEqual([]);
  });

  it('closes it for real when the setting is off, and always when quitting', async () => {
    await start();
    const kept = openWindow() as unknown as FakeBrowserWindow;
    fake.app.emit('browser-window-created', {}, kept);
    fake.app.emit('before-quit', {});
    expect(kept.close().defaultPrevented).toBe(false);
    expect(kept.destroyed).toBe(true);

    fake = createFakeElectron();
    await start();
    expect(await call('desktop.saveSettings', { closeToTray: false, startAtLogin: false })).toMatchObject({
      ok: true,
    });
    const closed = openWindow() as unknown as FakeBrowserWindow;
    fake.app.emit('browser-window-created', {}, closed);
    expect(closed.close().defaultPrevented).toBe(false);
    expect(closed.destroyed).toBe(true);
  });
});

describe('start at login', () => {
  it('is off by default and follows the setting (XDG autostart on Linux)', async () => {
    await start('linux');
    const entry = path.join(autostartDir, 'lowbal.desktop');
    expect(fs.existsSync(entry)).toBe(false);

    await call('desktop.saveSettings', { closeToTray: true, startAtLogin: true });
    const text = fs.readFileSync(entry, 'utf8');
    expect(text).toContain(`--data=${world.core.dataDir}`);
    expect(text).toMatch(/ --hidden\n/);
    expect(text).toContain(fake.electron.app.getAppPath());

    await call('desktop.saveSettings', { closeToTray: true, startAtLogin: false });
    expect(fs.existsSync(entry)).toBe(false);
  });

  it('is Electron’s login item on Windows, applied at start while on', async () => {
    await world.core.call('desktop.saveSettings', { closeToTray: true, startAtLogin: true });
    await start('win32');
    expect(fake.app.loginItems).toEqual([
      {
        openAtLogin: true,
        path: process.execPath,
        args: [fake.electron.app.getAppPath(), `--data=${world.core.dataDir}`, '--hidden'],
      },
    ]);
    await call('desktop.saveSettings', { closeToTray: true, startAtLogin: false });
    expect(fake.app.loginItems.map((item) => item.openAtLogin)).toEqual([true, false]);
  });
});

describe('desktop alerts', () => {
  it('say once that e-mails failed, and a click opens the failures', async () => {
    await twoLowClients();
    world.smtp.fail(550, 'Mailbox unavailable');
    await start();
    await holdLease();
    // Outcomes are written per message, so the tray may look between the two failures.
    await expect.poll(notifications).toHaveLength(1);
    expect(notifications()[0]).toMatch(
      /^E-mails could not be delivered: (1 e-mail|2 e-mails) failed\. Click to see the failures\.$/,
    );
    await trayApp.refresh();
    await trayApp.refresh();
    expect(notifications()).toHaveLength(1);
    expect(tray().image).toBe(path.join(ICONS, 'tray-attention.png'));

    FakeNotification.shown[0].click();
    expect(window?.visible).toBe(true);
    expect(window?.loaded).toBe(`${pathToFileURL(INDEX_FILE).href}#/notifications/failed`);
  });

  it('say once that the mail server cannot be reached', async () => {
    await twoLowClients();
    await world.smtp.stop();
    await start();
    await holdLease();
    await expect
      .poll(notifications)
      .toEqual([
        expect.stringMatching(
          /^Mail server unreachable: Mail server unreachable since \d\d:\d\d — 2 waiting\. Lowbal holds them and delivers as soon as it answers\. It said: .*ECONNREFUSED/,
        ),
      ]);
    await trayApp.refresh();
    expect(notifications()).toHaveLength(1);
    expect(tray().labels()).toContainEqual(
      expect.stringMatching(/^Mail server unreachable since \d\d:\d\d — 2 waiting$/),
    );

    await world.smtp.restart();
    await expect.poll(notifications).toHaveLength(2);
    expect(notifications()[1]).toBe(
      'Delivering again: The mail server answers again; what waited is being delivered.',
    );
  });
});
