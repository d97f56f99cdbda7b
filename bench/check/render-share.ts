import { openDatabase } from '../../src-main/core/db/open-database';
import { silentLogger } from '../../src-main/core/logger';
import { loadCompiledTemplates } from '../../src-main/core/mail/templates/compiled-templates';
import { renderMail } from '../../src-main/core/mail/templates/template-engine';
import { templateValues } from '../../src-main/core/mail/templates/template-values';
import type { DurationUnit } from '../../src-main/shared/duration';
import type { RuleKind } from '../../src-main/shared/views';
import { timed } from '../report/timing';

interface QueuedMatch {
  client: string;
  billing_email: string | null;
  client_currency: string;
  reseller: string;
  reseller_email: string;
  profile_name: string;
  currency_code: string;
  rule_kind: RuleKind;
  balance: number;
  credit: number;
  available: number;
  threshold: number;
  count: number;
  max_qty: number;
  inactivity_value: number | null;
  inactivity_unit: DurationUnit | null;
}

/**
 * What rendering costs on its own: one e-mail (subject, text and HTML body)
 * per (client, rule) the check queued, through the app's templates, with the
 * facts the check had. Reading the facts is not timed. This is part of the
 * check that the floor (baseline B) does not do.
 */
export async function timeRenderingAlone(file: string): Promise<{ ms: number; rendered: number }> {
  const db = await openDatabase({ file });
  try {
    const templates = await loadCompiledTemplates(db, silentLogger);
    const matches: QueuedMatch[] = await db.raw(
      `SELECT c.name AS client, c.billing_email, cc.code AS client_currency, s.name AS reseller,
         s.email AS reseller_email, n.profile_name, n.currency_code, n.rule_kind, c.balance, c.credit,
         n.available, n.threshold, n.count, p.max_qty, r.inactivity_value, r.inactivity_unit
       FROM notifications n
       JOIN clients c ON c.id = n.client_id JOIN currencies cc ON cc.id = c.currency_id
       JOIN resellers s ON s.id = c.reseller_id JOIN profiles p ON p.id = n.profile_id JOIN rules r ON r.id = n.rule_id
       GROUP BY n.client_id, n.rule_id`,
    );
    const { ms } = await timed(() => {
      for (const match of matches) {
        renderMail(
          templates[match.rule_kind],
          templateValues({
            clientName: match.client,
            clientEmail: match.billing_email,
            clientCurrencyCode: match.client_currency,
            resellerName: match.reseller,
            resellerEmail: match.reseller_email,
            profileName: match.profile_name,
            profileCurrencyCode: match.currency_code,
            ruleKind: match.rule_kind,
            balance: match.balance,
            credit: match.credit,
            available: match.available,
            threshold: match.threshold,
            count: match.count,
            maxQty: match.max_qty,
            inactivity:
              match.inactivity_value === null || match.inactivity_unit === null
                ? null
                : { value: match.inactivity_value, unit: match.inactivity_unit },
            runwayDays: null,
          }),
        );
      }
    });
    return { ms, rendered: matches.length };
  } finally {
    await db.destroy();
  }
}
