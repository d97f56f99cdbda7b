import fs from 'node:fs';
import path from 'node:path';
import type * as Electron from 'electron';
import { createLogger, type Logger } from '../../core/logger';
import { type CoreThreads, startCoreThreads } from '../../core/threads/core-threads';
import { CORE_EVENT_CHANNEL } from '../channel-name';
import { CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY } from '../content-security-policy';
import { APP_NAME } from '../data-dir';
import { describeHost } from '../../core/lease/describe-host';
import { appMenuTemplate } from './app-menu';
import { type AppLocation } from './app-location';
import { createMainWindow } from './create-main-window';
import { registerApiHandlers } from './register-api-handlers';
import { revealWindow } from './reveal-window';
import { createSafeStorageSecretStore } from './safe-storage-secret-store';
import { secureSession, secureWebContents } from './security-policy';
import { startTrayApp } from './tray/tray-app';

export type ElectronModule = Pick<
  typeof Electron,
  | 'app'
  | 'BrowserWindow'
  | 'dialog'
  | 'ipcMain'
  | 'Menu'
  | 'Notification'
  | 'safeStorage'
  | 'session'
  | 'shell'
  | 'Tray'
>;

export interface ElectronHostOptions {
  dataDir: string;
  preload: string;
  location: AppLocation;
  /** better-sqlite3 built for this Electron; undefined uses node_modules' build (a packaged app's). */
  nativeBinding?: string;
  log?: Logger;
  /** The app and tray icons (`resources/`); default: the one in the app's folder. */
  resourcesDir?: string;
  /** Start in the tray without opening the window (start at login). */
  startHidden?: boolean;
  /** Reader threads of the core (default 2). */
  readers?: number;
}

export interface ElectronHost {
  /** The core, in its own threads: this process keeps only windows, tray, menus, dialogs and safeStorage. */
  core: CoreThreads;
  mainWindow(): Electron.BrowserWindow | null;
}

/**
 * The desktop app: one window on the renderer, the core (in its own threads)
 * behind `ipcMain`, its events pushed to the window and followed by the tray,
 * the data in `dataDir` (also Electron's userData). Resolves once the window
 * exists; null when another instance already runs (this one quits and focuses it).
 */
export async function startElectronHost(
  electron: ElectronModule,
  options: ElectronHostOptions,
): Promise<ElectronHost | null> {
  const { app, BrowserWindow, Menu, ipcMain, shell } = electron;
  const log = options.log ?? createLogger();
  app.setName(APP_NAME);
  app.setPath('userData', options.dataDir);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) =>
    secureWebContents(contents, { location: options.location, shell }),
  );

  await app.whenReady();
  secureSession(
    electron.session.defaultSession,
    options.location.kind === 'dev' ? DEV_SERVER_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
  );
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, dev: !app.isPackaged })),
  );

  log.info('opening data folder', { dataDir: options.dataDir });
  // Checks and sends here, or runs read-only while another Lowbal holds the database's lease.
  // The password never enters the core's threads' modules: they ask this process for it.
  const core = await startCoreThreads({
    dataDir: options.dataDir,
    nativeBinding: options.nativeBinding,
    log,
    secrets: createSafeStorageSecretStore(electron.safeStorage),
    lease: { description: describeHost('desktop app') },
    readers: options.readers,
  });
  const resourcesDir = options.resourcesDir ?? path.join(app.getAppPath(), 'resources');
  let window: Electron.BrowserWindow | null = null;
  const openWindow = () => {
    const opened = createMainWindow(BrowserWindow, {
      preload: options.preload,
      location: options.location,
      icon: path.join(resourcesDir, 'icon.png'),
    });
    opened.on('closed', () => (window = null));
    window = opened;
    return opened;
  };
  await startTrayApp(electron, {
    core,
    log,
    dataDir: options.dataDir,
    location: options.location,
    iconDir: path.join(resourcesDir, 'tray'),
    mainWindow: () => window,
    openWindow,
  });
  registerApiHandlers(ipcMain, {
    channels: core.channels,
    invoke: core.invoke,
    mainWindow: () => window,
    location: options.location,
    log,
  });
  core.subscribe((event) => {
    if (window && !window.isDestroyed()) window.webContents.send(CORE_EVENT_CHANNEL, event);
  });
  if (!options.startHidden) openWindow();

  app.on('second-instance', () => {
    if (!window) return openWindow();
    revealWindow(window);
  });
  app.on('activate', () => {
    if (!window) openWindow();
    else if (!window.isVisible()) revealWindow(window);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    core.close().finally(() => app.quit());
  });
  return { core, mainWindow: () => window };
}

/** Shows why the app cannot start and exits, instead of leaving a process without a window. */
export function failStartup(electron: Pick<ElectronModule, 'app' | 'dialog'>, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Lowbal could not start: ${error instanceof Error ? error.stack : message}\n`);
  electron.dialog.showErrorBox('Lowbal could not start', message);
  electron.app.exit(1);
}

/** The Electron build of better-sqlite3 when present, with a clear message when a dev checkout lacks it. */
export function electronNativeBinding(file: string, packaged: boolean): string | undefined {
  if (fs.existsSync(file)) return file;
  if (packaged) return undefined;
  throw new Error(
    `better-sqlite3 is not built for this Electron version (${file} is missing). ` +
      'Start Lowbal with `npm start`, which builds it.',
  );
}
