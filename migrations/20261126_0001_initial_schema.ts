import type { Knex } from 'knex';

// Every timestamp is an INTEGER of epoch milliseconds (UTC). Every amount is an
// INTEGER of 1/10,000 of its currency unit. Rates are INTEGER rate × 10^8.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('currencies', (t) => {
    t.increments('id');
    t.string('code', 3).notNullable().unique();
    t.string('name').notNullable();
    t.bigInteger('rate_e8').nullable(); // units of this currency per 1 base unit; null = no rate
    t.boolean('is_base').notNullable().defaultTo(false);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  await knex.raw('CREATE UNIQUE INDEX currencies_one_base ON currencies(is_base) WHERE is_base = 1');

  await knex.schema.createTable('resellers', (t) => {
    t.increments('id');
    t.specificType('name', 'TEXT NOT NULL COLLATE NOCASE').unique();
    t.string('email').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
  });

  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('name').notNullable();
    t.specificType('email', 'TEXT NOT NULL COLLATE NOCASE').unique();
    t.integer('reseller_id').nullable().references('id').inTable('resellers').onDelete('SET NULL');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['reseller_id']);
  });

  await knex.schema.createTable('profiles', (t) => {
    t.increments('id');
    t.specificType('name', 'TEXT NOT NULL COLLATE NOCASE');
    t.integer('reseller_id').notNullable().references('id').inTable('resellers').onDelete('RESTRICT');
    t.integer('currency_id').notNullable().references('id').inTable('currencies').onDelete('RESTRICT');
    t.integer('sort_order').notNullable().defaultTo(0);
    t.integer('max_qty').notNullable().defaultTo(0);
    t.integer('period_value').notNullable().defaultTo(24);
    t.string('period_unit').notNullable().defaultTo('hours');
    t.integer('period_seconds').notNullable().defaultTo(86400);
    t.bigInteger('last_check_at').nullable();
    t.bigInteger('next_check_at').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['reseller_id', 'name'], { indexName: 'profiles_reseller_name_unique' });
    t.index(['sort_order', 'name'], 'profiles_list_order');
    t.index(['next_check_at'], 'profiles_next_check');
  });
  await knex.raw(
    `CREATE TRIGGER profiles_check_insert BEFORE INSERT ON profiles
     WHEN NEW.max_qty < 0 OR NEW.period_seconds <= 0 OR NEW.period_unit NOT IN ('minutes','hours','days')
     BEGIN SELECT RAISE(ABORT, 'invalid profile'); END`,
  );

  await knex.schema.createTable('rules', (t) => {
    t.increments('id');
    t.integer('profile_id').notNullable().references('id').inTable('profiles').onDelete('CASCADE');
    t.string('kind').notNullable(); // user | client | advanced
    t.integer('position').notNullable().defaultTo(0);
    t.bigInteger('threshold').nullable(); // null = rule is off
    t.boolean('notify').notNullable().defaultTo(false);
    t.integer('inactivity_value').nullable();
    t.string('inactivity_unit').nullable();
    t.integer('inactivity_seconds').nullable();
    t.index(['profile_id', 'kind', 'position']);
  });
  await knex.raw(
    `CREATE TRIGGER rules_check_kind BEFORE INSERT ON rules
     WHEN NEW.kind NOT IN ('user','client','advanced')
     BEGIN SELECT RAISE(ABORT, 'invalid rule kind'); END`,
  );

  await knex.schema.createTable('rule_users', (t) => {
    t.integer('rule_id').notNullable().references('id').inTable('rules').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.primary(['rule_id', 'user_id']);
    t.index(['user_id']);
  });

  await knex.schema.createTable('rule_emails', (t) => {
    t.integer('rule_id').notNullable().references('id').inTable('rules').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.string('email').notNullable();
    t.primary(['rule_id', 'position']);
  });

  await knex.schema.createTable('clients', (t) => {
    t.increments('id');
    t.specificType('name', 'TEXT NOT NULL COLLATE NOCASE');
    t.integer('reseller_id').notNullable().references('id').inTable('resellers').onDelete('RESTRICT');
    t.integer('currency_id').notNullable().references('id').inTable('currencies').onDelete('RESTRICT');
    t.specificType('billing_email', 'TEXT COLLATE NOCASE').nullable();
    t.bigInteger('balance').notNullable().defaultTo(0);
    t.bigInteger('credit').notNullable().defaultTo(0);
    t.integer('profile_id').nullable().references('id').inTable('profiles').onDelete('SET NULL');
    t.bigInteger('last_charge_at').nullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['reseller_id', 'name'], { indexName: 'clients_reseller_name_unique' });
    t.index(['profile_id', 'active'], 'clients_by_profile');
    t.index(['name'], 'clients_by_name');
    t.index(['billing_email'], 'clients_by_billing_email');
  });
  await knex.raw(
    `CREATE TRIGGER clients_check_credit BEFORE INSERT ON clients WHEN NEW.credit < 0
     BEGIN SELECT RAISE(ABORT, 'credit must be >= 0'); END`,
  );
  await knex.raw(
    `CREATE TRIGGER clients_check_credit_update BEFORE UPDATE OF credit ON clients WHEN NEW.credit < 0
     BEGIN SELECT RAISE(ABORT, 'credit must be >= 0'); END`,
  );

  await knex.schema.createTable('rule_state', (t) => {
    t.integer('client_id').notNullable().references('id').inTable('clients').onDelete('CASCADE');
    t.integer('rule_id').notNullable().references('id').inTable('rules').onDelete('CASCADE');
    t.integer('count').notNullable().defaultTo(0); // notifications sent since the last refill
    t.bigInteger('last_notified_at').nullable();
    t.primary(['client_id', 'rule_id']);
    t.index(['rule_id']);
  });

  await knex.schema.createTable('balance_events', (t) => {
    t.increments('id');
    t.integer('client_id').notNullable().references('id').inTable('clients').onDelete('CASCADE');
    t.bigInteger('at').notNullable();
    t.string('kind').notNullable(); // payment | charge | adjustment
    t.bigInteger('amount').notNullable();
    t.bigInteger('balance_after').notNullable();
    t.string('note').nullable();
    t.index(['client_id', 'at'], 'balance_events_by_client');
    t.index(['client_id', 'kind', 'at'], 'balance_events_by_client_kind');
  });
  await knex.raw(
    `CREATE TRIGGER balance_events_check_kind BEFORE INSERT ON balance_events
     WHEN NEW.kind NOT IN ('payment','charge','adjustment')
     BEGIN SELECT RAISE(ABORT, 'invalid balance event kind'); END`,
  );

  // One row per profile check (scheduled, manual or catch-up), with its summary.
  await knex.schema.createTable('checks', (t) => {
    t.increments('id');
    t.integer('profile_id').nullable().references('id').inTable('profiles').onDelete('SET NULL');
    t.string('profile_name').notNullable();
    t.string('trigger').notNullable(); // schedule | manual | catch-up | cli
    t.bigInteger('started_at').notNullable();
    t.bigInteger('finished_at').nullable();
    t.integer('clients_evaluated').notNullable().defaultTo(0);
    t.integer('matches').notNullable().defaultTo(0);
    t.integer('queued').notNullable().defaultTo(0);
    t.integer('skipped').notNullable().defaultTo(0);
    t.text('skipped_detail').nullable(); // JSON: [{ clientId, reason }]
    t.index(['started_at']);
    t.index(['profile_id', 'started_at']);
  });

  // The outbox and the history at once. Snapshots (names, amounts) keep the
  // history readable after a profile or rule is edited or deleted.
  await knex.schema.createTable('notifications', (t) => {
    t.increments('id');
    t.integer('client_id').notNullable().references('id').inTable('clients').onDelete('CASCADE');
    t.integer('profile_id').nullable().references('id').inTable('profiles').onDelete('SET NULL');
    t.integer('rule_id').nullable().references('id').inTable('rules').onDelete('SET NULL');
    t.integer('check_id').nullable().references('id').inTable('checks').onDelete('SET NULL');
    t.string('rule_kind').notNullable();
    t.string('profile_name').notNullable();
    t.string('recipient').notNullable();
    t.text('subject').notNullable();
    t.text('text_body').notNullable();
    t.text('html_body').notNullable();
    t.string('status').notNullable().defaultTo('queued'); // queued | sending | sent | failed
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error').nullable();
    t.bigInteger('next_attempt_at').nullable();
    t.string('message_id').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('sent_at').nullable();
    t.bigInteger('balance').notNullable();
    t.bigInteger('available').notNullable();
    t.bigInteger('threshold').notNullable();
    t.string('currency_code', 3).notNullable();
    t.integer('count').notNullable();
    t.index(['status', 'next_attempt_at'], 'notifications_outbox');
    t.index(['client_id', 'created_at'], 'notifications_by_client');
    t.index(['profile_id', 'created_at'], 'notifications_by_profile');
    t.index(['created_at'], 'notifications_by_date');
  });
  await knex.raw(
    `CREATE TRIGGER notifications_check_status BEFORE UPDATE OF status ON notifications
     WHEN NEW.status NOT IN ('queued','sending','sent','failed')
     BEGIN SELECT RAISE(ABORT, 'invalid notification status'); END`,
  );

  // Per rule kind e-mail templates (Liquid).
  await knex.schema.createTable('templates', (t) => {
    t.string('kind').primary(); // user | client | advanced
    t.text('subject').notNullable();
    t.text('text_body').notNullable();
    t.text('html_body').notNullable();
    t.bigInteger('updated_at').notNullable();
  });

  // Key/value settings; values are JSON. Secrets are stored encrypted by the host.
  await knex.schema.createTable('settings', (t) => {
    t.string('key').primary();
    t.text('value').notNullable();
    t.bigInteger('updated_at').notNullable();
  });

  // One sender per database: the host holding an unexpired lease runs the scheduler.
  await knex.schema.createTable('scheduler_lease', (t) => {
    t.integer('id').primary(); // always 1
    t.string('holder').notNullable(); // random per-run id
    t.string('description').notNullable(); // e.g. "desktop app on host (pid 123)"
    t.bigInteger('acquired_at').notNullable();
    t.bigInteger('heartbeat_at').notNullable();
    t.bigInteger('expires_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'scheduler_lease',
    'settings',
    'templates',
    'notifications',
    'checks',
    'balance_events',
    'rule_state',
    'clients',
    'rule_emails',
    'rule_users',
    'rules',
    'profiles',
    'users',
    'resellers',
    'currencies',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
