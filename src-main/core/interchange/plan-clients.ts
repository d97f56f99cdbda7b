import type { ClientRecord } from './interchange-repo';
import { nocase, scopedKey } from './natural-keys';
import type { PlanContext } from './plan-context';
import { classify, emptyWrites, type ClientTarget, type ImportWrites } from './plan-writes';

/**
 * Clients. A field the file leaves out keeps its stored value (a billing
 * system may send only the balances); a balance that rises is a refill.
 */
export function planClients(ctx: PlanContext): { writes: ImportWrites['clients']; refills: number } {
  const writes = emptyWrites<ClientTarget>();
  let refills = 0;
  const currencyCodeById = new Map(ctx.snapshot.currencies.map((c) => [c.id, c.code]));
  const profileKeyById = new Map(ctx.snapshot.profiles.map((p) => [p.id, scopedKey(p.resellerName, p.name)]));
  const ownerOfProfile = profileOwners(ctx);
  const describeStored = (s: ClientRecord, profileKey: string | null): ClientTarget => ({
    name: s.name,
    resellerKey: nocase(ctx.resellerName(s.resellerId)),
    currencyCode: currencyCodeById.get(s.currencyId)!,
    billingEmail: s.billingEmail,
    balance: s.balance,
    credit: s.credit,
    profileKey,
    lastChargeAt: s.lastChargeAt,
    active: s.active,
  });

  for (const [key, { index, data }] of ctx.clients.file) {
    const stored = ctx.clients.db.get(key);
    const storedProfileKey = stored?.profileId != null ? profileKeyById.get(stored.profileId)! : null;
    // Left out of the file, the profile stays assigned (unless Replace removes that profile).
    let profileKey =
      storedProfileKey !== null && ctx.isAvailable(ctx.profiles, storedProfileKey) ? storedProfileKey : null;
    if (data.profile !== undefined)
      profileKey = data.profile === null ? null : scopedKey(data.reseller, data.profile);

    const valid = ctx.passes(() => {
      ctx.checkReseller(['clients', index, 'reseller'], data.reseller);
      ctx.checkCurrency(['clients', index, 'currency'], data.currency);
      if (data.lastChargeAt != null && data.lastChargeAt > ctx.now) {
        ctx.issue(['clients', index, 'lastChargeAt'], 'Last charge cannot be in the future');
      }
      if (data.profile && profileKey !== null && !ctx.isAvailable(ctx.profiles, profileKey)) {
        const owner = ownerOfProfile.get(nocase(data.profile));
        const path = ['clients', index, 'profile'];
        if (owner !== undefined && nocase(owner) !== nocase(data.reseller)) {
          ctx.issue(
            path,
            `Profile "${data.profile}" belongs to reseller "${owner}", not to this client's reseller "${data.reseller}"`,
          );
        } else ctx.checkReference(path, 'profile', data.profile, ctx.profiles, profileKey);
      }
    });
    if (!valid) continue;

    const target: ClientTarget = {
      name: data.name,
      resellerKey: nocase(data.reseller),
      currencyCode: data.currency,
      billingEmail: data.billingEmail === undefined ? (stored?.billingEmail ?? null) : data.billingEmail,
      balance: data.balance,
      credit: data.credit ?? stored?.credit ?? 0,
      profileKey,
      lastChargeAt: data.lastChargeAt === undefined ? (stored?.lastChargeAt ?? null) : data.lastChargeAt,
      active: data.active ?? stored?.active ?? true,
    };
    classify(writes, target, stored, (s) => describeStored(s, storedProfileKey));
    if (stored && stored.balance !== target.balance) {
      target.balanceBefore = stored.balance;
      if (target.balance > stored.balance) refills += 1;
    }
  }
  return { writes, refills };
}

/** The reseller of each profile name there will be, to explain a client pointing at another reseller's profile. */
function profileOwners(ctx: PlanContext): Map<string, string> {
  const owners = new Map<string, string>();
  for (const record of ctx.snapshot.profiles) {
    if (ctx.isAvailable(ctx.profiles, scopedKey(record.resellerName, record.name))) {
      owners.set(nocase(record.name), record.resellerName);
    }
  }
  for (const { data } of ctx.profiles.file.values()) owners.set(nocase(data.name), data.reseller);
  return owners;
}
