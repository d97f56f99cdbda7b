import type { Knex } from 'knex';

/** SPEC §7: an advanced rule's Runway condition ("runs out within N days"; null = no such condition). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rules', (t) => {
    t.integer('runway_days').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rules', (t) => {
    t.dropColumn('runway_days');
  });
}
