import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Settings } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { applyStartAtLogin, defaultAutostartDir, type LoginItemTarget } from './login-item';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function target(platform: NodeJS.Platform): LoginItemTarget & { applied: Settings[] } {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-autostart-'));
  const applied: Settings[] = [];
  return {
    platform,
    app: { setLoginItemSettings: (settings: Settings) => applied.push(settings) },
    command: { file: '/opt/Lowbal App/lowbal', args: ['--data=/home/ann/Lowbal data', '--hidden'] },
    autostartDir: path.join(dir, 'autostart'),
    applied,
  };
}

describe('start at login', () => {
  it('is Electron’s login item on Windows and macOS, started hidden with the same data', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const windows = target(platform);
      applyStartAtLogin(windows, true);
      applyStartAtLogin(windows, false);
      expect(windows.applied).toEqual([
        {
          openAtLogin: true,
          path: '/opt/Lowbal App/lowbal',
          args: ['--data=/home/ann/Lowbal data', '--hidden'],
        },
        {
          openAtLogin: false,
          path: '/opt/Lowbal App/lowbal',
          args: ['--data=/home/ann/Lowbal data', '--hidden'],
        },
      ]);
      expect(fs.existsSync(windows.autostartDir)).toBe(false);
    }
  });

  it('is an XDG autostart entry on Linux, removed again when turned off', () => {
    const linux = target('linux');
    applyStartAtLogin(linux, true);
    const entry = fs.readFileSync(path.join(linux.autostartDir, 'lowbal.desktop'), 'utf8');
    expect(entry).toContain('[Desktop Entry]\nType=Application\nName=Lowbal\n');
    expect(entry).toContain('Exec="/opt/Lowbal App/lowbal" "--data=/home/ann/Lowbal data" --hidden\n');
    expect(linux.applied).toEqual([]);

    applyStartAtLogin(linux, false);
    expect(fs.existsSync(path.join(linux.autostartDir, 'lowbal.desktop'))).toBe(false);
    applyStartAtLogin(linux, false);
  });

  it('escapes what the Exec key would otherwise misread', () => {
    const linux = target('linux');
    linux.command = { file: '/opt/lowbal', args: ['--data=/srv/100% "quoted" $HOME'] };
    applyStartAtLogin(linux, true);
    const entry = fs.readFileSync(path.join(linux.autostartDir, 'lowbal.desktop'), 'utf8');
    expect(entry).toContain('Exec=/opt/lowbal "--data=/srv/100%% \\"quoted\\" \\$HOME"\n');
  });

  it('goes to $XDG_CONFIG_HOME/autostart when that is set', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-autostart-'));
    expect(defaultAutostartDir({ XDG_CONFIG_HOME: '/home/ann/.cfg' })).toBe('/home/ann/.cfg/autostart');
    expect(defaultAutostartDir({})).toBe(path.join(os.homedir(), '.config', 'autostart'));
  });
});
