import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open-database';

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
