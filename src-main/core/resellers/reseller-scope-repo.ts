import type { Knex } from 'knex';
import type { FieldIssue } from '../../shared/errors';

/** What a reseller owns under a name of its own, in a currency of its own. */
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
