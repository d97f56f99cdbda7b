import { z } from 'zod';
import { desktopSettingsSchema } from '../../shared/schemas/desktop';
import { defineHandler } from '../api/define-handler';
import { readDesktopSettings, writeDesktopSettings } from './desktop-settings-repo';

export const desktopHandlers = {
  /** Close to tray and start at login (the desktop app applies them; see hosts/electron). */
  'desktop.getSettings': defineHandler(z.object({}).optional(), (_input, ctx) => readDesktopSettings(ctx.db)),

  'desktop.saveSettings': defineHandler(desktopSettingsSchema, async (settings, ctx) => {
    await writeDesktopSettings(ctx.db, settings, ctx.now());
    ctx.log.info('desktop settings saved', { ...settings });
    return settings;
  }),
};
