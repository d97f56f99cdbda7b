import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import knex, { type Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { migrationSource } from './migration-source';
import { openDatabase } from './open-database';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(ROOT, 'src-main', 'cli', 'lowbal.ts');

function tempFile() {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-db-')), 'nested', 'lowbal.sqlite');
}

describe('openDatabase', () => {
  it('creates the folder and the schema, with WAL and foreign keys on', async () => {
    const file = tempFile();
    const db = await openDatabase({ file });
    const [{ journal_mode: mode }] = await db.raw('PRAGMA journal_mode');
    const [{ foreign_keys: fk }] = await db.raw('PRAGMA foreign_keys');
    expect(mode).toBe('wal');
    expect(fk).toBe(1);
    const tables = (await db.raw("SELECT name FROM sqlite_master WHERE type = 'table'")).map(
      (t: { name: string }) => t.name,
    );
    expect(tables).toEqual(
      expect.arrayContaining(['currencies', 'profiles', 'rules', 'rule_state', 'notifications', 'settings']),
    );
    await db.destroy();
    expect(fs.readdirSync(path.dirname(file)).some((f) => f.endsWith('.bak'))).toBe(false);
  });

  it('copies an existing database aside before migrating it, keeping its data', async () => {
    const file = tempFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const old = new Database(file);
    old.exec("CREATE TABLE legacy (note TEXT); INSERT INTO legacy VALUES ('keep me')");
    old.close();

    const db = await openDatabase({ file });
    await db.destroy();
    const backups = fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.bak'));
    expect(backups).toEqual(['lowbal.sqlite.before-20261126_0001_initial_schema.bak']);
    expect(fs.statSync(path.join(path.dirname(file), backups[0])).mode & 0o777).toBe(0o600);
    const copy = new Database(path.join(path.dirname(file), backups[0]), { readonly: true });
    expect(copy.prepare('SELECT note FROM legacy').get()).toEqual({ note: 'keep me' });
    copy.close();

    // Opening an up-to-date database makes no new copy.
    const again = await openDatabase({ file });
    await again.destroy();
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.bak'))).toHaveLength(1);
  });

  it('enforces the schema constraints the core relies on', async () => {
    const db = await openDatabase({ file: tempFile() });
    const now = Date.now();
    await db('currencies').insert({
      code: 'USD',
      name: 'US Dollar',
      rate_e8: 1e8,
      is_base: true,
      created_at: now,
      updated_at: now,
    });
    await expect(
      db('currencies').insert({
        code: 'EUR',
        name: 'Euro',
        rate_e8: 1,
        is_base: true,
        created_at: now,
        updated_at: now,
      }),
    ).rejects.toThrow(/UNIQUE/);
    await db('resellers').insert({ name: 'Acme', email: 'a@acme.example', created_at: now, updated_at: now });
    await expect(
      db('resellers').insert({ name: 'ACME', email: 'b@acme.example', created_at: now, updated_at: now }),
    ).rejects.toThrow(/UNIQUE/);
    const profile = { reseller_id: 1, currency_id: 1, created_at: now, updated_at: now };
    await db('profiles').insert({ ...profile, name: 'Gold' });
    await expect(db('profiles').insert({ ...profile, name: 'gold' })).rejects.toThrow(/UNIQUE/);
    await expect(db('profiles').insert({ ...profile, name: 'Bad', max_qty: -1 })).rejects.toThrow(
      /invalid profile/,
    );
    await expect(
      db('clients').insert({
        name: 'C',
        reseller_id: 1,
        currency_id: 1,
        credit: -1,
        created_at: now,
        updated_at: now,
      }),
    ).rejects.toThrow(/credit/);
    await expect(
      db('clients').insert({ name: 'C', reseller_id: 99, currency_id: 1, created_at: now, updated_at: now }),
    ).rejects.toThrow(/FOREIGN KEY/);
    await db.destroy();
  });
});

/** A database as the previous version left it: every migration but the last applied. */
async function databaseOfPreviousVersion(file: string, fill?: (db: Knex) => Promise<void>): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const names = await migrationSource.getMigrations([]);
  const previous = names.slice(0, -1);
  // In WAL mode, as the app leaves its database.
  const db = knex({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    pool: {
      afterCreate: (
        conn: { pragma(sql: string): unknown },
        done: (error: Error | null, conn: unknown) => void,
      ) => {
        conn.pragma('journal_mode = WAL');
        done(null, conn);
      },
    },
  });
  await db.migrate.latest({
    migrationSource: {
      getMigrations: async () => previous,
      getMigrationName: (name: string) => name,
      getMigration: (name: string) => migrationSource.getMigration(name),
    },
  });
  await fill?.(db);
  await db.destroy();
  return `${file}.before-${names.at(-1)}.bak`;
}

const tablesOf = (file: string) => {
  const copy = new Database(file, { readonly: true });
  try {
    return (copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
      .map((row) => row.name)
      .sort();
  } finally {
    copy.close();
  }
};

describe('the backup before a migration', () => {
  it('replaces an empty or unreadable backup with a good one, and keeps a good one', async () => {
    for (const bad of [Buffer.alloc(0), Buffer.from('not a database, just what a full disk left')]) {
      const file = tempFile();
      const backup = await databaseOfPreviousVersion(file);
      const previousTables = tablesOf(file);
      fs.writeFileSync(backup, bad);
      const db = await openDatabase({ file });
      await db.destroy();
      expect(fs.statSync(backup).size).toBeGreaterThan(0);
      expect(tablesOf(backup)).toEqual(previousTables);
      expect(fs.readdirSync(path.dirname(file)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }

    const file = tempFile();
    const backup = await databaseOfPreviousVersion(file);
    const kept = await databaseOfPreviousVersion(tempFile());
    fs.copyFileSync(path.join(path.dirname(kept), 'lowbal.sqlite'), backup);
    const before = fs.readFileSync(backup);
    const db = await openDatabase({ file });
    await db.destroy();
    expect(fs.readFileSync(backup).equals(before)).toBe(true);
  });

  it.skipIf(process.platform === 'win32')(
    'stops the start, saying why and what to do, when the disk cannot hold the backup; the database is unchanged',
    async () => {
      const file = tempFile();
      await databaseOfPreviousVersion(file, async (db) => {
        // About 3 MB: more than the file size limit the start runs under below.
        await db.schema.createTable('ballast', (t) => t.text('data'));
        for (let i = 0; i < 30; i++) await db('ballast').insert({ data: 'x'.repeat(100_000) });
      });
      const fingerprint = () => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      const before = fingerprint();
      // The CLI opens the database as every host does. `ulimit -f` makes writes past 2 MB fail
      // as a full disk would (EFBIG; SIGXFSZ is ignored so the write fails instead of killing).
      const run = spawnSync(
        'bash',
        [
          '-c',
          `trap '' XFSZ; ulimit -f 2048; exec "$0" "$@"`,
          TSX,
          CLI,
          'export',
          '--out',
          '-',
          '--data',
          path.dirname(file),
        ],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LOWBAL_DATA_DIR: '' } },
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/Lowbal could not back up its database before updating it to a new version/);
      expect(run.stderr).toMatch(/so it did not start; the database was not changed/);
      expect(run.stderr).toMatch(/Make room on the disk holding .* and check that the folder is writable/);
      expect(fingerprint()).toBe(before);
      const left = fs.readdirSync(path.dirname(file));
      expect(left.filter((name) => name.endsWith('.bak') || name.endsWith('.tmp'))).toEqual([]);
      const db = new Database(file, { readonly: true });
      const applied = db.prepare('SELECT name FROM knex_migrations').all() as { name: string }[];
      db.close();
      const latest = (await migrationSource.getMigrations([])).at(-1)!;
      expect(applied.map((row) => row.name)).not.toContain(latest);
    },
  );
});

describe.skipIf(process.platform === 'win32')('file modes', () => {
  it('keeps the data folder, the database files and the backup readable by their owner only', async () => {
    const file = tempFile();
    const folder = path.dirname(file);
    fs.mkdirSync(folder, { recursive: true, mode: 0o755 });
    fs.chmodSync(folder, 0o755);
    const backup = await databaseOfPreviousVersion(file);
    fs.chmodSync(file, 0o644);
    const db = await openDatabase({ file });
    await db('settings').insert({ key: 'x', value: '1', updated_at: 1 });
    const mode = (target: string) => fs.statSync(target).mode & 0o777;
    expect(mode(folder)).toBe(0o700);
    for (const target of [file, `${file}-wal`, `${file}-shm`, backup])
      expect([target, mode(target)]).toEqual([target, 0o600]);
    await db.destroy();

    const fresh = tempFile();
    const created = await openDatabase({ file: fresh });
    await created('settings').insert({ key: 'x', value: '1', updated_at: 1 });
    expect(mode(path.dirname(fresh))).toBe(0o700);
    for (const target of [fresh, `${fresh}-wal`, `${fresh}-shm`])
      expect([target, mode(target)]).toEqual([target, 0o600]);
    await created.destroy();
  });
});
