import type { Knex } from 'knex';
import type { DurationUnit } from '../../../shared/duration';
import type { RuleKind } from '../../../shared/views';
import { runwayDaysSql } from '../../clients/runway-sql';

export interface ClientForPreview {
  name: string;
  billingEmail: string | null;
  balance: number;
  credit: number;
  currency: { id: number; code: string; rateE8: number | null };
  resellerName: string;
  resellerEmail: string;
  /** Whole days of runway left, null when unknown. */
  runwayDays: number | null;
  profile: {
    id: number;
    name: string;
    maxQty: number;
    currency: { id: number; code: string; rateE8: number | null };
  } | null;
  rule: {
    threshold: number | null;
    inactivity: { value: number; unit: DurationUnit } | null;
    count: number;
  } | null;
}

const nullable = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** A client with its profile and that profile's (first) rule of `kind`, for a template preview. */
export async function loadClientForPreview(
  db: Knex,
  clientId: number,
  kind: RuleKind,
  now: number,
): Promise<ClientForPreview | undefined> {
  const [row] = await db.raw<Record<string, string | number | null>[]>(
    `SELECT c.name, c.billing_email, c.balance, c.credit, cc.id AS currency_id, cc.code AS currency_code,
       cc.rate_e8, s.name AS reseller_name, s.email AS reseller_email,
       p.id AS profile_id, p.name AS profile_name, p.max_qty, pc.id AS profile_currency_id,
       pc.code AS profile_currency_code, pc.rate_e8 AS profile_rate_e8,
       r.id AS rule_id, r.threshold, r.inactivity_value, r.inactivity_unit, coalesce(rs.count, 0) AS count,
       ${runwayDaysSql('c', ':now')} AS runway_days
     FROM clients c
     JOIN currencies cc ON cc.id = c.currency_id
     JOIN resellers s ON s.id = c.reseller_id
     LEFT JOIN profiles p ON p.id = c.profile_id
     LEFT JOIN currencies pc ON pc.id = p.currency_id
     LEFT JOIN rules r ON r.id = (
       SELECT id FROM rules WHERE profile_id = p.id AND kind = :kind ORDER BY position LIMIT 1)
     LEFT JOIN rule_state rs ON rs.client_id = c.id AND rs.rule_id = r.id
     WHERE c.id = :clientId`,
    { clientId, kind, now },
  );
  if (!row) return undefined;
  return {
    name: String(row.name),
    billingEmail: row.billing_email === null ? null : String(row.billing_email),
    balance: Number(row.balance),
    credit: Number(row.credit),
    currency: { id: Number(row.currency_id), code: String(row.currency_code), rateE8: nullable(row.rate_e8) },
    resellerName: String(row.reseller_name),
    resellerEmail: String(row.reseller_email),
    runwayDays: nullable(row.runway_days),
    profile:
      row.profile_id === null
        ? null
        : {
            id: Number(row.profile_id),
            name: String(row.profile_name),
            maxQty: Number(row.max_qty),
            currency: {
              id: Number(row.profile_currency_id),
              code: String(row.profile_currency_code),
              rateE8: nullable(row.profile_rate_e8),
            },
          },
    rule:
      row.rule_id === null
        ? null
        : {
            threshold: nullable(row.threshold),
            inactivity:
              row.inactivity_value === null || row.inactivity_unit === null
                ? null
                : { value: Number(row.inactivity_value), unit: row.inactivity_unit as DurationUnit },
            count: Number(row.count),
          },
  };
}
