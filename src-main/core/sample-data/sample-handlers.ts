import type { Knex } from 'knex';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { parseAmount } from '../../shared/money';
import { clientInputSchema } from '../../shared/schemas/client';
import { defineHandler, type Handler } from '../api/define-handler';
import { applyBalanceChange } from '../balances/balance-repo';
import { insertClient } from '../clients/client-repo';
import type { CoreContext } from '../context';
import { currencyHandlers } from '../currencies/currency-handlers';
import { profileHandlers } from '../profiles/profile-handlers';
import { resellerHandlers } from '../resellers/reseller-handlers';
import { userHandlers } from '../users/user-handlers';
import { countDataRows } from './sample-repo';
import {
  sampleClients,
  sampleCurrencies,
  sampleProfiles,
  sampleResellers,
  sampleUsers,
  type SampleClient,
} from './sample-dataset';

const DAY_MS = 86_400_000;

/** Runs a catalog operation inside the loading transaction, with the same validation as an API call. */
function run<S extends z.ZodType, R>(handler: Handler<S, R>, input: z.input<S>, ctx: CoreContext) {
  return handler.run(handler.input.parse(input), ctx);
}

function units(amount: string): number {
  const parsed = parseAmount(amount);
  if (!parsed.ok) throw new Error(`sample amount ${amount} ${parsed.message}`);
  return parsed.value;
}

function lookup(ids: Map<string, number>, key: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`sample data refers to unknown "${key}"`);
  return id;
}

/** Inserts a client created `createdDaysAgo`, then replays its history: the opening payment and its charges. */
async function insertSampleClient(
  trx: Knex.Transaction,
  client: SampleClient,
  refs: { resellers: Map<string, number>; currencies: Map<string, number>; profiles: Map<string, number> },
  now: number,
) {
  const createdAt = now - client.createdDaysAgo * DAY_MS;
  const charges = [...client.charges].sort((a, b) => b.daysAgo - a.daysAgo);
  const charged = charges.reduce((sum, charge) => sum + units(charge.amount), 0);
  const data = clientInputSchema.parse({
    name: client.name,
    resellerId: lookup(refs.resellers, client.reseller),
    currencyId: lookup(refs.currencies, client.currency),
    billingEmail: client.billingEmail,
    balance: client.balance,
    credit: client.credit ?? '0',
    profileId: client.profile === null ? null : lookup(refs.profiles, client.profile),
    active: client.active ?? true,
  });
  const clientId = await insertClient(trx, data, createdAt);
  let balance = data.balance + charged;
  await applyBalanceChange(trx, {
    clientId,
    newBalance: balance,
    kind: 'payment',
    at: createdAt,
    note: 'Opening balance',
  });
  for (const charge of charges) {
    balance -= units(charge.amount);
    await applyBalanceChange(trx, {
      clientId,
      newBalance: balance,
      kind: 'charge',
      at: now - charge.daysAgo * DAY_MS,
      note: 'Usage',
    });
  }
}

async function loadSampleData(ctx: CoreContext) {
  const now = ctx.now();
  return ctx.db.transaction(async (trx) => {
    const counts = await countDataRows(trx);
    if (Object.values(counts).some((count) => count > 0)) {
      throw new AppError(
        'conflict',
        'Sample data can only be loaded into an empty database, and this one already holds data',
      );
    }
    const inTrx: CoreContext = { ...ctx, db: trx };
    const currencies = new Map<string, number>();
    for (const currency of sampleCurrencies) {
      currencies.set(currency.code, (await run(currencyHandlers['currencies.create'], currency, inTrx)).id);
    }
    const resellers = new Map<string, number>();
    for (const reseller of sampleResellers) {
      resellers.set(reseller.name, (await run(resellerHandlers['resellers.create'], reseller, inTrx)).id);
    }
    const users = new Map<string, number>();
    for (const { reseller, ...user } of sampleUsers) {
      const resellerId = reseller === null ? null : lookup(resellers, reseller);
      users.set(user.email, (await run(userHandlers['users.create'], { ...user, resellerId }, inTrx)).id);
    }
    const profiles = new Map<string, number>();
    for (const { reseller, currency, userNotification, ...profile } of sampleProfiles) {
      const { users: emails, ...rule } = userNotification;
      const input = {
        ...profile,
        resellerId: lookup(resellers, reseller),
        currencyId: lookup(currencies, currency),
        userNotification: { ...rule, userIds: emails.map((email) => lookup(users, email)) },
      };
      profiles.set(profile.name, (await run(profileHandlers['profiles.create'], input, inTrx)).id);
    }
    for (const client of sampleClients) {
      await insertSampleClient(trx, client, { resellers, currencies, profiles }, now);
    }
    return countDataRows(trx);
  });
}

export const sampleDataHandlers = {
  /** Whether the database holds no data yet (the first-run screen offers sample data then). */
  'sample.status': defineHandler(z.object({}).optional(), { reads: true }, async (_input, ctx) => {
    const counts = await countDataRows(ctx.db);
    return { empty: Object.values(counts).every((count) => count === 0) };
  }),
  /** Loads the sample dataset into an empty database, in one transaction. */
  'sample.load': defineHandler(z.object({}).optional(), { writes: true }, (_input, ctx) =>
    loadSampleData(ctx),
  ),
};
