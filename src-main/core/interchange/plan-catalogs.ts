import { BASE_RATE_E8 } from '../../shared/money';
import { nocase } from './natural-keys';
import type { PlanContext } from './plan-context';
import {
  classify,
  emptyWrites,
  type CurrencyTarget,
  type ImportWrites,
  type ResellerTarget,
  type UserTarget,
} from './plan-writes';

/** Currencies, and which one is the base afterwards. */
export function planCurrencies(ctx: PlanContext): ImportWrites['currencies'] {
  const writes = { ...emptyWrites<CurrencyTarget>(), baseChanges: false };
  const storedBase = ctx.snapshot.currencies.find((c) => c.isBase);
  const baseCode = chooseBase(ctx);
  for (const { index, data } of ctx.currencies.file.values()) {
    const stored = ctx.currencies.db.get(data.code);
    const isBase = data.code === baseCode;
    const valid = ctx.passes(() => {
      if (isBase && data.rate !== undefined && data.rate !== null && data.rate !== BASE_RATE_E8) {
        ctx.issue(['currencies', index, 'rate'], `The base currency's rate must be 1`);
      }
    });
    if (!valid) continue;
    const rateE8 = isBase ? BASE_RATE_E8 : data.rate === undefined ? (stored?.rateE8 ?? null) : data.rate;
    classify(writes, { code: data.code, name: data.name, rateE8, isBase }, stored, (s) => ({
      code: s.code,
      name: s.name,
      rateE8: s.rateE8,
      isBase: s.isBase,
    }));
  }
  writes.baseChanges = baseCode !== null && baseCode !== storedBase?.code;
  return writes;
}

/**
 * The base after the import: the one the file marks; else the stored base if
 * it stays; else (none yet, or Replace removes it) a currency of the file at
 * rate 1, as the app makes the first currency the base.
 */
function chooseBase(ctx: PlanContext): string | null {
  const entries = [...ctx.currencies.file.values()];
  const marked = entries.filter((entry) => entry.data.base === true);
  for (const extra of marked.slice(1)) {
    ctx.issue(
      ['currencies', extra.index, 'base'],
      `Only one currency can be the base; ${marked[0].data.code} is already marked as the base`,
    );
  }
  if (marked.length) return marked[0].data.code;
  const storedBase = ctx.snapshot.currencies.find((c) => c.isBase);
  if (storedBase && ctx.isAvailable(ctx.currencies, storedBase.code)) {
    const unmarked = ctx.currencies.file.get(storedBase.code);
    if (unmarked?.data.base === false) {
      ctx.issue(
        ['currencies', unmarked.index, 'base'],
        `${storedBase.code} is the base currency; mark another currency with "base": true to change the base`,
      );
    }
    return storedBase.code;
  }
  const atOne = entries.find((entry) => entry.data.rate === BASE_RATE_E8);
  if (atOne) return atOne.data.code;
  const anyLeft =
    entries.length > 0 || [...ctx.currencies.db.keys()].some((code) => ctx.isAvailable(ctx.currencies, code));
  if (anyLeft)
    ctx.issue(['currencies'], 'No base currency: mark one currency with "base": true (its rate is 1)');
  return null;
}

export function planResellers(ctx: PlanContext): ImportWrites['resellers'] {
  const writes = emptyWrites<ResellerTarget>();
  for (const [key, { data }] of ctx.resellers.file) {
    classify(writes, { key, name: data.name, email: data.email }, ctx.resellers.db.get(key), (s) => ({
      key,
      name: s.name,
      email: s.email,
    }));
  }
  return writes;
}

export function planUsers(ctx: PlanContext): ImportWrites['users'] {
  const writes = emptyWrites<UserTarget>();
  for (const [key, { index, data }] of ctx.users.file) {
    const valid = ctx.passes(() => {
      if (data.reseller) ctx.checkReseller(['users', index, 'reseller'], data.reseller);
    });
    if (!valid) continue;
    const stored = ctx.users.db.get(key);
    const storedResellerKey = stored?.resellerId != null ? nocase(ctx.resellerName(stored.resellerId)) : null;
    // Left out of the file, the user keeps its reseller (unless Replace removes that reseller).
    const keptResellerKey =
      storedResellerKey !== null && ctx.isAvailable(ctx.resellers, storedResellerKey)
        ? storedResellerKey
        : null;
    const resellerKey =
      data.reseller === undefined ? keptResellerKey : data.reseller === null ? null : nocase(data.reseller);
    classify(writes, { key, name: data.name, email: data.email, resellerKey }, stored, (s) => ({
      key,
      name: s.name,
      email: s.email,
      resellerKey: storedResellerKey,
    }));
  }
  return writes;
}
