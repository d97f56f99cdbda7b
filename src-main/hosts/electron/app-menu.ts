import type { MenuItemConstructorOptions } from 'electron';

/** File → Quit, the standard Edit menu (copy/paste shortcuts on macOS need it), zoom; developer tools in dev. */
export function appMenuTemplate(options: {
  platform: NodeJS.Platform;
  dev: boolean;
}): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    ...(options.dev
      ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit', label: 'Quit Lowbal' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
