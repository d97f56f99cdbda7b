import type { Knex } from 'knex';
import { AppError } from '../../shared/errors';
import { BASE_RATE_E8 } from '../../shared/money';
import { currencyIdSchema, currencyInputSchema, currencyUpdateSchema } from '../../shared/schemas/currency';
import type { CurrencyView } from '../../shared/views';
import { defineHandler } from '../api/define-handler';
import { assertExists, countWhere, refuseWhileUsed } from '../api/assert-exists';
import { catalogListInput, containsPattern } from '../api/list-input';

export async function listCurrencies(db: Knex, search?: string, id?: number): Promise<CurrencyView[]> {
  const filters: string[] = [];
  const params: (string | number)[] = [];
  if (search) {
    filters.push(`(c.code LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\')`);
    params.push(containsPattern(search), containsPattern(search));
  }
  if (id !== undefined) {
    filters.push('c.id = ?');
    params.push(id);
  }
  const rows = await db.raw<Record<string, number | string | null>[]>(
    `SELECT c.id, c.code, c.name, c.rate_e8, c.is_base,
       (SELECT count(*) FROM clients WHERE currency_id = c.id) AS client_count,
       (SELECT count(*) FROM profiles WHERE currency_id = c.id) AS profile_count
     FROM currencies c ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}
     ORDER BY c.is_base DESC, c.code`,
    params,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    code: String(r.code),
    name: String(r.name),
    rateE8: r.rate_e8 === null ? null : Number(r.rate_e8),
    isBase: Boolean(r.is_base),
    clientCount: Number(r.client_count),
    profileCount: Number(r.profile_count),
  }));
}

async function saveCurrency(
  db: Knex,
  input: ReturnType<typeof currencyInputSchema.parse>,
  now: number,
  id?: number,
): Promise<CurrencyView> {
  const savedId = await db.transaction(async (trx) => {
    if (id !== undefined) await assertExists(trx, 'currencies', id, 'Currency');
    const clash = await trx('currencies').where({ code: input.code }).first('id');
    if (clash && clash.id !== id) throw AppError.field('code', `Currency ${input.code} already exists`);
    const hasBase = await trx('currencies')
      .where({ is_base: true })
      .whereNot({ id: id ?? 0 })
      .first('id');
    // The first currency becomes the base: rates need one.
    const isBase = input.isBase || !hasBase;
    if (isBase) await trx('currencies').where({ is_base: true }).update({ is_base: false });
    const columns = {
      code: input.code,
      name: input.name,
      rate_e8: isBase ? BASE_RATE_E8 : input.rate,
      is_base: isBase,
      updated_at: now,
    };
    if (id !== undefined) {
      await trx('currencies').where({ id }).update(columns);
      return id;
    }
    const [row] = await trx('currencies')
      .insert({ ...columns, created_at: now })
      .returning('id');
    return (row as { id: number }).id;
  });
  return (await listCurrencies(db, undefined, savedId))[0];
}

export const currencyHandlers = {
  'currencies.list': defineHandler(catalogListInput, { reads: true }, ({ search }, ctx) =>
    listCurrencies(ctx.db, search),
  ),
  'currencies.create': defineHandler(currencyInputSchema, { writes: true }, (input, ctx) =>
    saveCurrency(ctx.db, input, ctx.now()),
  ),
  'currencies.update': defineHandler(currencyUpdateSchema, { writes: true }, ({ id, currency }, ctx) =>
    saveCurrency(ctx.db, currency, ctx.now(), id),
  ),
  'currencies.delete': defineHandler(currencyIdSchema, { writes: true }, async ({ id }, ctx) => {
    await ctx.db.transaction(async (trx) => {
      await assertExists(trx, 'currencies', id, 'Currency');
      const { code, is_base: isBase } = await trx('currencies').where({ id }).first('code', 'is_base');
      refuseWhileUsed(`Currency ${code}`, {
        client: await countWhere(trx, 'clients', { currency_id: id }),
        profile: await countWhere(trx, 'profiles', { currency_id: id }),
      });
      if (isBase && (await countWhere(trx, 'currencies', {})) > 1) {
        throw new AppError('conflict', `${code} is the base currency; make another currency the base first`);
      }
      await trx('currencies').where({ id }).delete();
    });
    return { id };
  }),
};
