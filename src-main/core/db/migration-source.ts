import type { Knex } from 'knex';
import * as initialSchema from '../../../migrations/20261126_0001_initial_schema';

/**
 * Migrations are imported statically so they survive bundling into the Electron
 * main process. Add each new file of `migrations/` here, in order.
 */
const migrations: Record<string, Knex.Migration> = {
  '20261126_0001_initial_schema': initialSchema,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};
