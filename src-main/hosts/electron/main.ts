import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import { resolveDataDir } from '../data-dir';
import { appLocation } from './app-location';
import { electronNativeBinding, failStartup, startElectronHost } from './electron-host';
import { START_HIDDEN_FLAG } from './login-item';
import { electronSqliteBinding } from './native-sqlite';

const electron = {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  safeStorage,
  session,
  shell,
  Tray,
};
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
    resourcesDir: path.join(__dirname, '../../resources'),
    location: appLocation({
      indexFile: path.join(__dirname, '../renderer/index.html'),
      devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
    }),
    nativeBinding,
    startHidden: process.argv.includes(START_HIDDEN_FLAG),
  }).catch((error: unknown) => failStartup(electron, error));
} catch (error) {
  failStartup(electron, error);
}
