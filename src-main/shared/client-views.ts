import type { Duration } from './duration';
import type { Page, ProfileView, ResellerAndCurrency, RuleKind } from './views';

/** Shapes of clients and balance events as the core returns them. Amounts are units of 1/10,000. */

/**
 * Where the client stands against its profile:
 * `low` — available balance below an on-rule threshold; `ok` — not below any;
 * `no_rate` — the amounts cannot be compared (a currency has no rate);
 * `no_profile` — nothing watches this client.
 */
export type BalanceState = 'low' | 'ok' | 'no_rate' | 'no_profile';

export interface ClientRowView extends ResellerAndCurrency {
  id: number;
  name: string;
  billingEmail: string | null;
  balance: number;
  credit: number;
  /** balance + credit, in the client's currency. */
  available: number;
  profileId: number | null;
  profileName: string | null;
  lastChargeAt: number | null;
  active: boolean;
  balanceState: BalanceState;
  /** For `no_rate`: the code of the currency without a rate. */
  missingRateCode: string | null;
  createdAt: number;
}

/** The available balance in the profile's currency, when the two currencies differ. */
export type ConversionView =
  | {
      ok: true;
      currencyCode: string;
      available: number;
      /** Rates (× 10^8, units per base unit) used: the client's and the profile's currency. */
      fromRateE8: number;
      toRateE8: number;
    }
  | { ok: false; currencyCode: string; message: string };

export interface RuleStatusView {
  ruleId: number;
  kind: RuleKind;
  /** "User Notification", "Client Notification", "Advanced rule 1", … */
  label: string;
  /** Null for a Runway-only advanced rule. */
  threshold: number | null;
  inactivity: Duration | null;
  /** The Runway condition in whole days, null = none. */
  runwayDays: number | null;
  matches: boolean;
  /** Why it matches or not, in words. */
  reason: string;
  /** Notifications sent since the last refill. */
  sent: number;
  lastNotifiedAt: number | null;
}

export type BalanceEventKind = 'payment' | 'charge' | 'adjustment';

export interface BalanceEventView {
  id: number;
  at: number;
  kind: BalanceEventKind;
  /** The signed change of the balance: a charge is negative. */
  amount: number;
  balanceAfter: number;
  note: string | null;
}

export interface BalancePoint {
  at: number;
  balance: number;
}

export interface ClientPageView {
  client: ClientRowView;
  conversion: ConversionView | null;
  profile: ProfileView | null;
  /** The profile's rules that are on, with whether the client matches each now. */
  rules: RuleStatusView[];
  /** Burn rate and runway (SPEC §7) in the client's currency, null while unknown. */
  runway: { days: number; burnPerDay: number } | null;
  /** When the client last counted as active for advanced rules (last charge, else creation). */
  inactiveSince: number;
  /** Balance over the last 90 days: the opening point, then one point per change (or per day when many). */
  series: BalancePoint[];
  events: Page<BalanceEventView>;
  /** What goes with the client when it is deleted. */
  notificationCount: number;
}

export interface BalanceChangeResult {
  event: BalanceEventView;
  /** Whether the event raised the balance, so the rule counters were reset. */
  refill: boolean;
}
