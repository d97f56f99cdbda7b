import type { Knex } from 'knex';
import { z } from 'zod';
import { readSetting, writeSetting } from '../settings/settings-repo';

const ENGINE_KEY = 'engine';
const engineSettingsSchema = z.object({ paused: z.boolean() });

/** Paused: scheduled checks wait and nothing is sent until resumed (kept across restarts). */
export async function isPaused(db: Knex): Promise<boolean> {
  return (await readSetting(db, ENGINE_KEY, engineSettingsSchema))?.paused ?? false;
}

export function setPaused(db: Knex, paused: boolean, now: number): Promise<void> {
  return writeSetting(db, ENGINE_KEY, { paused }, now);
}
