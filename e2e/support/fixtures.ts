import fs from 'node:fs';
import { test as base, expect } from '@playwright/test';
import { type RunningHost, startHost } from './host';

/** `test` with a fresh headless host (own temp data folder) per test. */
export const test = base.extend<{ host: RunningHost }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern.
  host: async ({}, use, testInfo) => {
    const host = await startHost();
    try {
      await use(host);
    } finally {
      await host.stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('host output', { body: host.output, contentType: 'text/plain' });
      }
      fs.rmSync(host.dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
export type { RunningHost };
