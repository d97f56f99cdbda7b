import os from 'node:os';
import path from 'node:path';

/** The name Electron derives the desktop app's userData folder from (`productName`). */
export const APP_NAME = 'Lowbal';

export interface DataDirEnvironment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homedir: string;
}

const currentEnvironment = (): DataDirEnvironment => ({
  platform: process.platform,
  env: process.env,
  homedir: os.homedir(),
});

/**
 * The folder the desktop app keeps its data in — Electron's `userData` for the
 * app name — so `npm start`, `npm run serve` and the CLI share one database by default.
 */
export function defaultDataDir(environment: DataDirEnvironment = currentEnvironment()): string {
  const { platform, env, homedir } = environment;
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA || path.win32.join(homedir, 'AppData', 'Roaming'), APP_NAME);
  }
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Application Support', APP_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(homedir, '.config'), APP_NAME);
}

/** `--data DIR` wins, then `LOWBAL_DATA_DIR`, then the desktop app's folder. */
export function resolveDataDir(
  flag: string | undefined,
  environment: DataDirEnvironment = currentEnvironment(),
): string {
  const chosen = flag || environment.env.LOWBAL_DATA_DIR;
  return chosen ? path.resolve(chosen) : defaultDataDir(environment);
}
