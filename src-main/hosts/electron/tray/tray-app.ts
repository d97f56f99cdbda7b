import path from 'node:path';
import type * as Electron from 'electron';
import { callCore, type CoreConnection } from '../../../core/api/core-connection';
import { onEvent } from '../../../core/api/event-bus';
import type { ChannelOutput } from '../../../core/api/handler-table';
import type { Logger } from '../../../core/logger';
import type { CoreRestartView } from '../../../shared/events';
import type { CheckProgressView } from '../../../shared/schemas/notification';
import { type AppLocation, appEntryUrl } from '../app-location';
import { hideOnClose } from '../close-to-tray';
import { DeliveryAlertMonitor } from '../desktop-alerts';
import { applyStartAtLogin, defaultAutostartDir, START_HIDDEN_FLAG } from '../login-item';
import { revealWindow } from '../reveal-window';
import { trayMenuTemplate } from './tray-menu';
import { type TrayIconState, trayStatus } from './tray-status';

export type TrayElectron = Pick<typeof Electron, 'app' | 'Menu' | 'Tray' | 'Notification'>;

export interface TrayAppOptions {
  /** The core (in its threads): the tray reads and acts through its API and follows its events. */
  core: CoreConnection;
  log: Logger;
  dataDir: string;
  location: AppLocation;
  /** The tray icons: `tray-ok.png`, `tray-paused.png`, `tray-attention.png` (and their @2x). */
  iconDir: string;
  mainWindow(): Electron.BrowserWindow | null;
  /** Opens a new main window and returns it. */
  openWindow(): Electron.BrowserWindow;
  /** How often the tray re-reads the engine's state besides the core's events ("Last check 5 min ago" moves). */
  pollMs?: number;
  platform?: NodeJS.Platform;
  /** Linux: where the start-at-login entry goes. */
  autostartDir?: string;
}

export interface TrayApp {
  /** Re-reads the engine's state into the tray, and raises desktop alerts; the core's events trigger it. */
  refresh(): Promise<void>;
}

const POLL_MS = 5_000;

/**
 * The tray as the Electron end-to-end spec reads and clicks it: Playwright's
 * `evaluate` runs in this main process, where nothing else reaches a tray's menu.
 */
export const TRAY_PROBE = Symbol.for('lowbal.tray');
export interface TrayProbe {
  labels(): string[];
  tooltip(): string;
  click(label: string): void;
}

const TRAY_HINT = {
  title: 'Lowbal is still running',
  body:
    'Checks and e-mails go on in the background. Open Lowbal from the tray icon; Quit there stops it. ' +
    'Settings → Desktop changes this.',
};

const RESTART_NOTICE = {
  title: 'Lowbal restarted its engine',
  body: 'It stopped unexpectedly and was started again; nothing queued is lost. The log says why.',
};

function describeChecks(result: ChannelOutput<'engine.checkNow'>): string {
  const queued = result.checks.reduce((sum, check) => sum + check.queued, 0);
  const profiles = result.checks.length;
  const text =
    profiles === 0
      ? 'There are no profiles to check.'
      : `Checked ${profiles} profile${profiles === 1 ? '' : 's'}: ${queued} e-mail${queued === 1 ? '' : 's'} queued.`;
  const cancelled = result.cancelled ? ' Cancelled before the other profiles.' : '';
  return `${text}${cancelled}${result.paused ? ' Sending is paused.' : ''}`;
}

/**
 * The desktop app's life in the tray: the icon with its status and menu,
 * closing the window to the tray, start at login, and desktop alerts when
 * deliveries fail. The scheduler itself runs (or waits for the lease) in the
 * core; Quit goes through `app.quit()`, whose handler closes the core.
 */
export async function startTrayApp(electron: TrayElectron, options: TrayAppOptions): Promise<TrayApp> {
  const { app, Menu, Notification } = electron;
  const { core, log } = options;
  const platform = options.platform ?? process.platform;
  const icon = (state: TrayIconState) => path.join(options.iconDir, `tray-${state}.png`);
  let settings = await callCore(core, 'desktop.getSettings', {});
  let hintShown = (await callCore(core, 'desktop.trayHint', {})).shown;
  /** What the core's events said: the check running now, and the last restart after a crash. */
  let check: CheckProgressView | null = null;
  let restart: CoreRestartView | null = null;
  let quitting = false;
  let stopped = false;
  const alerts = new DeliveryAlertMonitor();
  // Electron drops a notification's click handler when the object is collected.
  const shown = new Set<Electron.Notification>();

  const loginItem = {
    platform,
    app,
    command: {
      file: process.execPath,
      args: [...(app.isPackaged ? [] : [app.getAppPath()]), `--data=${options.dataDir}`, START_HIDDEN_FLAG],
    },
    autostartDir: options.autostartDir ?? defaultAutostartDir(),
  };
  // Applied when it changes, and renewed at start while on (the app may have moved since).
  const applyStartAtLoginSetting = (enabled: boolean) => {
    try {
      applyStartAtLogin(loginItem, enabled);
    } catch (error) {
      log.error('could not change start at login', { error });
    }
  };
  if (settings.startAtLogin) applyStartAtLoginSetting(true);

  const open = (route?: string) => {
    const existing = options.mainWindow();
    const window = existing ?? options.openWindow();
    if (existing) revealWindow(existing);
    if (route) window.loadURL(`${appEntryUrl(options.location)}#${route}`).catch(() => undefined);
  };

  const notify = (message: { title: string; body: string }, route?: string) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ ...message, icon: icon('ok') });
    shown.add(notification);
    notification.on('click', () => {
      shown.delete(notification);
      open(route);
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  };

  let tray: Electron.Tray | null = null;
  try {
    tray = new electron.Tray(icon('paused'));
    tray.setToolTip('Lowbal');
    if (platform === 'win32') tray.on('click', () => open());
  } catch (error) {
    // Without a tray, closing the window quits, as it would without this feature.
    log.warn('no tray icon on this desktop', { error });
  }

  let currentPaused = false;
  const run = (channel: 'engine.checkNow' | 'engine.pause' | 'engine.resume') => core.invoke(channel, {});
  const actions = {
    open: () => open(),
    checkNow: () =>
      void run('engine.checkNow').then((result) =>
        notify(
          result.ok
            ? {
                title: 'Check finished',
                body: describeChecks(result.value as ChannelOutput<'engine.checkNow'>),
              }
            : { title: 'Check not run', body: result.error.message },
        ),
      ),
    togglePause: () => void run(currentPaused ? 'engine.resume' : 'engine.pause'),
    quit: () => app.quit(),
  };

  let menu: Electron.MenuItemConstructorOptions[] = [];
  let tooltip = '';
  let shownBefore = '';
  const probe: TrayProbe = {
    labels: () => menu.flatMap((item) => (item.label ? [item.label] : [])),
    tooltip: () => tooltip,
    click: (label) => {
      const item = menu.find((entry) => entry.label === label && entry.enabled !== false);
      if (!item?.click) throw new Error(`The tray menu has no enabled item "${label}"`);
      (item.click as () => void)();
    },
  };
  (globalThis as Record<symbol, unknown>)[TRAY_PROBE] = probe;

  const update = async () => {
    if (stopped) return;
    try {
      const overview = await callCore(core, 'engine.overview', {});
      if (stopped) return;
      const status = trayStatus(overview, Date.now(), { check, restart });
      currentPaused = status.paused;
      // Rebuilt only when it changed: a menu replaced while open closes on some desktops.
      const shownNow = JSON.stringify(status);
      if (shownNow !== shownBefore) {
        shownBefore = shownNow;
        menu = trayMenuTemplate(status, actions);
        tooltip = status.tooltip;
        tray?.setImage(icon(status.icon));
        tray?.setToolTip(tooltip);
        tray?.setContextMenu(Menu.buildFromTemplate(menu));
      }
      for (const alert of alerts.next(overview)) notify(alert, alert.route);
    } catch (error) {
      if (!stopped) log.error('could not read the engine state for the tray', { error });
    }
  };
  // One update at a time; a refresh asked for while one runs gets one more run after it.
  let lane = Promise.resolve();
  let waiting: Promise<void> | null = null;
  const refresh = (): Promise<void> => {
    waiting ??= lane.then(() => {
      waiting = null;
      return update();
    });
    lane = waiting;
    return waiting;
  };

  const keepInTray = (window: Electron.BrowserWindow) =>
    hideOnClose(window, {
      keepRunning: () => !quitting && tray !== null && settings.closeToTray,
      onHidden: () => {
        if (hintShown) return;
        hintShown = true;
        notify(TRAY_HINT);
        callCore(core, 'desktop.markTrayHintShown', {}).catch((error: unknown) =>
          log.error('could not remember the tray hint', { error }),
        );
      },
    });
  const current = options.mainWindow();
  if (current) keepInTray(current);
  app.on('browser-window-created', (_event, window) => keepInTray(window));
  app.on('before-quit', () => {
    quitting = true;
  });
  const timer = setInterval(() => void refresh(), options.pollMs ?? POLL_MS);
  timer.unref();
  const subscribe = core.subscribe;
  const unsubscribe = [
    onEvent(subscribe, 'engine.changed', () => void refresh()),
    onEvent(subscribe, 'check.progress', (progress) => {
      check = progress.state === 'running' || progress.state === 'cancelling' ? progress : null;
      void refresh();
    }),
    onEvent(subscribe, 'desktop.settingsChanged', (next) => {
      if (next.startAtLogin !== settings.startAtLogin) applyStartAtLoginSetting(next.startAtLogin);
      settings = next;
    }),
    onEvent(subscribe, 'core.restarted', (restarted) => {
      restart = restarted;
      check = null;
      notify(RESTART_NOTICE);
      void refresh();
    }),
  ];
  app.on('will-quit', () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    for (const stop of unsubscribe) stop();
    tray?.destroy();
    tray = null;
  });

  await refresh();
  return { refresh };
}
