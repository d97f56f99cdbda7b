import { convertAmount } from '../../shared/money';

/**
 * The one definition of a client's available balance, of "low", and of when a
 * rule matches (SPEC §3). The clients list, the client page and the
 * notification engine all use these, so they never disagree.
 */

export interface RatedCurrency {
  id: number;
  code: string;
  /** Units per 1 base unit × 10^8; null = no rate. */
  rateE8: number | null;
}

export type Converted = { ok: true; value: number } | { ok: false; missingRateCode: string; message: string };

/** Converts an amount of the client's currency into the profile's; a missing rate is reported, not thrown. */
export function convertInto(units: number, from: RatedCurrency, to: RatedCurrency): Converted {
  if (from.id === to.id) return { ok: true, value: units };
  if (from.rateE8 === null) return noRate(from.code);
  if (to.rateE8 === null) return noRate(to.code);
  return { ok: true, value: convertAmount(units, from.rateE8, to.rateE8) };
}

function noRate(code: string): Converted {
  return { ok: false, missingRateCode: code, message: `no rate for ${code}` };
}

/** Available balances of magnitude beyond this cannot exist (balance and credit are each ≤ 10^15 units). */
const BOUND_LIMIT = BigInt(Number.MAX_SAFE_INTEGER);

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/**
 * The smallest amount in the client's currency whose conversion into the
 * profile's currency is not below `threshold`: so "converted available <
 * threshold" is exactly "available < lowBound(...)". This lets SQL filter on
 * `balance + credit` without converting (and without rounding) per row.
 *
 * convertAmount rounds half away from zero, so round(x) ≥ t holds when
 * x ≥ t − ½ for t ≥ 1, and when x > t − ½ for t ≤ 0 (x = a·to/from).
 */
export function lowBound(threshold: number, fromRateE8: number, toRateE8: number): number {
  if (fromRateE8 === toRateE8) return threshold;
  const numerator = (2n * BigInt(threshold) - 1n) * BigInt(fromRateE8);
  const denominator = 2n * BigInt(toRateE8);
  const bound =
    threshold >= 1
      ? -floorDiv(-numerator, denominator) // ceil
      : floorDiv(numerator, denominator) + 1n;
  if (bound > BOUND_LIMIT) return Number(BOUND_LIMIT);
  if (bound < -BOUND_LIMIT) return -Number(BOUND_LIMIT);
  return Number(bound);
}

/** When the client last counted as active for advanced rules: its last charge, else its creation (SPEC §3). */
export function inactiveSince(client: { lastChargeAt: number | null; createdAt: number }): number {
  return client.lastChargeAt ?? client.createdAt;
}

export interface RuleCondition {
  /** In the profile's currency; null = no threshold condition (a Runway-only rule). */
  threshold: number | null;
  /** Advanced rules only; null for user and client rules. */
  inactivitySeconds: number | null;
}

/**
 * The threshold and inactivity conditions of a rule that is on (`ruleIsOn`):
 * the available balance (in the profile's currency) is below its threshold,
 * if it sets one, and, for an advanced rule with an Inactivity, the client has
 * had no charge for at least that long. The Runway condition is `runwayWithin`.
 */
export function ruleMatches(
  rule: RuleCondition,
  availableInProfileCurrency: number,
  lastActiveAt: number,
  now: number,
): boolean {
  if (rule.threshold !== null && availableInProfileCurrency >= rule.threshold) return false;
  return rule.inactivitySeconds === null || lastActiveAt <= now - rule.inactivitySeconds * 1000;
}
