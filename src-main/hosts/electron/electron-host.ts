import fs from 'node:fs';
import type * as Electron from 'electron';
import { CHANNELS } from '../../core/api/handler-table';
import { type Core, createCore } from '../../core/create-core';
import { createLogger, type Logger } from '../../core/logger';
import { CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY } from '../content-security-policy';
import { APP_NAME } from '../data-dir';
import { appMenuTemplate } from './app-menu';
import { type AppLocation } from './app-location';
import { createMainWindow } from './create-main-window';
import { registerApiHandlers } from './register-api-handlers';
import { createSafeStorageSecretStore } from './safe-storage-secret-store';
import { secureSession, secureWebContents } from './security-policy';

export type ElectronModule = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'safeStorage' | 'session' | 'shell'
>;

export interface ElectronHostOptions {
  dataDir: string;
  preload: string;
  location: AppLocation;
  /** better-sqlite3 built for this Electron; undefined uses node_modules' build (a packaged app's). */
  nativeBinding?: string;
  log?: Logger;
}

export interface ElectronHost {
  core: Core;
  mainWindow(): Electron.BrowserWindow | null;
}

/**
 * The desktop app: one window on the renderer, the core behind `ipcMain`, the
 * data in `dataDir` (also Electron's userData). Resolves once the window exists;
 * null when another instance already runs (this one quits and focuses it).
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
  const core = await createCore({
    dataDir: options.dataDir,
    nativeBinding: options.nativeBinding,
    log,
    secretStore: createSafeStorageSecretStore(electron.safeStorage),
  });
  let window: Electron.BrowserWindow | null = null;
  const openWindow = () => {
    window = createMainWindow(BrowserWindow, { preload: options.preload, location: options.location });
    window.on('closed', () => (window = null));
  };
  registerApiHandlers(ipcMain, {
    channels: CHANNELS,
    invoke: core.invoke,
    mainWindow: () => window,
    location: options.location,
    log,
  });
  openWindow();

  app.on('second-instance', () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (!window) openWindow();
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
