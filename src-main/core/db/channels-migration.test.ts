import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationSource } from './migration-source';

const CHANNELS_MIGRATION = '20261202_0004_channels';
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe('migration 0004 (channels)', () => {
  it('makes the outbox rows already there e-mails, and goes back down', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-channels-'));
    folders.push(folder);
    const db = knex({
      client: 'better-sqlite3',
      connection: { filename: path.join(folder, 'lowbal.sqlite') },
      useNullAsDefault: true,
    });
    try {
      const names = await migrationSource.getMigrations([]);
      const upTo = (last: string) => ({
        getMigrations: async () => names.slice(0, names.indexOf(last) + 1),
        getMigrationName: (name: string) => name,
        getMigration: (name: string) => migrationSource.getMigration(name),
      });
      await db.migrate.latest({ migrationSource: upTo('20261127_0003_delivery_claims') });
      const now = Date.now();
      await db('currencies').insert({
        id: 1,
        code: 'USD',
        name: 'US Dollar',
        rate_e8: 100_000_000,
        created_at: now,
        updated_at: now,
      });
      await db('resellers').insert({
        id: 1,
        name: 'R',
        email: 'r@r.example',
        created_at: now,
        updated_at: now,
      });
      await db('clients').insert({
        id: 1,
        name: 'C',
        reseller_id: 1,
        currency_id: 1,
        created_at: now,
        updated_at: now,
      });
      await db('notifications').insert(
        ['queued', 'sent', 'failed'].map((status) => ({
          client_id: 1,
          rule_kind: 'client',
          profile_name: 'p',
          recipient: 'c@client.example',
          subject: 's',
          text_body: 't',
          html_body: 'h',
          status,
          next_attempt_at: now,
          created_at: now,
          balance: 0,
          available: 0,
          threshold: 0,
          currency_code: 'USD',
          count: 1,
        })),
      );
      await db.migrate.latest({ migrationSource: upTo(CHANNELS_MIGRATION) });
      expect(await db('notifications').orderBy('id').pluck('channel')).toEqual(['email', 'email', 'email']);
      const indexes = (await db.raw(`PRAGMA index_info('notifications_outbox')`)) as { name: string }[];
      expect(indexes.map((column) => column.name)).toEqual([
        'status',
        'channel',
        'interruptions',
        'next_attempt_at',
      ]);

      await db.migrate.down({ migrationSource: upTo(CHANNELS_MIGRATION) });
      const columns = (await db.raw(`PRAGMA table_info('notifications')`)) as { name: string }[];
      expect(columns.map((column) => column.name)).not.toContain('channel');
      expect(await db('notifications').count({ n: '*' })).toEqual([{ n: 3 }]);
    } finally {
      await db.destroy();
    }
  });
});
