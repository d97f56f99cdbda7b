import type { BrowserWindow as BrowserWindowClass } from 'electron';
import { type AppLocation, appEntryUrl } from './app-location';

export interface MainWindowOptions {
  /** The built preload script (`out/preload/index.cjs`). */
  preload: string;
  location: AppLocation;
  /** The window's icon (Linux and Windows taskbars). */
  icon?: string;
}

/** The renderer runs like a web page: isolated, sandboxed, no Node; only the preload bridge reaches the core. */
export const MAIN_WINDOW_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: true,
} as const;

export function createMainWindow(
  BrowserWindow: typeof BrowserWindowClass,
  options: MainWindowOptions,
): BrowserWindowClass {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    title: 'Lowbal',
    icon: options.icon,
    show: false,
    webPreferences: { ...MAIN_WINDOW_WEB_PREFERENCES, preload: options.preload },
  });
  window.once('ready-to-show', () => window.show());
  // A failed load shows Chromium's error page; the rejection itself carries nothing more.
  window.loadURL(appEntryUrl(options.location)).catch(() => undefined);
  return window;
}
