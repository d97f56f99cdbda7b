import type { Knex } from 'knex';
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

function sqlInteger(value: number | null): string {
  if (value === null) return 'NULL';
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return String(value);
}

/**
 * A common table expression `low_bounds(profile_id, currency_id, bound, missing_rate_currency_id)`
 * with one row per profile that has a rule on, and per currency a client may hold:
 * a client of that profile and currency is low now exactly when
 * `balance + credit < bound` (see `lowBound`). `bound` is NULL when the
 * amounts cannot be compared, and `missing_rate_currency_id` names the currency
 * without a rate. Profiles without any rule on have no row: nothing is low for them.
 *
 * Being below any on-rule threshold means being below the highest, so one bound
 * per pair is enough. The bounds are computed exactly in integers and inlined.
 */
export async function lowBoundsCte(db: Knex): Promise<string> {
  const profiles: ProfileTopThreshold[] = await db.raw(
    `SELECT r.profile_id, max(r.threshold) AS threshold, p.currency_id, pc.rate_e8
     FROM rules r JOIN profiles p ON p.id = r.profile_id JOIN currencies pc ON pc.id = p.currency_id
     WHERE r.threshold IS NOT NULL
     GROUP BY r.profile_id`,
  );
  const columns = 'low_bounds(profile_id, currency_id, bound, missing_rate_currency_id)';
  if (profiles.length === 0) return `${columns} AS (SELECT NULL, NULL, NULL, NULL WHERE 0)`;
  const currencies: CurrencyRate[] = await db('currencies').select('id', 'rate_e8');
  const rows: string[] = [];
  for (const profile of profiles) {
    for (const currency of currencies) {
      let bound: number | null = null;
      let missing: number | null = null;
      if (currency.id === profile.currency_id) bound = profile.threshold;
      else if (currency.rate_e8 === null) missing = currency.id;
      else if (profile.rate_e8 === null) missing = profile.currency_id;
      else bound = lowBound(profile.threshold, currency.rate_e8, profile.rate_e8);
      rows.push(
        `(${[profile.profile_id, currency.id, bound, missing].map((value) => sqlInteger(value)).join(', ')})`,
      );
    }
  }
  return `${columns} AS (VALUES ${rows.join(', ')})`;
}
