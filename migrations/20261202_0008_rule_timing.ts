import type { Knex } from 'knex';

/**
 * SPEC §7, the timing of rules:
 * - a profile's Recovery notice and quiet hours (`Send from`, `Send until` as "HH:MM", an IANA `Time zone`;
 *   all null = any time);
 * - a rule state owes a recovery notice once a refill reset its count from above 0 (`recovery_due`);
 * - a notification says what it is (`kind`: `low_balance` | `recovery`, for the channels), until when quiet
 *   hours hold it (`held_until`), and whether its rule had a threshold (a Runway-only rule has none).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('profiles', (t) => {
    t.boolean('recovery_notice').notNullable().defaultTo(false);
    t.string('quiet_from', 5).nullable();
    t.string('quiet_until', 5).nullable();
    t.string('quiet_time_zone', 64).nullable();
  });
  await knex.schema.alterTable('rule_state', (t) => {
    t.boolean('recovery_due').notNullable().defaultTo(false);
  });
  await knex.schema.alterTable('notifications', (t) => {
    t.string('kind').notNullable().defaultTo('low_balance');
    t.bigInteger('held_until').nullable();
    t.boolean('threshold_set').notNullable().defaultTo(true);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.dropColumn('threshold_set');
    t.dropColumn('held_until');
    t.dropColumn('kind');
  });
  await knex.schema.alterTable('rule_state', (t) => {
    t.dropColumn('recovery_due');
  });
  await knex.schema.alterTable('profiles', (t) => {
    t.dropColumn('quiet_time_zone');
    t.dropColumn('quiet_until');
    t.dropColumn('quiet_from');
    t.dropColumn('recovery_notice');
  });
}
