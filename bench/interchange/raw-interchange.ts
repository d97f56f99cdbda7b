import { durationSeconds, type Duration } from '../../src-main/shared/duration';
import { parseAmount, parseRate } from '../../src-main/shared/money';
import { openLikeTheApp } from '../raw-database';

/**
 * The baselines of the import/export benchmark: what the same rows cost with
 * nothing but better-sqlite3. They read the documents the app writes
 * (SPEC §5) without validating anything, so they are floors, not importers.
 */

interface RuleEntry {
  threshold: string | null;
  notify: boolean;
  users?: string[];
  emails: string[];
  inactivity?: Duration;
}

interface Document {
  currencies: { code: string; name: string; rate: string | null; base: boolean }[];
  resellers: { name: string; email: string }[];
  users: { name: string; email: string; reseller: string | null }[];
  profiles: {
    name: string;
    reseller: string;
    currency: string;
    sortOrder: number;
    maxQty: number;
    period: Duration;
    userNotification: RuleEntry;
    clientNotification: RuleEntry;
    advancedRules: RuleEntry[];
  }[];
  clients: {
    name: string;
    reseller: string;
    currency: string;
    billingEmail: string | null;
    balance: string;
    credit: string;
    profile: string | null;
    lastChargeAt: string | null;
    active: boolean;
  }[];
}

function units(parsed: ReturnType<typeof parseAmount>): number {
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

const TABLES = [
  'currencies',
  'resellers',
  'users',
  'profiles',
  'rules',
  'rule_users',
  'rule_emails',
  'clients',
];

/** The rows of every table the import writes, ready to bind (ids resolved), built before the clock starts. */
function rowsOf(document: Document, now: number): Record<string, unknown[][]> {
  const rows: Record<string, unknown[][]> = Object.fromEntries(
    [...TABLES, 'balance_events'].map((t) => [t, []]),
  );
  const currencyIds = new Map(document.currencies.map((c, i) => [c.code, i + 1]));
  const resellerIds = new Map(document.resellers.map((r, i) => [r.name.toLowerCase(), i + 1]));
  const userIds = new Map(document.users.map((u, i) => [u.email.toLowerCase(), i + 1]));
  const profileIds = new Map<string, number>();
  for (const [i, c] of document.currencies.entries()) {
    rows.currencies.push([
      i + 1,
      c.code,
      c.name,
      c.rate === null ? null : units(parseRate(c.rate)),
      c.base ? 1 : 0,
      now,
      now,
    ]);
  }
  for (const [i, r] of document.resellers.entries()) rows.resellers.push([i + 1, r.name, r.email, now, now]);
  for (const [i, u] of document.users.entries()) {
    rows.users.push([
      i + 1,
      u.name,
      u.email,
      u.reseller === null ? null : resellerIds.get(u.reseller.toLowerCase()),
      now,
      now,
    ]);
  }
  let ruleId = 0;
  const addRule = (profileId: number, kind: string, position: number, rule: RuleEntry) => {
    ruleId += 1;
    const threshold = rule.threshold === null ? null : units(parseAmount(rule.threshold));
    const inactivity = rule.inactivity ?? null;
    rows.rules.push([
      ruleId,
      profileId,
      kind,
      position,
      threshold,
      rule.notify ? 1 : 0,
      inactivity?.value ?? null,
      inactivity?.unit ?? null,
      inactivity ? durationSeconds(inactivity) : null,
    ]);
    for (const email of rule.users ?? []) rows.rule_users.push([ruleId, userIds.get(email.toLowerCase())]);
    for (const [index, email] of rule.emails.entries()) rows.rule_emails.push([ruleId, index, email]);
  };
  for (const [i, p] of document.profiles.entries()) {
    const id = i + 1;
    const resellerId = resellerIds.get(p.reseller.toLowerCase())!;
    profileIds.set(`${resellerId}\u0000${p.name.toLowerCase()}`, id);
    rows.profiles.push([
      id,
      p.name,
      resellerId,
      currencyIds.get(p.currency),
      p.sortOrder,
      p.maxQty,
      p.period.value,
      p.period.unit,
      durationSeconds(p.period),
      now,
      now,
      now,
    ]);
    addRule(id, 'user', 0, p.userNotification);
    addRule(id, 'client', 0, p.clientNotification);
    for (const [position, rule] of p.advancedRules.entries()) addRule(id, 'advanced', position, rule);
  }
  for (const [i, c] of document.clients.entries()) {
    const id = i + 1;
    const resellerId = resellerIds.get(c.reseller.toLowerCase())!;
    const balance = units(parseAmount(c.balance));
    rows.clients.push([
      id,
      c.name,
      resellerId,
      currencyIds.get(c.currency),
      c.billingEmail,
      balance,
      units(parseAmount(c.credit)),
      c.profile === null ? null : profileIds.get(`${resellerId}\u0000${c.profile.toLowerCase()}`),
      c.lastChargeAt === null ? null : Date.parse(c.lastChargeAt),
      c.active ? 1 : 0,
      now,
      now,
    ]);
    // As the import does: a non-zero opening balance is recorded as an adjustment.
    if (balance !== 0) rows.balance_events.push([id, now, balance, balance]);
  }
  return rows;
}

const INSERTS: Record<string, string> = {
  currencies:
    'INSERT INTO currencies (id, code, name, rate_e8, is_base, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  resellers: 'INSERT INTO resellers (id, name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  users: 'INSERT INTO users (id, name, email, reseller_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  profiles: `INSERT INTO profiles (id, name, reseller_id, currency_id, sort_order, max_qty, period_value, period_unit,
    period_seconds, next_check_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  rules: `INSERT INTO rules (id, profile_id, kind, position, threshold, notify, inactivity_value, inactivity_unit,
    inactivity_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  rule_users: 'INSERT INTO rule_users (rule_id, user_id) VALUES (?, ?)',
  rule_emails: 'INSERT INTO rule_emails (rule_id, position, email) VALUES (?, ?, ?)',
  clients: `INSERT INTO clients (id, name, reseller_id, currency_id, billing_email, balance, credit, profile_id,
    last_charge_at, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  balance_events: `INSERT INTO balance_events (client_id, at, kind, amount, balance_after, note)
    VALUES (?, ?, 'adjustment', ?, ?, 'Opening balance')`,
};

/**
 * Baseline of the import: the rows of `text` (parsed and resolved beforehand,
 * untimed) inserted into an empty, migrated database at `file` with prepared
 * statements in one transaction. Returns the milliseconds of that transaction.
 */
export function rawImport(file: string, text: string): number {
  const rows = rowsOf(JSON.parse(text) as Document, Date.now());
  const db = openLikeTheApp(file);
  try {
    const statements = Object.fromEntries(
      Object.keys(rows).map((table) => [table, db.prepare(INSERTS[table])]),
    );
    const start = performance.now();
    db.transaction(() => {
      for (const [table, tableRows] of Object.entries(rows)) {
        for (const row of tableRows) statements[table].run(...row);
      }
    })();
    return performance.now() - start;
  } finally {
    db.close();
  }
}

/** Baseline of the export: a raw `SELECT *` of every table the export reads, serialized with `JSON.stringify`. */
export function rawExport(file: string): number {
  const db = openLikeTheApp(file);
  try {
    const statements = TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table}`)] as const);
    const start = performance.now();
    JSON.stringify(Object.fromEntries(statements.map(([table, statement]) => [table, statement.all()])));
    return performance.now() - start;
  } finally {
    db.close();
  }
}
