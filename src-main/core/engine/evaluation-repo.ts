import type { Knex } from 'knex';
import type { DurationUnit } from '../../shared/duration';
import type { SkippedItem } from '../../shared/schemas/notification';
import type { RuleKind } from '../../shared/views';
import { kindsWhere, kindsWith, sqlKindList } from '../../shared/rule-kinds';
import { availableSql } from '../clients/low-now-repo';
import { runwayDaysSql, runwayWithinSql } from '../clients/runway-sql';
import { transactionConnection } from '../db/transaction-connection';
import { quietHoursOf } from '../profiles/profile-repo';
import type { QuietHours } from '../../shared/quiet-hours';

/**
 * The rule matching of a check, set-based (recipients: `recipient-repo.ts`;
 * scheduling: `schedule-repo.ts`): every statement handles all the clients of
 * one profile at once. A check works through session-local temp tables:
 *
 * - `eval_cutoff(rule_id, currency_id, cutoff)`: per rule that is on and per
 *   client currency that can be compared, the amount in the client's currency
 *   below which the rule's threshold is crossed (see `lowBound`);
 * - `eval_match`: every (client, rule) that matches now, with its count,
 *   whether Max Qty still allows an e-mail and whether rendering it failed;
 * - `eval_address`: the de-duplicated recipients of the matches that may send,
 *   with the reason an address cannot be used;
 * - `eval_skip`: what was skipped and why.
 */

/** What the kinds' descriptions say the SQL must do per kind. */
const INACTIVITY_KINDS = sqlKindList(kindsWith('inactivity'));
const RUNWAY_KINDS = sqlKindList(kindsWith('runway'));

export interface ProfileForCheck {
  id: number;
  name: string;
  currencyId: number;
  currencyCode: string;
  rateE8: number | null;
  maxQty: number;
  periodSeconds: number;
  mostUrgentOnly: boolean;
  quietHours: QuietHours | null;
}

export interface RuleForCheck {
  id: number;
  kind: RuleKind;
  /** Null for a rule that is on through its Runway alone. */
  threshold: number | null;
}

export interface CurrencyRate {
  id: number;
  code: string;
  rateE8: number | null;
}

export interface Cutoff {
  ruleId: number;
  currencyId: number;
  /** Null: the rule sets no threshold, so any available balance passes it. */
  cutoff: number | null;
}

export async function loadProfileForCheck(db: Knex, profileId: number): Promise<ProfileForCheck | undefined> {
  const [row] = await db.raw<Record<string, number | string | null>[]>(
    `SELECT p.id, p.name, p.currency_id, c.code, c.rate_e8, p.max_qty, p.period_seconds, p.most_urgent_only,
       p.quiet_from, p.quiet_until, p.quiet_time_zone
     FROM profiles p JOIN currencies c ON c.id = p.currency_id WHERE p.id = ?`,
    [profileId],
  );
  if (!row) return undefined;
  return {
    id: Number(row.id),
    name: String(row.name),
    currencyId: Number(row.currency_id),
    currencyCode: String(row.code),
    rateE8: row.rate_e8 === null ? null : Number(row.rate_e8),
    maxQty: Number(row.max_qty),
    periodSeconds: Number(row.period_seconds),
    mostUrgentOnly: Boolean(row.most_urgent_only),
    quietHours: quietHoursOf(row as Parameters<typeof quietHoursOf>[0]),
  };
}

/** The rules of a profile that are on (`ruleIsOn`: a threshold or, where the kind has one, a runway is set). */
export async function loadRulesOn(db: Knex, profileId: number): Promise<RuleForCheck[]> {
  const rows: { id: number; kind: RuleKind; threshold: number | null }[] = await db('rules')
    .where({ profile_id: profileId })
    .where((on) =>
      on
        .whereNotNull('threshold')
        .orWhere((runway) => runway.whereNotNull('runway_days').whereIn('kind', kindsWith('runway'))),
    )
    .orderBy(['kind', 'position'])
    .select('id', 'kind', 'threshold');
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    threshold: row.threshold === null ? null : Number(row.threshold),
  }));
}

export async function loadCurrencyRates(db: Knex): Promise<CurrencyRate[]> {
  const rows: { id: number; code: string; rate_e8: number | null }[] = await db('currencies').select(
    'id',
    'code',
    'rate_e8',
  );
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    rateE8: row.rate_e8 === null ? null : Number(row.rate_e8),
  }));
}

const TEMP_TABLES = [
  `CREATE TEMP TABLE eval_cutoff (
     rule_id INTEGER NOT NULL, currency_id INTEGER NOT NULL, cutoff INTEGER,
     PRIMARY KEY (currency_id, rule_id))`,
  `CREATE TEMP TABLE eval_match (
     client_id INTEGER NOT NULL, rule_id INTEGER NOT NULL, count_before INTEGER NOT NULL,
     within_quota INTEGER NOT NULL, render_failed INTEGER NOT NULL DEFAULT 0,
     outranked INTEGER NOT NULL DEFAULT 0, UNIQUE (client_id, rule_id))`,
  `CREATE TEMP TABLE eval_address (
     client_id INTEGER NOT NULL, rule_id INTEGER NOT NULL, address TEXT NOT NULL, ord INTEGER NOT NULL,
     problem TEXT)`,
  `CREATE INDEX temp.eval_address_by_match ON eval_address (client_id, rule_id, ord, address, problem)`,
  `CREATE TEMP TABLE eval_skip (client_id INTEGER NOT NULL, rule_id INTEGER, reason TEXT NOT NULL, address TEXT)`,
];

/** Multi-row inserts, in chunks that stay under SQLite's limit of bound variables. */
async function insertInChunks(trx: Knex.Transaction, table: string, rows: Record<string, unknown>[]) {
  const size = 100;
  for (let i = 0; i < rows.length; i += size) await trx(table).insert(rows.slice(i, i + size));
}

/** Fresh, empty temp tables for one evaluation (they live on the connection, never in the file). */
export async function prepareEvaluationTables(trx: Knex.Transaction): Promise<void> {
  for (const table of ['eval_cutoff', 'eval_match', 'eval_address', 'eval_skip']) {
    await trx.raw(`DROP TABLE IF EXISTS temp.${table}`);
  }
  for (const statement of TEMP_TABLES) await trx.raw(statement);
}

export async function insertCutoffs(trx: Knex.Transaction, cutoffs: Cutoff[]): Promise<void> {
  const rows = cutoffs.map((c) => ({ rule_id: c.ruleId, currency_id: c.currencyId, cutoff: c.cutoff }));
  await insertInChunks(trx, 'eval_cutoff', rows);
}

/** Active clients of the profile whose currency cannot be compared with the profile's. */
export async function skipClientsWithoutRate(trx: Knex.Transaction, profile: ProfileForCheck): Promise<void> {
  await trx.raw(
    `INSERT INTO temp.eval_skip (client_id, rule_id, reason, address)
     SELECT c.id, NULL,
       'no exchange rate for ' || CASE WHEN cc.rate_e8 IS NULL THEN cc.code ELSE :profileCode END, NULL
     FROM clients c JOIN currencies cc ON cc.id = c.currency_id
     WHERE c.profile_id = :profileId AND c.active = 1
       AND NOT EXISTS (SELECT 1 FROM temp.eval_cutoff k WHERE k.currency_id = c.currency_id)`,
    { profileId: profile.id, profileCode: profile.currencyCode },
  );
}

export async function countActiveClients(db: Knex, profileId: number): Promise<number> {
  const [{ count }] = await db.raw<{ count: number }[]>(
    `SELECT count(*) AS count FROM clients WHERE profile_id = ? AND active = 1`,
    [profileId],
  );
  return Number(count);
}

/**
 * Every (client, rule) that matches now: available balance below the cutoff
 * of the client's currency and, for advanced rules, no charge since
 * now − inactivity (a client never charged counts from its creation) and,
 * when the rule sets a Runway, a known runway of at most that many days.
 * `highestCutoff` (the highest of the check's cutoffs) lets the scan of the
 * profile's index drop the clients that are not low before any join; it is
 * null when a rule sets no threshold (a Runway-only rule), as any balance may match it.
 */
export async function insertMatches(
  trx: Knex.Transaction,
  profile: ProfileForCheck,
  now: number,
  highestCutoff: number | null,
): Promise<void> {
  const lowOnly = highestCutoff === null ? '' : `AND ${availableSql('c')} < :highestCutoff`;
  await trx.raw(
    `INSERT INTO temp.eval_match (client_id, rule_id, count_before, within_quota)
     SELECT c.id, k.rule_id, coalesce(rs.count, 0),
       CASE WHEN :maxQty = 0 OR coalesce(rs.count, 0) < :maxQty THEN 1 ELSE 0 END
     FROM clients c
     JOIN temp.eval_cutoff k ON k.currency_id = c.currency_id
     JOIN rules r ON r.id = k.rule_id
     LEFT JOIN rule_state rs ON rs.client_id = c.id AND rs.rule_id = k.rule_id
     WHERE c.profile_id = :profileId AND c.active = 1
       ${lowOnly}
       AND (k.cutoff IS NULL OR ${availableSql('c')} < k.cutoff)
       AND (r.kind NOT IN (${INACTIVITY_KINDS}) OR r.inactivity_seconds IS NULL
            OR coalesce(c.last_charge_at, c.created_at) <= :now - r.inactivity_seconds * 1000)
       AND (r.kind NOT IN (${RUNWAY_KINDS}) OR r.runway_days IS NULL
            OR ${runwayWithinSql('c', ':now', 'r.runway_days')})`,
    {
      profileId: profile.id,
      maxQty: profile.maxQty,
      now,
      ...(highestCutoff === null ? {} : { highestCutoff }),
    },
  );
}

const CLIENT_SIDE_KINDS = sqlKindList(kindsWhere((k) => k.clientSide));
/** A rule's threshold for ranking urgency; no threshold ranks after every amount. */
const urgency = (r: string) => `coalesce(${r}.threshold, 9223372036854775807)`;

/**
 * "Only the most urgent rule" (SPEC §7): of the client-side matches of one
 * client, only the lowest threshold (then the earlier rule; a rule without a
 * threshold comes after those with one) sends and counts; the others are held back and reported. They still match, so their counters
 * are neither incremented nor reset.
 */
export async function outrankLessUrgent(trx: Knex.Transaction): Promise<void> {
  await trx.raw(
    `UPDATE temp.eval_match SET outranked = 1, within_quota = 0
     WHERE rule_id IN (SELECT id FROM rules WHERE kind IN (${CLIENT_SIDE_KINDS}))
       AND EXISTS (
         SELECT 1 FROM temp.eval_match o
         JOIN rules ro ON ro.id = o.rule_id AND ro.kind IN (${CLIENT_SIDE_KINDS})
         JOIN rules r ON r.id = eval_match.rule_id
         WHERE o.client_id = eval_match.client_id AND o.rule_id <> eval_match.rule_id
           AND (${urgency('ro')} < ${urgency('r')} OR (${urgency('ro')} = ${urgency('r')} AND ro.id < r.id)))`,
  );
  await trx.raw(
    `INSERT INTO temp.eval_skip (client_id, rule_id, reason, address)
     SELECT client_id, rule_id, 'a more urgent rule matched', NULL FROM temp.eval_match WHERE outranked = 1
     ORDER BY client_id, rule_id`,
  );
}

/** A rule found no longer matching an evaluated client starts counting afresh. */
export async function resetUnmatchedCounts(trx: Knex.Transaction, profileId: number): Promise<void> {
  await trx.raw(
    `UPDATE rule_state SET count = 0
     WHERE count > 0
       AND rule_id IN (SELECT DISTINCT rule_id FROM temp.eval_cutoff)
       AND EXISTS (
         SELECT 1 FROM clients c JOIN temp.eval_cutoff k
           ON k.currency_id = c.currency_id AND k.rule_id = rule_state.rule_id
         WHERE c.id = rule_state.client_id AND c.profile_id = :profileId AND c.active = 1)
       AND NOT EXISTS (
         SELECT 1 FROM temp.eval_match m
         WHERE m.client_id = rule_state.client_id AND m.rule_id = rule_state.rule_id)`,
    { profileId },
  );
}

/** A match whose e-mail could not be rendered sends nothing and is reported. */
export async function skipRenderFailure(
  trx: Knex.Transaction,
  clientId: number,
  ruleId: number,
  reason: string,
): Promise<void> {
  await trx.raw(`INSERT INTO temp.eval_skip (client_id, rule_id, reason, address) VALUES (?, ?, ?, NULL)`, [
    clientId,
    ruleId,
    reason,
  ]);
  await trx.raw(`UPDATE temp.eval_match SET render_failed = 1 WHERE client_id = ? AND rule_id = ?`, [
    clientId,
    ruleId,
  ]);
}

export interface MatchFactsRow {
  seq: number;
  clientId: number;
  ruleId: number;
  countBefore: number;
  clientName: string;
  clientEmail: string | null;
  clientCurrencyId: number;
  clientCurrencyCode: string;
  balance: number;
  credit: number;
  resellerName: string;
  resellerEmail: string;
  ruleKind: RuleKind;
  threshold: number | null;
  inactivityValue: number | null;
  inactivityUnit: DurationUnit | null;
  /** Whole days of runway left, null when unknown. */
  runwayDays: number | null;
  /** The usable recipients, de-duplicated, in SPEC order. */
  recipients: string[];
}

/** Whether a match has at least one usable recipient. */
const HAS_RECIPIENT = `EXISTS (SELECT 1 FROM temp.eval_address a
  WHERE a.client_id = m.client_id AND a.rule_id = m.rule_id AND a.problem IS NULL)`;

const matchFactsFrom = (
  now: number,
) => `SELECT m.rowid AS seq, m.client_id, m.rule_id, m.count_before, c.name AS client_name,
       c.billing_email, c.currency_id, cc.code AS currency_code, c.balance, c.credit,
       s.name AS reseller_name, s.email AS reseller_email, r.kind, r.threshold,
       r.inactivity_value, r.inactivity_unit, ${runwayDaysSql('c', String(Math.trunc(now)))} AS runway_days,
       (SELECT group_concat(address, char(10)) FROM (
         SELECT a.address FROM temp.eval_address a
         WHERE a.client_id = m.client_id AND a.rule_id = m.rule_id AND a.problem IS NULL
         ORDER BY a.ord, a.address)) AS recipients
     FROM temp.eval_match m
     JOIN clients c ON c.id = m.client_id
     JOIN currencies cc ON cc.id = c.currency_id
     JOIN resellers s ON s.id = c.reseller_id
     JOIN rules r ON r.id = m.rule_id
     WHERE m.within_quota = 1 AND ${HAS_RECIPIENT}`;

/** The columns of `MATCH_FACTS_FROM`, in order. */
type MatchFactsColumns = [
  number,
  number,
  number,
  number,
  string,
  string | null,
  number,
  string,
  number,
  number,
  string,
  string,
  RuleKind,
  number | null,
  number | null,
  DurationUnit | null,
  number | null,
  string | null,
];

function toMatchFacts(row: MatchFactsColumns): MatchFactsRow {
  return {
    seq: row[0],
    clientId: row[1],
    ruleId: row[2],
    countBefore: row[3],
    clientName: row[4],
    clientEmail: row[5],
    clientCurrencyId: row[6],
    clientCurrencyCode: row[7],
    balance: row[8],
    credit: row[9],
    resellerName: row[10],
    resellerEmail: row[11],
    ruleKind: row[12],
    threshold: row[13],
    inactivityValue: row[14],
    inactivityUnit: row[15],
    runwayDays: row[16],
    recipients: (row[17] ?? '').split('\n'),
  };
}

/**
 * Match facts straight from the transaction's connection, as arrays: a check
 * reads one row per match, and building each through knex as an object cost
 * as much as the query itself.
 */
async function readFacts(trx: Knex.Transaction, sql: string, params: number[]): Promise<MatchFactsRow[]> {
  const connection = await transactionConnection(trx);
  const rows = connection
    .prepare(sql)
    .raw()
    .all(...params) as MatchFactsColumns[];
  return rows.map(toMatchFacts);
}

/** The next page (in match order) of the matches that will send, with what their e-mails say. */
export function readMatchFacts(
  trx: Knex.Transaction,
  afterSeq: number,
  limit: number,
  now: number,
): Promise<MatchFactsRow[]> {
  return readFacts(trx, `${matchFactsFrom(now)} AND m.rowid > ? ORDER BY m.rowid LIMIT ?`, [afterSeq, limit]);
}

/** The first matches that would send, in client name order (for a preview). */
export function readPreviewMatches(
  trx: Knex.Transaction,
  limit: number,
  now: number,
): Promise<MatchFactsRow[]> {
  return readFacts(trx, `${matchFactsFrom(now)} ORDER BY c.name, c.id, r.kind, r.position LIMIT ?`, [limit]);
}

export interface RenderedMatch {
  clientId: number;
  ruleId: number;
  ruleKind: RuleKind;
  /** Profile currency units. */
  balance: number;
  available: number;
  threshold: number | null;
  /** Which notice this is (the count after it). */
  count: number;
  /** The usable recipients, in SPEC order. */
  recipients: string[];
  subject: string;
  textBody: string;
  htmlBody: string;
}

/** Counts one more notice for every (client, rule) that queued e-mails: those that sent and rendered. */
export async function incrementCounts(trx: Knex.Transaction, now: number): Promise<void> {
  await trx.raw(
    `INSERT INTO rule_state (client_id, rule_id, count, last_notified_at)
     SELECT m.client_id, m.rule_id, 1, :now FROM temp.eval_match m
     WHERE m.within_quota = 1 AND m.render_failed = 0 AND ${HAS_RECIPIENT}
     ON CONFLICT (client_id, rule_id) DO UPDATE
       SET count = rule_state.count + 1, last_notified_at = excluded.last_notified_at`,
    { now },
  );
}

export interface EvaluationCounts {
  matches: number;
  maxQtyReached: number;
  /** Usable recipients of the matches that may send and have a usable recipient. */
  emails: number;
  skipped: number;
  skippedByRate: number;
}

export async function readEvaluationCounts(db: Knex): Promise<EvaluationCounts> {
  const [row] = await db.raw<Record<string, number>[]>(
    `SELECT
       (SELECT count(*) FROM temp.eval_match) AS matches,
       (SELECT count(*) FROM temp.eval_match WHERE within_quota = 0 AND outranked = 0) AS max_qty_reached,
       (SELECT count(*) FROM temp.eval_address WHERE problem IS NULL) AS emails,
       (SELECT count(*) FROM temp.eval_skip) AS skipped,
       (SELECT count(*) FROM temp.eval_skip WHERE rule_id IS NULL) AS skipped_by_rate`,
  );
  return {
    matches: Number(row.matches),
    maxQtyReached: Number(row.max_qty_reached),
    emails: Number(row.emails),
    skipped: Number(row.skipped),
    skippedByRate: Number(row.skipped_by_rate),
  };
}

export async function readSkippedReasons(db: Knex): Promise<{ reason: string; count: number }[]> {
  const rows = await db.raw<{ reason: string; count: number }[]>(
    `SELECT reason, count(*) AS count FROM temp.eval_skip GROUP BY reason ORDER BY count(*) DESC, reason`,
  );
  return rows.map((row) => ({ reason: row.reason, count: Number(row.count) }));
}

export async function readSkippedItems(db: Knex, limit: number): Promise<SkippedItem[]> {
  const rows = await db.raw<Record<string, string | number | null>[]>(
    `SELECT k.client_id, c.name AS client_name, r.kind, k.address, k.reason
     FROM temp.eval_skip k JOIN clients c ON c.id = k.client_id LEFT JOIN rules r ON r.id = k.rule_id
     ORDER BY k.rowid LIMIT ?`,
    [limit],
  );
  return rows.map((row) => ({
    clientId: Number(row.client_id),
    clientName: String(row.client_name),
    ...(row.kind === null ? {} : { ruleKind: row.kind as RuleKind, address: row.address as string | null }),
    reason: String(row.reason),
  }));
}

export async function countSendingMatches(db: Knex): Promise<number> {
  const [{ count }] = await db.raw<{ count: number }[]>(
    `SELECT count(*) AS count FROM temp.eval_match m WHERE m.within_quota = 1 AND ${HAS_RECIPIENT}`,
  );
  return Number(count);
}

/**
 * The recovery notices a profile owes (SPEC §7): each (client, rule) whose
 * count a refill reset from above 0, as a match that may send, for active
 * clients still on the profile whose amounts can be shown in its currency.
 */
export async function insertDueRecoveries(trx: Knex.Transaction, profile: ProfileForCheck): Promise<void> {
  await trx.raw(
    `INSERT INTO temp.eval_match (client_id, rule_id, count_before, within_quota)
     SELECT rs.client_id, rs.rule_id, 0, 1
     FROM rule_state rs
     JOIN rules r ON r.id = rs.rule_id AND r.profile_id = :profileId
     JOIN clients c ON c.id = rs.client_id AND c.profile_id = :profileId AND c.active = 1
     JOIN currencies cc ON cc.id = c.currency_id
     WHERE rs.recovery_due = 1
       AND (c.currency_id = :currencyId OR (cc.rate_e8 IS NOT NULL AND :profileRate IS NOT NULL))`,
    { profileId: profile.id, currencyId: profile.currencyId, profileRate: profile.rateE8 },
  );
}

/** The recovery notices of a profile are settled: queued, or owed to a client that left it. */
export async function clearDueRecoveries(trx: Knex.Transaction, profileId: number): Promise<void> {
  await trx.raw(
    `UPDATE rule_state SET recovery_due = 0
     WHERE recovery_due = 1 AND rule_id IN (SELECT id FROM rules WHERE profile_id = ?)`,
    [profileId],
  );
}

/** The profiles owing recovery notices. */
export async function profilesOwingRecoveries(db: Knex): Promise<number[]> {
  const rows = await db.raw<{ profile_id: number }[]>(
    `SELECT DISTINCT r.profile_id FROM rule_state rs JOIN rules r ON r.id = rs.rule_id WHERE rs.recovery_due = 1`,
  );
  return rows.map((row) => Number(row.profile_id));
}
