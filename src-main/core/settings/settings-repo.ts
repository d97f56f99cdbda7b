import type { Knex } from 'knex';
import type { z } from 'zod';

/**
 * The `settings` table: one JSON value per key. A stored value that no longer
 * fits its schema (an older or hand-edited database) reads as absent, so the
 * caller falls back to its defaults instead of failing.
 */
export async function readSetting<S extends z.ZodType>(
  db: Knex,
  key: string,
  schema: S,
): Promise<z.output<S> | undefined> {
  const row = (await db('settings').where({ key }).first('value')) as { value: string } | undefined;
  if (!row) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(row.value);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

export async function writeSetting(db: Knex, key: string, value: unknown, now: number): Promise<void> {
  await db('settings')
    .insert({ key, value: JSON.stringify(value), updated_at: now })
    .onConflict('key')
    .merge(['value', 'updated_at']);
}
