import type { Knex } from 'knex';
import { AppError } from '../../shared/errors';
import { resellerIdSchema, resellerInputSchema, resellerUpdateSchema } from '../../shared/schemas/reseller';
import type { ResellerView } from '../../shared/views';
import { defineHandler } from '../api/define-handler';
import { assertExists, countWhere, refuseWhileUsed } from '../api/assert-exists';
import { catalogListInput, containsPattern } from '../api/list-input';

export async function listResellers(db: Knex, search?: string, id?: number): Promise<ResellerView[]> {
  const filters: string[] = [];
  const params: (string | number)[] = [];
  if (search) {
    filters.push(`(r.name LIKE ? ESCAPE '\\' OR r.email LIKE ? ESCAPE '\\')`);
    params.push(containsPattern(search), containsPattern(search));
  }
  if (id !== undefined) {
    filters.push('r.id = ?');
    params.push(id);
  }
  const rows = await db.raw<Record<string, number | string>[]>(
    `SELECT r.id, r.name, r.email,
       (SELECT count(*) FROM clients WHERE reseller_id = r.id) AS client_count,
       (SELECT count(*) FROM profiles WHERE reseller_id = r.id) AS profile_count,
       (SELECT count(*) FROM users WHERE reseller_id = r.id) AS user_count
     FROM resellers r ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''} ORDER BY r.name`,
    params,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    email: String(r.email),
    clientCount: Number(r.client_count),
    profileCount: Number(r.profile_count),
    userCount: Number(r.user_count),
  }));
}

async function saveReseller(
  db: Knex,
  input: ReturnType<typeof resellerInputSchema.parse>,
  now: number,
  id?: number,
): Promise<ResellerView> {
  const savedId = await db.transaction(async (trx) => {
    if (id !== undefined) await assertExists(trx, 'resellers', id, 'Reseller');
    const clash = await trx('resellers').where({ name: input.name }).first('id');
    if (clash && clash.id !== id)
      throw AppError.field('name', `A reseller named "${input.name}" already exists`);
    const columns = { name: input.name, email: input.email, updated_at: now };
    if (id !== undefined) {
      await trx('resellers').where({ id }).update(columns);
      return id;
    }
    const [row] = await trx('resellers')
      .insert({ ...columns, created_at: now })
      .returning('id');
    return (row as { id: number }).id;
  });
  return (await listResellers(db, undefined, savedId))[0];
}

export const resellerHandlers = {
  'resellers.list': defineHandler(catalogListInput, { reads: true }, ({ search }, ctx) =>
    listResellers(ctx.db, search),
  ),
  'resellers.create': defineHandler(resellerInputSchema, { writes: true }, (input, ctx) =>
    saveReseller(ctx.db, input, ctx.now()),
  ),
  'resellers.update': defineHandler(resellerUpdateSchema, { writes: true }, ({ id, reseller }, ctx) =>
    saveReseller(ctx.db, reseller, ctx.now(), id),
  ),
  'resellers.delete': defineHandler(resellerIdSchema, { writes: true }, async ({ id }, ctx) => {
    await ctx.db.transaction(async (trx) => {
      await assertExists(trx, 'resellers', id, 'Reseller');
      const { name } = await trx('resellers').where({ id }).first('name');
      refuseWhileUsed(`Reseller "${name}"`, {
        client: await countWhere(trx, 'clients', { reseller_id: id }),
        profile: await countWhere(trx, 'profiles', { reseller_id: id }),
      });
      await trx('resellers').where({ id }).delete();
    });
    return { id };
  }),
};
