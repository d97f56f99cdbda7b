import type { Knex } from 'knex';
import { AppError } from '../../shared/errors';

/** Throws not_found unless `table` has a row with this id. */
export async function assertExists(db: Knex, table: string, id: number, what: string): Promise<void> {
  if (!(await db(table).where({ id }).first('id'))) throw AppError.notFound(what);
}

/** The non-zero counts of `uses` in words, e.g. "3 clients and 1 profile"; '' when nothing uses a row. */
export function describeUses(uses: Record<string, number>): string {
  return Object.entries(uses)
    .filter(([, n]) => n > 0)
    .map(([noun, n]) => `${n} ${n === 1 ? noun : `${noun}s`}`)
    .join(' and ');
}

/** Throws a conflict naming what still uses a row, e.g. "used by 3 clients and 1 profile". */
export function refuseWhileUsed(what: string, uses: Record<string, number>): void {
  const users = describeUses(uses);
  if (users) {
    throw new AppError('conflict', `${what} is used by ${users}; reassign or delete them first`);
  }
}

export async function countWhere(db: Knex, table: string, where: Record<string, unknown>): Promise<number> {
  const [{ count }] = await db(table).where(where).count({ count: '*' });
  return Number(count);
}
