import { z } from 'zod';

/** The desktop app's own behaviour (the headless service ignores these). */
export const desktopSettingsSchema = z.object({
  /** Closing the window keeps Lowbal running in the tray (checks and sending go on). */
  closeToTray: z.boolean({ error: 'Keep running in the tray must be on or off' }),
  /** Start Lowbal (in the tray) when the user logs in. */
  startAtLogin: z.boolean({ error: 'Start at login must be on or off' }),
});
export type DesktopSettings = z.output<typeof desktopSettingsSchema>;

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = { closeToTray: true, startAtLogin: false };
