import type { Knex } from 'knex';

/**
 * Channels beyond e-mail (issue 12).
 *
 * - Every outbox row names its `channel` (`email`, `sms`, `webhook`, …); the
 *   rows already there are e-mails. `recipient` is the row's target on that
 *   channel (an address, an E.164 number, a destination name) and `subject`,
 *   `text_body`, `html_body` its rendered payload (a text channel uses the text).
 * - Each channel's sender claims only its own rows: the outbox index leads
 *   with the status and the channel.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.string('channel', 32).notNullable().defaultTo('email');
  });
  await knex.schema.alterTable('notifications', (t) => {
    t.dropIndex(['status', 'interruptions', 'next_attempt_at'], 'notifications_outbox');
    t.index(['status', 'channel', 'interruptions', 'next_attempt_at'], 'notifications_outbox');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.dropIndex(['status', 'channel', 'interruptions', 'next_attempt_at'], 'notifications_outbox');
    t.index(['status', 'interruptions', 'next_attempt_at'], 'notifications_outbox');
  });
  await knex.schema.alterTable('notifications', (t) => {
    t.dropColumn('channel');
  });
}
