import { z } from 'zod';
import { desktopSettingsSchema } from '../../shared/schemas/desktop';
import { defineHandler } from '../api/define-handler';
import {
  markTrayHintShown,
  readDesktopSettings,
  wasTrayHintShown,
  writeDesktopSettings,
} from './desktop-settings-repo';

const noInput = z.object({}).optional();

export const desktopHandlers = {
  /** Close to tray and start at login (the desktop app applies them; see hosts/electron). */
  'desktop.getSettings': defineHandler(noInput, { reads: true }, (_input, ctx) =>
    readDesktopSettings(ctx.db),
  ),

  'desktop.saveSettings': defineHandler(
    desktopSettingsSchema,
    { writes: true, emits: ['desktop.settingsChanged'] },
    async (settings, ctx) => {
      await writeDesktopSettings(ctx.db, settings, ctx.now());
      ctx.log.info('desktop settings saved', { ...settings });
      ctx.events.emit('desktop.settingsChanged', settings);
      return settings;
    },
  ),

  /** Whether the one-off "still running in the tray" hint was shown (it is, once per installation). */
  'desktop.trayHint': defineHandler(noInput, { reads: true }, async (_input, ctx) => ({
    shown: await wasTrayHintShown(ctx.db),
  })),

  'desktop.markTrayHintShown': defineHandler(noInput, { writes: true }, async (_input, ctx) => {
    await markTrayHintShown(ctx.db, ctx.now());
    return { shown: true };
  }),
};
