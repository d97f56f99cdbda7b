import type { DownloadItem, Session, Shell, WebContents } from 'electron';
import { type AppLocation, isAppUrl } from './app-location';

/** Only these leave the app, and only into the system's browser or mail program. */
const EXTERNAL_PROTOCOLS = new Set(['https:', 'mailto:']);

function isSafeExternalUrl(url: string): boolean {
  try {
    return EXTERNAL_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

function openExternally(shell: Pick<Shell, 'openExternal'>, url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url).catch(() => undefined);
}

/**
 * Keeps a web contents on Lowbal's page: navigation elsewhere and new windows
 * are refused (https and mailto links go to the system instead), webviews are refused.
 */
export function secureWebContents(
  contents: WebContents,
  options: { location: AppLocation; shell: Pick<Shell, 'openExternal'> },
): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url, options.location)) return;
    event.preventDefault();
    openExternally(options.shell, event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(options.shell, url);
    return { action: 'deny' };
  });
}

/** Denies every permission and sends the CSP header with every response (the dev server's too). */
export function secureSession(session: Session, contentSecurityPolicy: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
  // Exports reach the renderer as a download; Electron then asks where to save it with the
  // system's own save dialog (imports use the system's open dialog through the file input).
  session.on('will-download', (_event, item: Pick<DownloadItem, 'getFilename' | 'setSaveDialogOptions'>) => {
    item.setSaveDialogOptions({
      title: 'Save Lowbal export',
      defaultPath: item.getFilename(),
      filters: [
        { name: 'Lowbal JSON', extensions: ['json'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
  });
}
