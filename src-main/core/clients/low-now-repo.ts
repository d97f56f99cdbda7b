import type { Knex } from 'knex';
import { transactionConnection } from '../db/transaction-connection';
import { lowBound } from './available-balance';

/** A client's available balance in its own currency, as SQL over the `clients` alias. */
export const availableSql = (alias: string) => `(${alias}.balance + ${alias}.credit)`;

interface ProfileTopThreshold {
  profile_id: number;
  threshold: number;
  currency_id: number;
  rate_e8: number | null;
}

interface CurrencyRate {
  id: number;
  rate_e8: number | null;
}

/**
 * Fills the connection's temp table `low_bounds(profile_id, currency_id, bound, missing_rate_currency_id)`
 * with one row per profile that has a rule on, and per currency a client may hold:
 * a client of that profile and currency is low now exactly when
 * `balance + credit < bound` (see `lowBound`). `bound` is NULL when the
 * amounts cannot be compared, and `missing_rate_currency_id` names the currency
 * without a rate. Profiles without any rule on have no row: nothing is low for them.
 *
 * Being below any on-rule threshold means being below the highest, so one bound
 * per pair is enough. The bounds are computed exactly in integers. The table is
 * refilled on every call, so call it in the transaction of the query that joins
 * it; its primary key makes that join a lookup (a list of values inlined in the
 * query was scanned once per client: clients × profiles).
 */
export async function fillLowBounds(trx: Knex.Transaction): Promise<void> {
  const profiles: ProfileTopThreshold[] = await trx.raw(
    `SELECT r.profile_id, max(r.threshold) AS threshold, p.currency_id, pc.rate_e8
     FROM rules r JOIN profiles p ON p.id = r.profile_id JOIN currencies pc ON pc.id = p.currency_id
     WHERE r.threshold IS NOT NULL
     GROUP BY r.profile_id`,
  );
  const currencies: CurrencyRate[] = await trx('currencies').select('id', 'rate_e8');
  await trx.raw(
    `CREATE TEMP TABLE IF NOT EXISTS low_bounds (
       profile_id INTEGER NOT NULL, currency_id INTEGER NOT NULL, bound INTEGER, missing_rate_currency_id INTEGER,
       PRIMARY KEY (profile_id, currency_id)) WITHOUT ROWID`,
  );
  await trx.raw('DELETE FROM temp.low_bounds');
  const insert = (await transactionConnection(trx)).prepare(
    'INSERT INTO temp.low_bounds VALUES (?, ?, ?, ?)',
  );
  for (const profile of profiles) {
    for (const currency of currencies) {
      let bound: number | null = null;
      let missing: number | null = null;
      if (currency.id === profile.currency_id) bound = profile.threshold;
      else if (currency.rate_e8 === null) missing = currency.id;
      else if (profile.rate_e8 === null) missing = profile.currency_id;
      else bound = lowBound(profile.threshold, currency.rate_e8, profile.rate_e8);
      insert.run(profile.profile_id, currency.id, bound, missing);
    }
  }
}
