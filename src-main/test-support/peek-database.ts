import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE_NAME } from '../core/db/open-database';

/**
 * Rows of `sql` from the data folder's database, read through a connection of
 * the test's own: what is on disk, whichever thread or process wrote it.
 */
export function queryDatabase<T = Record<string, unknown>>(
  dataDir: string,
  sql: string,
  ...params: unknown[]
): T[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A cleanly closed database leaves no write-ahead log behind: every connection to it is closed. */
export function hasOpenConnections(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, `${DATABASE_FILE_NAME}-wal`));
}
