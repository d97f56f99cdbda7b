import type { BrowserWindow } from 'electron';

export type HideableWindow = Pick<BrowserWindow, 'on' | 'hide'>;

/**
 * Closing the window hides it instead while `keepRunning()` says so (the app
 * goes on in the tray); otherwise it closes as usual. `onHidden` runs after
 * each such hide.
 */
export function hideOnClose(
  window: HideableWindow,
  options: { keepRunning: () => boolean; onHidden: () => void },
): void {
  window.on('close', (event) => {
    if (!options.keepRunning()) return;
    event.preventDefault();
    window.hide();
    options.onHidden();
  });
}
