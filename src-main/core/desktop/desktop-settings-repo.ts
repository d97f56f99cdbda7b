import type { Knex } from 'knex';
import { z } from 'zod';
import {
  DEFAULT_DESKTOP_SETTINGS,
  desktopSettingsSchema,
  type DesktopSettings,
} from '../../shared/schemas/desktop';
import { readSetting, writeSetting } from '../settings/settings-repo';

const SETTINGS_KEY = 'desktop';
const TRAY_HINT_KEY = 'desktop.trayHintShown';

export async function readDesktopSettings(db: Knex): Promise<DesktopSettings> {
  return (await readSetting(db, SETTINGS_KEY, desktopSettingsSchema)) ?? DEFAULT_DESKTOP_SETTINGS;
}

export function writeDesktopSettings(db: Knex, settings: DesktopSettings, now: number): Promise<void> {
  return writeSetting(db, SETTINGS_KEY, settings, now);
}

/** Whether the one-off "still running in the tray" hint was shown already. */
export async function wasTrayHintShown(db: Knex): Promise<boolean> {
  return (await readSetting(db, TRAY_HINT_KEY, z.boolean())) ?? false;
}

export function markTrayHintShown(db: Knex, now: number): Promise<void> {
  return writeSetting(db, TRAY_HINT_KEY, true, now);
}
