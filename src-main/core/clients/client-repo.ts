import type { Knex } from 'knex';
import type { BalanceState, ClientRowView } from '../../shared/client-views';
import type {
  ClientData,
  ClientFilter,
  ClientListQuery,
  ClientSortColumn,
} from '../../shared/schemas/client';
import type { Page } from '../../shared/views';
import { containsPattern } from '../api/list-input';
import { toResellerAndCurrency, type ResellerAndCurrencyRow } from '../resellers/reseller-scope-repo';
import type { RatedCurrency } from './available-balance';
import { availableSql, fillLowBounds } from './low-now-repo';

interface ClientRow extends ResellerAndCurrencyRow {
  id: number;
  name: string;
  billing_email: string | null;
  balance: number;
  credit: number;
  profile_id: number | null;
  profile_name: string | null;
  last_charge_at: number | null;
  active: number;
  created_at: number;
  balance_state: BalanceState;
  missing_rate_code: string | null;
}

const BALANCE_STATE_SQL = `CASE
    WHEN c.profile_id IS NULL THEN 'no_profile'
    WHEN lb.profile_id IS NULL THEN 'ok'
    WHEN lb.bound IS NULL THEN 'no_rate'
    WHEN ${availableSql('c')} < lb.bound THEN 'low'
    ELSE 'ok' END`;

const LOW_NOW_SQL = `${availableSql('c')} < lb.bound`;

const JOIN_LOW_BOUNDS = `LEFT JOIN temp.low_bounds lb ON lb.profile_id = c.profile_id AND lb.currency_id = c.currency_id`;

const ROW_SELECT = `SELECT c.id, c.name, c.reseller_id, r.name AS reseller_name, c.currency_id,
    cur.code AS currency_code, c.billing_email, c.balance, c.credit, c.profile_id, p.name AS profile_name,
    c.last_charge_at, c.active, c.created_at, ${BALANCE_STATE_SQL} AS balance_state, mc.code AS missing_rate_code
  FROM clients c
  JOIN resellers r ON r.id = c.reseller_id
  JOIN currencies cur ON cur.id = c.currency_id
  LEFT JOIN profiles p ON p.id = c.profile_id
  ${JOIN_LOW_BOUNDS}
  LEFT JOIN currencies mc ON mc.id = lb.missing_rate_currency_id`;

/** Status sorts inactive clients last, and within each: low, no rate, ok, no profile. */
const SORT_SQL: Record<ClientSortColumn, string> = {
  name: 'c.name',
  reseller: 'r.name',
  currency: 'cur.code',
  balance: 'c.balance',
  credit: 'c.credit',
  available: availableSql('c'),
  profile: 'p.name',
  lastChargeAt: 'c.last_charge_at',
  status: `(CASE WHEN c.active THEN 0 ELSE 4 END +
    CASE balance_state WHEN 'low' THEN 0 WHEN 'no_rate' THEN 1 WHEN 'ok' THEN 2 ELSE 3 END)`,
};

function toView(row: ClientRow): ClientRowView {
  return {
    id: row.id,
    name: row.name,
    ...toResellerAndCurrency(row),
    billingEmail: row.billing_email,
    balance: row.balance,
    credit: row.credit,
    available: row.balance + row.credit,
    profileId: row.profile_id,
    profileName: row.profile_name,
    lastChargeAt: row.last_charge_at,
    active: Boolean(row.active),
    balanceState: row.balance_state,
    missingRateCode: row.balance_state === 'no_rate' ? row.missing_rate_code : null,
    createdAt: row.created_at,
  };
}

/** The WHERE clause of a list filter; `lowNow` refers to the `low_bounds` temp table. */
function clientFilter(query: ClientFilter): { where: string; params: (string | number)[] } {
  const filters: string[] = [];
  const params: (string | number)[] = [];
  if (query.search) {
    filters.push(`(c.name LIKE ? ESCAPE '\\' OR c.billing_email LIKE ? ESCAPE '\\')`);
    params.push(containsPattern(query.search), containsPattern(query.search));
  }
  if (query.resellerId !== undefined) {
    filters.push('c.reseller_id = ?');
    params.push(query.resellerId);
  }
  if (query.profileId === 'none') filters.push('c.profile_id IS NULL');
  else if (query.profileId !== undefined) {
    filters.push('c.profile_id = ?');
    params.push(query.profileId);
  }
  if (query.active !== undefined) {
    filters.push('c.active = ?');
    params.push(query.active ? 1 : 0);
  }
  if (query.lowNow) filters.push(LOW_NOW_SQL);
  return { where: filters.length ? `WHERE ${filters.join(' AND ')}` : '', params };
}

/**
 * Clients matching a filter, counted (and their ids read, up to `limit`) without the page's joins.
 * Runs in a transaction that filled `low_bounds`.
 */
async function matchingClients(db: Knex, query: ClientFilter, select: string, limit?: number) {
  const { where, params } = clientFilter(query);
  return db.raw<Record<string, number>[]>(
    `SELECT ${select} FROM clients c
     ${query.lowNow ? JOIN_LOW_BOUNDS : ''} ${where} ${limit === undefined ? '' : 'ORDER BY c.id LIMIT ?'}`,
    limit === undefined ? params : [...params, limit],
  );
}

/**
 * One page of clients, filtered and sorted in SQL. Only the page's rows are
 * read; the total is one count over the same filter.
 */
export async function listClients(db: Knex, query: ClientListQuery): Promise<Page<ClientRowView>> {
  return db.transaction(async (trx) => {
    await fillLowBounds(trx);
    const [{ total }] = await matchingClients(trx, query, 'count(*) AS total');
    const { where, params } = clientFilter(query);
    const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
    const rows = await trx.raw<ClientRow[]>(
      `${ROW_SELECT} ${where}
       ORDER BY ${SORT_SQL[query.sort]} ${direction}, c.name, c.id
       LIMIT ? OFFSET ?`,
      [...params, query.limit, query.offset],
    );
    return { rows: rows.map(toView), total };
  });
}

/** The ids of the clients matching a filter (the first `limit` by id), and how many match. */
export async function listClientIds(
  db: Knex,
  query: ClientFilter,
  limit: number,
): Promise<{ ids: number[]; total: number }> {
  return db.transaction(async (trx) => {
    await fillLowBounds(trx);
    const [{ total }] = await matchingClients(trx, query, 'count(*) AS total');
    const rows = await matchingClients(trx, query, 'c.id', limit);
    return { ids: rows.map((row) => row.id), total };
  });
}

export async function getClientRow(db: Knex, id: number): Promise<ClientRowView | undefined> {
  return db.transaction(async (trx) => {
    await fillLowBounds(trx);
    const rows = await trx.raw<ClientRow[]>(`${ROW_SELECT} WHERE c.id = ?`, [id]);
    return rows.length ? toView(rows[0]) : undefined;
  });
}

/** Every column but the balance, which only moves through balance events. */
function clientColumns(data: Omit<ClientData, 'balance'>, now: number) {
  return {
    name: data.name,
    reseller_id: data.resellerId,
    currency_id: data.currencyId,
    billing_email: data.billingEmail,
    credit: data.credit,
    profile_id: data.profileId,
    last_charge_at: data.lastChargeAt,
    active: data.active,
    updated_at: now,
  };
}

/** Inserts a client with a zero balance; the opening balance is then recorded as an event. */
export async function insertClient(trx: Knex.Transaction, data: ClientData, now: number): Promise<number> {
  const [row] = await trx('clients')
    .insert({ ...clientColumns(data, now), balance: 0, created_at: now })
    .returning('id');
  return (row as { id: number }).id;
}

export async function updateClient(
  trx: Knex.Transaction,
  id: number,
  data: Omit<ClientData, 'balance'>,
  now: number,
): Promise<void> {
  await trx('clients').where({ id }).update(clientColumns(data, now));
}

export async function findMissingClientIds(db: Knex, ids: number[]): Promise<number[]> {
  const found = new Set(
    (await db('clients').whereIn('id', ids).select('id')).map((row: { id: number }) => row.id),
  );
  return ids.filter((id) => !found.has(id));
}

/** Names (with their reseller) of up to `limit` of these clients that belong to another reseller, and how many. */
export async function clientsOfOtherResellers(
  db: Knex,
  ids: number[],
  resellerId: number,
  limit: number,
): Promise<{ names: string[]; count: number }> {
  const query = () =>
    db('clients as c').join('resellers as r', 'r.id', 'c.reseller_id').whereIn('c.id', ids).whereNot({
      'c.reseller_id': resellerId,
    });
  const [{ count }] = await query().count({ count: '*' });
  const rows: { name: string; reseller_name: string }[] = await query()
    .select('c.name', 'r.name as reseller_name')
    .orderBy('c.name')
    .limit(limit);
  return { names: rows.map((row) => `${row.name} (${row.reseller_name})`), count: Number(count) };
}

export async function setProfile(
  trx: Knex.Transaction,
  ids: number[],
  profileId: number | null,
  now: number,
) {
  return trx('clients').whereIn('id', ids).update({ profile_id: profileId, updated_at: now });
}

/** Rule counters of one client: notifications sent since the last refill, per rule. */
export async function ruleCounters(
  db: Knex,
  clientId: number,
): Promise<Map<number, { count: number; lastNotifiedAt: number | null }>> {
  const rows: { rule_id: number; count: number; last_notified_at: number | null }[] = await db('rule_state')
    .where({ client_id: clientId })
    .select('rule_id', 'count', 'last_notified_at');
  return new Map(rows.map((r) => [r.rule_id, { count: r.count, lastNotifiedAt: r.last_notified_at }]));
}

export async function deleteClient(trx: Knex.Transaction, id: number): Promise<void> {
  // Its balance events, rule counters and notifications go with it through the foreign keys.
  await trx('clients').where({ id }).delete();
}

export async function ratedCurrencies(db: Knex, ids: number[]): Promise<Map<number, RatedCurrency>> {
  const rows: { id: number; code: string; rate_e8: number | null }[] = await db('currencies')
    .whereIn('id', ids)
    .select('id', 'code', 'rate_e8');
  return new Map(rows.map((row) => [row.id, { id: row.id, code: row.code, rateE8: row.rate_e8 }]));
}
