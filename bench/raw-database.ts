import Database from 'better-sqlite3';

/** A bare better-sqlite3 connection for the baselines, with the app's connection settings (`openDatabase`). */
export function openLikeTheApp(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  return db;
}
