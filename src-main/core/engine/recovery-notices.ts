import type { CoreContext } from '../context';
import { loadCompiledTemplates } from '../mail/templates/compiled-templates';
import { queueMatches } from './check-profile';
import {
  clearDueRecoveries,
  insertDueRecoveries,
  loadCurrencyRates,
  loadProfileForCheck,
  prepareEvaluationTables,
  profilesOwingRecoveries,
} from './evaluation-repo';
import { insertRecipients, skipUnusableAddresses } from './recipient-repo';

/**
 * Queues the "balance restored" messages refills owe (SPEC §7): one per
 * recipient of each rule whose count a refill reset from above 0, rendered
 * with the `recovery` template, kind `recovery`, held by quiet hours like any
 * notice. The refill marks them in its own transaction (`balance-repo.ts`);
 * the scheduler sends them before each dispatch. Returns how many were queued.
 */
export async function queueRecoveryNotices(ctx: CoreContext): Promise<number> {
  const profileIds = await profilesOwingRecoveries(ctx.db);
  if (profileIds.length === 0) return 0;
  const templates = await loadCompiledTemplates(ctx.db, ctx.log);
  let queued = 0;
  for (const profileId of profileIds) {
    queued += await ctx.db.transaction(async (trx) => {
      const profile = await loadProfileForCheck(trx, profileId);
      if (!profile) return 0;
      const rates = await loadCurrencyRates(trx);
      await prepareEvaluationTables(trx);
      await insertDueRecoveries(trx, profile);
      await insertRecipients(trx);
      await skipUnusableAddresses(trx);
      const evaluation = { profile, rules: [], currencies: new Map(rates.map((rate) => [rate.id, rate])) };
      const count = await queueMatches(trx, evaluation, templates, {
        checkId: null,
        now: ctx.now(),
        checkpoint: () => Promise.resolve(),
        kind: 'recovery',
      });
      await clearDueRecoveries(trx, profileId);
      return count;
    });
  }
  if (queued > 0) ctx.log.info('recovery notices queued', { queued });
  return queued;
}
