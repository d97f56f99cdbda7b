import type { Knex } from 'knex';
import { AppError } from '../../shared/errors';
import {
  assignProfileSchema,
  clientFilterSchema,
  clientGetSchema,
  clientIdSchema,
  clientInputSchema,
  clientListSchema,
  clientUpdateSchema,
  MAX_BULK_CLIENTS,
  removeProfileSchema,
  type ClientData,
} from '../../shared/schemas/client';
import type { ClientRowView } from '../../shared/client-views';
import { defineHandler } from '../api/define-handler';
import { countWhere } from '../api/assert-exists';
import { applyBalanceChange, openingBalanceChange } from '../balances/balance-repo';
import { resellerScopeIssues } from '../resellers/reseller-scope-repo';
import { loadClientPage } from './client-page';
import {
  clientsOfOtherResellers,
  deleteClient,
  findMissingClientIds,
  getClientRow,
  insertClient,
  listClientIds,
  listClients,
  setProfile,
  updateClient,
} from './client-repo';

type ClientFields = Omit<ClientData, 'balance'>;

/**
 * References, uniqueness and the profile's reseller, checked inside the
 * writing transaction. Shared with the import, which validates the same way.
 */
export async function checkClientReferences(
  trx: Knex.Transaction,
  data: ClientFields,
  now: number,
  selfId?: number,
): Promise<void> {
  const issues = await resellerScopeIssues(trx, 'clients', data, selfId);
  if (data.profileId !== null) {
    const profile = await trx('profiles').where({ id: data.profileId }).first('reseller_id');
    if (!profile) {
      issues.push({ path: 'profileId', message: 'Profile does not exist; choose another' });
    } else if (profile.reseller_id !== data.resellerId) {
      issues.push({ path: 'profileId', message: "Profile must belong to the client's reseller" });
    }
  }
  if (data.lastChargeAt !== null && data.lastChargeAt > now) {
    issues.push({ path: 'lastChargeAt', message: 'Last charge cannot be in the future' });
  }
  if (issues.length) throw AppError.validation(issues);
}

/** Inserts a client and records a non-zero opening balance as an adjustment event. */
export async function createClient(trx: Knex.Transaction, data: ClientData, now: number): Promise<number> {
  await checkClientReferences(trx, data, now);
  const id = await insertClient(trx, data, now);
  if (data.balance !== 0) {
    await applyBalanceChange(trx, openingBalanceChange(id, data.balance, now));
  }
  return id;
}

async function readClient(db: Knex, id: number): Promise<ClientRowView> {
  const client = await getClientRow(db, id);
  if (!client) throw AppError.notFound('Client');
  return client;
}

async function assertClientsExist(db: Knex, ids: number[]): Promise<void> {
  const missing = await findMissingClientIds(db, ids);
  if (missing.length) {
    throw new AppError(
      'not_found',
      `${missing.length === 1 ? 'A client was' : `${missing.length} clients were`} not found; they may have been deleted`,
    );
  }
}

const NAMED_CLIENTS = 5;

export const clientHandlers = {
  'clients.list': defineHandler(clientListSchema, { reads: true }, (query, ctx) =>
    listClients(ctx.db, query),
  ),

  /** Ids of the clients matching a list filter, for "select all" (at most one bulk action's worth). */
  'clients.ids': defineHandler(clientFilterSchema, { reads: true }, (filter, ctx) =>
    listClientIds(ctx.db, filter, MAX_BULK_CLIENTS),
  ),

  'clients.get': defineHandler(clientGetSchema, { reads: true }, ({ id, events }, ctx) =>
    loadClientPage(ctx.db, id, events, ctx.now()),
  ),

  'clients.create': defineHandler(clientInputSchema, { writes: true }, async (data, ctx) => {
    const id = await ctx.db.transaction((trx) => createClient(trx, data, ctx.now()));
    return readClient(ctx.db, id);
  }),

  /** A changed balance is recorded as an adjustment; a higher one is a refill and resets the rule counters. */
  'clients.update': defineHandler(clientUpdateSchema, { writes: true }, async ({ id, client }, ctx) => {
    const now = ctx.now();
    await ctx.db.transaction(async (trx) => {
      const before = await trx('clients').where({ id }).first('balance');
      if (!before) throw AppError.notFound('Client');
      await checkClientReferences(trx, client, now, id);
      await updateClient(trx, id, client, now);
      if (client.balance !== undefined && client.balance !== before.balance) {
        await applyBalanceChange(trx, {
          clientId: id,
          newBalance: client.balance,
          kind: 'adjustment',
          at: now,
          note: 'Balance edited',
        });
      }
    });
    return readClient(ctx.db, id);
  }),

  /** Deletes the client with its balance events and its notification history, and says how many went. */
  'clients.delete': defineHandler(clientIdSchema, { writes: true }, ({ id }, ctx) =>
    ctx.db.transaction(async (trx) => {
      const client = await trx('clients').where({ id }).first('name');
      if (!client) throw AppError.notFound('Client');
      const events = await countWhere(trx, 'balance_events', { client_id: id });
      const notifications = await countWhere(trx, 'notifications', { client_id: id });
      await deleteClient(trx, id);
      return { id, name: client.name as string, events, notifications };
    }),
  ),

  /** Assigns one profile to many clients; refused (naming them) when any belongs to another reseller. */
  'clients.assignProfile': defineHandler(
    assignProfileSchema,
    { writes: true },
    ({ clientIds, profileId }, ctx) =>
      ctx.db.transaction(async (trx) => {
        const profile = await trx('profiles as p')
          .join('resellers as r', 'r.id', 'p.reseller_id')
          .where('p.id', profileId)
          .first('p.name', 'p.reseller_id', 'r.name as reseller_name');
        if (!profile) throw AppError.field('profileId', 'Profile does not exist; choose another');
        await assertClientsExist(trx, clientIds);
        const others = await clientsOfOtherResellers(trx, clientIds, profile.reseller_id, NAMED_CLIENTS);
        if (others.count > 0) {
          const more =
            others.count > others.names.length ? ` and ${others.count - others.names.length} more` : '';
          throw AppError.field(
            'profileId',
            `Profile "${profile.name}" belongs to ${profile.reseller_name}; it cannot be assigned to ` +
              `clients of another reseller: ${others.names.join(', ')}${more}`,
          );
        }
        return { updated: await setProfile(trx, clientIds, profileId, ctx.now()) };
      }),
  ),

  'clients.removeProfile': defineHandler(removeProfileSchema, { writes: true }, ({ clientIds }, ctx) =>
    ctx.db.transaction(async (trx) => {
      await assertClientsExist(trx, clientIds);
      return { updated: await setProfile(trx, clientIds, null, ctx.now()) };
    }),
  ),
};
