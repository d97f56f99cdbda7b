import type { Database } from 'better-sqlite3';
import type { Knex } from 'knex';

/**
 * The better-sqlite3 connection a knex transaction runs on, for bulk writes:
 * prepared statements run inside the same transaction without building a
 * query per row (an import writes 100,000 clients this way).
 */
export async function transactionConnection(trx: Knex.Transaction): Promise<Database> {
  return (await (trx as unknown as { client: Knex.Client }).client.acquireConnection()) as Database;
}
