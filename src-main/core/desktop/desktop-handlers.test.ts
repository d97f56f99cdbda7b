import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { markTrayHintShown, wasTrayHintShown } from './desktop-settings-repo';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.close();
  if (core) fs.rmSync(core.dataDir, { recursive: true, force: true });
  core = undefined;
});

describe('desktop settings', () => {
  it('keep running in the tray and do not start at login by default', async () => {
    core = await createTestCore();
    expect(await core.call('desktop.getSettings', {})).toEqual({ closeToTray: true, startAtLogin: false });
  });

  it('are saved and survive a restart', async () => {
    core = await createTestCore();
    const saved = await core.call('desktop.saveSettings', { closeToTray: false, startAtLogin: true });
    expect(saved).toEqual({ closeToTray: false, startAtLogin: true });
    const dataDir = core.dataDir;
    await core.close();
    core = await createTestCore({ dataDir });
    expect(await core.call('desktop.getSettings', {})).toEqual({ closeToTray: false, startAtLogin: true });
  });

  it('refuse a value that is not on or off, naming the field, and keep the saved ones', async () => {
    core = await createTestCore();
    const error = await core.callError('desktop.saveSettings', { closeToTray: 'yes', startAtLogin: true });
    expect(error.issues).toEqual([
      { path: 'closeToTray', message: 'Keep running in the tray must be on or off' },
    ]);
    expect(await core.call('desktop.getSettings', {})).toEqual({ closeToTray: true, startAtLogin: false });
  });

  it('remember that the tray hint was shown', async () => {
    core = await createTestCore();
    expect(await wasTrayHintShown(core.ctx.db)).toBe(false);
    await markTrayHintShown(core.ctx.db, core.ctx.now());
    expect(await wasTrayHintShown(core.ctx.db)).toBe(true);
  });
});
