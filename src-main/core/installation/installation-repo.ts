import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { readSetting } from '../settings/settings-repo';

const INSTALLATION_KEY = 'installation';
const installationSchema = z.object({ id: z.string().min(1) });

/**
 * This database's id, created the first time it is asked for and kept in the
 * settings (a copy of the database keeps it: it is the same installation).
 * E-mails derive their Message-ID from it, so a repeat is recognisable.
 */
export async function installationId(db: Knex, now: number): Promise<string> {
  const stored = await readSetting(db, INSTALLATION_KEY, installationSchema);
  if (stored) return stored.id;
  await db('settings')
    .insert({ key: INSTALLATION_KEY, value: JSON.stringify({ id: randomUUID() }), updated_at: now })
    .onConflict('key')
    .ignore();
  const created = await readSetting(db, INSTALLATION_KEY, installationSchema);
  if (!created) throw new Error('The installation id could not be stored');
  return created.id;
}
