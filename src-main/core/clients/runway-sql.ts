import type { Knex } from 'knex';

/**
 * Burn rate and runway (SPEC §7) as SQL over the balance events, so a check
 * evaluates them for all of a profile's clients in its own statements:
 *
 * - burn rate = the charges of the last 28 days ÷ 28 (days without a charge
 *   count as zero); payments and adjustments never count;
 * - unknown with fewer than 7 days since the client's first event (or its
 *   creation, whichever is earlier) or fewer than 3 distinct (UTC) days with
 *   a charge in the window;
 * - runway = available balance ÷ burn rate, in days; 0 when the available
 *   balance is ≤ 0.
 *
 * Charges are stored with a negative signed amount, so the window's burn is
 * `-sum(amount)`. Comparisons stay in integers: runway ≤ N days ⇔
 * available × 28 ≤ N × burn of the window. `now` is an SQL expression (a
 * bound parameter such as `:now`, or an integer literal).
 */
export const BURN_WINDOW_DAYS = 28;
export const MIN_HISTORY_DAYS = 7;
export const MIN_CHARGE_DAYS = 3;
const DAY_MS = 86_400_000;

const available = (c: string) => `(${c}.balance + ${c}.credit)`;

/** Whether the client has been known long enough for its burn rate to mean something. */
function longEnoughSql(c: string, now: string): string {
  return `coalesce((SELECT min(e.at) FROM balance_events e WHERE e.client_id = ${c}.id AND e.at < ${c}.created_at),
      ${c}.created_at) <= ${now} - ${MIN_HISTORY_DAYS * DAY_MS}`;
}

/** The window's charges of client `c`, as one aggregate row kept only when they give a burn rate. */
function chargeWindowSql(c: string, now: string, select: string, having = ''): string {
  return `(SELECT ${select} FROM balance_events e
      WHERE e.client_id = ${c}.id AND e.kind = 'charge'
        AND e.at > ${now} - ${BURN_WINDOW_DAYS * DAY_MS} AND e.at <= ${now}
      GROUP BY e.client_id
      HAVING count(DISTINCT e.at / ${DAY_MS}) >= ${MIN_CHARGE_DAYS} AND sum(e.amount) < 0${having})`;
}

/** Whole days of runway left (rounded down), NULL when the burn rate is unknown. */
export function runwayDaysSql(c: string, now: string): string {
  const days = `CASE WHEN ${available(c)} <= 0 THEN 0
      ELSE (${available(c)} * ${BURN_WINDOW_DAYS}) / -sum(e.amount) END`;
  return `(CASE WHEN ${longEnoughSql(c, now)} THEN ${chargeWindowSql(c, now, days)} END)`;
}

/** Whether the runway is known and at most `days` (an SQL expression of whole days). */
export function runwayWithinSql(c: string, now: string, days: string): string {
  const within = ` AND ${available(c)} * ${BURN_WINDOW_DAYS} <= ${days} * -sum(e.amount)`;
  return `(${longEnoughSql(c, now)} AND EXISTS ${chargeWindowSql(c, now, '1', within)})`;
}

export interface Runway {
  /** The charges of the window, in units of the client's currency. */
  windowBurn: number;
  /** Units of the client's currency per day (rounded down). */
  burnPerDay: number;
  /** Whole days left (rounded down). */
  days: number;
}

/** Whether a known runway is at most `days` whole days, exactly as `runwayWithinSql` decides it. */
export function runwayWithin(runway: Runway | null, available: number, days: number): boolean {
  if (!runway) return false;
  return BigInt(available) * BigInt(BURN_WINDOW_DAYS) <= BigInt(days) * BigInt(runway.windowBurn);
}

/** One client's burn rate and runway, or null when unknown. */
export async function readRunway(db: Knex, clientId: number, now: number): Promise<Runway | null> {
  const [row] = await db.raw<{ days: number | null; burn: number | null }[]>(
    `SELECT ${runwayDaysSql('c', ':now')} AS days,
       ${chargeWindowSql('c', ':now', '-sum(e.amount)')} AS burn
     FROM clients c WHERE c.id = :clientId`,
    { now, clientId },
  );
  if (!row || row.days === null || row.burn === null) return null;
  const windowBurn = Number(row.burn);
  return { days: Number(row.days), windowBurn, burnPerDay: Math.floor(windowBurn / BURN_WINDOW_DAYS) };
}
