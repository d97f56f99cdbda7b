import fs from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { AppError } from '../../shared/errors';
import { makeBackup } from './database-backup';
import { restrictToOwner } from '../files/owner-only';
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

/** The database file and the journal files SQLite keeps beside it. */
const databaseFiles = (file: string) => [file, `${file}-wal`, `${file}-shm`];

/**
 * Opens the database with WAL and foreign keys on, and migrates it to the
 * latest schema. An existing database with pending migrations is first copied
 * aside as `<file>.before-<migration>.bak` (see `makeBackup`); when no good
 * copy can be made, nothing is migrated and the start stops with the reason.
 * The folder is the owner's only (0700), the database files too (0600). A
 * read-only connection (a reader thread's) sees every committed write and
 * never waits for a writer; it changes nothing, on disk or in modes.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Knex> {
  const readonly = options.readonly ?? false;
  const folder = path.dirname(options.file);
  if (!readonly) {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    restrictToOwner(folder, 0o700);
  }
  const existed = fs.existsSync(options.file) && fs.statSync(options.file).size > 0;
  if (!readonly) {
    // SQLite gives its -wal and -shm files the database file's mode: create it owner-only.
    fs.closeSync(fs.openSync(options.file, 'a', 0o600));
    for (const file of databaseFiles(options.file)) restrictToOwner(file, 0o600);
  }
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
      const backup = `${options.file}.before-${pending[0]}.bak`;
      try {
        await makeBackup(db, backup, options.nativeBinding);
      } catch (error) {
        throw new AppError(
          'unavailable',
          `Lowbal could not back up its database before updating it to a new version ` +
            `(${(error as Error).message}), so it did not start; the database was not changed. ` +
            `Make room on the disk holding ${folder} (the backup needs about as much as ${path.basename(options.file)}) ` +
            'and check that the folder is writable, then start Lowbal again.',
        );
      }
    }
    await db.migrate.latest(migrateConfig);
    for (const file of databaseFiles(options.file)) restrictToOwner(file, 0o600);
    return db;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
