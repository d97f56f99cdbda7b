import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { App } from 'electron';

/** The argument that starts Lowbal in the tray, without opening its window. */
export const START_HIDDEN_FLAG = '--hidden';

export interface LoginItemTarget {
  platform: NodeJS.Platform;
  app: Pick<App, 'setLoginItemSettings'>;
  /** How the login starts Lowbal: the executable and its arguments. */
  command: { file: string; args: string[] };
  /** Linux: the XDG autostart folder. */
  autostartDir: string;
}

const DESKTOP_FILE = 'lowbal.desktop';

/** `$XDG_CONFIG_HOME/autostart`, else `~/.config/autostart`. */
export function defaultAutostartDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'autostart');
}

/** One argument of a desktop entry's Exec key, quoted when it needs to be (XDG Desktop Entry spec). */
function execArgument(arg: string): string {
  if (!/[\s"'\\`$<>~|&;*?#()]/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

function desktopEntry(command: LoginItemTarget['command']): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Lowbal',
    'Comment=Watches prepaid balances and e-mails when they run low',
    `Exec=${[command.file, ...command.args].map(execArgument).join(' ').replace(/%/g, '%%')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Starts Lowbal (hidden, in the tray) when the user logs in, or stops doing so:
 * Electron's login item on macOS and Windows, an XDG autostart entry on Linux
 * (where Electron has none).
 */
export function applyStartAtLogin(target: LoginItemTarget, enabled: boolean): void {
  if (target.platform === 'linux') {
    const file = path.join(target.autostartDir, DESKTOP_FILE);
    if (enabled) {
      fs.mkdirSync(target.autostartDir, { recursive: true });
      fs.writeFileSync(file, desktopEntry(target.command));
    } else {
      fs.rmSync(file, { force: true });
    }
    return;
  }
  target.app.setLoginItemSettings({
    openAtLogin: enabled,
    path: target.command.file,
    args: target.command.args,
  });
}
