import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Logger } from '../../core/logger';
import type { ApiResult } from '../../shared/errors';
import { ipcChannel } from '../channel-name';
import { type AppLocation, isAppUrl } from './app-location';

/**
 * Only the main frame of the main window, showing Lowbal's own page, may call
 * the core; an iframe or a page navigated elsewhere may not.
 */
function isTrustedSender(
  event: IpcMainInvokeEvent,
  window: BrowserWindow | null,
  location: AppLocation,
): boolean {
  if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  const mainFrame = window.webContents.mainFrame;
  if (!frame || frame.processId !== mainFrame.processId || frame.routingId !== mainFrame.routingId) {
    return false;
  }
  return isAppUrl(frame.url, location);
}

export interface ApiHandlerOptions {
  channels: readonly string[];
  invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
  /** The current main window (it is re-created when reopened on macOS). */
  mainWindow(): BrowserWindow | null;
  location: AppLocation;
  log: Logger;
}

/** Registers every channel of the handler table with `ipcMain.handle` (see `ipcChannel`). */
export function registerApiHandlers(ipcMain: Pick<IpcMain, 'handle'>, options: ApiHandlerOptions): void {
  for (const channel of options.channels) {
    ipcMain.handle(ipcChannel(channel), (event, input: unknown): Promise<ApiResult<unknown>> => {
      if (!isTrustedSender(event, options.mainWindow(), options.location)) {
        options.log.warn('refused a call from a foreign frame', {
          channel,
          url: event.senderFrame?.url ?? '',
        });
        return Promise.resolve({
          ok: false,
          error: {
            code: 'unavailable',
            message: 'Calls are accepted only from the Lowbal window',
            issues: [],
          },
        });
      }
      return options.invoke(channel, input);
    });
  }
}
