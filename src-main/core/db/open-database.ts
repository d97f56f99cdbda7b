import fs from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { migrationSource } from './migration-source';
import { registerSqlFunctions, type SqlFunctionHost } from './sql-functions';

export interface OpenDatabaseOptions {
  /** Path of the SQLite file; its folder is created when missing. */
  file: string;
  /** Path of a better_sqlite3.node built for the running runtime (the Electron host passes its own). */
  nativeBinding?: string;
  /** A reader's connection: opened read-only and not migrated (the writer, opened first, did that). */
  readonly?: boolean;
}

export const DATABASE_FILE_NAME = 'lowbal.sqlite';

/**
 * Opens the database with WAL and foreign keys on, and migrates it to the
 * latest schema. An existing database with pending migrations is first copied
 * aside as `<file>.before-<migration>.bak`. A read-only connection (a reader
 * thread's) sees every committed write and never waits for a writer.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Knex> {
  const readonly = options.readonly ?? false;
  if (!readonly) fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const existed = fs.existsSync(options.file) && fs.statSync(options.file).size > 0;
  const db = knex({
    client: 'better-sqlite3',
    connection: {
      filename: options.file,
      options: { nativeBinding: options.nativeBinding, readonly },
    },
    useNullAsDefault: true,
    // better-sqlite3 is synchronous: one connection, and knex queues the rest.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (
        conn: SqlFunctionHost & { pragma(sql: string): unknown },
        done: (err: Error | null, conn: unknown) => void,
      ) => {
        if (!readonly) {
          conn.pragma('journal_mode = WAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('synchronous = NORMAL');
        }
        conn.pragma('busy_timeout = 5000');
        registerSqlFunctions(conn);
        done(null, conn);
      },
    },
  });
  if (readonly) return db;
  try {
    const migrateConfig = { migrationSource };
    // With a custom migration source, pending entries are the source's migration names.
    const [, pending] = (await db.migrate.list(migrateConfig)) as [unknown[], string[]];
    if (existed && pending.length > 0) {
      const first = pending[0];
      const backup = `${options.file}.before-${first}.bak`;
      if (!fs.existsSync(backup)) await db.raw('VACUUM INTO ?', [backup]);
    }
    await db.migrate.latest(migrateConfig);
    return db;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
