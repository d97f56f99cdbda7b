import type { BrowserWindow } from 'electron';

export type RevealableWindow = Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>;

/** Brings the window back from the tray, the taskbar or behind other windows (a second launch, Open Lowbal). */
export function revealWindow(window: RevealableWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
