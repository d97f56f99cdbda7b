import type { Knex } from 'knex';

/**
 * A check reads every active client of one profile, but only its currency,
 * balance and credit until one turns out low. With those columns in the
 * profile's index the check scans the index alone and reads a client's row
 * only for the few that match; with `(profile_id, active)` it read every row,
 * and since a profile's clients are spread over the whole table, nearly every
 * page of it once per profile. The new index starts with the old one's
 * columns, so it serves its queries too.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('clients', (t) => {
    t.index(['profile_id', 'active', 'currency_id', 'balance', 'credit'], 'clients_by_profile_balance');
    t.dropIndex(['profile_id', 'active'], 'clients_by_profile');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('clients', (t) => {
    t.index(['profile_id', 'active'], 'clients_by_profile');
    t.dropIndex(['profile_id', 'active', 'currency_id', 'balance', 'credit'], 'clients_by_profile_balance');
  });
}
