import type { Knex } from 'knex';

/**
 * SPEC §7: an advanced rule's Runway condition ("runs out within N days"; null = no such condition) and
 * a profile's "Only the most urgent rule".
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rules', (t) => {
    t.integer('runway_days').nullable();
  });
  await knex.schema.alterTable('profiles', (t) => {
    t.boolean('most_urgent_only').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('profiles', (t) => {
    t.dropColumn('most_urgent_only');
  });
  await knex.schema.alterTable('rules', (t) => {
    t.dropColumn('runway_days');
  });
}
