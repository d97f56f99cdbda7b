import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

export interface ChromiumChoice {
  /** Undefined: Playwright's own download, launched by Playwright's default. */
  executablePath: string | undefined;
  source: string;
}

export const CHROMIUM_MISSING_MESSAGE =
  'No Chromium found for the browser tests. Install one with `apt-get install -y chromium` ' +
  '(Debian/Ubuntu) or `npx playwright install chromium`, or set LOWBAL_CHROMIUM to a Chromium executable.';

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function playwrightChromium(): string | undefined {
  try {
    const file = chromium.executablePath();
    return isExecutable(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The browser the end-to-end tests drive: `LOWBAL_CHROMIUM`, else Playwright's
 * own download, else Debian's `/usr/bin/chromium`, else the first Chromium on PATH.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumChoice | null {
  if (env.LOWBAL_CHROMIUM) {
    if (!isExecutable(env.LOWBAL_CHROMIUM)) {
      throw new Error(`LOWBAL_CHROMIUM=${env.LOWBAL_CHROMIUM} is not an executable file`);
    }
    return { executablePath: env.LOWBAL_CHROMIUM, source: 'LOWBAL_CHROMIUM' };
  }
  const bundled = playwrightChromium();
  if (bundled) return { executablePath: undefined, source: `Playwright's Chromium (${bundled})` };
  if (isExecutable('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium', source: 'system' };
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const file = path.join(dir, name);
      if (isExecutable(file)) return { executablePath: file, source: 'PATH' };
    }
  }
  return null;
}

// `tsx e2e/support/find-chromium.ts` exits 1 when there is none (used by .ci/run).
if (require.main === module) {
  const found = findChromium();
  process.stdout.write(
    found ? `Chromium: ${found.executablePath ?? found.source}\n` : `${CHROMIUM_MISSING_MESSAGE}\n`,
  );
  process.exit(found ? 0 : 1);
}
