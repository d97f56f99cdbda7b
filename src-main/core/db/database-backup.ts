import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Knex } from 'knex';

/** Why the copy at `file` is not a usable backup of a database with these tables; null when it is. */
function backupProblem(file: string, tables: string[], nativeBinding?: string): string | null {
  if (!fs.existsSync(file)) return 'it is missing';
  let copy: Database.Database;
  try {
    copy = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (error) {
    return `it cannot be opened: ${(error as Error).message}`;
  }
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') return `its integrity check failed: ${String(check)}`;
    const present = new Set(
      (copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (row) => row.name,
      ),
    );
    const missing = tables.filter((table) => !present.has(table));
    return missing.length > 0 ? `it lacks the tables ${missing.join(', ')}` : null;
  } catch (error) {
    return `it cannot be read: ${(error as Error).message}`;
  } finally {
    copy.close();
  }
}

/**
 * Makes sure `backup` holds a good copy of the database `db`: one already
 * there is kept if it opens, passes `PRAGMA quick_check` and holds every table
 * of the database; otherwise (missing, empty, unreadable) a new copy is written
 * with `VACUUM INTO` to a temporary file, checked the same way, and only then
 * renamed to `backup`. Throws, saying why, when no good copy can be made.
 */
export async function makeBackup(db: Knex, backup: string, nativeBinding?: string): Promise<void> {
  const tables = (
    (await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) as {
      name: string;
    }[]
  ).map((row) => row.name);
  if (backupProblem(backup, tables, nativeBinding) === null) return;
  const temp = `${backup}.tmp`;
  fs.rmSync(temp, { force: true });
  try {
    // VACUUM INTO fills an empty file: created first, owner-only.
    fs.closeSync(fs.openSync(temp, 'wx', 0o600));
    await db.raw('VACUUM INTO ?', [temp]);
    const problem = backupProblem(temp, tables, nativeBinding);
    if (problem) throw new Error(`the copy was not good: ${problem}`);
    fs.renameSync(temp, backup);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
