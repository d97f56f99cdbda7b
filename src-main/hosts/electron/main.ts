import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { resolveDataDir } from '../data-dir';
import { appLocation } from './app-location';
import { electronNativeBinding, failStartup, startElectronHost } from './electron-host';
import { electronSqliteBinding } from './native-sqlite';

const electron = { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell };
const dataFlag = process.argv.find((arg) => arg.startsWith('--data='))?.slice('--data='.length);

try {
  const nativeBinding = electronNativeBinding(
    electronSqliteBinding(app.getAppPath(), process.versions.electron),
    app.isPackaged,
  );
  startElectronHost(electron, {
    dataDir: resolveDataDir(dataFlag),
    // Bundled to out/main/index.js: the preload and the renderer are its siblings.
    preload: path.join(__dirname, '../preload/index.cjs'),
    location: appLocation({
      indexFile: path.join(__dirname, '../renderer/index.html'),
      devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
    }),
    nativeBinding,
  }).catch((error: unknown) => failStartup(electron, error));
} catch (error) {
  failStartup(electron, error);
}
