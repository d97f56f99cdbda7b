import type { Knex } from 'knex';
import { formatDuration, type DurationUnit } from '../../shared/duration';
import { displayAmount } from '../../shared/money';
import type { HeldBackRow, MatchCondition } from '../../shared/schemas/notification';
import type { RuleKind } from '../../shared/views';
import { runwayDaysSql } from '../clients/runway-sql';

/**
 * What a preview says about each match (SPEC §7): which of its rule's
 * conditions held, and for a match that sends nothing, why. Read from the
 * check's temp tables (`evaluation-repo.ts`) after the same evaluation a check runs.
 */

interface ExplainedRow {
  client_id: number;
  client_name: string;
  rule_id: number;
  kind: RuleKind;
  threshold: number | null;
  inactivity_value: number | null;
  inactivity_unit: DurationUnit | null;
  rule_runway_days: number | null;
  last_active_at: number;
  runway_days: number | null;
  count_before: number;
  within_quota: number;
  outranked: number;
  has_recipient: number;
  currency_id: number;
  balance: number;
  credit: number;
}

/** The client of a match, for its available balance in the profile's currency. */
export interface MatchedClient {
  currencyId: number;
  balance: number;
  credit: number;
}

const HAS_RECIPIENT = `EXISTS (SELECT 1 FROM temp.eval_address a
  WHERE a.client_id = m.client_id AND a.rule_id = m.rule_id AND a.problem IS NULL)`;

/** The matches of the evaluation (those that send, or those that do not), in client name order. */
async function readExplained(
  trx: Knex.Transaction,
  now: number,
  sending: boolean,
  limit: number,
): Promise<ExplainedRow[]> {
  return trx.raw<ExplainedRow[]>(
    `SELECT m.client_id, c.name AS client_name, m.rule_id, r.kind, r.threshold, r.inactivity_value,
       r.inactivity_unit, r.runway_days AS rule_runway_days, coalesce(c.last_charge_at, c.created_at) AS last_active_at,
       CASE WHEN r.runway_days IS NULL THEN NULL ELSE ${runwayDaysSql('c', ':now')} END AS runway_days,
       m.count_before, m.within_quota, m.outranked, ${HAS_RECIPIENT} AS has_recipient,
       c.currency_id, c.balance, c.credit
     FROM temp.eval_match m JOIN clients c ON c.id = m.client_id JOIN rules r ON r.id = m.rule_id
     WHERE ${sending ? '' : 'NOT'} (m.within_quota = 1 AND ${HAS_RECIPIENT})
     ORDER BY c.name, c.id, r.kind, r.position LIMIT :limit`,
    { now, limit },
  );
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** The conditions of the row's rule, each as it held (a match holds them all). */
function conditionsOf(
  row: ExplainedRow,
  available: string,
  currencyCode: string,
  now: number,
): MatchCondition[] {
  const conditions: MatchCondition[] = [];
  if (row.threshold !== null) {
    conditions.push({
      condition: 'threshold',
      text: `Available ${available} is below the Threshold of ${displayAmount(row.threshold, currencyCode)}`,
    });
  }
  if (row.inactivity_value !== null && row.inactivity_unit !== null) {
    const idle = Math.floor((now - row.last_active_at) / 86_400_000);
    const needs = formatDuration({ value: row.inactivity_value, unit: row.inactivity_unit });
    conditions.push({
      condition: 'inactivity',
      text: `No charge for ${idle >= 1 ? `${days(idle)}` : 'less than a day'}, at least the Inactivity of ${needs}`,
    });
  }
  if (row.rule_runway_days !== null && row.runway_days !== null) {
    conditions.push({
      condition: 'runway',
      text: `Runs out in ≈ ${days(row.runway_days)}, within the Runway of ${days(row.rule_runway_days)}`,
    });
  }
  return conditions;
}

/** Why a match sends nothing: the first that applies. */
function heldBackReason(row: ExplainedRow, maxQty: number): Pick<HeldBackRow, 'reason' | 'reasonText'> {
  if (row.outranked) {
    return { reason: 'outranked', reasonText: 'A more urgent rule matched (Only the most urgent rule)' };
  }
  if (!row.within_quota) {
    return {
      reason: 'max_qty',
      reasonText: `Max Qty reached: ${row.count_before} of ${maxQty} sent since the last refill`,
    };
  }
  return { reason: 'no_recipient', reasonText: 'No usable recipient' };
}

/**
 * The conditions that held for the first sending matches (by "client:rule"),
 * and the first matches that send nothing, with why. `availableOf` shows a
 * client's available balance in the profile's currency.
 */
export async function explainMatches(
  trx: Knex.Transaction,
  params: {
    now: number;
    limit: number;
    currencyCode: string;
    maxQty: number;
    availableOf: (client: MatchedClient) => string;
  },
): Promise<{ sending: Map<string, MatchCondition[]>; heldBack: HeldBackRow[] }> {
  const explain = (row: ExplainedRow) =>
    conditionsOf(
      row,
      params.availableOf({ currencyId: row.currency_id, balance: row.balance, credit: row.credit }),
      params.currencyCode,
      params.now,
    );
  const sending = new Map<string, MatchCondition[]>();
  for (const row of await readExplained(trx, params.now, true, params.limit)) {
    sending.set(`${row.client_id}:${row.rule_id}`, explain(row));
  }
  const heldBack = (await readExplained(trx, params.now, false, params.limit)).map((row): HeldBackRow => ({
    clientId: row.client_id,
    clientName: row.client_name,
    ruleId: row.rule_id,
    ruleKind: row.kind,
    conditions: explain(row),
    ...heldBackReason(row, params.maxQty),
  }));
  return { sending, heldBack };
}
