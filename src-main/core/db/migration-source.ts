import type { Knex } from 'knex';
import * as initialSchema from '../../../migrations/20261126_0001_initial_schema';
import * as clientsCheckIndex from '../../../migrations/20261126_0002_clients_check_index';
import * as deliveryClaims from '../../../migrations/20261127_0003_delivery_claims';
import * as channels from '../../../migrations/20261202_0004_channels';
import * as smarterRules from '../../../migrations/20261202_0005_smarter_rules';
import * as ruleTiming from '../../../migrations/20261202_0008_rule_timing';

/**
 * Migrations are imported statically so they survive bundling into the Electron
 * main process. Add each new file of `migrations/` here, in order.
 */
const migrations: Record<string, Knex.Migration> = {
  '20261126_0001_initial_schema': initialSchema,
  '20261126_0002_clients_check_index': clientsCheckIndex,
  '20261127_0003_delivery_claims': deliveryClaims,
  '20261202_0004_channels': channels,
  '20261202_0005_smarter_rules': smarterRules,
  '20261202_0008_rule_timing': ruleTiming,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};
