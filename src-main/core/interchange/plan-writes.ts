import type { Duration } from '../../shared/duration';
import type { QuietHours } from '../../shared/quiet-hours';
import type { CurrencyColumns } from './interchange-repo';

/**
 * What an import writes, per section: rows to create, rows to update (with
 * their id), stored rows Replace removes. References stay natural keys here;
 * the writer resolves them to ids once their targets exist.
 */

export interface RuleTarget {
  threshold: number | null;
  notify: boolean;
  emails: string[];
}
export interface UserRuleTarget extends RuleTarget {
  userKeys: string[];
}
export interface AdvancedRuleTarget extends RuleTarget {
  inactivity: Duration | null;
  runwayDays: number | null;
  /** The stored rule at the same position, updated in place so its counters survive. */
  id?: number;
}

/** A row to write; `id` is set when it updates a stored row. */
export interface Target {
  id?: number;
}
export interface CurrencyTarget extends Target, CurrencyColumns {}
export interface ResellerTarget extends Target {
  key: string;
  name: string;
  email: string;
}
export interface UserTarget extends Target {
  key: string;
  name: string;
  email: string;
  resellerKey: string | null;
}
export interface ProfileTarget extends Target {
  key: string;
  name: string;
  resellerKey: string;
  currencyCode: string;
  sortOrder: number;
  maxQty: number;
  mostUrgentOnly: boolean;
  recoveryNotice: boolean;
  quietHours: QuietHours | null;
  period: Duration;
  userNotification: UserRuleTarget;
  clientNotification: RuleTarget;
  advancedRules: AdvancedRuleTarget[];
}
export interface ClientTarget extends Target {
  name: string;
  resellerKey: string;
  currencyCode: string;
  billingEmail: string | null;
  balance: number;
  credit: number;
  profileKey: string | null;
  lastChargeAt: number | null;
  active: boolean;
  /** The stored balance, when the import moves it. */
  balanceBefore?: number;
}

export interface SectionWrites<T> {
  create: T[];
  update: T[];
  /** Ids of stored rows Replace removes. */
  delete: number[];
  unchanged: number;
}

export interface ImportWrites {
  currencies: SectionWrites<CurrencyTarget> & { baseChanges: boolean };
  resellers: SectionWrites<ResellerTarget>;
  users: SectionWrites<UserTarget>;
  profiles: SectionWrites<ProfileTarget>;
  clients: SectionWrites<ClientTarget>;
}

export function emptyWrites<T>(): SectionWrites<T> {
  return { create: [], update: [], delete: [], unchanged: 0 };
}

/** Puts a target among the creates, the updates or the unchanged, comparing it with the stored row. */
export function classify<T extends Target, R extends { id: number }>(
  writes: SectionWrites<T>,
  target: T,
  stored: R | undefined,
  describeStored: (stored: R) => Omit<T, 'id'>,
): void {
  if (!stored) writes.create.push(target);
  else if (same(describeStored(stored), withoutId(target))) writes.unchanged += 1;
  else writes.update.push(Object.assign(target, { id: stored.id }));
}

function withoutId<T extends Target>(target: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = target;
  return rest;
}

/** Field by field; nested values (rules, durations) are built with their keys in the same order. */
function same(a: object, b: object): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    return (
      x === y || (typeof x === 'object' && typeof y === 'object' && JSON.stringify(x) === JSON.stringify(y))
    );
  });
}
