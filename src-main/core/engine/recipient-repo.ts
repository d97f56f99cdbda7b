import type { Knex } from 'knex';
import { kindsWhere, sqlKindList } from '../../shared/rule-kinds';

/*
 * Recipient resolution of a check, set-based: from the matches in
 * `temp.eval_match` (see `evaluation-repo.ts`) to the de-duplicated targets
 * per (client, rule) in `temp.eval_address`, and the unusable ones reported.
 */

/** Who each kind's Notify and Users send to, as the kinds' descriptions say. */
const NOTIFY_RESELLER_KINDS = sqlKindList(kindsWhere((k) => k.recipients.notify === 'resellerEmail'));
const NOTIFY_BILLING_KINDS = sqlKindList(kindsWhere((k) => k.recipients.notify === 'billingEmail'));
const USER_RECIPIENT_KINDS = sqlKindList(kindsWhere((k) => k.recipients.users));

/**
 * The recipients of every match that may send, per SPEC §3 and each kind's
 * `recipients` description: Notify → the reseller's e-mail or the Billing
 * Email, the chosen users where the kind has them, + Emails. De-duplicated per
 * (client, rule) without regard to case; unusable addresses are kept with
 * their problem so they can be reported.
 */
export async function insertRecipients(trx: Knex.Transaction): Promise<void> {
  await trx.raw(
    `INSERT INTO temp.eval_address (client_id, rule_id, address, ord, problem)
     WITH m AS (
       SELECT m.client_id, m.rule_id, r.kind, r.notify
       FROM temp.eval_match m JOIN rules r ON r.id = m.rule_id
       WHERE m.within_quota = 1
     ), candidate (client_id, rule_id, address, ord) AS (
       SELECT m.client_id, m.rule_id, s.email, 1
         FROM m JOIN clients c ON c.id = m.client_id JOIN resellers s ON s.id = c.reseller_id
         WHERE m.kind IN (${NOTIFY_RESELLER_KINDS}) AND m.notify = 1
       UNION ALL
       SELECT m.client_id, m.rule_id, c.billing_email, 1
         FROM m JOIN clients c ON c.id = m.client_id
         WHERE m.kind IN (${NOTIFY_BILLING_KINDS}) AND m.notify = 1
       UNION ALL
       SELECT m.client_id, m.rule_id, u.email, 2
         FROM m JOIN rule_users ru ON ru.rule_id = m.rule_id JOIN users u ON u.id = ru.user_id
         WHERE m.kind IN (${USER_RECIPIENT_KINDS})
       UNION ALL
       SELECT m.client_id, m.rule_id, e.email, 3 + e.position
         FROM m JOIN rule_emails e ON e.rule_id = m.rule_id
     ), cleaned AS (
       SELECT client_id, rule_id, trim(coalesce(address, '')) AS address, ord FROM candidate
     )
     SELECT client_id, rule_id, address, min(ord),
       CASE WHEN address = '' THEN 'missing' WHEN lowbal_is_email(address) = 0 THEN 'invalid' END
     FROM cleaned
     GROUP BY client_id, rule_id, lower(address)`,
  );
}

/** Reports the unusable addresses of matches that may send. */
export async function skipUnusableAddresses(trx: Knex.Transaction): Promise<void> {
  await trx.raw(
    `INSERT INTO temp.eval_skip (client_id, rule_id, reason, address)
     SELECT a.client_id, a.rule_id,
       CASE a.problem WHEN 'missing' THEN 'no Billing Email' ELSE 'invalid e-mail address' END,
       NULLIF(a.address, '')
     FROM temp.eval_address a WHERE a.problem IS NOT NULL
     ORDER BY a.client_id, a.rule_id, a.ord`,
  );
}
