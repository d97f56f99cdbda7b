import fs from 'node:fs';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src-main/core/db/open-database';
import { randomInt, seededRandom } from './random';

/** What to generate. Clients are spread evenly over the profiles, profiles over the resellers. */
export interface DatasetShape {
  clients: number;
  profiles: number;
  resellers: number;
  /** Share of clients whose available balance is below a threshold (default 0.05). */
  lowFraction?: number;
  seed?: number;
  /** "Now" of the data (default: the real clock): charges and the next checks are set around it. */
  now?: number;
  /**
   * Turns on the advanced rule's Runway (SPEC §7) with this many days, and gives every charged client
   * about 10 charges over the last 28 days (its last charge, then one every 2½ days before it).
   */
  runwayDays?: number;
}

export interface DatasetSummary {
  now: number;
  currencies: number;
  resellers: number;
  users: number;
  profiles: number;
  rules: number;
  clients: number;
  /** Clients generated below the User Notification threshold (the highest) of their profile. */
  lowClients: number;
  /** Low clients that are active and have not been charged within the advanced rule's Inactivity. */
  lowIdleActiveClients: number;
  activeClients: number;
  balanceEvents: number;
}

const UNITS = 10_000;
const DAY_MS = 86_400_000;

/** Every profile has every rule kind on, with these thresholds (in its own currency). */
export const THRESHOLDS = { user: 50 * UNITS, client: 20 * UNITS, advanced: 10 * UNITS } as const;
const ADVANCED_INACTIVITY_DAYS = 3;
const MAX_QTY = 3;
const PERIOD_SECONDS = 86_400;
/** With a Runway: charges per charged client, 2½ days apart (28 days of history). */
const CHARGES_WITH_RUNWAY = 10;
const CHARGE_SPACING_MS = 2.5 * DAY_MS;

/** USD is the base; EUR has a rate so clients holding the other currency are converted. */
const CURRENCIES = [
  { code: 'USD', name: 'US Dollar', rateE8: 100_000_000, isBase: 1 },
  { code: 'EUR', name: 'Euro', rateE8: 90_000_000, isBase: 0 },
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Writes a fresh database at `file`: the schema through the real migrations
 * (`openDatabase`), then every row with raw prepared inserts in one
 * transaction. Each profile turns on a User Notification (Notify the reseller
 * plus one staff user), a Client Notification (Notify the client) and an
 * advanced rule (Notify the client plus a collections address, after three
 * days without a charge). Clients not low hold at least 100.00, so no
 * conversion brings them under a threshold; low clients hold less than 5.00.
 * Profiles are not due before a day from `now`, so a host opened on the data
 * does not start checking it.
 */
export async function generateDataset(file: string, shape: DatasetShape): Promise<DatasetSummary> {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  const knex = await openDatabase({ file });
  await knex.destroy();

  const now = shape.now ?? Date.now();
  const random = seededRandom(shape.seed ?? 20261126);
  const lowFraction = shape.lowFraction ?? 0.05;
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const summary: DatasetSummary = {
    now,
    currencies: CURRENCIES.length,
    resellers: shape.resellers,
    users: shape.resellers * 2,
    profiles: shape.profiles,
    rules: shape.profiles * 3,
    clients: shape.clients,
    lowClients: 0,
    lowIdleActiveClients: 0,
    activeClients: 0,
    balanceEvents: 0,
  };

  const insert = {
    currency: db.prepare(
      `INSERT INTO currencies (id, code, name, rate_e8, is_base, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    reseller: db.prepare(
      'INSERT INTO resellers (id, name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    ),
    user: db.prepare(
      'INSERT INTO users (id, name, email, reseller_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    profile: db.prepare(
      `INSERT INTO profiles (id, name, reseller_id, currency_id, sort_order, max_qty, period_value, period_unit,
         period_seconds, next_check_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 24, 'hours', ?, ?, ?, ?)`,
    ),
    rule: db.prepare(
      `INSERT INTO rules (id, profile_id, kind, position, threshold, notify, inactivity_value, inactivity_unit,
         inactivity_seconds, runway_days)
       VALUES (?, ?, ?, 0, ?, 1, ?, ?, ?, ?)`,
    ),
    ruleUser: db.prepare('INSERT INTO rule_users (rule_id, user_id) VALUES (?, ?)'),
    ruleEmail: db.prepare('INSERT INTO rule_emails (rule_id, position, email) VALUES (?, 0, ?)'),
    client: db.prepare(
      `INSERT INTO clients (id, name, reseller_id, currency_id, billing_email, balance, credit, profile_id,
         last_charge_at, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    charge: db.prepare(
      `INSERT INTO balance_events (client_id, at, kind, amount, balance_after) VALUES (?, ?, 'charge', ?, ?)`,
    ),
  };

  const profileReseller = (profile: number) => ((profile - 1) % shape.resellers) + 1;
  const profileCurrency = (profile: number) => (profile % 5 === 0 ? 2 : 1);

  // Bulk loading is much faster into bare tables; the same indexes are built again afterwards.
  const bulkIndexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master
       WHERE type = 'index' AND tbl_name IN ('clients', 'balance_events') AND sql IS NOT NULL`,
    )
    .all() as { name: string; sql: string }[];
  db.transaction(() => {
    for (const index of bulkIndexes) db.exec(`DROP INDEX "${index.name}"`);
    for (const [i, c] of CURRENCIES.entries()) {
      insert.currency.run(i + 1, c.code, c.name, c.rateE8, c.isBase, now, now);
    }
    for (let r = 1; r <= shape.resellers; r++) {
      insert.reseller.run(r, `Reseller ${pad(r, 3)}`, `noc@reseller${pad(r, 3)}.example`, now, now);
      for (const staff of [1, 2]) {
        const id = (r - 1) * 2 + staff;
        insert.user.run(
          id,
          `Staff ${pad(r, 3)}-${staff}`,
          `staff${staff}@reseller${pad(r, 3)}.example`,
          r,
          now,
          now,
        );
      }
    }
    for (let p = 1; p <= shape.profiles; p++) {
      const reseller = profileReseller(p);
      const name = `Profile ${pad(p, 5)}`;
      insert.profile.run(
        p,
        name,
        reseller,
        profileCurrency(p),
        p % 10,
        MAX_QTY,
        PERIOD_SECONDS,
        now + DAY_MS,
        now,
        now,
      );
      const firstRule = (p - 1) * 3 + 1;
      insert.rule.run(firstRule, p, 'user', THRESHOLDS.user, null, null, null, null);
      insert.ruleUser.run(firstRule, (reseller - 1) * 2 + 1);
      insert.rule.run(firstRule + 1, p, 'client', THRESHOLDS.client, null, null, null, null);
      const inactivity = ADVANCED_INACTIVITY_DAYS;
      insert.rule.run(
        firstRule + 2,
        p,
        'advanced',
        THRESHOLDS.advanced,
        inactivity,
        'days',
        inactivity * 86_400,
        shape.runwayDays ?? null,
      );
      insert.ruleEmail.run(firstRule + 2, `collections@reseller${pad(reseller, 3)}.example`);
    }

    for (let n = 1; n <= shape.clients; n++) {
      const profile = ((n - 1) % shape.profiles) + 1;
      const reseller = profileReseller(profile);
      const currency = random() < 0.1 ? 3 - profileCurrency(profile) : profileCurrency(profile);
      const low = random() < lowFraction;
      const balance = low
        ? randomInt(random, -20 * UNITS, 5 * UNITS - 1)
        : randomInt(random, 100, 1_000) * UNITS;
      const credit = !low && random() < 0.1 ? 50 * UNITS : 0;
      const active = random() < 0.98 ? 1 : 0;
      const billingEmail = random() < 0.995 ? `client${n}@customer${pad(reseller, 3)}.example` : null;
      const createdAt = now - randomInt(random, 30, 720) * DAY_MS;
      // Half of the clients were charged in the last two days, the others earlier (or never).
      const recent = random() < 0.5;
      const lastChargeAt = recent
        ? now - randomInt(random, 0, 2 * DAY_MS)
        : random() < 0.9
          ? now - randomInt(random, 4 * DAY_MS, 30 * DAY_MS)
          : null;
      insert.client.run(
        n,
        `Client ${pad(n, 7)}`,
        reseller,
        currency,
        billingEmail,
        balance,
        credit,
        profile,
        lastChargeAt,
        active,
        createdAt,
        now,
      );
      if (lastChargeAt !== null) {
        const history = shape.runwayDays === undefined ? 1 : CHARGES_WITH_RUNWAY;
        for (let k = history - 1; k >= 0; k--) {
          insert.charge.run(
            n,
            lastChargeAt - k * CHARGE_SPACING_MS,
            -randomInt(random, 1, 20) * UNITS,
            balance,
          );
        }
        summary.balanceEvents += history;
      }
      if (low) summary.lowClients += 1;
      if (active) summary.activeClients += 1;
      if (low && active && !recent) summary.lowIdleActiveClients += 1;
    }
    for (const index of bulkIndexes) db.exec(index.sql);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return summary;
}
