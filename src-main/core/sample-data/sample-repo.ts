import type { Knex } from 'knex';

const DATA_TABLES = ['currencies', 'resellers', 'users', 'profiles', 'clients'] as const;

/** How many rows each table an operator fills holds (settings and templates are not data). */
export async function countDataRows(db: Knex): Promise<Record<(typeof DATA_TABLES)[number], number>> {
  const counts = await Promise.all(
    DATA_TABLES.map(async (table) => {
      const [{ count }] = await db(table).count({ count: '*' });
      return [table, Number(count)] as const;
    }),
  );
  return Object.fromEntries(counts) as Record<(typeof DATA_TABLES)[number], number>;
}
