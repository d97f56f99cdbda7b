import type { Knex } from 'knex';
import type { FieldIssue } from '../../shared/errors';
import type { ResellerAndCurrency } from '../../shared/views';

/**
 * Clients and profiles each belong to a reseller, which names them uniquely,
 * and keep their amounts in a currency.
 */
const NOUNS = { clients: 'client', profiles: 'profile' } as const;

/**
 * The problems with a client's or a profile's reseller, name and currency:
 * the reseller and the currency must exist, and the reseller may hold only
 * one record of that name (`name` is COLLATE NOCASE, so case-insensitively).
 * `selfId` is the record being edited, which may keep its own name.
 */
export async function resellerScopeIssues(
  trx: Knex.Transaction,
  table: keyof typeof NOUNS,
  record: { name: string; resellerId: number; currencyId: number },
  selfId?: number,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (!(await trx('resellers').where({ id: record.resellerId }).first('id'))) {
    issues.push({ path: 'resellerId', message: 'Reseller does not exist; choose another' });
  } else {
    const clash = await trx(table).where({ reseller_id: record.resellerId, name: record.name }).first('id');
    if (clash && clash.id !== selfId) {
      issues.push({
        path: 'name',
        message: `This reseller already has a ${NOUNS[table]} named "${record.name}"`,
      });
    }
  }
  if (!(await trx('currencies').where({ id: record.currencyId }).first('id'))) {
    issues.push({ path: 'currencyId', message: 'Currency does not exist; choose another' });
  }
  return issues;
}

/** The reseller and currency columns a client or profile query joins in. */
export interface ResellerAndCurrencyRow {
  reseller_id: number;
  reseller_name: string;
  currency_id: number;
  currency_code: string;
}

export function toResellerAndCurrency(row: ResellerAndCurrencyRow): ResellerAndCurrency {
  return {
    resellerId: row.reseller_id,
    resellerName: row.reseller_name,
    currencyId: row.currency_id,
    currencyCode: row.currency_code,
  };
}
