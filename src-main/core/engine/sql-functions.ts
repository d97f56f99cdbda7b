import type { Knex } from 'knex';
import { isValidEmail } from '../../shared/email';

interface SqliteConnection {
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => number): unknown;
}

const prepared = new WeakSet<object>();

/**
 * Registers the SQL functions the engine's statements use on the connection
 * `db` runs on (a transaction's own connection included):
 * `lowbal_is_email(text)` → 1 when the address passes the same check as the
 * forms (`shared/email.ts`), so recipients are validated inside set-based SQL.
 */
export async function ensureEngineSqlFunctions(db: Knex): Promise<void> {
  const connection = (await db.client.acquireConnection()) as SqliteConnection;
  try {
    if (prepared.has(connection)) return;
    connection.function('lowbal_is_email', { deterministic: true }, (value) =>
      typeof value === 'string' && isValidEmail(value) ? 1 : 0,
    );
    prepared.add(connection);
  } finally {
    await db.client.releaseConnection(connection);
  }
}
