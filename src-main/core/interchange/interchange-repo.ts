import type { Knex } from 'knex';
import type { ProfileView } from '../../shared/views';
import { applyBalanceChanges, openingBalanceChange } from '../balances/balance-repo';
import { transactionConnection } from '../db/transaction-connection';
import { listProfiles } from '../profiles/profile-repo';

/** What the interchange reads of the database: every row of the catalogs, the profiles and the clients. */

export interface CurrencyRecord {
  id: number;
  code: string;
  name: string;
  rateE8: number | null;
  isBase: boolean;
}

export interface ResellerRecord {
  id: number;
  name: string;
  email: string;
}

export interface UserRecord {
  id: number;
  name: string;
  email: string;
  resellerId: number | null;
}

export interface ClientRecord {
  id: number;
  name: string;
  resellerId: number;
  currencyId: number;
  billingEmail: string | null;
  balance: number;
  credit: number;
  profileId: number | null;
  lastChargeAt: number | null;
  active: boolean;
}

/** How many clients use each (reseller, currency) pair: enough to check what Replace may remove. */
export interface ClientUsage {
  resellerId: number;
  currencyId: number;
  count: number;
}

export interface Snapshot {
  currencies: CurrencyRecord[];
  resellers: ResellerRecord[];
  users: UserRecord[];
  profiles: ProfileView[];
  /** Loaded only when the clients themselves are needed. */
  clients: ClientRecord[];
  clientUsage: ClientUsage[];
}

export async function loadSnapshot(db: Knex, options: { clients: boolean }): Promise<Snapshot> {
  const currencies: Record<string, number | string | null>[] = await db('currencies').select(
    'id',
    'code',
    'name',
    'rate_e8',
    'is_base',
  );
  const resellers: ResellerRecord[] = await db('resellers').select('id', 'name', 'email');
  const users: UserRecord[] = await db('users').select('id', 'name', 'email', 'reseller_id as resellerId');
  const { rows: profiles } = await listProfiles(db, { offset: 0, limit: Number.MAX_SAFE_INTEGER });
  const clients: (Omit<ClientRecord, 'active'> & { active: number })[] = options.clients
    ? await db('clients').select(
        'id',
        'name',
        'reseller_id as resellerId',
        'currency_id as currencyId',
        'billing_email as billingEmail',
        'balance',
        'credit',
        'profile_id as profileId',
        'last_charge_at as lastChargeAt',
        'active',
      )
    : [];
  const clientUsage: ClientUsage[] = await db('clients')
    .groupBy('reseller_id', 'currency_id')
    .select('reseller_id as resellerId', 'currency_id as currencyId')
    .count({ count: '*' });
  return {
    currencies: currencies.map((row) => ({
      id: Number(row.id),
      code: String(row.code),
      name: String(row.name),
      rateE8: row.rate_e8 === null ? null : Number(row.rate_e8),
      isBase: Boolean(row.is_base),
    })),
    resellers,
    users,
    profiles,
    clients: clients.map((row) => ({ ...row, active: Boolean(row.active) })),
    clientUsage: clientUsage.map((row) => ({ ...row, count: Number(row.count) })),
  };
}

const DELETE_CHUNK = 500;

export async function deleteRows(trx: Knex.Transaction, table: string, ids: number[]): Promise<void> {
  for (let start = 0; start < ids.length; start += DELETE_CHUNK) {
    await trx(table)
      .whereIn('id', ids.slice(start, start + DELETE_CHUNK))
      .delete();
  }
}

export interface CurrencyColumns {
  code: string;
  name: string;
  rateE8: number | null;
  isBase: boolean;
}

/** Clears the base flag first: only one currency may hold it at a time. */
export async function clearBaseCurrency(trx: Knex.Transaction, now: number): Promise<void> {
  await trx('currencies').where({ is_base: true }).update({ is_base: false, updated_at: now });
}

export async function saveCurrency(
  trx: Knex.Transaction,
  currency: CurrencyColumns,
  now: number,
  id?: number,
): Promise<number> {
  const columns = {
    code: currency.code,
    name: currency.name,
    rate_e8: currency.rateE8,
    is_base: currency.isBase,
    updated_at: now,
  };
  return saveRow(trx, 'currencies', columns, now, id);
}

export async function saveReseller(
  trx: Knex.Transaction,
  reseller: { name: string; email: string },
  now: number,
  id?: number,
): Promise<number> {
  return saveRow(trx, 'resellers', { name: reseller.name, email: reseller.email, updated_at: now }, now, id);
}

export async function saveUser(
  trx: Knex.Transaction,
  user: { name: string; email: string; resellerId: number | null },
  now: number,
  id?: number,
): Promise<number> {
  const columns = { name: user.name, email: user.email, reseller_id: user.resellerId, updated_at: now };
  return saveRow(trx, 'users', columns, now, id);
}

async function saveRow(
  trx: Knex.Transaction,
  table: string,
  columns: Record<string, unknown>,
  now: number,
  id?: number,
): Promise<number> {
  if (id !== undefined) {
    await trx(table).where({ id }).update(columns);
    return id;
  }
  const [row] = await trx(table)
    .insert({ ...columns, created_at: now })
    .returning('id');
  return (row as { id: number }).id;
}

export interface ClientColumns {
  name: string;
  resellerId: number;
  currencyId: number;
  billingEmail: string | null;
  credit: number;
  profileId: number | null;
  lastChargeAt: number | null;
  active: boolean;
}

const CLIENT_PARAMS = `@name, @resellerId, @currencyId, @billingEmail, @credit, @profileId, @lastChargeAt, @active`;

function clientParams(client: ClientColumns, now: number) {
  return { ...client, active: client.active ? 1 : 0, now };
}

/**
 * Inserts new clients and records each non-zero opening balance as creating
 * a client does. Returns the new ids, in order.
 */
export async function insertClients(
  trx: Knex.Transaction,
  clients: (ClientColumns & { balance: number })[],
  now: number,
): Promise<number[]> {
  const connection = await transactionConnection(trx);
  const insert = connection.prepare(
    `INSERT INTO clients (name, reseller_id, currency_id, billing_email, credit, profile_id, last_charge_at,
       active, balance, created_at, updated_at)
     VALUES (${CLIENT_PARAMS}, 0, @now, @now)`,
  );
  const ids = clients.map((client) => Number(insert.run(clientParams(client, now)).lastInsertRowid));
  const openings = clients.flatMap((client, i) =>
    client.balance === 0 ? [] : [openingBalanceChange(ids[i], client.balance, now)],
  );
  await applyBalanceChanges(trx, openings);
  return ids;
}

/** Updates every column of existing clients but the balance, which moves only through balance events. */
export async function updateClients(
  trx: Knex.Transaction,
  clients: (ClientColumns & { id: number })[],
  now: number,
): Promise<void> {
  const connection = await transactionConnection(trx);
  const update = connection.prepare(
    `UPDATE clients SET (name, reseller_id, currency_id, billing_email, credit, profile_id, last_charge_at,
       active, updated_at) = (${CLIENT_PARAMS}, @now)
     WHERE id = @id`,
  );
  for (const client of clients) update.run({ ...clientParams(client, now), id: client.id });
}
