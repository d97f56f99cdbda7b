import type { MenuItemConstructorOptions } from 'electron';
import type { TrayStatus } from './tray-status';

export interface TrayActions {
  open(): void;
  checkNow(): void;
  togglePause(): void;
  quit(): void;
}

/** The tray's menu: the status lines (not clickable), then the actions. */
export function trayMenuTemplate(status: TrayStatus, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    ...status.lines.map((label): MenuItemConstructorOptions => ({ label, enabled: false })),
    { type: 'separator' },
    { label: 'Open Lowbal', click: actions.open },
    { label: 'Check now', enabled: status.canCheck, click: actions.checkNow },
    {
      label: status.paused ? 'Resume notifications' : 'Pause notifications',
      click: actions.togglePause,
    },
    { type: 'separator' },
    { label: 'Quit', click: actions.quit },
  ];
}
