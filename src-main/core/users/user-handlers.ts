import type { Knex } from 'knex';
import { AppError } from '../../shared/errors';
import { userIdSchema, userInputSchema, userUpdateSchema } from '../../shared/schemas/user';
import type { UserView } from '../../shared/views';
import { defineHandler } from '../api/define-handler';
import { assertExists } from '../api/assert-exists';
import { catalogListInput, containsPattern } from '../api/list-input';

export async function listUsers(db: Knex, search?: string, id?: number): Promise<UserView[]> {
  const query = db('users as u')
    .leftJoin('resellers as r', 'r.id', 'u.reseller_id')
    .select('u.id', 'u.name', 'u.email', 'u.reseller_id', 'r.name as reseller_name')
    .orderBy(['u.name', 'u.id']);
  if (search) {
    query.whereRaw(`(u.name LIKE ? ESCAPE '\\' OR u.email LIKE ? ESCAPE '\\')`, [
      containsPattern(search),
      containsPattern(search),
    ]);
  }
  if (id !== undefined) query.where('u.id', id);
  const rows: Record<string, number | string | null>[] = await query;
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    email: String(r.email),
    resellerId: r.reseller_id === null ? null : Number(r.reseller_id),
    resellerName: r.reseller_name === null ? null : String(r.reseller_name),
  }));
}

async function saveUser(
  db: Knex,
  input: ReturnType<typeof userInputSchema.parse>,
  now: number,
  id?: number,
): Promise<UserView> {
  const savedId = await db.transaction(async (trx) => {
    if (id !== undefined) await assertExists(trx, 'users', id, 'User');
    if (input.resellerId !== null && !(await trx('resellers').where({ id: input.resellerId }).first('id'))) {
      throw AppError.field('resellerId', 'Reseller does not exist; choose another');
    }
    const clash = await trx('users').where({ email: input.email }).first('id');
    if (clash && clash.id !== id)
      throw AppError.field('email', `A user with e-mail ${input.email} already exists`);
    const columns = { name: input.name, email: input.email, reseller_id: input.resellerId, updated_at: now };
    if (id !== undefined) {
      await trx('users').where({ id }).update(columns);
      return id;
    }
    const [row] = await trx('users')
      .insert({ ...columns, created_at: now })
      .returning('id');
    return (row as { id: number }).id;
  });
  return (await listUsers(db, undefined, savedId))[0];
}

export const userHandlers = {
  'users.list': defineHandler(catalogListInput, { reads: true }, ({ search }, ctx) =>
    listUsers(ctx.db, search),
  ),
  'users.create': defineHandler(userInputSchema, { writes: true }, (input, ctx) =>
    saveUser(ctx.db, input, ctx.now()),
  ),
  'users.update': defineHandler(userUpdateSchema, { writes: true }, ({ id, user }, ctx) =>
    saveUser(ctx.db, user, ctx.now(), id),
  ),
  // Deleting a user removes it from the profiles' User Notification lists.
  'users.delete': defineHandler(userIdSchema, { writes: true }, async ({ id }, ctx) => {
    await assertExists(ctx.db, 'users', id, 'User');
    await ctx.db('users').where({ id }).delete();
    return { id };
  }),
};
