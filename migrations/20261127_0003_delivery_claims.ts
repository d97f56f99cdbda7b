import type { Knex } from 'knex';

/**
 * Delivery you can trust (issue 10).
 *
 * - A claimed notification records its claimer (`claimed_by`, a sender's id in
 *   `outbox_senders`) and when (`claimed_at`); a row left `sending` goes back to
 *   the queue only once its claimer is gone.
 * - `interruptions` counts sends cut short by a crash (3 → failed);
 *   `retry_since` is the first temporary failure, from which the retry time runs.
 * - `outbox_senders`: one row per sending process, kept alive by heartbeats,
 *   with the delivery state it sees (an unreachable server) for every host to read.
 * - The scheduler lease records its holder's host and pid, so a host restarted
 *   after a crash takes over at once instead of waiting for the lease to expire.
 * - The outbox index leads with the columns the claims filter on.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.string('claimed_by').nullable();
    t.bigInteger('claimed_at').nullable();
    t.integer('interruptions').notNullable().defaultTo(0);
    t.bigInteger('retry_since').nullable();
  });
  await knex.schema.alterTable('notifications', (t) => {
    t.dropIndex(['status', 'next_attempt_at'], 'notifications_outbox');
    t.index(['status', 'interruptions', 'next_attempt_at'], 'notifications_outbox');
  });

  await knex.schema.createTable('outbox_senders', (t) => {
    t.string('id').primary(); // random per sending process
    t.string('description').notNullable(); // e.g. "headless service on host srv (pid 123)"
    t.string('host').notNullable();
    t.integer('pid').notNullable();
    t.bigInteger('started_at').notNullable();
    t.bigInteger('heartbeat_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.text('state').nullable(); // JSON: what the sender sees of its peers (outages)
    t.index(['expires_at']);
  });

  await knex.schema.alterTable('scheduler_lease', (t) => {
    t.string('host').nullable();
    t.integer('pid').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('scheduler_lease', (t) => {
    t.dropColumn('host');
    t.dropColumn('pid');
  });
  await knex.schema.dropTableIfExists('outbox_senders');
  await knex.schema.alterTable('notifications', (t) => {
    t.dropIndex(['status', 'interruptions', 'next_attempt_at'], 'notifications_outbox');
    t.index(['status', 'next_attempt_at'], 'notifications_outbox');
  });
  await knex.schema.alterTable('notifications', (t) => {
    t.dropColumn('claimed_by');
    t.dropColumn('claimed_at');
    t.dropColumn('interruptions');
    t.dropColumn('retry_since');
  });
}
