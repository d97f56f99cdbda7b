import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from './data-dir';

describe('defaultDataDir', () => {
  it('is Electron’s userData folder for the app on each platform', () => {
    expect(defaultDataDir({ platform: 'linux', env: {}, homedir: '/home/ann' })).toBe(
      '/home/ann/.config/Lowbal',
    );
    expect(
      defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, homedir: '/home/ann' }),
    ).toBe('/xdg/Lowbal');
    expect(defaultDataDir({ platform: 'darwin', env: {}, homedir: '/Users/ann' })).toBe(
      '/Users/ann/Library/Application Support/Lowbal',
    );
    expect(
      defaultDataDir({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' },
        homedir: 'C:\\Users\\ann',
      }),
    ).toBe('C:\\Users\\ann\\AppData\\Roaming\\Lowbal');
  });
});

describe('resolveDataDir', () => {
  const environment = {
    platform: 'linux' as const,
    env: { LOWBAL_DATA_DIR: '/env/dir' },
    homedir: '/home/ann',
  };

  it('prefers --data, then LOWBAL_DATA_DIR, then the default', () => {
    expect(resolveDataDir('/flag/dir', environment)).toBe(path.resolve('/flag/dir'));
    expect(resolveDataDir(undefined, environment)).toBe(path.resolve('/env/dir'));
    expect(resolveDataDir(undefined, { ...environment, env: {} })).toBe('/home/ann/.config/Lowbal');
  });

  it('makes a relative folder absolute', () => {
    expect(resolveDataDir('data', environment)).toBe(path.resolve('data'));
  });
});
