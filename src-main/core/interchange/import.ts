import type { Knex } from 'knex';
import { durationSeconds } from '../../shared/duration';
import { AppError } from '../../shared/errors';
import type { ProfileData } from '../../shared/schemas/profile';
import type { CoreContext } from '../context';
import { applyBalanceChanges } from '../balances/balance-repo';
import { insertProfile, updateProfile } from '../profiles/profile-repo';
import {
  clearBaseCurrency,
  deleteRows,
  insertClients,
  loadSnapshot,
  saveCurrency,
  saveReseller,
  saveUser,
  updateClients,
  type ClientColumns,
  type Snapshot,
} from './interchange-repo';
import { MAX_REPORTED_ISSUES, type ImportPreview, type ImportResult } from './interchange-types';
import { nocase, scopedKey } from './natural-keys';
import { parseDocument } from './parse-document';
import { planImport } from './plan-import';
import type { ClientTarget, ImportWrites } from './plan-writes';

export interface ImportOptions {
  /** Also remove what the file does not contain, in the sections it holds. */
  replace: boolean;
}

/** Reads the file and compares it with the database as `db` sees it (inside a transaction when applying). */
async function planFrom(db: Knex, text: string, options: ImportOptions, now: number) {
  const parsed = parseDocument(text);
  const snapshot = await loadSnapshot(db, { clients: parsed.present.includes('clients') });
  const planned = planImport(snapshot, parsed, { replace: options.replace, now });
  return { ...planned, snapshot, sections: parsed.present };
}

/** What importing the file would do, and every problem in it. Writes nothing. */
export async function previewImport(
  ctx: CoreContext,
  text: string,
  options: ImportOptions,
): Promise<ImportPreview> {
  const planned = await planFrom(ctx.db, text, options, ctx.now());
  return {
    valid: planned.issues.length === 0,
    replace: options.replace,
    sections: planned.sections,
    plan: planned.plan,
    refills: planned.refills,
    errors: planned.issues.slice(0, MAX_REPORTED_ISSUES),
    errorCount: planned.issues.length,
  };
}

/**
 * Validates the file against the database as it is inside the transaction and
 * writes all of it, or nothing: any problem rolls everything back.
 */
export async function applyImport(
  ctx: CoreContext,
  text: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const now = ctx.now();
  const result = await ctx.db.transaction(async (trx) => {
    const planned = await planFrom(trx, text, options, now);
    if (planned.issues.length) {
      const count = planned.issues.length;
      throw new AppError(
        'validation',
        `The file has ${count === 1 ? 'a problem' : `${count} problems`}; nothing was imported`,
        planned.issues.slice(0, MAX_REPORTED_ISSUES),
      );
    }
    await writeImport(trx, planned.writes, planned.snapshot, now);
    return {
      replace: options.replace,
      sections: planned.sections,
      plan: planned.plan,
      refills: planned.refills,
    };
  });
  ctx.log.info('import applied', {
    replace: result.replace,
    sections: result.sections.join(','),
    refills: result.refills,
  });
  return result;
}

/** Removes children before parents, then writes parents before children, resolving natural keys to ids. */
async function writeImport(trx: Knex.Transaction, writes: ImportWrites, snapshot: Snapshot, now: number) {
  await deleteRows(trx, 'clients', writes.clients.delete);
  await deleteRows(trx, 'profiles', writes.profiles.delete);
  await deleteRows(trx, 'users', writes.users.delete);
  await deleteRows(trx, 'resellers', writes.resellers.delete);
  await deleteRows(trx, 'currencies', writes.currencies.delete);

  const currencyIds = new Map(snapshot.currencies.map((c) => [c.code, c.id]));
  if (writes.currencies.baseChanges) await clearBaseCurrency(trx, now);
  for (const currency of [...writes.currencies.update, ...writes.currencies.create]) {
    currencyIds.set(currency.code, await saveCurrency(trx, currency, now, currency.id));
  }

  const resellerIds = new Map(snapshot.resellers.map((r) => [nocase(r.name), r.id]));
  for (const reseller of [...writes.resellers.update, ...writes.resellers.create]) {
    resellerIds.set(reseller.key, await saveReseller(trx, reseller, now, reseller.id));
  }

  const userIds = new Map(snapshot.users.map((u) => [nocase(u.email), u.id]));
  for (const user of [...writes.users.update, ...writes.users.create]) {
    const resellerId = user.resellerKey === null ? null : resellerIds.get(user.resellerKey)!;
    userIds.set(user.key, await saveUser(trx, { ...user, resellerId }, now, user.id));
  }

  const profileIds = new Map(snapshot.profiles.map((p) => [scopedKey(p.resellerName, p.name), p.id]));
  for (const profile of [...writes.profiles.update, ...writes.profiles.create]) {
    const data: ProfileData = {
      name: profile.name,
      resellerId: resellerIds.get(profile.resellerKey)!,
      currencyId: currencyIds.get(profile.currencyCode)!,
      sortOrder: profile.sortOrder,
      maxQty: profile.maxQty,
      mostUrgentOnly: profile.mostUrgentOnly,
      recoveryNotice: profile.recoveryNotice,
      quietHours: profile.quietHours,
      period: profile.period,
      userNotification: {
        threshold: profile.userNotification.threshold,
        notify: profile.userNotification.notify,
        userIds: profile.userNotification.userKeys.map((key) => userIds.get(key)!),
        emails: profile.userNotification.emails,
      },
      clientNotification: profile.clientNotification,
      advancedRules: profile.advancedRules,
    };
    const seconds = durationSeconds(profile.period);
    if (profile.id !== undefined) await updateProfile(trx, profile.id, data, seconds, now);
    profileIds.set(profile.key, profile.id ?? (await insertProfile(trx, data, seconds, now)));
  }

  const columns = (client: ClientTarget): ClientColumns => ({
    name: client.name,
    resellerId: resellerIds.get(client.resellerKey)!,
    currencyId: currencyIds.get(client.currencyCode)!,
    billingEmail: client.billingEmail,
    credit: client.credit,
    profileId: client.profileKey === null ? null : profileIds.get(client.profileKey)!,
    lastChargeAt: client.lastChargeAt,
    active: client.active,
  });
  await updateClients(
    trx,
    writes.clients.update.map((client) => ({ ...columns(client), id: client.id! })),
    now,
  );
  // A balance the file moves is an adjustment; a higher one is a refill and resets the rule counters.
  const moves = writes.clients.update.filter((client) => client.balanceBefore !== undefined);
  await applyBalanceChanges(
    trx,
    moves.map((client) => ({
      clientId: client.id!,
      newBalance: client.balance,
      kind: 'adjustment' as const,
      at: now,
      note: 'Imported',
    })),
  );
  await insertClients(
    trx,
    writes.clients.create.map((client) => ({ ...columns(client), balance: client.balance })),
    now,
  );
}
