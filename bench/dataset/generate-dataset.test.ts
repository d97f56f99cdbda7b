import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src-main/core/db/open-database';
import { createTestCore, type TestCore } from '../../src-main/test-support/test-core';
import { generateDataset, THRESHOLDS, type DatasetSummary } from './generate-dataset';

const SHAPE = { clients: 10_000, profiles: 20, resellers: 4 };

let dir: string;
let summary: DatasetSummary;
let db: Database.Database;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-bench-data-'));
  summary = await generateDataset(path.join(dir, DATABASE_FILE_NAME), SHAPE);
  db = new Database(path.join(dir, DATABASE_FILE_NAME), { readonly: true });
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

describe('the benchmark data generator', () => {
  it('writes the clients, profiles and catalogs it reports, with the schema of the migrations', () => {
    expect(count('SELECT count(*) AS n FROM clients')).toBe(SHAPE.clients);
    expect(count('SELECT count(*) AS n FROM profiles')).toBe(SHAPE.profiles);
    expect(count('SELECT count(*) AS n FROM resellers')).toBe(SHAPE.resellers);
    expect(count('SELECT count(*) AS n FROM users')).toBe(summary.users);
    expect(count('SELECT count(*) AS n FROM clients WHERE active = 1')).toBe(summary.activeClients);
    expect(count(`SELECT count(*) AS n FROM balance_events WHERE kind = 'charge'`)).toBe(
      summary.balanceEvents,
    );
    // Every client belongs to a profile of its own reseller.
    expect(
      count(
        'SELECT count(*) AS n FROM clients c JOIN profiles p ON p.id = c.profile_id AND p.reseller_id = c.reseller_id',
      ),
    ).toBe(SHAPE.clients);
    // The bulk load dropped and rebuilt the indexes: the migrations' are all there.
    const indexes = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'clients'`)
      .all();
    expect(indexes.map((row) => (row as { name: string }).name)).toEqual(
      expect.arrayContaining([
        'clients_by_profile_balance',
        'clients_by_name',
        'clients_reseller_name_unique',
      ]),
    );
  });

  it('turns every rule kind on in every profile, each with a recipient', () => {
    const rules = db
      .prepare(
        `SELECT r.kind, count(*) AS n, min(r.threshold) AS low, max(r.threshold) AS high, sum(r.notify) AS notify,
           (SELECT count(*) FROM rule_users u JOIN rules x ON x.id = u.rule_id WHERE x.kind = r.kind) AS users,
           (SELECT count(*) FROM rule_emails e JOIN rules x ON x.id = e.rule_id WHERE x.kind = r.kind) AS emails
         FROM rules r GROUP BY r.kind ORDER BY r.kind`,
      )
      .all();
    const each = { n: SHAPE.profiles, notify: SHAPE.profiles };
    expect(rules).toEqual([
      {
        kind: 'advanced',
        ...each,
        low: THRESHOLDS.advanced,
        high: THRESHOLDS.advanced,
        users: 0,
        emails: 20,
      },
      { kind: 'client', ...each, low: THRESHOLDS.client, high: THRESHOLDS.client, users: 0, emails: 0 },
      { kind: 'user', ...each, low: THRESHOLDS.user, high: THRESHOLDS.user, users: 20, emails: 0 },
    ]);
  });

  it('makes about 5% of the clients low, as the app itself judges them', async () => {
    expect(summary.lowClients / SHAPE.clients).toBeGreaterThan(0.04);
    expect(summary.lowClients / SHAPE.clients).toBeLessThan(0.06);
    const core: TestCore = await createTestCore({ dataDir: dir });
    try {
      const low = await core.call('clients.list', { lowNow: true, limit: 1 });
      expect(low.total).toBe(summary.lowClients);
    } finally {
      await core.close();
    }
  });
});
